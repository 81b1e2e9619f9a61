"""The learned sample-size ranker: which of a paper's participant counts is its total.

Every candidate count (a participant count that is not a per-arm count) is one example. Its features are
what the rules of `sample_size` know about it (role, score, the cues that fired, region) plus where it
stands (first / largest in its sentence and in the summary, its sentence's place) and the words around
it. A logistic regression gives each candidate the probability of being the stated total; the paper's
best candidate is its sample size and that probability its confidence. Trained on the PICO corpus
(`scripts/train_sample_size.py`); the artifact lives in `models/sample_size/`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import joblib
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

from extract.paths import MODELS_DIR

if TYPE_CHECKING:
    from extract.fields.sample_size import RoleCount

MODEL_PATH = MODELS_DIR / "sample_size" / "ranker.joblib"
WINDOW_WORDS = 4
"""Words taken on each side of a count (within its sentence) as context features."""
_WORD = re.compile(r"[a-z]+|\d+|[(),;:=%]")


def candidate_features(text: str, candidates: Sequence[RoleCount], in_summary: Sequence[bool]) -> list[dict[str, float]]:
    """One feature dict per candidate (candidates in text order; `in_summary`: whether each is in the
    title or abstract)."""
    summary = [c for c, inside in zip(candidates, in_summary) if inside]
    by_sentence: dict[int, list[RoleCount]] = {}
    for candidate in candidates:
        by_sentence.setdefault(candidate.sentence.start, []).append(candidate)
    sentence_order = {start: i for i, start in enumerate(sorted(by_sentence))}
    mentions = Counter(c.count.value for c in candidates)
    largest = max(c.count.value for c in candidates) if candidates else 0
    largest_summary = max((c.count.value for c in summary), default=0)
    features = []
    for candidate, inside in zip(candidates, in_summary):
        value = candidate.count.value
        siblings = by_sentence[candidate.sentence.start]
        f: dict[str, float] = {
            f"role={candidate.role}": 1.0,
            f"kind={candidate.count.kind}": 1.0,
            "rule_score": candidate.score / 6.0,
            "log_value": math.log10(value),
            "small": float(value < 10),
            "mentions": min(mentions[value], 4) / 4.0,
            "first_in_sentence": float(siblings[0] is candidate),
            "largest_in_sentence": float(value == max(c.count.value for c in siblings)),
            "largest_in_paper": float(value == largest),
            "sentence_rank": min(sentence_order[candidate.sentence.start], 5) / 5.0,
            "in_summary": float(inside),
        }
        if inside:
            rank = summary.index(candidate)
            f[f"summary_rank={min(rank, 3)}"] = 1.0
            f["largest_in_summary"] = float(value == largest_summary)
        f.update({f"cue={cue}": 1.0 for cue in candidate.cues})
        f.update(_context(text, candidate))
        features.append(f)
    return features


def _context(text: str, candidate: RoleCount) -> dict[str, float]:
    """Words left (`L:`) and right (`R:`) of the count in its sentence, the nearest ones apart (`L1:`, `R1:`),
    and the count's own words (`W:`, e.g. "consecutive", "eligible")."""
    count, sentence = candidate.count, candidate.sentence
    left = _WORD.findall(text[sentence.start : count.start].lower())[-WINDOW_WORDS:]
    right = _WORD.findall(text[count.end : sentence.end].lower())[:WINDOW_WORDS]
    own = _WORD.findall(text[count.start : count.end].lower())[1:]
    f = {f"L:{w}": 1.0 for w in left} | {f"R:{w}": 1.0 for w in right} | {f"W:{w}": 1.0 for w in own}
    f[f"L1:{left[-1] if left else '<s>'}"] = 1.0
    f[f"R1:{right[0] if right else '</s>'}"] = 1.0
    return f


def build_ranker(c: float = 1.0) -> Pipeline:
    """An untrained ranker with regularization `c`."""
    return make_pipeline(DictVectorizer(), LogisticRegression(C=c, max_iter=5000))


class SampleSizeRanker:
    """A trained ranker: for each candidate count, the probability that it is the paper's total; `weight`
    says how much that probability counts beside the rule score (`sample_size.pick_total`)."""

    def __init__(self, pipeline: Pipeline, weight: float = 2.0) -> None:
        self.pipeline = pipeline
        self.weight = weight

    @classmethod
    def fit(cls, features: list[dict[str, float]], labels: list[bool], c: float = 1.0, weight: float = 2.0) -> SampleSizeRanker:
        """A ranker trained on candidate features and whether each candidate is the total."""
        return cls(build_ranker(c).fit(features, labels), weight)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> SampleSizeRanker:
        """The shipped ranker (or the one at `path`)."""
        saved = joblib.load(path)
        return cls(saved["pipeline"], saved["weight"])

    def save(self, path: Path = MODEL_PATH) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump({"pipeline": self.pipeline, "weight": self.weight}, path, compress=3)

    def probabilities(self, features: list[dict[str, float]]) -> list[float]:
        """P(total) for each candidate's features."""
        if not features:
            return []
        positive = list(self.pipeline.classes_).index(True)
        return [float(row[positive]) for row in self.pipeline.predict_proba(features)]


@cache
def shipped_ranker() -> SampleSizeRanker | None:
    """The ranker in `models/sample_size/`, loaded once; None when the artifact is missing."""
    return SampleSizeRanker.load() if MODEL_PATH.exists() else None
