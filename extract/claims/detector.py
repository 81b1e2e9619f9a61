"""Claim sentences: the statements of what a study found or concludes (Achakulvisut et al. 2019).

A sentence is judged from its words, its significance/conclusion cues and where it sits in its
passage (claims cluster at the end of an abstract).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from extract.claims.features import cue_features
from extract.claims.linear import Features, LinearTextModel

CLAIM, OTHER = "claim", "other"


def position_features(index: int, count: int) -> Features:
    """Where sentence `index` of `count` sits (0 = first)."""
    relative = index / (count - 1) if count > 1 else 1.0
    return {
        "pos:relative": relative,
        "pos:last": float(index == count - 1),
        "pos:second_last": float(index == count - 2),
        "pos:first": float(index == 0),
        "pos:late_half": float(relative >= 0.5),
    }


def claim_features(sentence: str, index: int, count: int) -> Features:
    return {**cue_features(sentence), **position_features(index, count)}


class ClaimDetector:
    """Scores each sentence of a passage (an abstract, a section) as a claim."""

    def __init__(self, threshold: float = 0.5, C: float = 2.0) -> None:
        self.model = LinearTextModel(C=C, ngram_range=(1, 2), feature_weight=2.0, class_weight="balanced")
        self.threshold = threshold

    def fit(self, passages: Sequence[Sequence[str]], labels: Sequence[Sequence[bool]]) -> ClaimDetector:
        """Fit on passages given as sentence lists with one claim flag per sentence."""
        texts, features, targets = [], [], []
        for sentences, flags in zip(passages, labels, strict=True):
            for index, (sentence, flag) in enumerate(zip(sentences, flags, strict=True)):
                texts.append(sentence)
                features.append(claim_features(sentence, index, len(sentences)))
                targets.append(CLAIM if flag else OTHER)
        self.model.fit(texts, features, targets)
        return self

    def scores(self, sentences: Sequence[str]) -> np.ndarray:
        """The claim probability of each sentence of one passage."""
        features = [claim_features(s, i, len(sentences)) for i, s in enumerate(sentences)]
        return self.model.probability_of(CLAIM, list(sentences), features)
