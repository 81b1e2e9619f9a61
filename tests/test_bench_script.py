"""`scripts/run_benchmarks.py`: runs what has predictions, skips the rest with a note, writes Markdown."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from extract.corpus.catalog import load_corpus
from extract.paths import REPO_ROOT


def load_script():
    spec = importlib.util.spec_from_file_location("run_benchmarks", REPO_ROOT / "scripts" / "run_benchmarks.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared
def test_scores_a_predictions_file_and_skips_the_rest(tmp_path: Path) -> None:
    gold = [d for d in load_corpus("pdfs").split("test") if "sample_size" in d.labels]
    # every gold total is predicted, the first one off by one: exact P = R = (n - 1) / n
    lines = ["id,sample_size"] + [f"{d.id},{d.labels['sample_size'] + (i == 0)}" for i, d in enumerate(gold)]
    (tmp_path / "sample-size__pdfs__test.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "benchmarks.md"
    assert load_script().main(["--pred-dir", str(tmp_path), "--out", str(out), "--json-dir", str(tmp_path / "json"), "--files-only"]) == 0
    table = out.read_text(encoding="utf-8")
    expected = f"{100 * (len(gold) - 1) / len(gold):.2f}"
    assert f"| sample-size | pdfs (test) | exact P | {expected} | 89.00 |" in table
    assert f"| sample-size | pdfs (test) | exact R | {expected} | 87.00 |" in table
    assert "| ner | bc5cdr (test) | micro F1, strict | — | 84.28 |" in table
    assert "skipped: no predictions file (shipped models not run: --files-only)" in table
    assert (tmp_path / "json" / "sample-size__pdfs__test.json").exists()
