"""`extract run`: process a folder of PDFs into documents.jsonl, studies.csv and errors.csv."""

from __future__ import annotations

import errno
import os
import signal
from collections import Counter
from contextlib import AbstractContextManager, nullcontext
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from extract.batch.discover import NoInputError, discover
from extract.batch.lock import OutputBusyError, output_lock
from extract.batch.parquet import PAPERS_PER_PART
from extract.batch.run_info import save_input_folder
from extract.batch.runner import RunReport, WorkersFailedError, run_batch
from extract.cli._app import app
from extract.pipeline import DUPLICATE, OK, Pipeline, parse_only_pipeline

if TYPE_CHECKING:
    from extract.batch.dask_runner import DaskProcessAll

USAGE_EXIT_CODE = 2
FAILED_EXIT_CODE = 1
INTERRUPTED_EXIT_CODE = 130
TERMINATED_EXIT_CODE = 143  # 128 + SIGTERM, as shells report a process ended by it


class Terminated(KeyboardInterrupt):
    """SIGTERM: stopped like a Ctrl-C (finished files flushed), with its own exit code."""


def _terminate(_signum: int, _frame: object) -> None:
    raise Terminated


class NerModel(str, Enum):
    """The shipped entity models (`extract.ner.recognizer.NER_MODELS`)."""

    fast = "fast"
    accurate = "accurate"


def default_workers() -> int:
    return min(2, os.cpu_count() or 1)


@app.command()
def run(
    pdf_dir: Path = typer.Argument(
        ..., help="Folder searched recursively for *.pdf files (any case), or a single PDF file."
    ),
    out: Path = typer.Option(
        ...,
        "--out",
        "-o",
        help="Output folder (created if missing): documents.jsonl, studies.csv, errors.csv, mentions.jsonl, "
        "entities.csv, claims.csv, annotations.pubtator, annotations.bioc.xml.",
    ),
    workers: int = typer.Option(
        default_workers(), "--workers", "-w", min=1, help="Worker processes, each loading the pipeline once."
    ),
    force: bool = typer.Option(
        False,
        "--force",
        help="Process every file again, even content already done in OUT (matched by sha256).",
    ),
    parse_only: bool = typer.Option(
        False,
        "--parse-only",
        help="Only parse the PDFs (documents.jsonl, studies.csv, errors.csv): no entities or study fields.",
    ),
    parquet: bool = typer.Option(
        False,
        "--parquet",
        help=f"Also write the tables as partitioned Parquet, OUT/parquet/<table>/part-NNNNN.parquet, {PAPERS_PER_PART} "
        "papers a part (for large runs); later runs into OUT keep it up to date.",
    ),
    ner: NerModel = typer.Option(
        NerModel.fast,
        "--ner",
        help="Entity model: 'fast' (spaCy CNN, ~10,000 words/s on one core) or 'accurate' (domain-adapted MiniLM, "
        "~1,300 words/s: +1 to +13 F1 points on most dev corpora, docs/ner.md). Changing it redoes cached papers.",
    ),
    ner_min_score: float | None = typer.Option(
        None,
        "--ner-min-score",
        min=0.0,
        max=1.0,
        help="Drop entity mentions whose calibrated score (mentions.jsonl `score`) is below this; default: the "
        "thresholds chosen on dev for the model and each type (models/ner*/confidence.json). 0 keeps every "
        "mention (more recall, less precision). Changing it redoes cached papers.",
    ),
    wait: bool = typer.Option(
        False, "--wait", help="When another run is writing to OUT, wait for it instead of stopping (exit code 2)."
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="Run on an existing Dask cluster: scheduler address (tcp://HOST:8786) or scheduler file; "
        "its workers must see PDF_DIR and OUT at the same paths (docs/cluster.md). --workers is then ignored.",
    ),
) -> None:
    """Parse every PDF and write one row per file; a rerun skips files already done.

    Files that cannot be processed (empty, corrupt, encrypted, not a PDF, no text layer) are listed in errors.csv and the run goes on.

    Ctrl-C stops cleanly: finished files are kept and a rerun processes the rest. Exits 0 when the run finished, even if some files failed.
    """
    console = Console(stderr=True)
    try:
        files = discover(pdf_dir)
    except NoInputError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(USAGE_EXIT_CODE) from exc
    if out.exists() and not out.is_dir():
        console.print(f"[red]error:[/] the output path is a file, not a folder: {out}")
        raise typer.Exit(USAGE_EXIT_CODE)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        console.print(f"[red]error:[/] {_os_error(exc, out)}")
        raise typer.Exit(FAILED_EXIT_CODE) from exc
    progress = Progress(
        TextColumn("[bold]processing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[pages]} pages"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
    )
    task = progress.add_task("parsing", total=None, pages=0)
    pipeline_factory = (
        Pipeline
        if ner is NerModel.fast and ner_min_score is None
        else partial(Pipeline, ner_model=ner.value, ner_min_score=ner_min_score)
    )
    if parse_only:
        pipeline_factory = parse_only_pipeline
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        with output_lock(out, wait), progress, _cluster(scheduler) as process_all:
            save_input_folder(out, pdf_dir)  # for `extract review OUT`
            report = run_batch(
                files,
                out,
                workers=process_all.workers if process_all else workers,
                force=force,
                pipeline_factory=pipeline_factory,
                process_all=process_all,
                parquet_papers_per_part=PAPERS_PER_PART if parquet else None,
                on_start=lambda total: progress.update(task, total=total),
                on_done=lambda _outcome, pages: progress.update(
                    task, advance=1, pages=progress.tasks[task].fields["pages"] + pages
                ),
            )
    except Terminated:  # raised outside the batch (while starting or after it): nothing to flush
        raise typer.Exit(TERMINATED_EXIT_CODE) from None
    except OutputBusyError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(USAGE_EXIT_CODE) from exc
    except WorkersFailedError as exc:
        console.print(f"[red]error:[/] {exc}; finished files are kept in {out}")
        raise typer.Exit(FAILED_EXIT_CODE) from exc
    except OSError as exc:  # a full disk, a read-only or vanished output folder: say what and where, once
        console.print(f"[red]error:[/] {_os_error(exc, out)}; finished files are kept in {out}")
        raise typer.Exit(FAILED_EXIT_CODE) from exc
    finally:
        signal.signal(signal.SIGTERM, previous)
    console.print(summary_table(report, out))
    if report.interrupted and report.terminated:
        console.print(f"[yellow]terminated:[/] {report.pending} file(s) not done; run the same command again to finish.")
        raise typer.Exit(TERMINATED_EXIT_CODE)
    if report.interrupted:
        console.print(
            f"[yellow]interrupted:[/] {report.pending} file(s) not done; run the same command again to finish."
        )
        raise typer.Exit(INTERRUPTED_EXIT_CODE)


def _os_error(exc: OSError, out: Path) -> str:
    """One line for a failed write: what failed and where ("no space left on device: OUT/studies.csv")."""
    where = exc.filename or out
    reason = {errno.ENOSPC: "no space left on device", errno.EROFS: "read-only file system",
              errno.EACCES: "permission denied", errno.EDQUOT: "disk quota exceeded"}.get(exc.errno or 0)
    return f"cannot write {where}: {reason or exc.strerror or exc}"


def _cluster(scheduler: str | None) -> AbstractContextManager[DaskProcessAll | None]:
    """Connect to the Dask scheduler when one is given; the local pool (None) otherwise."""
    if scheduler is None:
        return nullcontext(None)
    from extract.batch.dask_runner import connect  # Dask is an optional dependency

    return connect(scheduler)


def summary_table(report: RunReport, out: Path) -> Table:
    """Counts by status, what this run did, and its speed."""
    statuses = Counter(outcome.status for outcome in report.outcomes)
    table = Table(title=f"extract run -> {out}", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("ok", str(statuses.pop(OK, 0)))
    table.add_row("duplicates", str(statuses.pop(DUPLICATE, 0)))
    for kind, count in sorted(statuses.items()):
        table.add_row(f"failed: {kind}", str(count))
    table.add_row("skipped (already done)", str(report.skipped))
    if report.pending:
        table.add_row("not done (interrupted)", str(report.pending))
    table.add_row("processed this run", str(report.processed))
    table.add_row("pages parsed", str(report.pages))
    table.add_row("time", f"{report.seconds:.1f} s with {report.workers} worker(s)")
    table.add_row("pages/s", f"{report.pages_per_second:.1f}")
    outputs = sorted(p.name + ("/" if p.is_dir() else "") for p in out.iterdir() if not p.name.startswith("."))
    table.add_row("outputs", ", ".join(outputs))
    return table
