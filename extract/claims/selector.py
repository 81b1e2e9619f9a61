"""Which candidate sentences of a paper become claim rows: a small logistic regression over the two
sentence models' scores, the sentence's zone and a few cues, fitted on our annotated dev papers
(`scripts/train_claim_selector.py`; weights in `models/claims/selector.json`, no pickle).

The result-statement model (Evidence Inference) and the claim detector (claim sentences of abstracts)
were trained on other tasks; how much each says depends on where the sentence stands: in an abstract's
Results nearly every statement is a result, in a Results section about half are, and a future-work or
hedged sentence in the conclusions is none. The selector learns those weights from papers annotated
with every result they state (`corpus/annotations/claims.md`).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from extract.paths import MODELS_DIR

DEFAULT_SELECTOR = MODELS_DIR / "claims" / "selector.json"
ZONES = ("abstract:results", "abstract:conclusion", "abstract", "results", "conclusion")
_CUES: dict[str, re.Pattern[str]] = {
    "p_value": re.compile(r"(?<![A-Za-z])[pP]\s*(?:value\s*)?[<>=≤≥]"),
    "interval": re.compile(r"\b\d{2}\s*%\s*(?:CI|confidence)", re.IGNORECASE),
    "percent_or_mean": re.compile(r"\d\s*%|±|\bmean\b|\bmedian\b|\bSD\b", re.IGNORECASE),
    "comparison": re.compile(
        r"\b(?:significant(?:ly)?|differ(?:ed|ence|ences)?|compared|versus|vs\.?|than|higher|lower|greater|less|"
        r"increased?|decreased?|reduc(?:ed|tion)|improve(?:d|ment)|associated|correlat(?:ed|ion)|odds|risk)\b",
        re.IGNORECASE,
    ),
    "future": re.compile(
        r"\b(?:further|future|larger|more)\s(?:[\w-]+\s){0,2}?(?:studies|research|trials|investigations?|work)\b|"
        r"\b(?:are|is)\s(?:still\s)?(?:needed|required|warranted)\b|\bwarrant\b|\bshould\b|\brecommend",
        re.IGNORECASE,
    ),
    "hedge": re.compile(r"\b(?:suggests?|may|might|could|possibl[ey]|potential(?:ly)?|promising)\b", re.IGNORECASE),
    "figure": re.compile(r"^(?:fig(?:ure)?\.?|table)\s*\d", re.IGNORECASE),
    "question": re.compile(r"\?\s*$"),
}


def features(statement: float, claim: float, zone: str, sentence: str) -> list[float]:
    """The selector's inputs for one sentence (`FEATURE_NAMES` order)."""
    zones = [1.0 if zone == z else 0.0 for z in ZONES]
    st, cl = _logit(statement), _logit(claim)
    return [st, cl, *zones, *(st * z for z in zones), *(1.0 if p.search(sentence) else 0.0 for p in _CUES.values())]


FEATURE_NAMES = (
    "statement", "claim", *(f"zone={z}" for z in ZONES), *(f"statement*zone={z}" for z in ZONES), *(f"cue={c}" for c in _CUES)
)


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class ClaimSelector:
    """Logistic-regression weights over `FEATURE_NAMES`, and the probability from which a sentence is a claim."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probabilities(self, rows: list[list[float]]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        return 1 / (1 + np.exp(-(np.asarray(rows) @ np.asarray(self.weights) + self.bias)))

    def save(self, path: Path, **provenance: object) -> None:
        data = {"features": list(FEATURE_NAMES), "weights": list(self.weights), "bias": self.bias,
                "threshold": self.threshold, **provenance}
        Path(path).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = DEFAULT_SELECTOR) -> ClaimSelector:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURE_NAMES:
            raise ValueError(f"{path} was fitted on other features; refit it with scripts/train_claim_selector.py")
        return cls(tuple(data["weights"]), float(data["bias"]), float(data["threshold"]))
