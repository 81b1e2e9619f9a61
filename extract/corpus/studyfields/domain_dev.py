"""`../shared/domain-dev`: 26 short papers of the seed domain (PRP, exosomes, growth factors for skin),
rendered to PDF, with gold design, randomization and sample sizes in `gold.csv`.

The set ships no split; ours is by paper id (`hash_split(id, dev_percent=60, test_percent=40)`: buckets
0-39 `test`, 40-99 `dev`), fixed before any error was read. Test is scored once per change set.
"""

from __future__ import annotations

import csv
from pathlib import Path

from extract.corpus.model import Corpus, CorpusDocument
from extract.corpus.registry import readers
from extract.corpus.studyfields.numbers import parse_count
from extract.corpus.studyfields.splits import hash_split

DOMAIN_TO_DESIGN: dict[str, str] = {
    "rct": "rct",
    "split-face rct": "rct",
    "non-randomized controlled trial": "nrct",
    "single-arm trial": "single_arm",
    "cohort": "cohort",
    "case-control": "case_control",
    "cross-sectional": "cross_sectional",
    "case series": "case_series",
    "case report": "case_report",
    "systematic review": "systematic_review",
    "meta-analysis": "meta_analysis",
    "narrative review": "narrative_review",
    "preclinical animal": "animal",
    "preclinical in-vitro": "in_vitro",
}
"""`design_type` values of `gold.csv` on our label set (a split-face RCT is an `rct` with `within_subject`)."""

DEV_PERCENT, TEST_PERCENT = 60, 40


@readers.register("domain-dev")
def read_domain_dev(path: Path, **_options) -> Corpus:
    """One document per paper (id = paper id, `labels["pdf"]` its rendered PDF), split `dev` / `test`."""
    folder = Path(path)
    splits: dict[str, list[CorpusDocument]] = {"dev": [], "test": []}
    with (folder / "gold.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            doc = _document(row, folder)
            splits[hash_split(doc.id, DEV_PERCENT, TEST_PERCENT)].append(doc)
    return Corpus(name="domain-dev", splits=splits)


def _document(row: dict[str, str], folder: Path) -> CorpusDocument:
    labels: dict = {
        "pdf": str(folder / "pdfs" / f"{row['id']}.pdf"),
        "title": row["title"],
        "design_scheme": "full",
        "design": DOMAIN_TO_DESIGN[row["design_type"].strip()],
        "source_label": row["design_type"].strip(),
        "randomized": row["randomized"].strip() == "yes",
    }
    for key, column in (("sample_size", "sample_size_enrolled"), ("sample_size_analyzed", "sample_size_analyzed")):
        count = parse_count(row[column].strip())
        if count is not None:
            labels[key] = count
    return CorpusDocument(id=row["id"], labels=labels)
