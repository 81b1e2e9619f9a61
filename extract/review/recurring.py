"""Batch-level suggested fields: outcomes, interventions, measures, designs and entities that recur
across the papers of a run, so reviewers can decide which columns their extraction form needs."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

from extract.review.run_outputs import Paper

CLAIM_ATTRIBUTES = {"outcome": "outcome", "intervention": "intervention", "comparator": "intervention", "measure": "measure"}


@dataclass(frozen=True)
class Recurring:
    """A value seen in `papers` of `total` papers, under `kind` (outcome, intervention, entity type...)."""

    kind: str
    name: str
    papers: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.papers / self.total if self.total else 0.0


def recurring_fields(papers: Sequence[Paper], min_papers: int = 2) -> list[Recurring]:
    """Values found in at least `min_papers` papers, most widespread first."""
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for paper in papers:
        for kind, name in paper_values(paper):
            key = (kind, " ".join(name.split()).casefold())
            seen[key].add(paper.doc_id)
            names[key][name] += 1
    found = [
        Recurring(kind, names[kind, norm].most_common(1)[0][0], len(docs), len(papers))
        for (kind, norm), docs in seen.items()
        if len(docs) >= min_papers
    ]
    return sorted(found, key=lambda r: (-r.papers, r.kind, r.name.casefold()))


def paper_values(paper: Paper) -> set[tuple[str, str]]:
    """(kind, value) pairs of one paper: claim attributes, design, and key entities by type."""
    values = set()
    for field in paper.fields:
        if field.group == "claims":
            for attribute, kind in CLAIM_ATTRIBUTES.items():
                if raw := field.attributes.get(attribute, ""):
                    values.add((kind, raw))
        elif field.group == "entities" and field.value:
            values.add((f"entity: {field.details.get('type', field.label)}", field.value))
        elif field.key == "design" and field.value:
            values.add(("design", field.value))
    return values

