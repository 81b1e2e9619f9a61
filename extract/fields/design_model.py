"""The design classifier: TF-IDF (words and character n-grams) + logistic regression over title and abstract.

Trained on StudyTypeTeller (`scripts/train_design.py`), so it speaks that corpus's coarse scheme (observational
designs are `other`, single-arm studies `nrct`, meta-analyses `systematic_review`); the cue rules of
`design_rules` tell the finer designs apart.
"""

from __future__ import annotations

from pathlib import Path

import joblib
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

from extract.paths import MODELS_DIR

MODEL_PATH = MODELS_DIR / "design" / "classifier.joblib"


def build_classifier(c: float = 10.0, class_weight: str | None = "balanced") -> Pipeline:
    """An untrained classifier with regularization `c`."""
    features = make_union(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2),
    )
    return make_pipeline(features, LogisticRegression(C=c, max_iter=3000, class_weight=class_weight))


def classifier_input(title: str, abstract: str) -> str:
    """The text the classifier reads: title and abstract."""
    return f"{title}\n{abstract}".strip()


class DesignClassifier:
    """A trained classifier: design probabilities for a title and abstract."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> DesignClassifier:
        """The shipped model (or the one at `path`)."""
        return cls(joblib.load(path))

    def save(self, path: Path = MODEL_PATH) -> None:
        """Write the pipeline with its weights stored as float32 (half the size; the same predictions)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        regression = self.pipeline[-1]
        regression.coef_ = regression.coef_.astype("float32")
        joblib.dump(self.pipeline, path, compress=3)

    def probabilities(self, texts: list[str]) -> list[dict[str, float]]:
        """`{label: probability}` for each text (labels of the training scheme)."""
        labels = list(self.pipeline.classes_)
        return [dict(zip(labels, map(float, row))) for row in self.pipeline.predict_proba(texts)]
