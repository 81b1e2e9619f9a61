"""The shipped claim models as one bundle: load, save, and answer an Evidence Inference prompt.

The bundle is a joblib (pickle) file written by `scripts/train_claims.py` with the scikit-learn
version pinned in `pyproject.toml`; load only files this project made. When the folder
`direction-encoder` lies beside it (`scripts/train_direction_encoder.py`), a sentence's direction is the
average of the linear model's and that MiniLM cross-encoder's probabilities; when `evidence-reranker` does,
a prompt's evidence candidates are reordered by it (`extract.claims.reranker`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import joblib
import numpy as np

from extract.claims.combiner import DirectionCombiner
from extract.claims.detector import ClaimDetector
from extract.claims.direction import DIRECTIONS, Comparison, DirectionClassifier
from extract.claims.encoder import DirectionEncoder
from extract.claims.evidence import EvidenceRanker, Prompt, ResultStatementModel
from extract.claims.reranker import EvidenceReranker
from extract.claims.selector import ClaimSelector
from extract.claims.zones import ZonedSentence
from extract.paths import MODELS_DIR

DEFAULT_MODEL = MODELS_DIR / "claims" / "claims.joblib"
ENCODER_FOLDER = "direction-encoder"
"""The direction cross-encoder's folder, beside the bundle."""
RERANKER_FOLDER = "evidence-reranker"
"""The evidence reranker's folder, beside the bundle."""
SELECTOR_FILE = "selector.json"
"""Which sentences of a paper become claims (`extract.claims.selector`), beside the bundle."""


@dataclass(frozen=True)
class Answer:
    """The direction for a prompt, its probability, and the sentence it was read from."""

    direction: str
    confidence: float
    evidence: ZonedSentence | None


@dataclass
class ClaimModels:
    detector: ClaimDetector
    statements: ResultStatementModel
    ranker: EvidenceRanker
    direction: DirectionClassifier
    combiner: DirectionCombiner
    statement_threshold: float
    encoder: DirectionEncoder | None = field(default=None, compare=False, repr=False)
    """The second direction reader, loaded from `ENCODER_FOLDER` beside the bundle (never pickled)."""
    reranker: EvidenceReranker | None = field(default=None, compare=False, repr=False)
    """The evidence candidates' reranker, loaded from `RERANKER_FOLDER` beside the bundle (never pickled)."""
    selector: ClaimSelector | None = field(default=None, compare=False, repr=False)
    """Which sentences of a paper are claims, loaded from `SELECTOR_FILE` beside the bundle (JSON weights)."""

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("encoder", "reranker", "selector")}

    def save(self, path: Path = DEFAULT_MODEL) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        joblib.dump(self, path, compress=3)

    @classmethod
    def load(cls, path: Path = DEFAULT_MODEL, encoder: bool = True, reranker: bool = True) -> ClaimModels:
        """The bundle at `path`, with the direction encoder (when `encoder`) and the evidence reranker (when
        `reranker`, which only `answer` uses) beside it when they are there."""
        if not Path(path).exists():
            raise FileNotFoundError(f"no claim models at {path}; train them with scripts/train_claims.py")
        models = joblib.load(path)
        if not isinstance(models, cls):
            raise TypeError(f"{path} does not hold claim models")
        folder = Path(path).parent / ENCODER_FOLDER
        models.encoder = DirectionEncoder(folder) if encoder and folder.exists() else None
        folder = Path(path).parent / RERANKER_FOLDER
        models.reranker = EvidenceReranker(folder) if reranker and folder.exists() else None
        selector = Path(path).parent / SELECTOR_FILE
        models.selector = ClaimSelector.load(selector) if selector.exists() else None
        return models

    def direction_proba(self, comparisons: Sequence[Comparison]) -> np.ndarray:
        """Direction probabilities (rows in `DIRECTIONS` order): the linear model's, averaged with the
        cross-encoder's when it is loaded."""
        linear = self.direction.predict_proba(comparisons)
        if self.encoder is None or not len(comparisons):
            return linear
        return (linear + self.encoder.predict_proba(comparisons)) / 2

    def answer(
        self, prompt: Prompt, sentences: Sequence[ZonedSentence], statement_scores: np.ndarray | None = None
    ) -> Answer:
        """Direction of `prompt` read from the best-ranked sentences, reranked when a reranker is loaded
        (their direction probabilities weighed by the combiner); the top sentence is the evidence."""
        if not sentences:
            return Answer("no_difference", 0.0, None)
        if statement_scores is None:
            statement_scores = self.statements.scores(sentences)
        best, ranks, proba = read_candidates(
            self.ranker, self.direction_proba, prompt, sentences, statement_scores, self.combiner.top_k, self.reranker
        )
        combined = self.combiner.predict_proba(ranks, proba)
        return Answer(DIRECTIONS[int(combined.argmax())], float(combined.max()), sentences[best[0]])


def read_candidates(
    ranker: EvidenceRanker,
    read: Callable[[Sequence[Comparison]], np.ndarray],
    prompt: Prompt,
    sentences: Sequence[ZonedSentence],
    statement_scores: np.ndarray,
    top_k: int,
    reranker: EvidenceReranker | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The `top_k` best-ranked sentences for `prompt` (indexes, best first; reordered by `reranker` when
    given), their ranker scores, and the direction probabilities of each read for the prompt."""

    def comparisons(indexes: np.ndarray) -> list[Comparison]:
        return [Comparison(sentences[i].text, prompt.intervention, prompt.comparator, prompt.outcome) for i in indexes]

    ranks = ranker.scores(prompt, sentences, statement_scores)
    order = np.argsort(-ranks, kind="stable")
    if reranker is not None:
        relevance = reranker.relevance(comparisons(order[: reranker.settings.candidates]))
        order = reranker.reorder(order, ranks, relevance)
    best = order[:top_k]
    return best, ranks[best], read(comparisons(best))
