"""The reviewers' decisions, kept in SQLite (`OUT/.extract/review.sqlite`, WAL): an append-only audit trail.

Every accept, edit, reject, resolution and undo is a new row with the reviewer's name and the time;
rows are never changed or deleted (triggers refuse it). A reviewer's current decision on a field is
their latest row for it that no later `undo` row points at.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

ACCEPT, EDIT, REJECT, RESOLVE, UNDO = "accept", "edit", "reject", "resolve", "undo"
FIELD_ACTIONS = (ACCEPT, EDIT, REJECT)
MAX_NAME, MAX_VALUE, MAX_NOTE = 100, 10_000, 2_000

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL,
    field TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('{ACCEPT}', '{EDIT}', '{REJECT}', '{RESOLVE}', '{UNDO}')),
    value TEXT,
    suggested TEXT,
    note TEXT NOT NULL DEFAULT '',
    undoes INTEGER REFERENCES decisions(id),
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_by_field ON decisions(doc_id, field);
CREATE TRIGGER IF NOT EXISTS decisions_append_only_update BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER IF NOT EXISTS decisions_append_only_delete BEFORE DELETE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
"""


class DecisionError(ValueError):
    """A decision that cannot be stored as asked (bad action, missing value, too long...)."""


@dataclass(frozen=True)
class Decision:
    """One row of the audit trail."""

    id: int
    doc_id: str
    field: str
    reviewer: str
    action: str
    value: str | None
    suggested: str | None
    note: str
    undoes: int | None
    created_at: str

    @property
    def final_value(self) -> str | None:
        """The value this decision settles on: the suggestion, the edit, the resolution, or None for a
        rejection (a resolution without a value resolves the field as rejected)."""
        if self.action == ACCEPT:
            return self.suggested or ""
        if self.action in (EDIT, RESOLVE):
            return self.value
        return None

    @property
    def outcome(self) -> str:
        """A category for comparing two reviewers: 'rejected' or the final value."""
        value = self.final_value
        return "rejected" if value is None else "value: " + " ".join(value.split()).casefold()


class DecisionStore:
    """Opens one short connection per call, so any thread or process may use it at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA busy_timeout = 30000")
        db.execute("PRAGMA foreign_keys = ON")
        try:
            yield db
        finally:
            db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the lock at once (no lost update between read and write)."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def record(
        self,
        doc_id: str,
        field: str,
        reviewer: str,
        action: str,
        *,
        value: str | None = None,
        suggested: str | None = None,
        note: str = "",
    ) -> Decision:
        """Append a decision (accept, edit, reject or resolve) and return it."""
        _check(reviewer, action, value, note)
        with self._write() as db:
            return _insert(db, doc_id, field, reviewer, action, value, suggested, note, None)

    def undo_last(self, doc_id: str, reviewer: str) -> Decision | None:
        """Undo `reviewer`'s latest standing decision on the paper; None when there is none."""
        _check(reviewer, UNDO, None, "")
        with self._write() as db:
            row = db.execute(
                f"SELECT * FROM decisions WHERE doc_id = ? AND reviewer = ? AND action != '{UNDO}'"
                f" AND id NOT IN (SELECT undoes FROM decisions WHERE action = '{UNDO}')"
                " ORDER BY id DESC LIMIT 1",
                (doc_id, reviewer),
            ).fetchone()
            if row is None:
                return None
            return _insert(db, doc_id, row["field"], reviewer, UNDO, None, None, "", row["id"])

    def standing(self, doc_id: str | None = None) -> list[Decision]:
        """Decisions not undone and not superseded: the latest per (paper, field, reviewer, kind)."""
        where, args = ("AND doc_id = ?", (doc_id,)) if doc_id else ("", ())
        rows = self._select(
            f"SELECT * FROM decisions WHERE action != '{UNDO}' {where}"
            f" AND id NOT IN (SELECT undoes FROM decisions WHERE action = '{UNDO}') ORDER BY id",
            args,
        )
        latest: dict[tuple[str, str, str, bool], Decision] = {}
        for decision in rows:
            latest[decision.doc_id, decision.field, decision.reviewer, decision.action == RESOLVE] = decision
        return list(latest.values())

    def history(self, doc_id: str | None = None) -> list[Decision]:
        """Every row, oldest first (the whole audit trail, or one paper's)."""
        if doc_id:
            return self._select("SELECT * FROM decisions WHERE doc_id = ? ORDER BY id", (doc_id,))
        return self._select("SELECT * FROM decisions ORDER BY id", ())

    def _select(self, sql: str, args: tuple[object, ...]) -> list[Decision]:
        with self._connect() as db:
            return [Decision(**dict(row)) for row in db.execute(sql, args)]


def _check(reviewer: str, action: str, value: str | None, note: str) -> None:
    if not reviewer.strip() or len(reviewer) > MAX_NAME:
        raise DecisionError(f"the reviewer name must have 1 to {MAX_NAME} characters")
    if action not in (*FIELD_ACTIONS, RESOLVE, UNDO):
        raise DecisionError(f"unknown action {action!r}")
    if action == EDIT and (value is None or not value.strip()):
        raise DecisionError(f"'{action}' needs a value")
    if action == RESOLVE and value is not None and not value.strip():
        raise DecisionError("a resolution needs a value, or none to resolve the field as rejected")
    if value is not None and len(value) > MAX_VALUE:
        raise DecisionError(f"the value is longer than {MAX_VALUE} characters")
    if len(note) > MAX_NOTE:
        raise DecisionError(f"the note is longer than {MAX_NOTE} characters")


def _insert(
    db: sqlite3.Connection,
    doc_id: str,
    field: str,
    reviewer: str,
    action: str,
    value: str | None,
    suggested: str | None,
    note: str,
    undoes: int | None,
) -> Decision:
    created = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
    cursor = db.execute(
        "INSERT INTO decisions (doc_id, field, reviewer, action, value, suggested, note, undoes, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (doc_id, field, reviewer.strip(), action, value, suggested, note, undoes, created),
    )
    return Decision(cursor.lastrowid or 0, doc_id, field, reviewer.strip(), action, value, suggested, note, undoes, created)
