"""StudyTypeTeller: PubMed abstracts with 14 study-design classes (two independent split versions)."""

from __future__ import annotations

import csv
from pathlib import Path

from extract.bench.design_labels import STUDYTYPETELLER_TO_DESIGN
from extract.corpus.model import Corpus, CorpusDocument, Passage
from extract.corpus.registry import readers

VERSIONS = {"base": "6-2-2_all_classes", "enriched": "6-2-2_all_classes_enriched_with_kw"}
SPLIT_FILES = {"train": "train.csv", "dev": "val.csv", "test": "test.csv"}


@readers.register("studytypeteller-study-design")
def read_studytypeteller(path: Path, version: str = "base", **_options) -> Corpus:
    """One of the two split versions (`base` or `enriched`); never mix them, they overlap across splits.

    `path` is the corpus folder (then `version` picks the version) or one version's folder itself.
    `labels["design"]` is our label (coarse, see `extract.bench.design_labels`), `labels["source_label"]`
    the corpus class and `labels["design_scheme"]` = `studytypeteller`.
    """
    folder = Path(path)
    if not (folder / SPLIT_FILES["test"]).exists():
        folder = folder / "data" / "data_splits_stratified" / VERSIONS[version]
    splits = {split: _read_split(folder / name) for split, name in SPLIT_FILES.items()}
    enriched = folder.name == VERSIONS["enriched"]
    return Corpus(name="studytypeteller-study-design" + ("-enriched" if enriched else ""), splits=splits)


def _read_split(csv_path: Path) -> list[CorpusDocument]:
    with csv_path.open(newline="", encoding="utf-8") as handle:
        return [_document(row) for row in csv.DictReader(handle)]


def _document(row: dict[str, str]) -> CorpusDocument:
    title = row["title"] or ""
    passages = [Passage("title", 0, title), Passage("abstract", len(title) + 1, row["abstract"] or "")]
    label = row["accepted_label"]
    return CorpusDocument(
        id=row["pmid"],
        passages=passages,
        labels={
            "design": STUDYTYPETELLER_TO_DESIGN[label],
            "source_label": label,
            "design_scheme": "studytypeteller",
            "journal": row["journal_name"],
        },
    )
