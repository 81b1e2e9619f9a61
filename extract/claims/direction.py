"""Direction of a result: did the intervention significantly increase or decrease the outcome
against the comparator, or was there no significant difference (Evidence Inference protocol)?"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from extract.claims.features import cue_features, mark_prompt
from extract.claims.linear import LinearTextModel

DIRECTIONS = ("increased", "decreased", "no_difference")
FROM_EVIDENCE_INFERENCE = {
    "significantly increased": "increased",
    "significantly decreased": "decreased",
    "no significant difference": "no_difference",
}
TO_EVIDENCE_INFERENCE = {ours: theirs for theirs, ours in FROM_EVIDENCE_INFERENCE.items()}


@dataclass(frozen=True)
class Comparison:
    """A result sentence with the intervention, comparator and outcome it is read for."""

    sentence: str
    intervention: str
    comparator: str
    outcome: str


def comparison_input(comparison: Comparison) -> tuple[str, dict[str, float]]:
    """The marked sentence and the features the direction model reads."""
    marked, order_features = mark_prompt(
        comparison.sentence, comparison.intervention, comparison.comparator, comparison.outcome
    )
    return marked, {**cue_features(comparison.sentence), **order_features}


class DirectionClassifier:
    """Three-way direction of a comparison, from word n-grams of the marked sentence and cues."""

    def __init__(self, C: float = 4.0) -> None:
        self.model = LinearTextModel(C=C, ngram_range=(1, 3), max_features=80_000, feature_weight=1.0)

    def fit(self, comparisons: Sequence[Comparison], labels: Sequence[str]) -> DirectionClassifier:
        texts, features = zip(*(comparison_input(c) for c in comparisons))
        self.model.fit(texts, features, labels)
        return self

    def predict_proba(self, comparisons: Sequence[Comparison]) -> np.ndarray:
        """Probabilities in `DIRECTIONS` order, one row per comparison."""
        if not comparisons:
            return np.zeros((0, len(DIRECTIONS)))
        texts, features = zip(*(comparison_input(c) for c in comparisons))
        proba = self.model.predict_proba(texts, features)
        return proba[:, [self.model.classes.index(d) for d in DIRECTIONS]]
