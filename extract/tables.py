"""Extra output files that annotation stages contribute to a run (entities.csv, claims.csv, ...).

A stage lists its `tables`; the batch writes each one (atomically) from every parsed document,
rebuilt from the per-document store, as CSV (`.csv`, opens in a spreadsheet) or JSON lines
(`.jsonl`), by the file name's extension.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from extract.document import Document

RowBuilder = Callable[[Document], Iterable[dict[str, Any]]]


@dataclass(frozen=True)
class OutputTable:
    """An output file with one or more rows per document, built from the document's layers."""

    filename: str
    columns: tuple[str, ...]
    rows: RowBuilder


@dataclass(frozen=True)
class OutputExport:
    """A file in another tool's format (PubTator, BioC XML): `header`, one text chunk per document, `footer`.

    It is stored and written like a table whose rows are `{"text": chunk}`.
    """

    filename: str
    chunk: Callable[[Document], str]
    header: str = ""
    footer: str = ""
    columns: tuple[str, ...] = ("text",)

    def rows(self, doc: Document) -> list[dict[str, Any]]:
        return [{"text": self.chunk(doc)}]
