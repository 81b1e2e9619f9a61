"""Benchmark normalization on the annotated corpora: document-level concept F1 (as PubTator reports)
and mention-level F1, per corpus and type, on gold spans (normalization alone) or end to end.

    python scripts/bench_norm.py --split dev                 # tune here
    python scripts/bench_norm.py --split test                # report once
    python scripts/bench_norm.py --split test --end-to-end   # with the entity recognizer
    python scripts/bench_norm.py --startup                   # start-up time and memory, warm cache
"""

from __future__ import annotations

import argparse
import platform
import resource
import time

from extract.bench.norm import score_norm
from extract.corpus import load_corpus
from extract.normalize.bench import predict_end_to_end, predict_norm

CORPORA: dict[str, tuple[str, ...]] = {
    "bc5cdr": ("Chemical", "Disease"),
    "ncbi-disease": ("Disease",),
    "linnaeus": ("Species",),
    "gnormplus": ("Gene",),
    "nlm-gene": ("Gene",),
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
    parser.add_argument("--startup", action="store_true", help="only time loading and one paper")
    args = parser.parse_args()
    if args.startup:
        return startup()
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
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"<!-- peak resident memory {peak_mb:.0f} MB (corpora loaded) -->")


def startup() -> None:
    """Seconds from a fresh `Normalizer` (warm index cache) to one normalized paper, and memory."""
    from extract.normalize.normalizer import MentionInput, Normalizer

    doc = load_corpus("biored").split("dev")[0]
    started = time.perf_counter()
    normalizer = Normalizer()
    normalizer.load()
    mentions = [MentionInput(m.start, m.end, m.type, m.text) for m in doc.mentions]
    normalizer.normalize(doc.text, mentions)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"start-up: {seconds:.2f} s to load and normalize one paper ({len(mentions)} mentions); peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
