"""The run's outputs, rebuilt from the per-document store: documents.jsonl, studies.csv, errors.csv."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.batch.atomic import atomic_writer
from extract.batch.store import ResultStore
from extract.pipeline import DUPLICATE, OK

DOCUMENTS = "documents.jsonl"
STUDIES = "studies.csv"
ERRORS = "errors.csv"
ERROR_COLUMNS = ("file", "kind", "message")
CSV_ENCODING = "utf-8-sig"  # the BOM makes Excel read UTF-8


@dataclass
class FileOutcome:
    """What happened to one input file; `row` holds the pipeline's columns for it."""

    file: str
    doc_id: str
    status: str
    message: str = ""
    row: dict[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return self.status not in (OK, DUPLICATE)


def write_outputs(
    out_dir: Path, outcomes: Sequence[FileOutcome], store: ResultStore, columns: Sequence[str]
) -> None:
    """Write the three output files (each atomically) for `outcomes`, in the order given."""
    write_documents(out_dir / DOCUMENTS, outcomes, store)
    write_studies(out_dir / STUDIES, outcomes, columns)
    write_errors(out_dir / ERRORS, outcomes)


def documents_line(outcome: FileOutcome, store: ResultStore) -> str:
    """The `documents.jsonl` line of a parsed file: `id` and `file`, then the kept entry fields."""
    head = json.dumps({"id": outcome.doc_id, "file": outcome.file}, ensure_ascii=False)
    fields = store.entry_json(outcome.doc_id)  # joined as text: no need to parse the whole text
    return head[:-1] + ", " + fields[1:] + "\n"


def write_documents(path: Path, outcomes: Sequence[FileOutcome], store: ResultStore) -> None:
    with atomic_writer(path) as handle:
        for outcome in outcomes:
            if outcome.status == OK:
                handle.write(documents_line(outcome, store))


def write_studies(path: Path, outcomes: Sequence[FileOutcome], columns: Sequence[str]) -> None:
    with atomic_writer(path, encoding=CSV_ENCODING, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for outcome in outcomes:
            values = {**outcome.row, "file": outcome.file, "doc_id": outcome.doc_id, "status": outcome.status}
            writer.writerow({k: "" if v is None else v for k, v in values.items()})


def write_errors(path: Path, outcomes: Sequence[FileOutcome]) -> None:
    with atomic_writer(path, encoding=CSV_ENCODING, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ERROR_COLUMNS)
        for outcome in outcomes:
            if outcome.failed:
                writer.writerow((outcome.file, outcome.status, outcome.message))
