"""PICO Corpus (breast-cancer RCT abstracts, brat): participant counts and fine-grained PICO spans."""

from __future__ import annotations

from pathlib import Path

from extract.corpus.brat import parse_brat
from extract.corpus.model import Corpus, CorpusDocument
from extract.corpus.registry import readers
from extract.corpus.studyfields.numbers import parse_count
from extract.corpus.studyfields.splits import hash_split

FILES_DIR = "pico_corpus_brat_annotated_files"
TEST_PERCENT = 20
DEV_PERCENT = 20
"""SHA-1(PMID) bucket 0-19 -> `test`, 20-39 -> `dev`, 40-99 -> `train`. Buckets 0-19 were the `dev` split of
the first two-way split (scored, never read for errors), so they became the held-out test split."""


@readers.register("pico-corpus-breast-cancer")
def read_pico(path: Path, **_options) -> Corpus:
    """All abstracts, split by PMID with `hash_split` (no official split; 20% `test`, 20% `dev`, rest `train`).

    Every brat label becomes a `Mention` type (`total-participants`, `intervention-participants`, ...).
    `labels["sample_size"]` is the first `total-participants` span (in text order) that reads as a whole
    number, `labels["sample_size_all"]` every such value; documents without one have no `sample_size`.
    """
    folder = Path(path)
    if (folder / FILES_DIR).is_dir():
        folder = folder / FILES_DIR
    splits: dict[str, list[CorpusDocument]] = {"train": [], "dev": [], "test": []}
    for txt in sorted(folder.glob("*.txt")):
        doc = _document(txt)
        splits[hash_split(doc.id, DEV_PERCENT, TEST_PERCENT)].append(doc)
    return Corpus(name="pico-corpus-breast-cancer", splits=splits)


def _document(txt: Path) -> CorpusDocument:
    ann = txt.with_suffix(".ann")
    ann_lines = ann.read_text(encoding="utf-8").splitlines() if ann.exists() else []
    doc = parse_brat(txt.stem, txt.read_text(encoding="utf-8"), ann_lines, str(ann))
    doc.mentions.sort(key=lambda m: (m.start, m.end))
    totals = [parse_count(m.text) for m in doc.mentions if m.type == "total-participants"]
    values = [v for v in totals if v is not None]
    if values:
        doc.labels.update(sample_size=values[0], sample_size_all=values)
    return doc
