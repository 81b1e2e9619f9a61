"""Export of the reviewed rows, with the status of every value, to CSV and to Excel (one sheet per table)."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, fields as dataclass_fields
from typing import Any, Sequence

from openpyxl import Workbook

from extract.batch.outputs import csv_cell
from extract.review.consensus import FieldState
from extract.review.decisions import Decision
from extract.review.run_outputs import Paper

Table = tuple[list[str], list[list[Any]]]  # header, rows
ITEM_COLUMNS = ["doc_id", "file", "title", "group", "field", "label", "suggested", "value", "status", "page", "evidence", "notes"]


def studies_table(papers: Sequence[Paper], states: dict[tuple[str, str], FieldState]) -> Table:
    """One row per paper: each study field's verified value and its status."""
    keys = list(dict.fromkeys(f.key for p in papers for f in p.fields if f.group not in ("claims", "entities")))
    header = ["doc_id", "file", "title"] + [c for key in keys for c in (key, f"{key}_status")]
    rows = []
    for paper in papers:
        row: list[Any] = [paper.doc_id, paper.file, paper.title]
        for key in keys:
            field = paper.field(key)
            state = states.get((paper.doc_id, key), FieldState())
            row += [state.value(field.value), state.status] if field else ["", ""]
        rows.append(row)
    return header, rows


def items_table(papers: Sequence[Paper], states: dict[tuple[str, str], FieldState], group: str) -> Table:
    """One row per claim (or key entity): suggestion, verified value, status, evidence."""
    rows = []
    for paper in papers:
        for field in paper.fields:
            if field.group != group:
                continue
            state = states.get((paper.doc_id, field.key), FieldState())
            rows.append([
                paper.doc_id, paper.file, paper.title, field.group, field.key, field.label, field.value,
                state.value(field.value), state.status, field.evidence.page or "", field.evidence.text, state.notes,
            ])
    return list(ITEM_COLUMNS), rows


def audit_table(history: Sequence[Decision]) -> Table:
    """Every decision ever made (the audit trail)."""
    names = [f.name for f in dataclass_fields(Decision)]
    return names, [[asdict(d)[name] for name in names] for d in history]


def to_csv(table: Table) -> str:
    """CSV text with a BOM, as `extract run` writes its tables (Excel reads it as UTF-8; cells that a
    spreadsheet would run as formulas get a leading `'`)."""
    header, rows = table
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def to_xlsx(sheets: dict[str, Table]) -> bytes:
    """An Excel workbook with one sheet per table; text is always stored as text, never as a formula."""
    book = Workbook()
    book.remove(book.active)
    for name, (header, rows) in sheets.items():
        sheet = book.create_sheet(name)
        sheet.append(header)
        for values in rows:
            sheet.append(["" if v is None else v for v in values])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
