"""What runs inside each worker process (one `Pipeline`, built and loaded once, applied to each file), and how it starts."""

from __future__ import annotations

import ctypes
import hashlib
import multiprocessing.context
import os
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from threadpoolctl import threadpool_limits

from extract.batch.store import ResultStore
from extract.errors import UnreadableFileError
from extract.pipeline import INTERNAL_ERROR, Pipeline, Result

PipelineFactory = Callable[[], Pipeline]

_pipeline: Pipeline | None = None
_store: ResultStore | None = None
_load_error = ""


class PipelineLoadError(RuntimeError):
    """The worker could not build or load its pipeline; no file can be processed."""


THREAD_LIMIT_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
"""Parallelism is across papers: in a worker, numeric libraries get one thread each (Dask's nanny does
the same). With their default of one thread per core, two workers on two cores ran four busy-waiting
BLAS/OpenMP threads and took 1.5x the CPU per paper."""


PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Have the kernel end this process when its parent dies (Linux `prctl`); a worker whose main process
    was killed would otherwise hold hundreds of MB for ever. Elsewhere this does nothing."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def init_worker(factory: PipelineFactory, out_dir: Path) -> None:
    """Process initializer: build and load the pipeline; Ctrl-C is the main process's business."""
    global _pipeline, _store, _load_error
    if threading.current_thread() is threading.main_thread():  # a Dask worker calls this from a task thread
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        die_with_parent()
    for variable in THREAD_LIMIT_VARIABLES:  # for libraries not loaded yet
        os.environ.setdefault(variable, "1")
    # Library warnings repeat for every document and garble the progress bar; a file's problems
    # are reported in errors.csv instead.
    warnings.simplefilter("ignore")
    _store = ResultStore(out_dir)
    _load_error = ""
    try:
        _pipeline = factory()
        _pipeline.load()
    except Exception as exc:  # reported with the first file, so the main process can stop
        _load_error = f"{type(exc).__name__}: {exc}"
    threadpool_limits(1)  # for those already loaded


def process_file(path: Path, name: str) -> Result:
    """Process one file, keep its result in the store, and return the result without its document."""
    if _load_error:
        raise PipelineLoadError(_load_error)
    assert _pipeline is not None and _store is not None, "init_worker was not called"
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Result("", UnreadableFileError.kind, f"cannot read file: {exc.strerror or exc}")
    try:
        result = _pipeline.process(name, data)
    except Exception as exc:  # a bug in a stage must not stop the batch
        result = Result(hashlib.sha256(data).hexdigest(), INTERNAL_ERROR, f"{type(exc).__name__}: {exc}")
    if result.cacheable:
        _store.put(result)
    result.document, result.tables = None, {}  # the main process needs the status and row only
    return result


class _WorkerProcess(multiprocessing.context.SpawnProcess):
    """A spawned process that starts with Ctrl-C ignored: a terminal's Ctrl-C is the main process's business."""

    @staticmethod
    def _Popen(process_obj):  # type: ignore[no-untyped-def]
        with _sigint_ignored():  # the child inherits the ignored SIGINT across fork and exec
            return multiprocessing.context.SpawnProcess._Popen(process_obj)


class WorkerContext(multiprocessing.context.SpawnContext):
    """The spawn context, but its processes start with SIGINT ignored (`init_worker` keeps it so)."""

    Process = _WorkerProcess


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ignore SIGINT while a process starts, so it inherits the ignored signal (the main thread only).

    SIGINT is blocked in this thread meanwhile, so a Ctrl-C aimed at it stays pending and reaches
    the handler once it is back (Linux keeps a blocked signal pending even while it is ignored).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
