"""`extract run` end to end: outputs, resuming by content hash, --force, usage errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from make_pdfs import text_pdf, write
from run_helpers import use_parse_only
from typer.testing import CliRunner

from extract.batch.outputs import CSV_ENCODING
from extract.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def parse_only(monkeypatch: pytest.MonkeyPatch) -> None:
    use_parse_only(monkeypatch)


def invoke(*args: str):
    return runner.invoke(app, ["run", *args])


def read_studies(out: Path) -> list[dict[str, str]]:
    with (out / "studies.csv").open(encoding=CSV_ENCODING, newline="") as handle:
        return list(csv.DictReader(handle))


def read_documents(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]


def make_folder(folder: Path) -> None:
    write(folder, "trial.pdf", text_pdf("Topical gel for acne: a randomized trial", pages=3))
    write(folder, "sub/COHORT.PDF", text_pdf("Isotretinoin and depression: a cohort study", pages=2))
    write(folder, "notes.txt", b"not an input")


def test_run_writes_the_three_outputs(tmp_path: Path) -> None:
    make_folder(tmp_path / "in")
    result = invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--workers", "2")
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"

    studies = read_studies(out)
    assert [row["file"] for row in studies] == ["sub/COHORT.PDF", "trial.pdf"]
    assert list(studies[0])[:7] == ["file", "doc_id", "title", "doi", "year", "n_pages", "status"]
    assert [row["status"] for row in studies] == ["ok", "ok"]
    assert [row["n_pages"] for row in studies] == ["2", "3"]
    assert (out / "studies.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for Excel

    documents = read_documents(out)
    assert [d["file"] for d in documents] == ["sub/COHORT.PDF", "trial.pdf"]
    assert [d["id"] for d in documents] == [row["doc_id"] for row in studies]
    for doc in documents:
        assert {"id", "file", "title", "doi", "pages", "sections", "text"} <= doc.keys()
        assert "Sixty patients" in doc["text"]
        assert all(set(section) == {"title", "kind", "text"} for section in doc["sections"])
    assert documents[1]["pages"] == 3

    full = json.loads((out / ".extract" / "docs" / f"{studies[1]['doc_id']}.document.json").read_text())
    assert full["segments"] and full["blocks"]  # boxes kept for the reviewer app
    assert (out / "errors.csv").read_text(encoding=CSV_ENCODING).splitlines() == ["file,kind,message"]
    assert "ok" in result.output and "pages/s" in result.output


def test_rerun_skips_content_already_done_unless_forced(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    make_folder(folder)
    assert invoke(str(folder), "-o", str(out)).exit_code == 0
    records = sorted((out / ".extract" / "docs").glob("*.json"))
    stamps = {p: p.stat().st_mtime_ns for p in records}

    rerun = invoke(str(folder), "-o", str(out))
    assert rerun.exit_code == 0
    assert {p: p.stat().st_mtime_ns for p in records} == stamps
    assert "skipped (already done)" in rerun.output and "processed this run" in rerun.output
    assert len(read_studies(out)) == 2 and len(read_documents(out)) == 2

    (folder / "trial.pdf").rename(folder / "renamed.pdf")  # same bytes, new name: still done
    write(folder, "new.pdf", text_pdf("A new paper on rosacea"))
    assert invoke(str(folder), "-o", str(out)).exit_code == 0
    changed = [p for p in records if p.stat().st_mtime_ns != stamps[p]]
    assert changed == []
    assert [row["file"] for row in read_studies(out)] == ["new.pdf", "renamed.pdf", "sub/COHORT.PDF"]

    assert invoke(str(folder), "-o", str(out), "--force").exit_code == 0
    assert all(p.stat().st_mtime_ns != stamps[p] for p in records)


def test_a_single_file_is_accepted(tmp_path: Path) -> None:
    pdf = write(tmp_path, "one.pdf", text_pdf("One paper"))
    result = invoke(str(pdf), "-o", str(tmp_path / "out"), "--workers", "1")
    assert result.exit_code == 0, result.output
    assert [row["file"] for row in read_studies(tmp_path / "out")] == ["one.pdf"]


def test_usage_errors_exit_non_zero_with_a_clear_message(tmp_path: Path) -> None:
    missing = invoke(str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert missing.exit_code != 0 and "no such file or folder" in missing.output
    (tmp_path / "empty").mkdir()
    write(tmp_path / "empty", "readme.txt", b"hello")
    empty = invoke(str(tmp_path / "empty"), "-o", str(tmp_path / "out"))
    assert empty.exit_code != 0 and "no PDF files" in empty.output
    assert invoke(str(tmp_path / "empty")).exit_code != 0  # -o is required
    assert not (tmp_path / "out").exists()
    write(tmp_path / "in", "a.pdf", text_pdf("A paper"))
    (tmp_path / "out.csv").write_text("a file")
    not_a_folder = invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out.csv"))
    assert not_a_folder.exit_code != 0 and "not a folder" in not_a_folder.output


def test_help_explains_every_option() -> None:
    result = runner.invoke(app, ["run", "--help"])
    assert result.exit_code == 0
    for option in ("PDF_DIR", "--out", "--workers", "--force"):
        assert option.lower() in result.output.lower()
    assert "recursively" in result.output and "sha256" in result.output
