"""Train the sample-size ranker on the PICO corpus train split; pick C and the ranker's weight beside the
rules by 5-fold cross-validation on train; save it.

    python scripts/train_sample_size.py            # grid by cross-validation on train, refit, save
    python scripts/train_sample_size.py --c 3 --weight 2   # skip the grid

Every candidate count of a train abstract with a gold total is an example (positive: its value is the
gold `total-participants`). Folds are whole abstracts, dealt in a seeded shuffle. The dev split is only
scored (printed and written to `training.json`), never used for a choice; the test split is not read.
Writes `models/sample_size/ranker.joblib` and `training.json`.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

import typer

from extract.corpus import load_corpus
from extract.fields.regions import paper_of_corpus_document
from extract.fields.sample_size import RoleCount, pick_total, total_candidates
from extract.fields.sample_size_model import MODEL_PATH, WINDOW_WORDS, SampleSizeRanker

CORPUS = "pico-corpus-breast-cancer"
C_GRID = (0.1, 0.3, 1.0, 3.0)
WEIGHT_GRID = (1.0, 2.0, 4.0)
FOLDS = 5
SEED = 13


@dataclass
class Abstract:
    """One gold abstract's candidates, their features and the gold total."""

    gold: int
    candidates: list[RoleCount]
    features: list[dict[str, float]]

    @property
    def labels(self) -> list[bool]:
        return [c.count.value == self.gold for c in self.candidates]


def abstracts(split: str) -> list[Abstract]:
    """The split's abstracts that state a total (PICO abstracts are one passage: all of it is the summary)."""
    found = []
    for doc in load_corpus(CORPUS).split(split):
        if "sample_size" in doc.labels:
            candidates, features = total_candidates(paper_of_corpus_document(doc))
            found.append(Abstract(doc.labels["sample_size"], candidates, features))
    return found


def fit(train: list[Abstract], c: float, weight: float) -> SampleSizeRanker:
    features = [f for a in train for f in a.features]
    labels = [label for a in train for label in a.labels]
    return SampleSizeRanker.fit(features, labels, c=c, weight=weight)


def correct(ranker: SampleSizeRanker, scored: list[Abstract]) -> int:
    """How many abstracts get their gold total (every candidate of an abstract corpus is in the summary)."""
    right = 0
    for a in scored:
        best = pick_total(a.candidates, ranker.probabilities(a.features), [True] * len(a.candidates), ranker.weight)
        right += best is not None and a.candidates[best].count.value == a.gold
    return right


def cross_validate(train: list[Abstract], c: float, weights: tuple[float, ...]) -> dict[float, int]:
    """Abstracts right per weight, over `FOLDS` folds of whole abstracts."""
    order = list(range(len(train)))
    random.Random(SEED).shuffle(order)
    folds = [[train[i] for i in order[k::FOLDS]] for k in range(FOLDS)]
    right = dict.fromkeys(weights, 0)
    for k, held_out in enumerate(folds):
        ranker = fit([a for j, fold in enumerate(folds) if j != k for a in fold], c, weights[0])
        for weight in weights:
            ranker.weight = weight
            right[weight] += correct(ranker, held_out)
    return right


def main(
    c: float = typer.Option(None, help="regularization; default: best of the grid by cross-validation"),
    weight: float = typer.Option(None, help="the ranker's weight beside the rules; default: from the grid"),
    out: Path = MODEL_PATH,
) -> None:
    train, dev = abstracts("train"), abstracts("dev")
    grid: dict[tuple[float, float], int] = {}
    for value in (c,) if c is not None else C_GRID:
        for w, right in cross_validate(train, value, (weight,) if weight is not None else WEIGHT_GRID).items():
            grid[value, w] = right
            print(f"C={value:g} weight={w:g}  cross-validated train exact={right}/{len(train)} = {right / len(train):.4f}")
    best_c, best_weight = max(grid, key=grid.get)  # first of the grid on ties
    ranker = fit(train, best_c, best_weight)
    dev_right = correct(ranker, dev)
    print(f"C={best_c:g} weight={best_weight:g}: dev exact {dev_right}/{len(dev)} = {dev_right / len(dev):.4f} (design not applied)")
    ranker.save(out)
    config = {
        "corpus": CORPUS,
        "train_split": "train (SHA-1(PMID) mod 100 in 40-99)",
        "n_train_abstracts": len(train),
        "n_train_candidates": sum(len(a.candidates) for a in train),
        "n_positive_candidates": sum(sum(a.labels) for a in train),
        "tuned_by": f"{FOLDS}-fold cross-validation on train (whole abstracts, seed {SEED})",
        "cv_exact_by_c_and_weight": {f"C={k[0]:g} weight={k[1]:g}": round(v / len(train), 4) for k, v in grid.items()},
        "c": best_c,
        "weight": best_weight,
        "dev_exact_without_design": round(dev_right / len(dev), 4),
        "features": "rule role/score/cues, region, rank in summary and sentence, largest, mentions, log value, "
        f"{WINDOW_WORDS} words left and right, the count's own words (DictVectorizer)",
        "classifier": "LogisticRegression(max_iter=5000)",
    }
    (out.parent / "training.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    print(f"saved {out}")


if __name__ == "__main__":
    typer.run(main)
