"""Batch throughput: papers/s and pages/s with the local pool (1 and 2 workers) and a local Dask cluster.

Usage: python scripts/bench_scaling.py --parse-only [--sizes 50 200 500] [--local-workers 1 2] [--dask-workers 2] [--no-dask]

The shared PDFs (`extract.paths.pdfs_dir()`) are repeated in a temp folder until each size is
reached; every copy gets a different trailing comment after `%%EOF`, so its sha256 differs and
it is processed, not skipped as a duplicate. Each configuration writes to a fresh OUT folder
(no resume). The Dask cluster (`LocalCluster`, processes, one thread per worker, 127.0.0.1) is
started before the clock starts; model loading in the workers is inside the timing.
Peak RSS per worker: the largest resident set any child process of this script (the pool's worker
processes, or the cluster's worker and nanny processes) reached during the run, sampled with psutil
every 0.1 s. CPU s/paper: the CPU time (user + system) of this process and all its children during
the run, per paper; unlike the wall time it hardly depends on what else runs on the machine.
The load average (`os.getloadavg()`, 1 min) is printed at the start and after each run:
other jobs on the machine slow the runs down.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import psutil

from extract.batch.discover import InputFile, discover
from extract.batch.runner import RunReport, run_batch
from extract.paths import pdfs_dir
from extract.pipeline import Pipeline, parse_only_pipeline


def make_inputs(folder: Path, count: int) -> list[InputFile]:
    """`count` distinct-content PDFs made by repeating the shared ones under new names."""
    sources = sorted(pdfs_dir().glob("*.pdf"))
    if not sources:
        raise SystemExit(f"no PDFs in {pdfs_dir()} (set EXTRACT_SHARED_DIR)")
    for number in range(count):
        source = sources[number % len(sources)]
        data = source.read_bytes() + f"\n% extract bench copy {number}\n".encode()
        (folder / f"{number:05d}_{source.name}").write_bytes(data)
    return discover(folder)


@dataclass
class Usage:
    """What a run cost beyond its wall time: the largest RSS of a child process, and CPU seconds of all processes."""

    peak_rss: int = 0
    cpu_seconds: float = 0.0


@contextmanager
def measure_usage() -> Iterator[Usage]:
    """Sample every child process (recursively) every 0.1 s until the block ends; add this process's CPU time."""
    usage = Usage()
    stop = threading.Event()
    first: dict[int, float] = {}  # CPU seconds a child had used when the block began (0 for children started in it)
    last: dict[int, float] = {}

    def cpu_seconds(process: psutil.Process) -> float:
        times = process.cpu_times()
        return times.user + times.system

    def sample() -> None:
        for child in psutil.Process().children(recursive=True):
            try:
                rss, used = child.memory_info().rss, cpu_seconds(child)
            except psutil.Error:  # the process ended meanwhile
                continue
            usage.peak_rss = max(usage.peak_rss, rss)
            first.setdefault(child.pid, 0.0)
            last[child.pid] = used

    def keep_sampling() -> None:
        while not stop.wait(0.1):
            sample()

    for child in psutil.Process().children(recursive=True):  # e.g. the Dask workers, started before the block
        first[child.pid] = cpu_seconds(child)
    own = cpu_seconds(psutil.Process())
    sampler = threading.Thread(target=keep_sampling, daemon=True)
    sampler.start()
    try:
        yield usage
    finally:
        stop.set()
        sampler.join()
        sample()
        own = cpu_seconds(psutil.Process()) - own
        usage.cpu_seconds = own + sum(last[pid] - first[pid] for pid in last)


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parse-only", action="store_true", help="parse only (no models): runs in minutes")
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200, 500], help="papers per run")
    parser.add_argument("--local-workers", type=int, nargs="*", default=[1, 2], help="local pool sizes to run")
    parser.add_argument("--dask-workers", type=int, default=2)
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    factory = parse_only_pipeline if args.parse_only else Pipeline

    runs: list[tuple[str, Callable[[list[InputFile], Path], RunReport]]] = [
        (f"local, {workers} worker{'s' if workers > 1 else ''}", partial(run_batch, workers=workers, pipeline_factory=factory))
        for workers in args.local_workers
    ]
    cluster = client = None
    if not args.no_dask:
        from distributed import Client, LocalCluster

        from extract.batch.dask_runner import DaskProcessAll

        cluster = LocalCluster(
            n_workers=args.dask_workers, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        )
        client = Client(cluster)
        process_all = DaskProcessAll(client)
        runs.append(
            (
                f"Dask LocalCluster, {args.dask_workers} workers",
                lambda files, out: run_batch(files, out, pipeline_factory=factory, process_all=process_all),
            )
        )

    print(f"# bench_scaling: {'parse only' if args.parse_only else 'full pipeline'}; {cpu_model()}, "
          f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}; PDFs from {pdfs_dir()}; "
          f"load average at start {os.getloadavg()[0]:.2f}")
    print(f"{'setup':32} {'papers':>6} {'pages':>6} {'seconds':>8} {'papers/s':>9} {'pages/s':>8} {'s/paper':>8} "
          f"{'CPU s/paper':>11} {'peak RSS/worker MiB':>19} {'load':>5}")
    try:
        with tempfile.TemporaryDirectory(prefix="extract-bench-") as temp:
            for size in args.sizes:
                inputs = Path(temp) / f"in{size}"
                inputs.mkdir()
                files = make_inputs(inputs, size)
                for number, (label, run) in enumerate(runs):
                    with measure_usage() as usage:
                        report = run(files, Path(temp) / f"out-{size}-{number}")
                    if report.interrupted:
                        return 130
                    papers = report.processed
                    print(
                        f"{label:32} {papers:6d} {report.pages:6d} {report.seconds:8.1f} "
                        f"{papers / report.seconds:9.2f} {report.pages_per_second:8.1f} {report.seconds / papers:8.3f} "
                        f"{usage.cpu_seconds / papers:11.3f} {usage.peak_rss / 2**20:19.0f} {os.getloadavg()[0]:5.2f}",
                        flush=True,
                    )
    finally:
        if client is not None:
            client.close()
            cluster.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
