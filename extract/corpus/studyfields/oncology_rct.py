"""Windisch et al.: oncology RCT abstracts labelled positive / negative (primary endpoint met?)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from extract.corpus.model import Corpus, CorpusDocument, Passage
from extract.corpus.registry import readers

CSV_NAME = "trials_with_predictions_cleaned.csv"


@readers.register("oncology-rct-positive-negative")
def read_oncology_rct(path: Path, **_options) -> Corpus:
    """All 250 trials in one split `all` (no official split); id = DOI.

    `labels["primary_endpoint"]` is `positive` or `negative` (the adjudicated human label); the LLM
    response columns of the file are model outputs and are not read.
    """
    csv.field_size_limit(sys.maxsize)
    with (Path(path) / CSV_NAME).open(newline="", encoding="utf-8") as handle:
        docs = [_document(row) for row in csv.DictReader(handle)]
    return Corpus(name="oncology-rct-positive-negative", splits={"all": docs})


def _document(row: dict[str, str]) -> CorpusDocument:
    title = row["title"]
    passages = [Passage("title", 0, title), Passage("abstract", len(title) + 1, row["abstract"])]
    labels = {
        "primary_endpoint": row["Annotation_accept"].strip().lower(),
        "annotators_disagreed": float(row["Annotation_disagreement"] or 0) == 1.0,
        "journal": row["journal"],
    }
    return CorpusDocument(id=row["doi"], passages=passages, labels=labels)
