"""`extract run` on a real local Dask cluster: same rows as the local pool, resume, a killed worker, the CLI."""

from __future__ import annotations

import csv
import os
import re
from functools import partial
from pathlib import Path

import pytest
from make_pdfs import text_pdf, write
from run_helpers import use_parse_only
from typer.testing import CliRunner

from extract.batch.discover import discover
from extract.batch.runner import run_batch
from extract.cli import app
from extract.pipeline import Pipeline, Result, parse_only_pipeline

distributed = pytest.importorskip("distributed")
import dask  # noqa: E402
from extract.batch.dask_runner import DaskProcessAll  # noqa: E402  (needs distributed)

OUTPUTS = ("studies.csv", "documents.jsonl", "errors.csv")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    ) as local_cluster:
        yield local_cluster


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster) as dask_client:
        yield dask_client


def make_papers(folder: Path) -> list:
    for number in range(1, 7):
        write(folder, f"paper{number}.pdf", text_pdf(f"Trial number {number} of a topical gel", pages=number % 3 + 1))
    write(folder, "sub/copy.pdf", (folder / "paper1.pdf").read_bytes())  # a duplicate
    write(folder, "broken.pdf", b"%PDF-1.7 this is not really a PDF")
    return discover(folder)


def outputs(out: Path) -> dict[str, str]:
    return {name: (out / name).read_text(encoding="utf-8-sig") for name in OUTPUTS}


def statuses(out: Path) -> dict[str, str]:
    with (out / "studies.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {row["file"]: row["status"] for row in csv.DictReader(handle)}


def test_dask_run_equals_the_local_run_row_for_row(tmp_path: Path, client) -> None:
    files = make_papers(tmp_path / "in")
    local = run_batch(files, tmp_path / "local", workers=1, pipeline_factory=parse_only_pipeline)
    on_dask = run_batch(
        files, tmp_path / "dask", pipeline_factory=parse_only_pipeline, process_all=DaskProcessAll(client)
    )
    assert on_dask.processed == local.processed == 7  # 6 papers + the broken file; the copy is a duplicate
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    expected = {f"paper{n}.pdf": "ok" for n in range(1, 7)} | {"broken.pdf": "corrupt_pdf", "sub/copy.pdf": "duplicate"}
    assert statuses(tmp_path / "dask") == expected

    rerun = run_batch(files, tmp_path / "dask", pipeline_factory=parse_only_pipeline, process_all=DaskProcessAll(client))
    assert (rerun.processed, rerun.skipped) == (0, 7)  # resume: the store in OUT is shared across cluster runs
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")


class CountingClient:
    """A Dask client that counts the tasks submitted, so a test can see how many were in flight at once."""

    def __init__(self, client) -> None:
        self.client, self.submitted, self.finished, self.most_in_flight = client, 0, 0, 0

    def submit(self, *args, **kwargs):
        self.submitted += 1
        self.most_in_flight = max(self.most_in_flight, self.submitted - self.finished)
        return self.client.submit(*args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self.client, name)


def test_submission_is_throttled_to_a_few_tasks_per_worker_thread(tmp_path: Path, client) -> None:
    files = make_papers(tmp_path / "in")
    counting = CountingClient(client)
    process_all = DaskProcessAll(counting, tasks_per_thread=1)
    assert process_all.max_in_flight() == 2  # 2 workers x 1 thread x 1 task each

    def done(_outcome, _pages) -> None:
        counting.finished += 1

    report = run_batch(
        files, tmp_path / "out", pipeline_factory=parse_only_pipeline, process_all=process_all, on_done=done
    )
    assert report.processed == counting.submitted == 7
    assert counting.most_in_flight == 2  # never more, though 7 papers were waiting
    assert DaskProcessAll(client).max_in_flight() == 4  # the default: 2 tasks per worker thread


class DiesOncePipeline(Pipeline):
    """Parse only, but the worker process dies (as in a native crash) the first time it meets `victim`."""

    def __init__(self, marker: Path, victim: str) -> None:
        super().__init__(stages=[])
        self.marker, self.victim = marker, victim

    def process(self, name: str, data: bytes) -> Result:
        if name == self.victim and not self.marker.exists():
            self.marker.touch()
            os._exit(1)
        return super().process(name, data)


def test_a_worker_killed_mid_run_loses_no_paper_and_adds_no_row(tmp_path: Path, client) -> None:
    files = make_papers(tmp_path / "in")
    marker = tmp_path / "killed-once"
    run_batch(files, tmp_path / "local", workers=1, pipeline_factory=parse_only_pipeline)
    report = run_batch(
        files,
        tmp_path / "dask",
        pipeline_factory=partial(DiesOncePipeline, marker, "paper3.pdf"),
        process_all=DaskProcessAll(client),
    )
    assert marker.exists()  # a worker did die
    assert report.processed == 7 and report.pending == 0
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    client.wait_for_workers(2, timeout=30)  # the nanny restarts it, for the next tests


def test_cli_runs_on_the_scheduler_address_and_a_scheduler_file(
    tmp_path: Path, cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_parse_only(monkeypatch)
    make_papers(tmp_path / "in")
    runner = CliRunner()
    by_address = runner.invoke(app, ["run", str(tmp_path / "in"), "-o", str(tmp_path / "a"), "--scheduler", cluster.scheduler_address])
    assert by_address.exit_code == 0, by_address.output
    assert "with 2 worker(s)" in by_address.output
    assert len(statuses(tmp_path / "a")) == 8

    scheduler_file = tmp_path / "scheduler.json"
    scheduler_file.write_text(f'{{"address": "{cluster.scheduler_address}"}}')
    by_file = runner.invoke(app, ["run", str(tmp_path / "in"), "-o", str(tmp_path / "a"), "--scheduler", str(scheduler_file)])
    assert by_file.exit_code == 0, by_file.output
    assert re.search(r"skipped \(already done\)\D+7\b", by_file.output), by_file.output
    assert len(statuses(tmp_path / "a")) == 8



def test_cli_reports_an_unreachable_scheduler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_parse_only(monkeypatch)
    make_papers(tmp_path / "in")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(app, ["run", str(tmp_path / "in"), "-o", str(tmp_path / "a"), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler tcp://127.0.0.1:9" in result.output
