"""Benchmark normalization on the annotated corpora: document-level concept F1 (as PubTator reports)
and mention-level F1, per corpus and type, on gold spans (normalization alone) or end to end.

    python scripts/bench_norm.py --split dev                 # tune here
    python scripts/bench_norm.py --split test                # report once
    python scripts/bench_norm.py --split test --end-to-end   # with the entity recognizer
"""

from __future__ import annotations

import argparse
import platform
import time

from extract.bench.norm import score_norm
from extract.corpus import load_corpus
from extract.normalize.bench import predict_end_to_end, predict_norm

CORPORA: dict[str, tuple[str, ...]] = {
    "bc5cdr": ("Chemical", "Disease"),
    "ncbi-disease": ("Disease",),
    "linnaeus": ("Species",),
    "gnormplus": ("Gene",),
    "bioid": ("CellLine",),
    "biored": ("Gene", "Disease", "Chemical", "Species", "CellLine"),
}


def row(name: str, type_: str, level: str, m: dict) -> str:
    return (
        f"| {name} | {type_} | {level} | {m['p']:.3f} | {m['r']:.3f} | {m['f1']:.3f} "
        f"| {m['tp']} | {m['fp']} | {m['fn']} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--corpus", action="append", choices=sorted(CORPORA))
    parser.add_argument("--end-to-end", action="store_true", help="recognized spans instead of gold spans")
    args = parser.parse_args()
    predict = predict_end_to_end if args.end_to_end else predict_norm
    print(f"split={args.split} spans={'recognized' if args.end_to_end else 'gold'} machine={platform.processor() or platform.machine()}")
    print("| corpus | type | level | P | R | F1 | TP | FP | FN |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name in args.corpus or CORPORA:
        gold = load_corpus(name).split(args.split)
        started = time.perf_counter()
        scores = score_norm(gold, predict(gold))
        seconds = time.perf_counter() - started
        for type_ in CORPORA[name]:
            print(row(name, type_, "document", scores["metrics"][type_]))
            print(row(name, type_, "mention", scores["mention_metrics"][type_]))
        print(f"<!-- {name}: {len(gold)} documents in {seconds:.1f} s -->")


if __name__ == "__main__":
    main()
