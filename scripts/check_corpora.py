"""Load catalog corpora and report counts and offset mismatches per split, against SOURCE.md's counts.

    python scripts/check_corpora.py                 # every catalog corpus
    python scripts/check_corpora.py biored bc2gm    # some
    python scripts/check_corpora.py --show 3        # and the first 3 mismatches of each split
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from extract.corpus.catalog import catalog, load_entry
from extract.corpus.check import check_corpus, compare_expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="*", help="catalog names (default: all)")
    parser.add_argument("--data-dir", type=Path, help="corpora folder (default: extract.paths.corpora_dir())")
    parser.add_argument("--show", type=int, default=0, help="print this many mismatches per split")
    args = parser.parse_args()

    entries = catalog()
    names = args.corpora or list(entries)
    console = Console()
    table = Table(title="Corpora: counts and offset check")
    for column in ("corpus", "split", "docs", "mentions", "with ID", "relations", "alternatives", "offset mismatches", "vs SOURCE.md", "seconds"):
        table.add_column(column, justify="left" if column in ("corpus", "split", "vs SOURCE.md") else "right")
    details: list[str] = []
    for name in names:
        started = time.perf_counter()
        try:
            corpus = load_entry(entries[name], args.data_dir)
        except Exception as error:  # report and go on: one broken corpus must not hide the others
            table.add_row(name, "-", *["-"] * 6, f"[red]failed: {error}[/red]", "-")
            continue
        seconds = time.perf_counter() - started
        results = check_corpus(corpus)
        differences = compare_expected(results, entries[name])
        for result in results:
            source = entries[name].dev_split.source if entries[name].dev_split and result.split == "dev" else result.split
            if source not in entries[name].expected:
                verdict = "no counts"
            elif differences.get(source):
                verdict = "[red]" + "; ".join(differences[source]) + "[/red]"
            else:
                verdict = "ok" if source == result.split else f"ok ({source} + dev)"
            table.add_row(
                name, result.split, str(result.documents), str(result.mentions), str(result.with_id), str(result.relations),
                str(result.alternatives), str(len(result.mismatches)), verdict, f"{seconds:.2f}",
            )
            details.extend(f"{name}/{result.split}: {line}" for line in result.mismatches[: args.show])
        details.extend(f"{name}: {issue}" for issue in corpus.issues)
    console.print(table)
    for line in details:
        console.print(line, markup=False, highlight=False)


if __name__ == "__main__":
    main()
