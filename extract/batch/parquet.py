"""Partitioned Parquet copies of the run's tables, for large runs: `OUT/parquet/<table>/part-00000.parquet`, ...

Tables: `studies`, `errors`, `documents` and each stage table (`mentions`, `entities`, `claims`,
...); not the PubTator/BioC exports. Part N of every table holds the rows of the same papers (a
bounded number of them, in the order of `studies.csv`). Cells are the raw values (no spreadsheet
escaping); lists and dicts are JSON text, as in the CSVs. A column has one type in every part:
integers, floats (integers mixed with floats become floats), booleans, or else text.

Like the other outputs, the tables are rebuilt from the per-document store, so a rerun adds no
duplicate row. Each table is written to a new folder that then replaces the old one, so a reader
never sees a half-written table or parts of two different writes.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from extract.batch.outputs import ERROR_COLUMNS, FileOutcome, documents_line, study_values
from extract.batch.store import ResultStore
from extract.pipeline import OK
from extract.tables import OutputExport, OutputTable

PARQUET_DIR = "parquet"
PAPERS_PER_PART = 1000
DOCUMENT_COLUMNS = ("id", "file", "title", "authors", "doi", "journal", "year", "pages", "sections", "text")

Rows = list[dict[str, Any]]
Kinds = dict[str, dict[str, frozenset[str]]]  # table -> column -> the kinds of its non-null values


def write_parquet(
    out_dir: Path,
    outcomes: Sequence[FileOutcome],
    store: ResultStore,
    columns: Sequence[str],
    tables: Sequence[OutputTable | OutputExport] = (),
    papers_per_part: int = PAPERS_PER_PART,
) -> None:
    """Write every table of `outcomes` as `OUT/parquet/<table>/part-NNNNN.parquet`, `papers_per_part` papers a part."""
    schemas = {"studies": tuple(columns), "errors": ERROR_COLUMNS, "documents": DOCUMENT_COLUMNS}
    schemas |= {Path(t.filename).stem: t.columns for t in tables if isinstance(t, OutputTable)}
    stems = {t.filename: Path(t.filename).stem for t in tables if isinstance(t, OutputTable)}
    root = out_dir / PARQUET_DIR
    staging = {name: _empty_folder(root / f".{name}.new") for name in schemas}
    parts = [outcomes[start : start + papers_per_part] for start in range(0, len(outcomes), papers_per_part)] or [[]]

    def part_rows(part: Sequence[FileOutcome]) -> dict[str, Rows]:
        return _part_rows(part, store, schemas, stems)

    kinds_by_part = [_write_part(staging, number, schemas, part_rows(part)) for number, part in enumerate(parts)]
    final = {
        name: {column: frozenset().union(*(kinds[name][column] for kinds in kinds_by_part)) for column in columns}
        for name, columns in schemas.items()
    }
    for number, part in enumerate(parts):
        if kinds_by_part[number] != final:  # e.g. a column that is empty in this part: same type as in the others
            _write_part(staging, number, schemas, part_rows(part), final)
    for name, folder in staging.items():
        _replace_folder(folder, root / name)


def _part_rows(
    part: Sequence[FileOutcome], store: ResultStore, schemas: dict[str, tuple[str, ...]], stems: dict[str, str]
) -> dict[str, Rows]:
    """The rows of every table for the papers of one part (each paper's kept rows read once)."""
    rows: dict[str, Rows] = {name: [] for name in schemas}
    for outcome in part:
        rows["studies"].append(study_values(outcome))
        if outcome.failed:
            rows["errors"].append(dict(zip(ERROR_COLUMNS, (outcome.file, outcome.status, outcome.message))))
        if outcome.status != OK:
            continue
        rows["documents"].append(json.loads(documents_line(outcome, store)))
        for filename, table_rows in store.table_rows(outcome.doc_id).items():
            if filename in stems:
                rows[stems[filename]].extend(table_rows)
    return rows


def _write_part(
    staging: dict[str, Path],
    number: int,
    schemas: dict[str, tuple[str, ...]],
    rows: dict[str, Rows],
    kinds: Kinds | None = None,
) -> Kinds:
    """Write part `number` of every table; column types from `kinds` (default: this part's own values)."""
    own: Kinds = {name: {c: _kinds(row.get(c) for row in rows[name]) for c in cols} for name, cols in schemas.items()}
    used = kinds or own
    for name, cols in schemas.items():
        arrays = [_array([row.get(c) for row in rows[name]], used[name][c]) for c in cols]
        pq.write_table(pa.table(arrays, names=list(cols)), staging[name] / f"part-{number:05d}.parquet")
    return own


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "text"


def _kinds(values: Iterable[Any]) -> frozenset[str]:
    return frozenset(_kind(value) for value in values if value is not None)


def _array(values: list[Any], kinds: frozenset[str]) -> pa.Array:
    """The column of `values` with the one type that holds all of `kinds`."""
    if kinds == {"bool"}:
        return pa.array(values, pa.bool_())
    if kinds == {"int"}:
        return pa.array(values, pa.int64())
    if kinds and kinds <= {"int", "float"}:
        return pa.array([None if v is None else float(v) for v in values], pa.float64())
    return pa.array([None if v is None else _text(v) for v in values], pa.string())


def _text(value: Any) -> str:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _empty_folder(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)  # left behind by an interrupted write
    folder.mkdir(parents=True)
    return folder


def _replace_folder(new: Path, target: Path) -> None:
    """Put `new` in the place of `target` with renames, so `target` is never half written."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
