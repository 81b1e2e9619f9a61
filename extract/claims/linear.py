"""A linear text classifier: word n-gram TF-IDF plus named hand-made features, logistic regression."""

from __future__ import annotations

from typing import Sequence

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

Features = dict[str, float]


class LinearTextModel:
    """Logistic regression over TF-IDF word n-grams of a text and a dict of extra features."""

    def __init__(
        self,
        C: float = 1.0,
        ngram_range: tuple[int, int] = (1, 2),
        max_features: int = 50_000,
        feature_weight: float = 1.0,
        class_weight: str | None = None,
    ) -> None:
        self.words = TfidfVectorizer(
            ngram_range=ngram_range,
            min_df=2,
            max_features=max_features,
            sublinear_tf=True,
            token_pattern=r"(?u)\b\w+\b",
        )
        self.extra = DictVectorizer()
        self.feature_weight = feature_weight
        self.classifier = LogisticRegression(C=C, max_iter=2000, class_weight=class_weight)

    @property
    def classes(self) -> list[str]:
        return [str(c) for c in self.classifier.classes_]

    def fit(
        self, texts: Sequence[str], features: Sequence[Features], labels: Sequence[str]
    ) -> LinearTextModel:
        """Fit the vectorizers and the classifier."""
        matrix = hstack(
            [self.words.fit_transform(texts), self.extra.fit_transform(features) * self.feature_weight]
        ).tocsr()
        self.classifier.fit(matrix, list(labels))
        return self

    def predict_proba(self, texts: Sequence[str], features: Sequence[Features]) -> np.ndarray:
        """Class probabilities, one row per text, columns in `classes` order."""
        if not texts:
            return np.zeros((0, len(self.classes)))
        matrix = hstack(
            [self.words.transform(texts), self.extra.transform(features) * self.feature_weight]
        ).tocsr()
        return self.classifier.predict_proba(matrix)

    def probability_of(self, label: str, texts: Sequence[str], features: Sequence[Features]) -> np.ndarray:
        """The probability of one class for each text."""
        return self.predict_proba(texts, features)[:, self.classes.index(label)]
