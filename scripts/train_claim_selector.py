"""Fit the claim selector (`models/claims/selector.json`) on the dev papers of `annotated-papers`.

Every statement of a dev paper's claim zones is an example: positive when it overlaps a sentence our
annotators gave as a claim's evidence. C is chosen by 5-fold cross-validation grouped by paper (papers in
name order, fold = index mod 5); the threshold is the one whose out-of-fold predictions keep precision
>= PRECISION_TARGET with the most recall. The test papers are never read.

    python scripts/train_claim_selector.py [--out models/claims/selector.json]
"""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from extract.claims.extractor import candidate_features
from extract.claims.models import ClaimModels
from extract.claims.selector import DEFAULT_SELECTOR, ClaimSelector
from extract.corpus.catalog import load_corpus
from extract.pdf import parse_pdf

C_VALUES = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
FOLDS = 5
PRECISION_TARGET = 0.9


def examples(models: ClaimModels) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and paper index of every candidate sentence of the dev papers."""
    docs = sorted(load_corpus("annotated-papers").split("dev"), key=lambda d: d.id)
    x, y, group = [], [], []
    for index, doc in enumerate(docs):
        candidates, rows = candidate_features(parse_pdf(Path(doc.labels["pdf"])), models)
        gold = [span for claim in doc.labels.get("claims", []) for span in claim["spans"]]
        for candidate, row in zip(candidates, rows):
            s = candidate.sentence
            x.append(row)
            y.append(any(min(s.end, e) > max(s.start, b) for b, e in gold))
            group.append(index)
    return np.asarray(x), np.asarray(y, dtype=int), np.asarray(group)


def out_of_fold(x: np.ndarray, y: np.ndarray, group: np.ndarray, c: float) -> np.ndarray:
    proba = np.zeros(len(y))
    for fold in range(FOLDS):
        test = group % FOLDS == fold
        model = LogisticRegression(C=c, max_iter=2000).fit(x[~test], y[~test])
        proba[test] = model.predict_proba(x[test])[:, 1]
    return proba


def choose_threshold(proba: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """(threshold, precision, recall) with the most recall at precision >= target (else the best F1)."""
    best, best_f1 = None, (0.0, 0.5, 0.0, 0.0)
    for threshold in np.arange(0.05, 0.95, 0.01):
        chosen = proba >= threshold
        tp = int((chosen & (y == 1)).sum())
        precision = tp / max(1, int(chosen.sum()))
        recall = tp / max(1, int(y.sum()))
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        if precision >= PRECISION_TARGET and (best is None or recall > best[2]):
            best = (round(float(threshold), 2), precision, recall)
        if f1 > best_f1[0]:
            best_f1 = (f1, round(float(threshold), 2), precision, recall)
    return best or best_f1[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_SELECTOR)
    args = parser.parse_args()
    x, y, group = examples(ClaimModels.load(encoder=False, reranker=False))
    print(f"{len(y)} candidate sentences in {len(set(group))} dev papers, {int(y.sum())} claims")
    losses = {c: log_loss(y, out_of_fold(x, y, group, c)) for c in C_VALUES}
    for c, loss in losses.items():
        print(f"C={c}: out-of-fold log loss {loss:.4f}")
    c = min(losses, key=losses.get)
    threshold, precision, recall = choose_threshold(out_of_fold(x, y, group, c), y)
    print(f"chosen C={c}, threshold {threshold}: out-of-fold sentence precision {precision:.3f}, recall {recall:.3f}")
    model = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    ClaimSelector(tuple(float(w) for w in model.coef_[0]), float(model.intercept_[0]), threshold).save(
        args.out,
        trained_on=f"annotated-papers dev: {len(set(group))} papers, {len(y)} candidate sentences, {int(y.sum())} claims",
        command="python scripts/train_claim_selector.py",
        C=c,
        cv={"folds": FOLDS, "log_loss": round(losses[c], 4), "precision": round(precision, 4), "recall": round(recall, 4)},
        commit=commit,
    )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
