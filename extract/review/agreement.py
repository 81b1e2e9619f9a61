"""Agreement between two reviewers who extracted the same papers independently.

Per field group (design, sample size, claims...): the items both decided, the share on which they
reached the same outcome (same value, or both rejected), and Cohen's kappa over those outcomes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

from extract.review.decisions import Decision


@dataclass(frozen=True)
class Agreement:
    """Agreement on one field group."""

    group: str
    items: int
    agreed: int
    kappa: float | None  # None when chance agreement is total (one outcome only): kappa is undefined

    @property
    def percent(self) -> float:
        return 100.0 * self.agreed / self.items if self.items else 0.0


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa of paired nominal ratings; None when it is undefined (no pairs, or p_e = 1)."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[c] * second[c] for c in first) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def field_group(field_key: str) -> str:
    """`claims:12-80` -> `claims`; study fields are their own group."""
    return field_key.split(":", 1)[0]


def paired_decisions(standing: Sequence[Decision], first: str, second: str) -> dict[tuple[str, str], tuple[Decision, Decision]]:
    """(doc_id, field) -> (first's decision, second's decision), for items both reviewers decided."""
    mine: dict[tuple[str, str], dict[str, Decision]] = defaultdict(dict)
    for decision in standing:
        if decision.reviewer in (first, second) and decision.action != "resolve":
            mine[decision.doc_id, decision.field][decision.reviewer] = decision
    return {key: (d[first], d[second]) for key, d in mine.items() if first in d and second in d}


def agreement_by_group(pairs: dict[tuple[str, str], tuple[Decision, Decision]]) -> list[Agreement]:
    """One `Agreement` per field group, in the order groups first appear, plus 'all fields'."""
    grouped: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (_, field), (a, b) in pairs.items():
        grouped[field_group(field)].append((a.outcome, b.outcome))
    everything = [pair for group in grouped.values() for pair in group]
    rows = [(group, outcomes) for group, outcomes in grouped.items()] + ([("all fields", everything)] if everything else [])
    return [Agreement(group, len(o), sum(a == b for a, b in o), cohen_kappa(o)) for group, o in rows]
