"""Counting and P/R/F1, shared by every benchmark task.

Every task reports `{"p", "r", "f1", "tp", "fp", "fn"}` per type or label, plus `micro` and `macro`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Hashable, Iterable


@dataclass
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"p": self.p, "r": self.r, "f1": self.f1, "tp": self.tp, "fp": self.fp, "fn": self.fn}


def count_sets(gold: Iterable[Hashable], pred: Iterable[Hashable]) -> Counts:
    """Exact-match counts between two multisets of hashable items."""
    g, p = Counter(gold), Counter(pred)
    tp = sum((g & p).values())
    return Counts(tp, sum(p.values()) - tp, sum(g.values()) - tp)


def summarize(per_label: dict[str, Counts]) -> dict[str, dict[str, float | int]]:
    """Per-label metrics plus `micro` (pooled counts) and `macro` (mean of label F1/P/R)."""
    out: dict[str, dict[str, float | int]] = {k: v.as_dict() for k, v in sorted(per_label.items())}
    total = sum(per_label.values(), Counts())
    out["micro"] = total.as_dict()
    n = len(per_label)
    out["macro"] = {
        "p": sum(c.p for c in per_label.values()) / n if n else 0.0,
        "r": sum(c.r for c in per_label.values()) / n if n else 0.0,
        "f1": sum(c.f1 for c in per_label.values()) / n if n else 0.0,
        "tp": total.tp,
        "fp": total.fp,
        "fn": total.fn,
    }
    return out
