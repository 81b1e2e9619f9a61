"""A prompt's direction read from its best evidence candidates at once.

The direction model reads one sentence; the evidence ranker's top candidates often disagree (the
best-ranked one is the gold evidence for only about 70% of prompts). The combiner, a logistic
regression, weighs them: its input is each candidate's direction probabilities and ranker score
(in rank order), their ranker-weighted averages and the highest probability of each direction.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

from extract.claims.direction import DIRECTIONS


def candidate_features(ranks: np.ndarray, proba: np.ndarray, top_k: int) -> np.ndarray:
    """The combiner's input for one prompt from its candidates' ranker scores (best first) and
    direction probabilities (rows in `DIRECTIONS` order); fewer than `top_k` candidates are padded
    with score 0 and uniform probabilities."""
    missing = top_k - len(ranks)
    ranks = np.concatenate([ranks[:top_k], np.zeros(max(missing, 0))])
    proba = np.vstack([proba[:top_k], np.full((max(missing, 0), len(DIRECTIONS)), 1 / len(DIRECTIONS))])
    weights = ranks / max(ranks.sum(), 1e-9)
    squared = weights**2 / max((weights**2).sum(), 1e-9)
    return np.concatenate([proba.ravel(), ranks, weights @ proba, squared @ proba, proba.max(axis=0)])


class DirectionCombiner:
    """Direction probabilities of a prompt from its `top_k` best-ranked evidence candidates."""

    def __init__(self, top_k: int = 3, C: float = 1.0) -> None:
        self.top_k = top_k
        self.classifier = LogisticRegression(C=C, max_iter=3000)

    def fit(
        self, candidates: Sequence[tuple[np.ndarray, np.ndarray]], labels: Sequence[str]
    ) -> DirectionCombiner:
        """Fit on (ranker scores, direction probabilities) per prompt and the prompts' labels."""
        features = np.array([candidate_features(r, p, self.top_k) for r, p in candidates])
        self.classifier.fit(features, list(labels))
        return self

    def predict_proba(self, ranks: np.ndarray, proba: np.ndarray) -> np.ndarray:
        """Probabilities in `DIRECTIONS` order for one prompt's candidates (best first)."""
        scores = self.classifier.predict_proba(candidate_features(ranks, proba, self.top_k)[None, :])[0]
        classes = [str(c) for c in self.classifier.classes_]
        return np.array([scores[classes.index(d)] if d in classes else 0.0 for d in DIRECTIONS])
