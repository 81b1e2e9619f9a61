"""Read-only access to what `extract run` wrote to OUT_DIR: the studies.csv rows and the stored documents."""

from __future__ import annotations

import csv
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from extract.batch.outputs import CSV_ENCODING, STUDIES, csv_value
from extract.batch.store import ResultStore
from extract.document import Document, Page
from extract.pipeline import OK
from extract.review.fields import ReviewField, paper_fields

DOC_ID = re.compile(r"[0-9a-f]{64}")


class NotARunError(Exception):
    """The folder holds no `extract run` outputs."""


@dataclass
class Paper:
    """A paper of the run with its suggested fields (and page sizes, for drawing evidence boxes)."""

    doc_id: str
    file: str
    title: str
    status: str
    row: dict[str, str]
    fields: list[ReviewField]
    pages: list[Page]
    source: str  # `Document.file`: the PDF's name in the run

    def field(self, key: str) -> ReviewField | None:
        return next((f for f in self.fields if f.key == key), None)


class RunOutputs:
    """The papers of one run, read from `out_dir`; a paper's fields are built once, on first use."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        studies = out_dir / STUDIES
        if not studies.is_file():
            raise NotARunError(f"{out_dir} has no {STUDIES}: run `extract run PDF_DIR --out {out_dir}` first")
        with studies.open(encoding=CSV_ENCODING, newline="") as handle:
            rows = ({key: csv_value(value) if isinstance(value, str) else value for key, value in row.items()} for row in csv.DictReader(handle))
            self.rows = [row for row in rows if DOC_ID.fullmatch(row.get("doc_id") or "")]
        # the parsed papers in run order, each once (duplicates share their original's doc_id)
        self.doc_ids = list(dict.fromkeys(row["doc_id"] for row in self.rows if row.get("status") == OK))
        self._known = set(self.doc_ids)
        self._store = ResultStore(out_dir)
        self._papers: dict[str, Paper] = {}
        self._lock = threading.Lock()

    def has(self, doc_id: str) -> bool:
        return doc_id in self._known

    def paper(self, doc_id: str) -> Paper:
        """The paper with this doc_id; `KeyError` when the run has no such parsed paper."""
        if not self.has(doc_id):
            raise KeyError(doc_id)
        with self._lock:
            if doc_id not in self._papers:
                self._papers[doc_id] = self._load(doc_id)
            return self._papers[doc_id]

    def papers(self) -> list[Paper]:
        return [self.paper(doc_id) for doc_id in self.doc_ids]

    def _load(self, doc_id: str) -> Paper:
        row = next(r for r in self.rows if r["doc_id"] == doc_id and r.get("status") == OK)
        try:
            doc: Document | None = self._store.document(doc_id)
        except (OSError, ValueError, KeyError, TypeError):
            doc = None  # the run's store is gone or damaged: show the row's fields without boxes
        title = row.get("title") or (doc.metadata.title if doc else "") or row.get("file", doc_id)
        return Paper(
            doc_id,
            row.get("file", ""),
            title,
            row.get("status", ""),
            row,
            paper_fields(row, doc),
            doc.pages if doc else [],
            doc.file if doc else row.get("file", ""),
        )
