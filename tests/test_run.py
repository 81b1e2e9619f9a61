"""`extract run` end to end: outputs, resuming by content hash, --force, usage errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from make_pdfs import text_pdf, write
from run_helpers import use_parse_only
from typer.testing import CliRunner

from extract.batch.discover import discover
from extract.batch.outputs import CSV_ENCODING, csv_cell, csv_value
from extract.batch.runner import run_batch
from extract.cli import app
from extract.document import Document
from extract.pipeline import Pipeline
from extract.tables import OutputTable

runner = CliRunner()


@pytest.fixture(autouse=True)
def parse_only(monkeypatch: pytest.MonkeyPatch) -> None:
    use_parse_only(monkeypatch)


def invoke(*args: str):
    return runner.invoke(app, ["run", *args])


def read_studies(out: Path) -> list[dict[str, str]]:
    return read_csv(out / "studies.csv")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding=CSV_ENCODING, newline="") as handle:
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


def page_rows(doc: Document) -> list[dict]:
    return [{"doc": doc.id, "page": number, "label": "@SUM(A1)" if number == 1 else f"page {number}"}
            for number in range(1, len(doc.pages) + 1)]


class ValuesStage:
    """A stage whose columns and table hold every kind of value: ints and None, floats, formulas, numbers as text, lists."""

    name, version = "values", "1"
    columns = ("pages_if_many", "half_pages", "note", "delta", "tags")
    tables = (OutputTable("pages.csv", ("doc", "page", "label"), page_rows),)

    def load(self) -> None:
        """Nothing to load."""

    def __call__(self, doc: Document) -> dict:
        pages = len(doc.pages)
        return {
            "pages_if_many": pages if pages > 1 else None,
            "half_pages": pages / 2,
            "note": "=HYPERLINK(\"http://example.org\")" if pages == 2 else "-not a number",
            "delta": "-2.5",
            "tags": ["=x", pages],
        }


def values_pipeline() -> Pipeline:
    return Pipeline(stages=[ValuesStage()])


def parquet_rows(folder: Path) -> list[dict]:
    return pa.concat_tables(pq.read_table(part) for part in sorted(folder.glob("part-*.parquet"))).to_pylist()


def as_csv(rows: list[dict]) -> list[dict[str, str]]:
    return [{key: str(csv_cell(value)) for key, value in row.items()} for row in rows]


def test_parquet_tables_are_partitioned_and_equal_the_csvs_row_for_row(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    for number in range(1, 6):
        write(folder, f"paper{number}.pdf", text_pdf(f"Trial number {number}", pages=number % 3 + 1))
    write(folder, "broken.pdf", b"%PDF-1.7 not really a PDF")
    run_batch(discover(folder), out, workers=1, pipeline_factory=values_pipeline, parquet_papers_per_part=2)

    parquet = out / "parquet"
    assert sorted(p.name for p in parquet.iterdir()) == ["documents", "errors", "pages", "studies"]
    parts = ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]  # 6 files, 2 a part
    assert all(sorted(p.name for p in (parquet / table).iterdir()) == parts for table in ("studies", "pages"))
    for table, csv_name in (("studies", "studies.csv"), ("pages", "pages.csv"), ("errors", "errors.csv")):
        rows = parquet_rows(parquet / table)
        assert as_csv(rows) == read_csv(out / csv_name), table
        assert pq.read_table(parquet / table).num_rows == len(rows)  # the parts share one schema
    documents = parquet_rows(parquet / "documents")
    assert [(d["id"], d["text"]) for d in documents] == [(d["id"], d["text"]) for d in read_documents(out)]

    studies = pq.read_table(parquet / "studies")
    assert studies.schema.field("pages_if_many").type == pa.int64()  # null in one part, numbers in others
    assert studies.schema.field("half_pages").type == pa.float64()
    by_file = {row["file"]: row for row in studies.to_pylist()}
    assert by_file["paper1.pdf"]["note"] == '=HYPERLINK("http://example.org")'  # raw value, no escape
    assert by_file["paper1.pdf"]["tags"] == '["=x", 2]'
    assert {row["file"] for row in parquet_rows(parquet / "studies")[:2]} == {"broken.pdf", "paper1.pdf"}
    first_part_docs = {row["doc_id"] for row in pq.read_table(parquet / "studies" / parts[0]).to_pylist()}
    assert {row["doc"] for row in pq.read_table(parquet / "pages" / parts[0]).to_pylist()} <= first_part_docs

    write(folder, "paper6.pdf", text_pdf("Trial number 6", pages=1))
    write(folder, "paper7.pdf", text_pdf("Trial number 7", pages=2))
    rerun = run_batch(discover(folder), out, workers=1, pipeline_factory=values_pipeline)  # kept up to date
    assert (rerun.skipped, rerun.processed) == (6, 2)
    studies_rows = parquet_rows(parquet / "studies")
    assert len(studies_rows) == 8 and len({row["file"] for row in studies_rows}) == 8  # no duplicate row
    assert as_csv(studies_rows) == read_csv(out / "studies.csv")
    assert as_csv(parquet_rows(parquet / "pages")) == read_csv(out / "pages.csv")
    assert sorted(p.name for p in (parquet / "studies").iterdir()) == parts[:1]  # default size: one part, old ones gone
    assert not [p for p in parquet.iterdir() if p.name.startswith(".")]  # no half-written folder left


def test_csv_cells_that_would_run_as_formulas_are_escaped_but_numbers_are_not(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    write(folder, "two.pdf", text_pdf("Two pages", pages=2))
    write(folder, "-dash.pdf", text_pdf("A file name that starts with a dash", pages=1))
    write(folder, "@broken.pdf", b"%PDF-1.7 not really a PDF")
    run_batch(discover(folder), out, workers=1, pipeline_factory=values_pipeline)

    studies = {csv_value(row["file"]): row for row in read_studies(out)}
    two = studies["two.pdf"]
    assert two["note"] == "'=HYPERLINK(\"http://example.org\")"
    assert two["delta"] == "-2.5" and two["half_pages"] == "1.0"  # numbers stay numbers
    assert two["tags"] == '["=x", 2]'  # JSON starts with [: no formula
    assert studies["-dash.pdf"]["note"] == "'-not a number"
    assert studies["-dash.pdf"]["file"] == "'-dash.pdf"
    assert [row["label"] for row in read_csv(out / "pages.csv")] == ["'@SUM(A1)", "'@SUM(A1)", "page 2"]
    assert read_csv(out / "errors.csv")[0]["file"] == "'@broken.pdf"


@pytest.mark.parametrize(
    ("value", "cell"),
    [("=1+2", "'=1+2"), ("+cmd", "'+cmd"), ("-", "'-"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
     ("-2.5", "-2.5"), ("+3", "+3"), ("-1e5", "-1e5"), (-2.5, -2.5), ("plain", "plain"), ("'=x", "''=x"), ("'x", "'x")],
)
def test_csv_cell_escapes_formulas_and_csv_value_undoes_it(value, cell) -> None:
    assert csv_cell(value) == cell
    assert csv_value(str(cell)) == str(value)


def test_cli_parquet_option(tmp_path: Path) -> None:
    make_folder(tmp_path / "in")
    result = invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--parquet", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "parquet/" in result.output  # listed with the outputs
    assert as_csv(parquet_rows(tmp_path / "out" / "parquet" / "studies")) == read_studies(tmp_path / "out")


class FakeServer:
    effective_port = 8765

    def run(self) -> None:
        """Return at once, as if the reviewer pressed Ctrl-C."""

    def close(self) -> None:
        """Nothing to close."""


def test_review_finds_the_pdfs_where_the_run_read_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extract.cli import review as review_command

    make_folder(tmp_path / "in")
    assert invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--workers", "1").exit_code == 0
    run_info = json.loads((tmp_path / "out" / ".extract" / "run.json").read_text())
    assert run_info == {"pdf_dir": str((tmp_path / "in").resolve())}

    served = []
    monkeypatch.setattr(review_command, "make_server", lambda web, host, port: FakeServer())
    monkeypatch.setattr(review_command, "create_app", lambda out_dir, pdf_dir, **_: served.append(pdf_dir))
    review = runner.invoke(app, ["review", str(tmp_path / "out")])
    assert review.exit_code == 0, review.output
    assert served == [(tmp_path / "in").resolve()] and "no --pdfs" not in review.output
    (tmp_path / "in").rename(tmp_path / "moved")
    gone = runner.invoke(app, ["review", str(tmp_path / "out")])
    assert gone.exit_code == 2 and "which is gone; give their folder with --pdfs" in " ".join(gone.output.split())
    moved = runner.invoke(app, ["review", str(tmp_path / "out"), "--pdfs", str(tmp_path / "moved")])
    assert moved.exit_code == 0 and served[-1] == tmp_path / "moved"  # --pdfs still overrides


def test_a_full_disk_is_one_line_and_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from extract.batch import atomic

    use_parse_only(monkeypatch)
    write(tmp_path / "in", "paper.pdf", text_pdf("A paper"))

    def full(path: Path, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(atomic.tempfile, "mkstemp", lambda *a, **k: full(tmp_path / "out" / "studies.csv"))
    result = invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--workers", "1")
    assert result.exit_code == 1
    assert "no space left on device" in result.output and "Traceback" not in result.output
    assert len([line for line in result.output.splitlines() if "error" in line]) == 1
