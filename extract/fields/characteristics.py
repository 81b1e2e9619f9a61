"""The `characteristics` stage: what `studies.csv` says of a study besides design and size — registration,
funding, conflicts of interest and industry involvement, the adverse-event summary, follow-up, age and
sex — each with its sentence and page in the `characteristics` layer and in `characteristics.csv`."""

from __future__ import annotations

from typing import Any, Iterator

from extract.document import Document, Span
from extract.fields.regions import paper_of_document
from extract.fields.statements import (
    AGE_MEAN,
    AGE_RANGE,
    CONFLICT,
    CONFLICT_LABEL,
    CONFLICT_SECTION,
    FUNDING,
    FUNDING_LABEL,
    FUNDING_SECTION,
    SEX,
    Statement,
    adverse_events,
    first_stated,
    follow_up,
    industry,
    named_section_statement,
    registrations,
)
from extract.tables import OutputTable

LAYER = "characteristics"
FIELDS = ("registration", "funding", "conflicts", "industry", "adverse_events", "follow_up", "follow_up_weeks", "age", "sex")
CONFIDENCE = {"registration": 0.95, "funding": 0.8, "conflicts": 0.8, "adverse_events": 0.7, "follow_up": 0.6, "age": 0.8, "sex": 0.8}
"""A value read by a set phrase is as sure as the phrase; measured per field in docs/study_fields.md."""
TABLE_COLUMNS = ("doc_id", "field", "value", "evidence", "page", "confidence")


def characteristics(doc: Document) -> dict[str, list[Statement]]:
    """Every characteristic `doc` states: field -> its statements (several only for registrations)."""
    paper = paper_of_document(doc)
    titles = {region.start: section.title for section in doc.sections for region in paper.regions
              if section.start <= region.start < section.end}
    blocks = [(b.kind, b.start, b.end) for b in doc.blocks if b.in_text]
    found: dict[str, list[Statement]] = {"registration": registrations(paper)}
    for name, statement in (
        ("funding", named_section_statement(paper, titles, FUNDING_SECTION, FUNDING, blocks, FUNDING_LABEL)),
        ("conflicts", named_section_statement(paper, titles, CONFLICT_SECTION, CONFLICT, blocks, CONFLICT_LABEL)),
        ("adverse_events", adverse_events(paper)),
        ("age", first_stated(paper, AGE_MEAN) or first_stated(paper, AGE_RANGE)),
        ("sex", first_stated(paper, SEX)),
    ):
        found[name] = [statement] if statement else []
    period = follow_up(paper)
    found["follow_up"] = [period[0]] if period else []
    return found


def characteristic_rows(doc: Document) -> Iterator[dict[str, Any]]:
    """One `characteristics.csv` row per value of the document's `characteristics` layer."""
    for span in doc.layers.get(LAYER, []):
        yield {"doc_id": doc.id, "field": span.label, **{k: span.attrs.get(k, "") for k in TABLE_COLUMNS[2:]}}


CHARACTERISTICS_TABLE = OutputTable("characteristics.csv", TABLE_COLUMNS, characteristic_rows)


class CharacteristicsStage:
    """Pipeline stage: the characteristics columns of `studies.csv` and the `characteristics` layer."""

    name = "characteristics"
    version = "1"
    columns = FIELDS
    tables = (CHARACTERISTICS_TABLE,)

    def load(self) -> None:
        """Nothing to load: set phrases only."""

    def __call__(self, doc: Document) -> dict[str, Any]:
        found = characteristics(doc)
        spans = [
            Span(s.sentence.start, s.sentence.end, name,
                 {"value": s.value, "evidence": s.sentence.text, "page": doc.page_of(s.sentence.start),
                  "confidence": CONFIDENCE[name]})
            for name, statements in found.items() for s in statements
        ]
        doc.add_spans(LAYER, spans)
        period = follow_up(paper_of_document(doc))
        funding, conflicts = (found[k][0] if found[k] else None for k in ("funding", "conflicts"))
        return {
            "registration": "; ".join(s.value for s in found["registration"]),
            "funding": funding.value if funding else "",
            "conflicts": conflicts.value if conflicts else "",
            "industry": industry(funding, conflicts),
            "adverse_events": found["adverse_events"][0].value if found["adverse_events"] else "",
            "follow_up": period[0].value if period else "",
            "follow_up_weeks": period[1] if period else None,
            "age": found["age"][0].value if found["age"] else "",
            "sex": found["sex"][0].value if found["sex"] else "",
        }
