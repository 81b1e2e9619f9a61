"""The shipped examples: reproducible from their script, and processed by `extract run`."""

from __future__ import annotations

import csv
import hashlib
import json
import runpy
from pathlib import Path

from extract.batch.discover import discover
from extract.batch.outputs import CSV_ENCODING
from extract.batch.runner import run_batch

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_committed_examples_are_what_the_script_writes(tmp_path: Path) -> None:
    script = runpy.run_path(str(REPO / "scripts" / "make_examples.py"))
    script["main"](tmp_path)
    committed = sorted(EXAMPLES.glob("*.pdf"))
    assert [p.name for p in committed] == sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert all(sha256(p) == sha256(tmp_path / p.name) for p in committed)


def test_extract_run_on_the_examples(tmp_path: Path) -> None:
    report = run_batch(discover(EXAMPLES), tmp_path, workers=2)
    assert report.processed == 2 and report.pending == 0
    with (tmp_path / "studies.csv").open(encoding=CSV_ENCODING, newline="") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}
    trial, cohort = rows["acne_rct_two_column.pdf"], rows["isotretinoin_cohort_one_column.pdf"]
    assert (trial["status"], trial["n_pages"], cohort["status"], cohort["n_pages"]) == ("ok", "3", "ok", "1")
    assert trial["title"].startswith("Topical niacinamide 4% with azelaic acid 5% gel versus vehicle")
    assert trial["doi"] == "10.5555/jcdr.2023.0417"

    documents = {
        doc["file"]: doc
        for doc in map(json.loads, (tmp_path / "documents.jsonl").read_text(encoding="utf-8").splitlines())
    }
    text = documents["acne_rct_two_column.pdf"]["text"]
    for phrase in ("Sixty patients were randomized", "THP-1", "MMP1", "Homo sapiens", "Cutibacterium acnes"):
        assert phrase in text
    kinds = {section["kind"] for section in documents["acne_rct_two_column.pdf"]["sections"]}
    assert {"abstract", "methods", "results", "references"} <= kinds
