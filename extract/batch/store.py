"""Per-document results, kept under `OUT/.extract/docs/` by content hash so reruns can skip them.

`<doc_id>.json` is the small record (status, row); `<doc_id>.document.json` is the full
`Document.to_dict()` with boxes, for the reviewer web app; `<doc_id>.entry.json` holds the
document's `documents.jsonl` fields and `<doc_id>.tables.json` its rows of the stages' extra
tables, so the outputs are rebuilt without parsing whole documents.
All are written atomically, the record last, so a record on disk always has its document.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extract.batch.atomic import remove_stale_temp_files, write_text_atomic
from extract.document import Document
from extract.pipeline import OK, Result


class ResultStore:
    """Reads and writes per-document results under `out_dir/.extract/docs`."""

    def __init__(self, out_dir: Path) -> None:
        self.folder = out_dir / ".extract" / "docs"

    def prepare(self) -> None:
        """Create the folder and drop temp files an interrupted run left behind."""
        self.folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temp_files(self.folder)

    def record_path(self, doc_id: str) -> Path:
        return self.folder / f"{doc_id}.json"

    def document_path(self, doc_id: str) -> Path:
        return self.folder / f"{doc_id}.document.json"

    def entry_path(self, doc_id: str) -> Path:
        return self.folder / f"{doc_id}.entry.json"

    def tables_path(self, doc_id: str) -> Path:
        return self.folder / f"{doc_id}.tables.json"

    def put(self, result: Result) -> None:
        """Keep `result` (and its document and table rows, if any)."""
        if result.document is not None:
            write_text_atomic(self.document_path(result.doc_id), result.document.to_json())
            entry = json.dumps(entry_fields(result.document), ensure_ascii=False)
            write_text_atomic(self.entry_path(result.doc_id), entry)
            tables = json.dumps(result.tables, ensure_ascii=False)
            write_text_atomic(self.tables_path(result.doc_id), tables)
        write_text_atomic(self.record_path(result.doc_id), json.dumps(result.to_record(), ensure_ascii=False))

    def get(self, doc_id: str, signature: str) -> Result | None:
        """The kept result for `doc_id` if one was made by a pipeline with this `signature`."""
        try:
            record: dict[str, Any] = json.loads(self.record_path(doc_id).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if record.get("signature") != signature:
            return None
        kept = (self.entry_path(doc_id), self.tables_path(doc_id))
        if record.get("status") == OK and not all(path.exists() for path in kept):
            return None
        return Result.from_record(record)

    def entry_json(self, doc_id: str) -> str:
        """The JSON object of `entry_fields` kept for an `ok` result."""
        return self.entry_path(doc_id).read_text(encoding="utf-8")

    def table_rows(self, doc_id: str) -> dict[str, list[dict[str, Any]]]:
        """The rows of each extra table (by file name) kept for an `ok` result."""
        return json.loads(self.tables_path(doc_id).read_text(encoding="utf-8"))

    def document(self, doc_id: str) -> Document:
        """The full parsed document of a kept `ok` result."""
        return Document.from_json(self.document_path(doc_id).read_text(encoding="utf-8"))


def entry_fields(doc: Document) -> dict[str, Any]:
    """A document's `documents.jsonl` fields, but for `id` and `file`."""
    meta = doc.metadata
    return {
        "title": meta.title,
        "authors": meta.authors,
        "doi": meta.doi,
        "journal": meta.journal,
        "year": meta.year,
        "pages": len(doc.pages),
        "sections": doc.section_texts(),
        "text": doc.text,
    }
