"""The suggested fields of one paper, each with its value, confidence and evidence boxes on the page.

Study fields come from the `studies.csv` row (a column that is not there is not shown); claims and
key entities come from the document's `claims` and `entities` layers. Evidence is located with the
stage's spans, or else by finding the evidence text in the document.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Mapping

from extract.document import BBox, Document, Span

# (column, label, group): the group's layer and its `<group>_confidence/_evidence/_page` columns.
STUDY_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("design", "Study design", "design"),
    ("design_attributes", "Design attributes", "design"),
    ("sample_size", "Sample size", "sample_size"),
    ("sample_size_analyzed", "Sample size analyzed", "sample_size"),
    ("arms", "Arms", "sample_size"),
    ("n_studies", "Studies included", "sample_size"),
    ("n_animals", "Animals", "sample_size"),
)
ONLY_WHEN_STATED = frozenset({"n_studies", "n_animals"})
"""Columns of some designs only (reviews, animal studies): shown when they hold a value."""
CLAIM_KEYS = ("outcome", "intervention", "comparator", "direction", "p_value")  # make up the value
CLAIM_DETAILS = ("ci", "section")  # shown beside it
KEY_ENTITIES = 12
GROUP_TITLES = {
    "design": "Study design",
    "sample_size": "Sample size",
    "characteristics": "Characteristics",
    "claims": "Claims",
    "entities": "Key entities",
}
CHARACTERISTICS = (
    ("registration", "Registration"),
    ("funding", "Funding"),
    ("conflicts", "Conflicts of interest"),
    ("industry", "Industry involvement"),
    ("adverse_events", "Adverse events"),
    ("follow_up", "Follow-up"),
    ("follow_up_weeks", "Follow-up (weeks)"),
    ("age", "Age"),
    ("sex", "Sex"),
)
"""`studies.csv` columns of the characteristics stage; their evidence is the stage's layer span of that field."""


@dataclass
class Evidence:
    """The text that supports a suggestion and where it sits: (page, box) pieces."""

    text: str = ""
    page: int | None = None
    boxes: list[tuple[int, BBox]] = field(default_factory=list)


@dataclass
class ReviewField:
    """One suggestion a reviewer accepts, edits or rejects."""

    key: str
    group: str
    label: str
    value: str
    confidence: str = ""
    evidence: Evidence = field(default_factory=Evidence)
    details: dict[str, str] = field(default_factory=dict)  # shown beside the value
    attributes: dict[str, str] = field(default_factory=dict)  # everything the stage said about it

    @property
    def group_title(self) -> str:
        return GROUP_TITLES.get(self.group, self.group)


def paper_fields(row: Mapping[str, str], doc: Document | None) -> list[ReviewField]:
    """All suggested fields of a paper, study fields first, then claims, then key entities."""
    fields = study_fields(row, doc) + characteristic_fields(row, doc)
    if doc is not None:
        fields += claim_fields(doc) + entity_fields(doc)
    return fields


def characteristic_fields(row: Mapping[str, str], doc: Document | None) -> list[ReviewField]:
    """The characteristics columns the run wrote, each with its own sentence (`industry` and the weeks
    share the funding / follow-up sentence)."""
    spans = {span.label: span for span in (doc.layers.get("characteristics", []) if doc else [])}
    shared = {"industry": "conflicts", "follow_up_weeks": "follow_up"}
    fields = []
    for column, label in CHARACTERISTICS:
        if column not in row:
            continue
        span = spans.get(shared.get(column, column))
        evidence = span_evidence(doc, span) if doc is not None and span is not None else Evidence()
        confidence = _text(span.attrs.get("confidence")) if span is not None else ""
        fields.append(ReviewField(column, "characteristics", label, row.get(column) or "", confidence, evidence))
    return fields


def study_fields(row: Mapping[str, str], doc: Document | None) -> list[ReviewField]:
    """The design and sample-size columns the run wrote for this paper."""
    fields = []
    for column, label, group in STUDY_FIELDS:
        if column not in row or (column in ONLY_WHEN_STATED and not row.get(column)):
            continue
        evidence_text = row.get(f"{group}_evidence") or ""
        evidence = locate_evidence(doc, evidence_text, doc.layers.get(group, []) if doc else [])
        if evidence.page is None:
            evidence.page = _int(row.get(f"{group}_page"))
        fields.append(
            ReviewField(column, group, label, row.get(column) or "", row.get(f"{group}_confidence") or "", evidence)
        )
    return fields


def claim_fields(doc: Document) -> list[ReviewField]:
    """One field per span of the `claims` layer; its value sums up the claim's attributes."""
    fields = []
    for span in doc.layers.get("claims", []):
        attrs = {k: _text(v) for k, v in span.attrs.items() if _text(v)}
        parts = [f"{k.replace('_', ' ')}: {attrs[k]}" for k in CLAIM_KEYS if k in attrs]
        value = "; ".join(parts) or span.label
        details = {k.replace("_", " "): attrs[k] for k in CLAIM_DETAILS if k in attrs}
        fields.append(
            ReviewField(
                f"claims:{span.start}-{span.end}",
                "claims",
                attrs.get("outcome") or "Claim",
                value,
                attrs.get("confidence", ""),
                span_evidence(doc, span),
                details,
                attrs,
            )
        )
    return fields


def entity_fields(doc: Document, limit: int = KEY_ENTITIES) -> list[ReviewField]:
    """The most mentioned entities of the paper's own text, one field per (type, identifier).

    Mentions in the reference list are left out.
    """
    groups: dict[tuple[str, str], list[Span]] = defaultdict(list)
    for span in doc.layers.get("entities", []):
        if not span.attrs.get("in_references"):
            groups[span.label, entity_identity(doc, span)].append(span)
    ranked = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))[:limit]
    fields = []
    for (label, identity), spans in ranked:
        first = spans[0]
        name = _text(first.attrs.get("preferred_name")) or Counter(doc.text[s.start : s.end] for s in spans).most_common(1)[0][0]
        details = {"type": label, "mentions": str(len(spans))}
        if identifier := _text(first.attrs.get("identifier")):
            details["identifier"] = identifier
        fields.append(
            ReviewField(
                f"entities:{label}:{identity}",
                "entities",
                label,
                name,
                _text(first.attrs.get("confidence")),
                span_evidence(doc, first),
                details,
            )
        )
    return fields


def entity_identity(doc: Document, span: Span) -> str:
    """What makes two mentions the same entity: its identifier, else its text in lower case."""
    return _text(span.attrs.get("identifier")) or " ".join(doc.text[span.start : span.end].split()).casefold()


def span_evidence(doc: Document, span: Span) -> Evidence:
    """The evidence of a span: its own text and boxes."""
    return text_evidence(doc, span.start, span.end)


def text_evidence(doc: Document, start: int, end: int) -> Evidence:
    """`doc.text[start:end]` with its boxes, the pieces of each line merged into one box."""
    boxes = merge_lines(doc.locate(start, end))
    return Evidence(doc.text[start:end], boxes[0][0] if boxes else None, boxes)


def merge_lines(boxes: list[tuple[int, BBox]]) -> list[tuple[int, BBox]]:
    """Join consecutive boxes on the same page and line (vertical centres within half a height)."""
    merged: list[tuple[int, BBox]] = []
    for page, (x0, y0, x1, y1) in boxes:
        if merged:
            last_page, (a0, b0, a1, b1) = merged[-1]
            if last_page == page and abs((y0 + y1) - (b0 + b1)) / 2 < (b1 - b0) / 2 and x0 >= a0:
                merged[-1] = (page, (a0, min(y0, b0), max(x1, a1), max(y1, b1)))
                continue
        merged.append((page, (x0, y0, x1, y1)))
    return merged


def locate_evidence(doc: Document | None, text: str, spans: list[Span]) -> Evidence:
    """Where `text` is: the layer span that holds it (or the layer's only span), else a text search."""
    if doc is None:
        return Evidence(text)
    wanted = " ".join(text.split())
    for span in spans:
        found = " ".join(doc.text[span.start : span.end].split())
        if not wanted or wanted in found or (found and found in wanted):
            evidence = span_evidence(doc, span)
            evidence.text = text or evidence.text
            return evidence
    start = doc.text.find(text) if text else -1
    return text_evidence(doc, start, start + len(text)) if start >= 0 else Evidence(text)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, (list, tuple)):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    return str(value).strip()


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value else None
    except ValueError:
        return None
