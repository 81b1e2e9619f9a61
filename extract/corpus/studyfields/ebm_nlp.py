"""EBM-NLP (PICO spans in RCT abstracts), SciBERT's CoNLL copy: token-level P/I/O tags, IO scheme."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from extract.corpus.model import Corpus, CorpusDocument, Mention, Passage
from extract.corpus.registry import readers
from extract.corpus.studyfields.splits import hash_split
from extract.pico import PICO_LABELS

TAG_TYPES = dict(zip(("I-PAR", "I-INT", "I-OUT"), PICO_LABELS))
"""Source tag -> mention type; every other tag (`O`) is outside."""
DEV_PERCENT = 15
"""SHA-1(PMID) buckets 0-14 of `dev.txt` -> `dev` (held out for model selection), 15-99 -> `train`."""
DOCSTART = "-DOCSTART-"

Sentence = list[tuple[str, str]]


@readers.register("ebm-nlp-pico")
def read_ebm_nlp(path: Path, **_options) -> Corpus:
    """A folder: `dev.txt` (crowd labels) split by PMID into `train`/`dev`, `test.txt` (expert labels) = `test`.
    A single file: all its abstracts in one split `all`.

    Text = tokens joined by single spaces, sentences by newlines. Mentions are the maximal runs of one
    tag inside a sentence; `labels["tokens"]` holds every token's (start, end), for token-level scoring.
    """
    path = Path(path)
    if path.is_file():
        return Corpus(name="ebm-nlp-pico", splits={"all": list(read_conll(path))})
    splits: dict[str, list[CorpusDocument]] = {"train": [], "dev": [], "test": []}
    for doc in read_conll(path / "dev.txt"):
        splits[hash_split(doc.id, DEV_PERCENT)].append(doc)
    splits["test"] = list(read_conll(path / "test.txt"))
    return Corpus(name="ebm-nlp-pico", splits=splits)


def read_conll(path: Path) -> Iterator[CorpusDocument]:
    """The abstracts of one `TOKEN POS CHUNK TAG` file, in file order."""
    doc_id: str | None = None
    sentences: list[Sentence] = [[]]
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.split()
            if fields and fields[0] == DOCSTART:
                if doc_id is not None:
                    yield document(doc_id, sentences)
                doc_id, sentences = fields[1].strip("()"), [[]]
            elif not fields:
                if sentences[-1]:
                    sentences.append([])
            else:
                sentences[-1].append((fields[0], fields[-1]))
    if doc_id is not None:
        yield document(doc_id, sentences)


def document(doc_id: str, sentences: list[Sentence]) -> CorpusDocument:
    """One abstract from its tagged sentences."""
    tokens: list[tuple[int, int]] = []
    runs: list[tuple[int, int, str]] = []
    offset = 0
    for sentence in (s for s in sentences if s):
        previous: str | None = None
        for token, tag in sentence:
            start, end = offset, offset + len(token)
            tokens.append((start, end))
            kind = TAG_TYPES.get(tag)
            if kind is not None and kind == previous:
                runs[-1] = (runs[-1][0], end, kind)
            elif kind is not None:
                runs.append((start, end, kind))
            previous, offset = kind, end + 1
    text = "\n".join(" ".join(token for token, _ in s) for s in sentences if s)
    mentions = [Mention(start, end, text[start:end], kind) for start, end, kind in runs]
    return CorpusDocument(doc_id, [Passage("abstract", 0, text)], mentions, labels={"tokens": tokens})
