"""The normalization stage of `extract run` and its `entities.csv` output table.

The stage reads the `entities` layer (the recognizer's mentions: label = type, offsets into
`doc.text`) and adds to each span's attrs `identifier` ('' when none was chosen), `candidates` and
`preferred_name`, and for a coordinated mention ("breast and ovarian cancer") every concept it names
in `identifiers` / `preferred_names`, so `mentions.jsonl` and the PubTator/BioC exports carry them. `entities.csv` has one
row per paper and concept, counted over the body (the references section is left out).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterator

from extract.document import Document, Span
from extract.normalize.normalizer import MentionInput, Normalizer
from extract.tables import OutputTable

ENTITY_LAYER = "entities"
ENTITY_COLUMNS = ("doc_id", "type", "identifier", "preferred_name", "mentions", "aliases", "pages")


def in_body(doc: Document, span: Span) -> bool:
    """False for a span in the references section."""
    section = doc.section_at(span.start)
    return section is None or section.kind != "references"


def entity_rows(doc: Document) -> Iterator[dict[str, Any]]:
    """One row per normalized concept the body of `doc` mentions."""
    groups: dict[tuple[str, str], list[Span]] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    for span in doc.layers.get(ENTITY_LAYER, []):
        identifiers = span.attrs.get("identifiers") or [span.attrs.get("identifier", "")]
        preferred = span.attrs.get("preferred_names") or [span.attrs.get("preferred_name", "")]
        for identifier, name in zip(identifiers, preferred):
            if identifier and in_body(doc, span):
                groups[(span.label, identifier)].append(span)
                names.setdefault((span.label, identifier), name)
    for (type_, identifier), spans in sorted(groups.items()):
        aliases = sorted({doc.text[s.start : s.end] for s in spans})
        pages = sorted({page for s in spans for page, _ in doc.locate(s.start, s.end)})
        yield {
            "doc_id": doc.id,
            "type": type_,
            "identifier": identifier,
            "preferred_name": names[(type_, identifier)],
            "mentions": len(spans),
            "aliases": "; ".join(aliases),
            "pages": ",".join(str(p) for p in pages),
        }


ENTITIES_TABLE = OutputTable("entities.csv", ENTITY_COLUMNS, entity_rows)


class NormalizationStage:
    """Links the `entities` layer's mentions to NCBI Gene, MeSH, NCBI Taxonomy and Cellosaurus."""

    name = "normalization"
    version = "2"
    columns: tuple[str, ...] = ()
    tables = (ENTITIES_TABLE,)

    def __init__(self, normalizer: Normalizer | None = None) -> None:
        self.normalizer = normalizer or Normalizer()

    def load(self) -> None:
        self.normalizer.load()

    def __call__(self, doc: Document) -> dict[str, Any]:
        spans = doc.layers.get(ENTITY_LAYER, [])
        inputs = [MentionInput(s.start, s.end, s.label, doc.text[s.start : s.end]) for s in spans]
        for span, resolution in zip(spans, self.normalizer.normalize(doc.text, inputs)):
            span.attrs["identifier"] = resolution.identifier
            span.attrs["candidates"] = resolution.candidates
            span.attrs["preferred_name"] = (
                self.normalizer.preferred_name(resolution.identifier, span.label) if resolution.identifier else ""
            )
            if resolution.identifiers:
                span.attrs["identifiers"] = resolution.identifiers
                span.attrs["preferred_names"] = [self.normalizer.preferred_name(i, span.label) for i in resolution.identifiers]
        return {}
