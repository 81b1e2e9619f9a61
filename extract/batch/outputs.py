"""The run's outputs, rebuilt from the per-document store.

documents.jsonl, studies.csv and errors.csv, plus the extra tables the stages list
(`extract.tables.OutputTable`: `.csv`, or JSON lines for `.jsonl`).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.batch.atomic import atomic_writer
from extract.batch.store import ResultStore
from extract.pipeline import DUPLICATE, OK
from extract.tables import OutputExport, OutputTable

DOCUMENTS = "documents.jsonl"
STUDIES = "studies.csv"
ERRORS = "errors.csv"
ERROR_COLUMNS = ("file", "kind", "message")
CSV_ENCODING = "utf-8-sig"  # the BOM makes Excel read UTF-8
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


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
    out_dir: Path,
    outcomes: Sequence[FileOutcome],
    store: ResultStore,
    columns: Sequence[str],
    tables: Sequence[OutputTable | OutputExport] = (),
) -> None:
    """Write every output file (each atomically) for `outcomes`, in the order given."""
    write_documents(out_dir / DOCUMENTS, outcomes, store)
    write_studies(out_dir / STUDIES, outcomes, columns)
    write_errors(out_dir / ERRORS, outcomes)
    write_tables(out_dir, tables, outcomes, store)


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
            writer.writerow({key: csv_cell(value) for key, value in study_values(outcome).items()})


def study_values(outcome: FileOutcome) -> dict[str, Any]:
    """The raw values of a file's `studies.csv` row: the pipeline's columns, file, doc_id and status."""
    return {**outcome.row, "file": outcome.file, "doc_id": outcome.doc_id, "status": outcome.status}


def write_errors(path: Path, outcomes: Sequence[FileOutcome]) -> None:
    with atomic_writer(path, encoding=CSV_ENCODING, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ERROR_COLUMNS)
        for outcome in outcomes:
            if outcome.failed:
                writer.writerow([csv_cell(value) for value in (outcome.file, outcome.status, outcome.message)])


def write_tables(
    out_dir: Path, tables: Sequence[OutputTable | OutputExport], outcomes: Sequence[FileOutcome], store: ResultStore
) -> None:
    """Write each stage table from the rows kept per parsed document (each file read once)."""
    if not tables:
        return
    with ExitStack() as stack:
        writers = {table.filename: _table_writer(stack, out_dir, table) for table in tables}
        for outcome in outcomes:
            if outcome.status != OK:
                continue
            for filename, rows in store.table_rows(outcome.doc_id).items():
                if filename in writers:
                    for row in rows:
                        writers[filename](row)


def _table_writer(stack: ExitStack, out_dir: Path, table: OutputTable | OutputExport) -> Callable[[dict[str, Any]], None]:
    """Open `table`'s file for atomic writing; return what writes one row to it."""
    path = out_dir / table.filename
    if isinstance(table, OutputExport):
        handle = stack.enter_context(atomic_writer(path))
        handle.write(table.header)
        stack.callback(lambda: handle.write(table.footer))  # runs before the file is closed
        return lambda row: handle.write(row["text"])
    if path.suffix.lower() == ".csv":
        handle = stack.enter_context(atomic_writer(path, encoding=CSV_ENCODING, newline=""))
        writer = csv.DictWriter(handle, fieldnames=list(table.columns), extrasaction="ignore")
        writer.writeheader()
        return lambda row: writer.writerow({key: csv_cell(value) for key, value in row.items()})
    handle = stack.enter_context(atomic_writer(path))
    return lambda row: handle.write(
        json.dumps({column: row.get(column) for column in table.columns}, ensure_ascii=False) + "\n"
    )


def csv_cell(value: Any) -> Any:
    """A CSV cell: empty for None, JSON for lists and dicts, the value itself otherwise (text made formula-safe)."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and _runs_as_formula(value):
        return "'" + value
    return value


def csv_value(cell: str) -> str:
    """The text that `csv_cell` wrote as `cell` (undoes the formula escape); for readers of the CSVs."""
    return cell[1:] if cell.startswith("'") and _runs_as_formula(cell[1:]) else cell


def _runs_as_formula(text: str) -> bool:
    """Text a spreadsheet would run as a formula: it starts with =, +, -, @, tab or CR and is not a plain number.

    Such text gets a leading `'` (OWASP's advice on CSV injection); so that the escape can be undone,
    text that starts with `'` followed by such text gets one too.
    """
    if text.startswith("'"):
        return _runs_as_formula(text[1:])
    return text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text)
