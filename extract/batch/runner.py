"""Run the pipeline over many files in worker processes, resumably, and keep the outputs current.

Files are fingerprinted by sha256 first: a second file with the same bytes is a `duplicate`, and
content already processed by the same pipeline (see `Pipeline.signature`) is skipped unless
`force`. Each worker builds one `Pipeline` and writes each result to the `ResultStore` itself;
the outputs are rebuilt from the store every `flush_seconds` and at the end. Ctrl-C stops the
workers at once: finished documents are kept, and a rerun does the rest. A worker that dies
(a crash in native code) breaks the pool: its files are retried one at a time in a fresh pool
and reported as `worker_crashed` if they break it again.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from extract.batch.discover import InputFile, is_regular_file, sha256_file
from extract.batch.outputs import FileOutcome, write_outputs
from extract.batch.parquet import PAPERS_PER_PART, PARQUET_DIR, write_parquet
from extract.batch.store import ResultStore
from extract.batch.worker import PipelineFactory, PipelineLoadError, WorkerContext, init_worker, process_file
from extract.errors import NotAFileError, UnreadableFileError
from extract.pipeline import DUPLICATE, Pipeline, Result

WORKER_CRASHED = "worker_crashed"
MAX_BROKEN_POOLS_IN_A_ROW = 5


class WorkersFailedError(RuntimeError):
    """Worker processes keep dying before finishing any file (e.g. a stage cannot load)."""


@dataclass
class RunReport:
    """The outcome of a run: one `FileOutcome` per finished file, plus counts and timing."""

    outcomes: list[FileOutcome]
    processed: int = 0
    skipped: int = 0
    pending: int = 0
    pages: int = 0
    seconds: float = 0.0
    workers: int = 1
    interrupted: bool = False
    terminated: bool = False  # interrupted by SIGTERM rather than Ctrl-C
    columns: tuple[str, ...] = field(default_factory=tuple)

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0


OnStart = Callable[[int], None]
OnDone = Callable[[FileOutcome, int], None]
Finished = Callable[[InputFile, Result], None]
# Runs `process_file` for each file somewhere (`factory`, `out_dir` set up the workers) and calls
# `finished` in this thread as each result arrives; the local pool by default, or a Dask cluster.
ProcessAll = Callable[[Sequence[InputFile], PipelineFactory, Path, Finished], None]


def run_batch(
    files: Sequence[InputFile],
    out_dir: Path,
    *,
    workers: int = 1,
    force: bool = False,
    pipeline_factory: PipelineFactory = Pipeline,
    flush_seconds: float = 30.0,
    on_start: OnStart | None = None,
    on_done: OnDone | None = None,
    process_all: ProcessAll | None = None,
    parquet_papers_per_part: int | None = None,
) -> RunReport:
    """Process `files` into `out_dir`; `on_start(n_to_process)` and `on_done(outcome, pages)` report progress.

    `process_all` runs the files elsewhere (e.g. `extract.batch.dask_runner`); default: `workers` local processes.
    With `parquet_papers_per_part`, the tables are also written as partitioned Parquet (`extract.batch.parquet`);
    an `OUT/parquet` folder that an earlier run wrote is kept up to date even without it.
    """
    started = time.monotonic()
    store = ResultStore(out_dir)
    store.prepare()
    pipeline = pipeline_factory()  # cheap: read signature and columns; workers load the models
    if parquet_papers_per_part is None and (out_dir / PARQUET_DIR).is_dir():
        parquet_papers_per_part = PAPERS_PER_PART
    batch = _Batch(files, out_dir, store, pipeline, parquet_papers_per_part)
    todo = batch.plan(force)
    report = RunReport([], skipped=batch.skipped, workers=workers, columns=pipeline.columns)
    if on_start:
        on_start(len(todo))

    def finished(file: InputFile, result: Result) -> None:
        outcome = batch.record(file, result)
        report.processed += 1
        report.pages += result.n_pages
        if on_done:
            on_done(outcome, result.n_pages)
        if batch.flush_due(flush_seconds):
            batch.flush()

    try:
        if process_all is None:
            _process_all(todo, workers, pipeline_factory, out_dir, finished)
        else:
            process_all(todo, pipeline_factory, out_dir, finished)
    except KeyboardInterrupt as stop:
        report.interrupted = True
        report.terminated = type(stop) is not KeyboardInterrupt  # SIGTERM's subclass (`extract.cli.run`)
        store.prepare()  # drop the temp files of writes the stopped workers left half done
        report.processed += batch.collect_kept(todo)
    finally:
        batch.flush()
    report.outcomes = batch.ordered_outcomes()
    report.pending = len(files) - len(report.outcomes)
    report.seconds = time.monotonic() - started
    return report


class _Batch:
    """The files of one run and what is known about each, by name and by content hash."""

    def __init__(
        self,
        files: Sequence[InputFile],
        out_dir: Path,
        store: ResultStore,
        pipeline: Pipeline,
        parquet_papers_per_part: int | None = None,
    ) -> None:
        self.files, self.out_dir, self.store = files, out_dir, store
        self.parquet_papers_per_part = parquet_papers_per_part
        self.signature, self.columns, self.tables = pipeline.signature, pipeline.columns, pipeline.tables
        self.outcomes: dict[str, FileOutcome] = {}
        self.first_with_content: dict[str, str] = {}  # doc_id -> name of the first file with it
        self.content_of: dict[str, str] = {}  # file name -> doc_id
        self.skipped = 0
        self.flushed_at = time.monotonic()
        self.flush_cost = 0.0

    def plan(self, force: bool) -> list[InputFile]:
        """Fingerprint every file; return those that still need processing."""
        todo = []
        for file in self.files:
            try:
                if not is_regular_file(file.path):
                    message = "not a regular file (a FIFO, socket, device or a link to one); skipped"
                    self.outcomes[file.name] = FileOutcome(file.name, "", NotAFileError.kind, message)
                    continue
                doc_id = sha256_file(file.path)
            except OSError as exc:
                message = f"cannot read file: {exc.strerror or exc}"
                self.outcomes[file.name] = FileOutcome(file.name, "", UnreadableFileError.kind, message)
                continue
            self.content_of[file.name] = doc_id
            first = self.first_with_content.setdefault(doc_id, file.name)
            if first != file.name:
                self.outcomes[file.name] = FileOutcome(
                    file.name, doc_id, DUPLICATE, f"same content as {first}"
                )
                continue
            kept = None if force else self.store.get(doc_id, self.signature)
            if kept is None:
                todo.append(file)
            else:
                self.record(file, kept)
                self.skipped += 1
        return todo

    def collect_kept(self, files: Sequence[InputFile]) -> int:
        """Record the results workers kept for `files` before the main process heard of them."""
        kept = 0
        for file in files:
            result = self.store.get(self.content_of[file.name], self.signature)
            if file.name not in self.outcomes and result is not None:
                self.record(file, result)
                kept += 1
        return kept

    def record(self, file: InputFile, result: Result) -> FileOutcome:
        outcome = FileOutcome(file.name, result.doc_id, result.status, result.message, result.row)
        self.outcomes[file.name] = outcome
        return outcome

    def ordered_outcomes(self) -> list[FileOutcome]:
        """Finished files in input order; a duplicate shows its original's row once that is done."""
        ordered = []
        for file in self.files:
            outcome = self.outcomes.get(file.name)
            if outcome is None:
                continue
            if outcome.status == DUPLICATE:
                original = self.outcomes.get(self.first_with_content[outcome.doc_id])
                if original is None:
                    continue
                outcome.row = original.row
            ordered.append(outcome)
        return ordered

    def flush_due(self, every_seconds: float) -> bool:
        """Time to rewrite the outputs: `every_seconds` passed, and 10x what the last rewrite took."""
        return time.monotonic() - self.flushed_at >= max(every_seconds, 10 * self.flush_cost)

    def flush(self) -> None:
        """Rewrite the outputs from the finished files (each output atomically)."""
        started = time.monotonic()
        outcomes = self.ordered_outcomes()
        write_outputs(self.out_dir, outcomes, self.store, self.columns, self.tables)
        if self.parquet_papers_per_part:
            write_parquet(self.out_dir, outcomes, self.store, self.columns, self.tables, self.parquet_papers_per_part)
        self.flushed_at = time.monotonic()
        self.flush_cost = self.flushed_at - started


IN_FLIGHT_PER_WORKER = 2
"""Files handed to the pool per worker: a worker finds its next paper queued while the main process
records the last result (with one, workers idled while outputs were rebuilt). If a worker dies, every
file in flight is retried alone, so a crash still names its file."""


def _process_all(
    todo: Sequence[InputFile],
    workers: int,
    factory: PipelineFactory,
    out_dir: Path,
    finished: Callable[[InputFile, Result], None],
) -> None:
    """Feed `todo` to a pool of `workers` processes, `IN_FLIGHT_PER_WORKER` files queued per worker."""
    queue: deque[InputFile] = deque(todo)
    suspects: deque[InputFile] = deque()  # files in flight when a worker died
    suspected: set[str] = set()
    in_flight: dict[Future[Result], InputFile] = {}
    broken_in_a_row = 0
    pool = _new_pool(workers, factory, out_dir)

    def settle(future: Future[Result], file: InputFile) -> bool:
        """Report a finished future; False when it failed because the pool broke."""
        try:
            result = future.result()
        except PipelineLoadError as exc:
            raise WorkersFailedError(f"the pipeline could not be loaded in a worker process: {exc}") from exc
        except BrokenProcessPool as exc:
            if file.name in suspected:
                finished(file, Result("", WORKER_CRASHED, f"the worker process died on this file ({exc})"))
            else:
                suspected.add(file.name)
                suspects.append(file)
            return False
        finished(file, result)
        return True

    try:
        while queue or suspects or in_flight:
            if suspects and not in_flight:  # a suspect runs alone, so a second crash names it
                _submit(pool, in_flight, suspects.popleft())
            elif not suspects:
                while queue and len(in_flight) < workers * IN_FLIGHT_PER_WORKER:
                    _submit(pool, in_flight, queue.popleft())
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            outcomes = [settle(future, in_flight.pop(future)) for future in done]
            if all(outcomes):
                broken_in_a_row = 0
                continue
            wait(in_flight)  # the broken pool fails the rest too (or they had finished)
            for future in list(in_flight):
                settle(future, in_flight.pop(future))
            broken_in_a_row += 1
            if broken_in_a_row >= MAX_BROKEN_POOLS_IN_A_ROW:
                raise WorkersFailedError("worker processes keep dying (did a stage fail to load?)")
            pool.shutdown(wait=True)
            pool = _new_pool(workers, factory, out_dir)
    except BaseException:
        _stop_workers()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _stop_workers(grace_seconds: float = 5.0) -> None:
    """Terminate the worker processes now and wait until they are gone."""
    workers = multiprocessing.active_children()
    for process in workers:
        process.terminate()
    for process in workers:
        process.join(grace_seconds)
        if process.is_alive():
            process.kill()
            process.join()


def _submit(pool: ProcessPoolExecutor, in_flight: dict[Future[Result], InputFile], file: InputFile) -> None:
    with sigint_deferred():  # a Ctrl-C meanwhile is raised once the file is in `in_flight`
        in_flight[pool.submit(process_file, file.path, file.name)] = file


def _new_pool(workers: int, factory: PipelineFactory, out_dir: Path) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=WorkerContext(), initializer=init_worker, initargs=(factory, out_dir)
    )


@contextmanager
def sigint_deferred() -> Iterator[None]:
    """Hold a Ctrl-C that comes during the block and raise KeyboardInterrupt right after it.

    Only the main thread gets Python's signals; elsewhere this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt
