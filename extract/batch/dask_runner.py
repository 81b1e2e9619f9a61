"""Run the batch on an existing Dask distributed cluster instead of the local process pool.

Only the execution differs from `extract.batch.runner`: discovery, hashing, resume, duplicates,
the store and the outputs are shared. Each task is one whole paper; the file's *path* is sent, so
workers must see the client's filesystem at the same paths (input folder and OUT). Each worker
process builds and loads the pipeline once, on its first task (`extract.batch.worker.init_worker`),
and writes each result to the store in OUT itself; results stream back with `as_completed`, and
only a few tasks per worker thread are in flight at a time (millions of papers are never submitted
at once: each result that arrives lets the next file in). A task
lost with a dying worker is rerun by Dask elsewhere; the store is keyed by content hash and every
result is recorded once, so a rerun adds no row.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from extract.batch import worker
from extract.batch.discover import InputFile
from extract.batch.runner import WORKER_CRASHED, Finished, WorkersFailedError
from extract.batch.worker import PipelineFactory, PipelineLoadError
from extract.pipeline import Result

_worker_lock = threading.Lock()  # one paper at a time per worker process, whatever its thread count
_worker_setup = ""  # the token of the (factory, out_dir) this worker process is set up for


def process_on_worker(setup: str, factory: PipelineFactory, out_dir: Path, path: Path, name: str) -> Result:
    """A Dask task: set the worker process up for `setup` = (`factory`, `out_dir`) once, then process one file."""
    global _worker_setup
    with _worker_lock:
        if _worker_setup != setup:
            worker.init_worker(factory, out_dir)
            _worker_setup = setup
        return worker.process_file(path, name)


@dataclass
class DaskProcessAll:
    """A `ProcessAll` for `run_batch` that sends the files to the cluster of `client`, a bounded number at a time.

    At most `tasks_per_thread` tasks per worker thread of the cluster are in flight (at least
    `min_in_flight`); each result that arrives lets the next file in. The thread count is read again
    every `recount_seconds`, so workers that join later (e.g. SLURM jobs that start late) are used.
    """

    client: object  # distributed.Client; typed loosely so this module imports without dask installed
    tasks_per_thread: int = 2
    min_in_flight: int = 2
    recount_seconds: float = 10.0

    @property
    def workers(self) -> int:
        """How many worker processes the cluster has now."""
        return len(self.client.scheduler_info()["workers"])  # type: ignore[attr-defined]

    def max_in_flight(self) -> int:
        """How many tasks may be in flight now: `tasks_per_thread` per worker thread of the cluster."""
        threads = sum(self.client.nthreads().values())  # type: ignore[attr-defined]
        return max(self.min_in_flight, self.tasks_per_thread * threads)

    def __call__(
        self, todo: Sequence[InputFile], factory: PipelineFactory, out_dir: Path, finished: Finished
    ) -> None:
        from dask.base import tokenize
        from distributed import as_completed

        out_dir = out_dir.resolve()
        setup = tokenize(factory, str(out_dir))  # workers keep a loaded pipeline across runs of the same setup
        queue = iter(todo)
        in_flight: dict[object, InputFile] = {}

        def submit_next() -> object | None:
            file = next(queue, None)
            if file is None:
                return None
            future = self.client.submit(  # type: ignore[attr-defined]
                process_on_worker,
                setup,
                factory,
                out_dir,
                file.path.resolve(),
                file.name,
                pure=False,  # a task lost with its worker is rescheduled (distributed.scheduler.allowed-failures)
            )
            in_flight[future] = file
            return future

        bound, counted_at = self.max_in_flight(), time.monotonic()
        first = [future for _ in range(bound) if (future := submit_next()) is not None]
        if not first:
            return
        stream = as_completed(first)
        try:
            for future in stream:
                file = in_flight.pop(future)
                try:
                    result = future.result()
                except PipelineLoadError as exc:
                    raise WorkersFailedError(f"the pipeline could not be loaded on a Dask worker: {exc}") from exc
                except Exception as exc:  # e.g. KilledWorker: the paper kept killing its workers
                    result = Result("", WORKER_CRASHED, f"{type(exc).__name__}: {exc}")
                finished(file, result)
                if time.monotonic() - counted_at >= self.recount_seconds:
                    bound, counted_at = self.max_in_flight(), time.monotonic()
                while len(in_flight) < bound and (more := submit_next()) is not None:
                    stream.add(more)
        except BaseException:
            self.client.cancel(list(in_flight))  # type: ignore[attr-defined]
            raise


@contextmanager
def connect(scheduler: str) -> Iterator[DaskProcessAll]:
    """Connect to the scheduler at address `scheduler` (tcp://host:8786) or named in a scheduler file."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise WorkersFailedError("--scheduler needs Dask: pip install 'extract-evidence[cluster]'") from exc
    try:
        client = Client(scheduler_file=scheduler) if Path(scheduler).is_file() else Client(scheduler)
    except (OSError, ValueError) as exc:  # TimeoutError is an OSError
        raise WorkersFailedError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
    try:
        yield DaskProcessAll(client)
    finally:
        client.close()
