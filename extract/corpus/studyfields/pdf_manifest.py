"""The 37 real PDFs of `../shared/pdfs`: design type and sample size read by a person (`manifest.csv`)."""

from __future__ import annotations

import csv
from pathlib import Path

from extract.bench.design_labels import MANIFEST_TO_DESIGN
from extract.corpus.model import Corpus, CorpusDocument
from extract.corpus.registry import readers
from extract.corpus.studyfields.numbers import parse_count


@readers.register("pdfs")
def read_pdf_manifest(path: Path, **_options) -> Corpus:
    """One document per PDF (id = file name, no text: the pipeline parses `labels["pdf"]`), split `test`.

    `labels["design"]` is our label (`design_scheme` `full`), `labels["sample_size"]` the stated total;
    a trailing "?" in the manifest sets `design_uncertain` / `sample_size_uncertain`.
    """
    folder = Path(path)
    manifest = folder / "manifest.csv" if folder.is_dir() else folder
    with manifest.open(newline="", encoding="utf-8") as handle:
        docs = [_document(row, manifest.parent) for row in csv.DictReader(handle)]
    return Corpus(name="pdfs", splits={"test": docs})


def _document(row: dict[str, str], folder: Path) -> CorpusDocument:
    labels: dict = {"pdf": str(folder / row["file"]), "title": row["title"], "design_scheme": "full"}
    design = row["design_type"].strip()
    if design:
        labels["design"] = MANIFEST_TO_DESIGN[design.rstrip("?")]
        labels["source_label"] = design
        labels["design_uncertain"] = design.endswith("?")
    size = row["sample_size"].strip()
    if size and parse_count(size.rstrip("?")) is not None:
        labels["sample_size"] = parse_count(size.rstrip("?"))
        labels["sample_size_uncertain"] = size.endswith("?")
    return CorpusDocument(id=row["file"], labels=labels)
