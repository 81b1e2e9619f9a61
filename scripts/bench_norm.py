"""Benchmark normalization on the annotated corpora: document-level concept F1 (as PubTator reports)
and mention-level F1, per corpus and type, on gold spans (normalization alone) or end to end.

    python scripts/bench_norm.py --split dev                 # tune here
    python scripts/bench_norm.py --split test                # report once
    python scripts/bench_norm.py --split test --end-to-end   # with the entity recognizer
    python scripts/bench_norm.py --startup                   # start-up time and memory, warm cache
    python scripts/bench_norm.py --calibrate                 # the fallback's precision by similarity (dev)
"""

from __future__ import annotations

import argparse
from collections import defaultdict
import platform
import resource
import time

from extract.bench.norm import mention_ids, score_norm
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
    parser.add_argument("--calibrate", action="store_true", help="the fallback's precision by similarity (dev split)")
    args = parser.parse_args()
    if args.startup:
        return startup()
    if args.calibrate:
        return calibrate(args.corpus or list(CORPORA))
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


BINS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.999)


def calibrate(corpora: list[str]) -> None:
    """How often the learned fallback's links are right, by similarity, on the DEV splits (gold
    spans), with every threshold lowered to the first bin: where to set `FALLBACK_THRESHOLD`."""
    from extract.normalize import normalizer

    chosen = dict(normalizer.FALLBACK_THRESHOLD)
    normalizer.FALLBACK_THRESHOLD.update({type_: BINS[0] for type_ in chosen})
    links: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for name in corpora:
        gold = load_corpus(name).split("dev")
        for gold_doc, predicted in zip(gold, predict_norm(gold)):
            ours = [m for m in gold_doc.mentions if m.type in normalizer.TYPES]
            for truth, guess in zip(ours, predicted.mentions):
                similarity = guess.attrs["similarity"]
                if mention_ids(truth) and guess.ids and 0 < similarity < normalizer.EXACT:
                    links[truth.type].append((similarity, guess.ids[0] in mention_ids(truth)))
    print(f"split=dev spans=gold corpora={','.join(corpora)}")
    print("| type | similarity | links | right | precision | threshold now |")
    print("| --- | --- | --- | --- | --- | --- |")
    for type_, found in sorted(links.items()):
        for low, high in zip(BINS, BINS[1:]):
            in_bin = [right for similarity, right in found if low <= similarity < high]
            precision = f"{sum(in_bin) / len(in_bin):.2f}" if in_bin else "-"
            print(f"| {type_} | [{low:.2f}, {high:.2f}) | {len(in_bin)} | {sum(in_bin)} | {precision} | {chosen[type_]} |")


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
