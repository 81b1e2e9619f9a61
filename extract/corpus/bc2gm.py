"""BioCreative II gene mention format: `*.in` sentences, `GENE.eval` mentions, `ALTGENE.eval` alternatives.

    train.in:     P00001606T0076 Comparison with alkaline phosphatases and 5-nucleotidase
    GENE.eval:    P00001606T0076|14 33|alkaline phosphatases

Offsets count non-whitespace characters, the end one inclusive; they are converted to ordinary
character offsets (end exclusive). Alternatives go to `labels["alternatives"]` as Mentions.
"""

from __future__ import annotations

from pathlib import Path

from extract.corpus.errors import CorpusFormatError
from extract.corpus.files import read_text
from extract.corpus.harmonize import harmonize_corpus
from extract.corpus.model import Corpus, CorpusDocument, Mention, Passage
from extract.corpus.registry import readers

GENE_FILE = "GENE.eval"
ALTERNATIVES_FILE = "ALTGENE.eval"


def parse_sentences(lines: list[str], source: str) -> list[CorpusDocument]:
    """One document per `ID text` line."""
    documents = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        doc_id, space, text = line.rstrip("\r\n").partition(" ")
        if not space:
            raise CorpusFormatError(source, number, f"expected `ID sentence`, got {line[:80]!r}")
        documents.append(CorpusDocument(id=doc_id, passages=[Passage(kind="sentence", offset=0, text=text)]))
    return documents


def parse_mentions(lines: list[str], texts: dict[str, str], source: str, type_name: str = "GENE") -> dict[str, list[Mention]]:
    """Mentions of `ID|start end|text` lines, by sentence ID, with character offsets."""
    found: dict[str, list[Mention]] = {}
    positions: dict[str, list[int]] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        fields = line.rstrip("\r\n").split("|", 2)
        try:
            doc_id, (first, last) = fields[0], map(int, fields[1].split())
        except (IndexError, ValueError):
            raise CorpusFormatError(source, number, f"expected `ID|start end|text`, got {line[:80]!r}") from None
        if doc_id not in texts:
            raise CorpusFormatError(source, number, f"sentence {doc_id!r} is not in the sentence file")
        if doc_id not in positions:
            positions[doc_id] = [i for i, char in enumerate(texts[doc_id]) if not char.isspace()]
        index = positions[doc_id]
        if not 0 <= first <= last < len(index):
            raise CorpusFormatError(source, number, f"offsets {first} {last} outside sentence {doc_id} ({len(index)} non-space characters)")
        attrs = {"source_type": type_name, "source_id": None, "nonspace_offsets": [first, last]}
        text = fields[2] if len(fields) > 2 else ""
        found.setdefault(doc_id, []).append(Mention(index[first], index[last] + 1, text, type_name, attrs=attrs))
    return found


def read_bc2gm_folder(folder: Path, issues: list[str] | None = None) -> list[CorpusDocument]:
    """The sentences of the one `*.in` file in `folder`, with GENE and (if present) ALTGENE mentions."""
    inputs = sorted(folder.glob("*.in"))
    if len(inputs) != 1:
        raise CorpusFormatError(folder, None, f"expected one *.in sentence file, found {len(inputs)}")
    documents = parse_sentences(read_text(inputs[0]).splitlines(), str(inputs[0]))
    texts = {document.id: document.passages[0].text for document in documents}
    gene, alternatives = folder / GENE_FILE, folder / ALTERNATIVES_FILE
    mentions = parse_mentions(read_text(gene).splitlines(), texts, str(gene)) if gene.exists() else {}
    alternates = parse_mentions(read_text(alternatives).splitlines(), texts, str(alternatives)) if alternatives.exists() else {}
    if not gene.exists() and issues is not None:
        issues.append(f"{folder}: no {GENE_FILE}; sentences read without mentions")
    for document in documents:
        document.mentions = mentions.get(document.id, [])
        if alternatives.exists():
            document.labels["alternatives"] = alternates.get(document.id, [])
    return documents


@readers.register("bc2gm")
def read_bc2gm(path: Path | str) -> Corpus:
    """A BC2GM folder (or its `.in` file): split `all`; a folder of such folders: a split per folder."""
    path = Path(path)
    folder = path.parent if path.is_file() else path
    corpus = Corpus(name=folder.name)
    if any(folder.glob("*.in")):
        corpus.splits["all"] = read_bc2gm_folder(folder, corpus.issues)
    else:
        for sentences in sorted(folder.rglob("*.in")):
            split = str(sentences.parent.relative_to(folder))
            corpus.splits[split] = read_bc2gm_folder(sentences.parent, corpus.issues)
    return harmonize_corpus(corpus)
