"""Where each field stands once every reviewer's decision is taken into account."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from extract.review.decisions import ACCEPT, EDIT, RESOLVE, Decision

PENDING, ACCEPTED, EDITED, REJECTED, CONFLICT, RESOLVED = (
    "pending", "accepted", "edited", "rejected", "conflict", "resolved"
)
STATUS_OF_ACTION = {ACCEPT: ACCEPTED, EDIT: EDITED}
VERIFIED = (ACCEPTED, EDITED, RESOLVED)


@dataclass
class FieldState:
    """The reviewers' standing decisions on one field and the resolution, if any."""

    by_reviewer: dict[str, Decision] = field(default_factory=dict)
    resolution: Decision | None = None

    @property
    def status(self) -> str:
        """pending, accepted, edited, rejected, conflict (reviewers differ) or resolved."""
        if self.resolution is not None:
            return RESOLVED
        if not self.by_reviewer:
            return PENDING
        if len({d.outcome for d in self.by_reviewer.values()}) > 1:
            return CONFLICT
        actions = {d.action for d in self.by_reviewer.values()}
        if all(d.final_value is None for d in self.by_reviewer.values()):
            return REJECTED
        return EDITED if EDIT in actions else ACCEPTED

    def value(self, suggested: str) -> str:
        """The verified value; the suggestion while pending or in conflict, empty when rejected."""
        settled = self.resolution or next(iter(self.by_reviewer.values()), None)
        if self.status in (PENDING, CONFLICT) or settled is None:
            return suggested
        return settled.final_value or ""

    @property
    def notes(self) -> str:
        decisions = [*self.by_reviewer.values(), *([self.resolution] if self.resolution else [])]
        return " | ".join(f"{d.reviewer}: {d.note}" for d in decisions if d.note)


def field_states(standing: list[Decision]) -> dict[tuple[str, str], FieldState]:
    """(doc_id, field) -> state, from `DecisionStore.standing()`."""
    states: dict[tuple[str, str], FieldState] = defaultdict(FieldState)
    for decision in standing:
        state = states[decision.doc_id, decision.field]
        if decision.action == RESOLVE:
            state.resolution = decision
        else:
            state.by_reviewer[decision.reviewer] = decision
    return states
