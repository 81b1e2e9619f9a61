"""Prediction files for the document-level tasks: JSON Lines or CSV, one flat row per prediction.

Every row has `id` (the document id as the corpus reader gives it) and the task's fields; CSV files
use the same names as columns (empty cell = no value):

| task          | fields                                                                  |
|---------------|-------------------------------------------------------------------------|
| `design`      | `design` (one of `extract.bench.design_labels.DESIGN_LABELS`)           |
| `sample-size` | `sample_size` (whole number of participants)                            |
| `claims`      | `prompt_id`, `label` (direction) and/or `evidence_start`, `evidence_end` |
|               | (character offsets, end exclusive); or `claim_start`, `claim_end` for    |
|               | one detected claim sentence (one row per sentence)                      |

`ner` and `norm` predictions are corpus files in the gold formats (PubTator, BioC, brat, ...).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

Row = dict[str, Any]


def read_rows(path: Path) -> list[Row]:
    """The rows of a `.jsonl`/`.json` (JSON Lines) or `.csv`/`.tsv` predictions file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json", ".ndjson"):
        with path.open(encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
    elif suffix in (".csv", ".tsv"):
        with path.open(newline="", encoding="utf-8") as handle:
            rows = [dict(row) for row in csv.DictReader(handle, delimiter="\t" if suffix == ".tsv" else ",")]
    else:
        raise ValueError(f"{path}: predictions must be .jsonl or .csv (got {suffix or 'no extension'})")
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not str(row.get("id", "")).strip():
            raise ValueError(f"{path}: row {number} has no `id`")
    return rows


def present(row: Row, field: str) -> bool:
    """Whether `row` gives a (non-empty) value for `field`."""
    value = row.get(field)
    return value is not None and str(value).strip() != ""


def values_by_id(rows: list[Row], field: str) -> dict[str, Any]:
    """`{id: value}` of the rows that give `field`; two values for one id are an error."""
    out: dict[str, Any] = {}
    for row in rows:
        if present(row, field):
            doc_id = str(row["id"]).strip()
            if doc_id in out and out[doc_id] != row[field]:
                raise ValueError(f"two predictions of {field!r} for document {doc_id!r}")
            out[doc_id] = row[field]
    return out


def as_int(value: Any, field: str) -> int:
    """A whole number from a JSON number or a CSV cell ("120", "120.0")."""
    number = float(value)
    if not number.is_integer():
        raise ValueError(f"{field} must be a whole number, got {value!r}")
    return int(number)
