"""The decisions store (append-only SQLite audit trail), consensus statuses and Cohen's kappa."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from extract.review.agreement import agreement_by_group, cohen_kappa, paired_decisions
from extract.review.consensus import ACCEPTED, CONFLICT, EDITED, PENDING, REJECTED, RESOLVED, FieldState, field_states
from extract.review.decisions import DecisionError, DecisionStore

DOC = "a" * 64


@pytest.fixture()
def store(tmp_path: Path) -> DecisionStore:
    return DecisionStore(tmp_path / ".extract" / "review.sqlite")


def test_the_database_is_in_wal_mode_and_append_only(store: DecisionStore) -> None:
    store.record(DOC, "design", "ada", "accept", suggested="RCT")
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute("UPDATE decisions SET value = 'x'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute("DELETE FROM decisions")


def test_a_later_decision_supersedes_and_undo_restores_the_earlier_one(store: DecisionStore) -> None:
    store.record(DOC, "design", "ada", "accept", suggested="RCT")
    edit = store.record(DOC, "design", "ada", "edit", value="cluster RCT", suggested="RCT", note="see methods")
    [standing] = store.standing(DOC)
    assert (standing.id, standing.final_value, standing.note) == (edit.id, "cluster RCT", "see methods")
    undo = store.undo_last(DOC, "ada")
    assert undo is not None and undo.undoes == edit.id and undo.field == "design"
    [standing] = store.standing(DOC)
    assert standing.action == "accept" and standing.final_value == "RCT"
    store.undo_last(DOC, "ada")
    assert store.standing(DOC) == []
    assert store.undo_last(DOC, "ada") is None
    assert [d.action for d in store.history(DOC)] == ["accept", "edit", "undo", "undo"]  # nothing overwritten
    assert all(d.created_at.endswith("+00:00") for d in store.history())


def test_undo_only_touches_the_reviewers_own_decisions(store: DecisionStore) -> None:
    store.record(DOC, "design", "ada", "reject")
    store.record(DOC, "design", "bob", "accept", suggested="RCT")
    store.undo_last(DOC, "bob")
    [standing] = store.standing(DOC)
    assert standing.reviewer == "ada" and standing.final_value is None


@pytest.mark.parametrize(
    ("reviewer", "action", "value", "note", "problem"),
    [
        ("", "accept", None, "", "reviewer name"),
        ("ada", "approve", None, "", "unknown action"),
        ("ada", "edit", "  ", "", "needs a value"),
        ("ada", "edit", "x" * 10_001, "", "longer than"),
        ("ada", "accept", None, "n" * 2_001, "note is longer"),
    ],
)
def test_bad_decisions_are_refused_and_nothing_is_stored(
    store: DecisionStore, reviewer: str, action: str, value: str | None, note: str, problem: str
) -> None:
    with pytest.raises(DecisionError, match=problem):
        store.record(DOC, "design", reviewer, action, value=value, note=note)
    assert store.history() == []


def test_concurrent_writers_lose_nothing(store: DecisionStore) -> None:
    def decide(reviewer: str) -> None:
        other = DecisionStore(store.path)  # each writer opens the database itself
        for i in range(40):
            other.record(DOC, f"claims:{i}", reviewer, "edit", value=f"{reviewer} {i}", suggested="s")
            if i % 10 == 9:
                other.undo_last(DOC, reviewer)

    threads = [threading.Thread(target=decide, args=(name,)) for name in ("ada", "bob", "cyd", "dee")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    history = store.history()
    assert len(history) == 4 * 44
    assert len({d.id for d in history}) == len(history)
    assert len(store.standing(DOC)) == 4 * 36
    assert {d.value for d in store.standing(DOC) if d.reviewer == "bob"} == {f"bob {i}" for i in range(40) if i % 10 != 9}


def test_field_status_follows_the_reviewers(store: DecisionStore) -> None:
    store.record(DOC, "design", "ada", "accept", suggested="RCT")
    store.record(DOC, "design", "bob", "accept", suggested="RCT")
    store.record(DOC, "arms", "ada", "edit", value="3", suggested="2")
    store.record(DOC, "arms", "bob", "edit", value=" 3 ", suggested="2")
    store.record(DOC, "sample_size", "ada", "reject")
    store.record(DOC, "sample_size", "bob", "reject")
    store.record(DOC, "claims:1-9", "ada", "accept", suggested="improved")
    store.record(DOC, "claims:1-9", "bob", "reject")
    states = field_states(store.standing())
    status = {field: state.status for (_, field), state in states.items()}
    assert status == {"design": ACCEPTED, "arms": EDITED, "sample_size": REJECTED, "claims:1-9": CONFLICT}
    assert states[DOC, "claims:1-9"].value("improved") == "improved"  # the suggestion is kept while in conflict
    assert states[DOC, "sample_size"].value("60") == ""
    assert FieldState().status == PENDING
    store.record(DOC, "claims:1-9", "cyd", "resolve", value="no difference", note="p = 0.41")
    resolved = field_states(store.standing())[DOC, "claims:1-9"]
    assert (resolved.status, resolved.value("improved")) == (RESOLVED, "no difference")
    assert "cyd: p = 0.41" in resolved.notes


def test_cohen_kappa_matches_a_worked_example() -> None:
    # 50 items: both yes 20, A yes/B no 5, A no/B yes 10, both no 15 -> po 0.7, pe 0.5, kappa 0.4
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [("no", "no")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    assert cohen_kappa([("a", "a"), ("b", "b")]) == pytest.approx(1.0)
    assert cohen_kappa([("a", "a")] * 3) is None  # one category only: undefined
    assert cohen_kappa([]) is None


def test_agreement_per_field_group(store: DecisionStore) -> None:
    for i, (ada, bob) in enumerate([("accept", "accept"), ("accept", "reject"), ("reject", "reject"), ("accept", "accept")]):
        store.record(DOC, f"claims:{i}", "ada", ada, suggested=f"claim {i}")
        store.record(DOC, f"claims:{i}", "bob", bob, suggested=f"claim {i}")
    store.record(DOC, "design", "ada", "edit", value="cohort", suggested="RCT")
    store.record(DOC, "design", "bob", "edit", value="Cohort", suggested="RCT")
    store.record(DOC, "arms", "ada", "accept", suggested="2")  # bob has not decided: not compared
    pairs = paired_decisions(store.standing(), "ada", "bob")
    rows = {row.group: row for row in agreement_by_group(pairs)}
    assert (rows["claims"].items, rows["claims"].agreed, rows["claims"].percent) == (4, 3, 75.0)
    assert rows["claims"].kappa == pytest.approx(cohen_kappa(
        [("v0", "v0"), ("v1", "r"), ("r", "r"), ("v3", "v3")]))
    assert (rows["design"].items, rows["design"].agreed) == (1, 1)
    assert "arms" not in rows and rows["all fields"].items == 5
