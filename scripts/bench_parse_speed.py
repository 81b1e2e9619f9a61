"""Parsing speed on the shared PDFs, side by side with bare PyMuPDF and pdfminer.six.

Usage: python scripts/bench_parse_speed.py [--repeat N] [--no-pdfminer]

Runs in one process on one core (no threads, no multiprocessing), the three extractors over the
same pages, each N times (best run reported). Rates are pages per CPU second of this process
(`time.process_time`), so other jobs on a shared machine do not count against us; wall-clock
seconds are printed beside them.
- `page.get_text()` with PyMuPDF defaults: the floor, nothing but the text;
- `extract.pdf.parse_pdf`: our parser (layout, cleanup, sections, metadata, word segments);
- `pdfminer.high_level.extract_text` with default LAParams: what many users would use.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pymupdf

from extract.paths import pdfs_dir
from extract.pdf import parse_pdf


def floor(path: Path) -> int:
    with pymupdf.open(path) as pdf:
        for page in pdf:
            page.get_text()
        return pdf.page_count


def ours(path: Path) -> int:
    return len(parse_pdf(path).pages)


def pdfminer(path: Path) -> int:
    from pdfminer.high_level import extract_text

    extract_text(str(path))
    return page_count(path)


def page_count(path: Path) -> int:
    with pymupdf.open(path) as pdf:
        return pdf.page_count


def best_rate(
    run: Callable[[Path], int], files: list[Path], repeat: int
) -> tuple[float, float, float, int]:
    """(pages per CPU second, CPU seconds, wall seconds, pages) of the fastest of `repeat` passes."""
    best_cpu = best_wall = float("inf")
    pages = 0
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        pages = sum(run(f) for f in files)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return pages / best_cpu, best_cpu, best_wall, pages


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=3, help="passes per extractor; the best counts"
    )
    parser.add_argument("--no-pdfminer", action="store_true", help="skip pdfminer.six (slow)")
    parser.add_argument("--markdown", type=Path, help="write the table into this Markdown file")
    args = parser.parse_args()
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    files = sorted(pdfs_dir().glob("*.pdf"))
    if not files:
        print(f"no PDFs in {pdfs_dir()}", file=sys.stderr)
        return 1
    runs = [("PyMuPDF page.get_text() (floor)", floor), ("extract parse_pdf (ours)", ours)]
    if not args.no_pdfminer:
        runs.append(("pdfminer.six extract_text", pdfminer))
    results = {
        name: best_rate(run, files, args.repeat if run is not pdfminer else 1) for name, run in runs
    }
    ours_rate = results["extract parse_pdf (ours)"][0]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [
        f"- Machine: {cpu_model()}, {os.cpu_count()} logical cores, load average {load:.2f} at the end",
        f"- Python {platform.python_version()}, PyMuPDF {pymupdf.VersionBind}, one process, one core",
        f"- Input: {len(files)} PDFs, best of {args.repeat} passes (pdfminer: 1 pass)",
        "",
        "| extractor | pages | CPU s | wall s | pages / CPU s | ours / this |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, (rate, cpu, wall, pages) in results.items():
        lines.append(
            f"| {name} | {pages} | {cpu:.2f} | {wall:.2f} | {rate:.1f} | {ours_rate / rate:.2f} |"
        )
    verdict = "met" if ours_rate >= 50 else "NOT met"
    lines += ["", f"Target >= 50 pages/s for parse_pdf: {verdict} ({ours_rate:.1f})"]
    print("\n".join(lines))
    if args.markdown:
        write_between_markers(args.markdown, "bench_parse_speed", lines)
    return 0


def write_between_markers(path: Path, name: str, lines: list[str]) -> None:
    """Replace the text between `<!-- name:start -->` and `<!-- name:end -->` in `path`."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = start + "\n" + "\n".join(lines) + "\n" + end
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
