"""The batch with custom pipelines: stage columns, cache invalidation, crashing and buggy stages."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

import pytest
from make_pdfs import text_pdf, write

from extract.batch.atomic import atomic_writer
from extract.batch.discover import discover
from extract.batch.outputs import CSV_ENCODING, FileOutcome, write_studies
from extract.batch.runner import WORKER_CRASHED, WorkersFailedError, run_batch
from extract.document import Document, Span
from extract.pipeline import BASE_COLUMNS, INTERNAL_ERROR, Pipeline
from extract.tables import OutputTable


def word_rows(doc: Document) -> list[dict[str, Any]]:
    return [
        {
            "doc_id": doc.id,
            "word": doc.text[s.start : s.end],
            "page": doc.page_of(s.start),
            "extra": "dropped",
        }
        for s in doc.layers["words"]
    ]


class CountingStage:
    """Adds a span for 'randomized', two columns and two tables; misbehaves on files named crash/bug."""

    name, columns = "counting", ("n_randomized", "first_page")
    tables = (
        OutputTable("words.csv", ("doc_id", "word", "page"), word_rows),
        OutputTable("words.jsonl", ("doc_id", "word", "page"), word_rows),
    )

    def __init__(self, version: str = "1") -> None:
        self.version = version
        self.loaded = False

    def load(self) -> None:
        self.loaded = True

    def __call__(self, doc: Document) -> dict[str, Any]:
        assert self.loaded, "load() must run before the stage is used"
        if "crash" in doc.file:
            os._exit(3)  # like a segfault in native code: the worker process dies
        if "bug" in doc.file:
            raise ValueError("stage bug")
        start = doc.text.find("randomized")
        doc.add_spans("words", [Span(start, start + 10, "randomized")])
        return {"n_randomized": doc.text.count("randomized"), "first_page": doc.page_of(start)}


def counting_pipeline() -> Pipeline:
    return Pipeline([CountingStage()])


def counting_pipeline_v2() -> Pipeline:
    return Pipeline([CountingStage(version="2")])


class MissingModelStage(CountingStage):
    def load(self) -> None:
        raise FileNotFoundError("models/ner/model.bin")


def missing_model_pipeline() -> Pipeline:
    return Pipeline([MissingModelStage()])


def studies(out: Path) -> dict[str, dict[str, str]]:
    with (out / "studies.csv").open(encoding=CSV_ENCODING, newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


def test_stages_contribute_columns_and_new_versions_redo_the_work(tmp_path: Path) -> None:
    write(tmp_path / "in", "a.pdf", text_pdf("Paper A", pages=1, paragraphs=3))
    files = discover(tmp_path / "in")
    out = tmp_path / "out"
    report = run_batch(files, out, workers=1, pipeline_factory=counting_pipeline)
    assert report.columns == BASE_COLUMNS + ("n_randomized", "first_page")
    row = studies(out)["a.pdf"]
    assert row["n_randomized"] == "3" and row["first_page"] == "1"
    assert list(row) == list(report.columns)
    with (out / "words.csv").open(encoding=CSV_ENCODING, newline="") as handle:
        assert list(csv.DictReader(handle)) == [{"doc_id": row["doc_id"], "word": "randomized", "page": "1"}]
    lines = (out / "words.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [
        {"doc_id": row["doc_id"], "word": "randomized", "page": 1}
    ]

    assert run_batch(files, out, workers=1, pipeline_factory=counting_pipeline).skipped == 1
    redone = run_batch(files, out, workers=1, pipeline_factory=counting_pipeline_v2)
    assert (redone.skipped, redone.processed) == (0, 1)


def test_a_crashing_worker_costs_only_its_own_file(tmp_path: Path) -> None:
    for name in ("a.pdf", "crash.pdf", "b.pdf", "c.pdf"):
        write(tmp_path / "in", name, text_pdf(f"Paper {name}"))
    report = run_batch(
        discover(tmp_path / "in"), tmp_path / "out", workers=2, pipeline_factory=counting_pipeline
    )
    statuses = {name: row["status"] for name, row in studies(tmp_path / "out").items()}
    assert statuses == {"a.pdf": "ok", "b.pdf": "ok", "c.pdf": "ok", "crash.pdf": WORKER_CRASHED}
    assert report.pending == 0


def test_a_stage_bug_is_reported_and_retried_on_the_next_run(tmp_path: Path) -> None:
    write(tmp_path / "in", "a.pdf", text_pdf("Paper A"))
    write(tmp_path / "in", "bug.pdf", text_pdf("Paper with a bug"))
    files, out = discover(tmp_path / "in"), tmp_path / "out"
    run_batch(files, out, workers=1, pipeline_factory=counting_pipeline)
    assert studies(out)["bug.pdf"]["status"] == INTERNAL_ERROR
    errors = (out / "errors.csv").read_text(encoding=CSV_ENCODING)
    assert "bug.pdf,internal_error,ValueError: stage bug" in errors
    again = run_batch(files, out, workers=1, pipeline_factory=counting_pipeline)
    assert (again.skipped, again.processed) == (1, 1)


def test_a_pipeline_that_cannot_load_stops_the_run_with_its_reason(tmp_path: Path) -> None:
    for name in ("a.pdf", "b.pdf", "c.pdf"):
        write(tmp_path / "in", name, text_pdf(f"Paper {name}"))
    with pytest.raises(WorkersFailedError, match="models/ner/model.bin"):
        run_batch(
            discover(tmp_path / "in"), tmp_path / "out", workers=2, pipeline_factory=missing_model_pipeline
        )
    assert studies(tmp_path / "out") == {}  # no file was blamed for it


def test_studies_csv_quotes_whatever_the_values_hold(tmp_path: Path) -> None:
    title = 'Gel, "cream" and\nfoam: a trial; 50% = better?'
    outcome = FileOutcome("é/ü.pdf", "abc", "ok", row={"title": title, "year": None, "n_pages": 3})
    write_studies(tmp_path / "studies.csv", [outcome], BASE_COLUMNS)
    with (tmp_path / "studies.csv").open(encoding=CSV_ENCODING, newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row == {
        "file": "é/ü.pdf",
        "doc_id": "abc",
        "title": title,
        "doi": "",
        "year": "",
        "n_pages": "3",
        "status": "ok",
    }


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "studies.csv"
    target.write_text("old complete content")
    with pytest.raises(RuntimeError):
        with atomic_writer(target) as handle:
            handle.write("half of the new")
            raise RuntimeError("killed mid-write")
    assert target.read_text() == "old complete content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["studies.csv"]
