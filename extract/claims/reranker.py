"""Reordering a prompt's best-ranked evidence candidates with a cross-encoder's judgement.

The linear evidence ranker (`extract.claims.evidence`) scores every sentence of an article cheaply; the
reranker reads its `candidates` best with a MiniLM cross-encoder trained to say `none` when a sentence
does not answer the prompt (`scripts/train_direction_encoder.py train --task evidence`) and orders
them by a weighted geometric mean of the ranker's probability and the encoder's relevance
(1 - P(none)). The settings, chosen on Evidence Inference dev, are in the folder's `reranker.json`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from extract.claims.direction import Comparison
from extract.claims.encoder import CrossEncoder

SETTINGS = "reranker.json"
NONE = "none"


@dataclass(frozen=True)
class RerankSettings:
    candidates: int = 10
    """How many of the linear ranker's best sentences are read."""
    ranker_weight: float = 0.5
    """Weight of the linear ranker's log-probability (the encoder's relevance has 1 - this)."""


class EvidenceReranker:
    """Reorders evidence candidates with the cross-encoder in `folder` and the settings beside it."""

    def __init__(self, folder: Path, settings: RerankSettings | None = None) -> None:
        self.encoder = CrossEncoder(folder)
        if NONE not in self.encoder.labels:
            raise ValueError(f"{folder} is not an evidence reranker: its labels lack '{NONE}'")
        path = Path(folder) / SETTINGS
        if settings is None:
            settings = RerankSettings(**json.loads(path.read_text())) if path.exists() else RerankSettings()
        self.settings = settings

    def relevance(self, comparisons: Sequence[Comparison]) -> np.ndarray:
        """The probability that each sentence answers its prompt (1 - P(none))."""
        return 1 - self.encoder.label_proba(comparisons)[:, self.encoder.labels.index(NONE)]

    def reorder(self, order: np.ndarray, ranks: np.ndarray, relevance: np.ndarray) -> np.ndarray:
        """`order` (sentence indexes, best first) with its first `len(relevance)` entries sorted by the
        blend of their ranker scores `ranks[order]` and `relevance`."""
        head = order[: len(relevance)]
        weight = self.settings.ranker_weight
        blend = weight * np.log(ranks[head] + 1e-6) + (1 - weight) * np.log(relevance + 1e-6)
        return np.concatenate([head[np.argsort(-blend, kind="stable")], order[len(relevance) :]])
