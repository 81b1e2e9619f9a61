"""Finding result statements: which sentences report a result (no prompt), and which sentence
best answers a given intervention/comparator/outcome prompt (Evidence Inference)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

from extract.claims.features import WORD, content_stems, cue_features, overlap, stem
from extract.claims.linear import Features, LinearTextModel
from extract.claims.zones import ZonedSentence

RESULT, OTHER = "result", "other"


@dataclass(frozen=True)
class Prompt:
    intervention: str
    comparator: str
    outcome: str


def statement_features(sentence: ZonedSentence) -> Features:
    return {**cue_features(sentence.text), f"zone:{sentence.zone}": 1.0}


class ResultStatementModel:
    """The probability that a sentence states a comparative result, from its words, cues and zone."""

    def __init__(self, C: float = 1.0) -> None:
        self.model = LinearTextModel(C=C, ngram_range=(1, 2), max_features=50_000, feature_weight=2.0)

    def fit(self, sentences: Sequence[ZonedSentence], is_result: Sequence[bool]) -> ResultStatementModel:
        labels = [RESULT if flag else OTHER for flag in is_result]
        self.model.fit([s.text for s in sentences], [statement_features(s) for s in sentences], labels)
        return self

    def scores(self, sentences: Sequence[ZonedSentence]) -> np.ndarray:
        return self.model.probability_of(
            RESULT, [s.text for s in sentences], [statement_features(s) for s in sentences]
        )


def match_features(prompt: Prompt, sentence: ZonedSentence, statement_score: float) -> Features:
    """How well `sentence` answers `prompt`: word overlap with each prompt part, cues, zone, result score."""
    words = {stem(w) for w in WORD.findall(sentence.text)}
    outcome = overlap(content_stems(prompt.outcome), words)
    intervention = overlap(content_stems(prompt.intervention), words)
    comparator = overlap(content_stems(prompt.comparator), words)
    return {
        "statement": statement_score,
        "outcome": outcome,
        "outcome_all": float(outcome == 1.0),
        "outcome_none": float(outcome == 0.0),
        "intervention": intervention,
        "comparator": comparator,
        "outcome*statement": outcome * statement_score,
        f"zone:{sentence.zone}": 1.0,
        **{k: v for k, v in cue_features(sentence.text).items() if k != "length"},
    }


class EvidenceRanker:
    """Ranks a document's sentences as the evidence for a prompt."""

    def __init__(self, C: float = 1.0) -> None:
        self.model: Pipeline = make_pipeline(DictVectorizer(), LogisticRegression(C=C, max_iter=2000))

    def fit(self, features: Sequence[Features], is_evidence: Sequence[bool]) -> EvidenceRanker:
        self.model.fit(list(features), list(is_evidence))
        return self

    def scores(
        self, prompt: Prompt, sentences: Sequence[ZonedSentence], statement_scores: Sequence[float]
    ) -> np.ndarray:
        """The evidence score of each sentence for `prompt`."""
        if not sentences:
            return np.zeros(0)
        features = [
            match_features(prompt, s, float(p)) for s, p in zip(sentences, statement_scores, strict=True)
        ]
        return self.model.predict_proba(features)[:, 1]
