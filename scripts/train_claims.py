"""Train the claim models (claim detector, result statements, evidence ranker, direction, combiner) and
report them on the dev splits: `python scripts/train_claims.py [--config models/claims/config.json]`.

Writes `models/claims/claims.joblib` (`--report-only`: score the shipped bundle instead of training).
Also prints the trial-level heuristic on the oncology positive/negative set (no split; nothing is
tuned on it). Test splits are scored with `extract bench claims` only.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from extract.claims.evaluation import dev_report, trial_outcome_confusion
from extract.claims.models import DEFAULT_MODEL, ClaimModels
from extract.claims.training import train_models
from extract.corpus import load_corpus

DEFAULT_CONFIG = DEFAULT_MODEL.parent / "config.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--report-only", action="store_true", help="score the bundle at --out, do not train")
    args = parser.parse_args()
    config = json.loads(args.config.read_text(encoding="utf-8"))
    evidence = load_corpus("evidence-inference-2.0")
    claims = load_corpus("scientific-claims-achakulvisut")
    if args.report_only:
        models = ClaimModels.load(args.out)
    else:
        started = time.perf_counter()
        models = train_models(evidence.split("train"), claims.split("train"), config)
        print(f"trained in {time.perf_counter() - started:.0f} s")
        models.save(args.out)
        print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    print(dev_report(models, evidence.split("dev"), claims.split("dev")))
    confusion = trial_outcome_confusion(models, load_corpus("oncology-rct-positive-negative").split("all"))
    correct = sum(n for (gold, predicted), n in confusion.items() if gold == predicted)
    print(f"\noncology-rct-positive-negative (all): accuracy {correct / sum(confusion.values()):.3f}")
    for (gold, predicted), n in sorted(confusion.items()):
        print(f"  gold {gold:8} predicted {predicted:8} {n}")


if __name__ == "__main__":
    main()
