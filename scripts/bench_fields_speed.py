"""Speed of the study-field stages per paper, beside parsing time, on the shared PDFs (or a folder).

Usage: python scripts/bench_fields_speed.py [FOLDER] [--repeat N]

One process, one core (BLAS/OpenMP threads pinned to 1 before numpy loads). Times are CPU seconds of
this process (`time.process_time`), best of N runs per paper; model loading is timed once, apart.
Stages are listed in `STAGES` (name, factory), in pipeline order.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Callable  # noqa: E402

from extract.claims import ClaimsStage  # noqa: E402
from extract.fields.characteristics import CharacteristicsStage  # noqa: E402
from extract.fields.design import DesignStage  # noqa: E402
from extract.fields.pico_stage import PicoStage  # noqa: E402
from extract.fields.sample_size import SampleSizeStage  # noqa: E402
from extract.paths import pdfs_dir  # noqa: E402
from extract.pdf import parse_pdf  # noqa: E402
from extract.pipeline import Stage  # noqa: E402

STAGES: tuple[tuple[str, Callable[[], Stage]], ...] = (
    ("design", DesignStage),
    ("sample_size", SampleSizeStage),
    ("characteristics", CharacteristicsStage),
    ("pico", PicoStage),
    ("claims", ClaimsStage),
)


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, object]:
    """The smallest CPU time of `repeat` runs, and the last run's result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = run()
        best = min(best, time.process_time() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=pdfs_dir())
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    stages = [(name, factory()) for name, factory in STAGES]
    for name, stage in stages:
        load_time, _ = best_of(1, stage.load)
        print(f"load {name}: {load_time:.2f} s (once per worker)")
    pdfs = sorted(args.folder.glob("*.pdf"))
    rows = []
    for path in pdfs:
        parse_time, doc = best_of(args.repeat, lambda: parse_pdf(path))
        stage_times = [float("inf")] * len(stages)
        for _ in range(args.repeat):
            fresh = parse_pdf(path)  # stages add layers in order (sample size reads the design), so each run starts bare
            for i, (_, stage) in enumerate(stages):
                start = time.process_time()
                stage(fresh)
                stage_times[i] = min(stage_times[i], time.process_time() - start)
        rows.append((path.name, len(doc.pages), parse_time, stage_times))
    names = [name for name, _ in stages]
    print(f"\n{'file':40} {'pages':>5} {'parse s':>8} " + " ".join(f"{n + ' s':>14}" for n in names) + f" {'fields s':>9}")
    for name, pages, parse_time, stage_times in rows:
        cells = " ".join(f"{t:14.3f}" for t in stage_times)
        print(f"{name[:40]:40} {pages:5d} {parse_time:8.3f} {cells} {sum(stage_times):9.3f}")
    fields = [sum(t) for *_, t in rows]
    per_ten_pages = [10 * f / pages for (_, pages, _, _), f in zip(rows, fields)]
    parse_ten = [10 * p / pages for _, pages, p, _ in rows]
    print(f"\n{len(rows)} papers, {sum(r[1] for r in rows)} pages")
    print(f"fields per paper: median {statistics.median(fields):.3f} s, max {max(fields):.3f} s")
    print(f"fields per 10 pages: median {statistics.median(per_ten_pages):.3f} s, max {max(per_ten_pages):.3f} s")
    print(f"parse per 10 pages: median {statistics.median(parse_ten):.3f} s")
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}, "
          f"{os.cpu_count()} cpus visible, 1 thread, best of {args.repeat}")


if __name__ == "__main__":
    main()
