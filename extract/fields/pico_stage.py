"""The `pico` stage: the study's population, arms and outcome measures (`studies.csv` `population`,
`condition_id`, `n_arms`; `arms.csv`; `outcome_measures.csv`), from the PICO tagger's spans in the title
and abstract (`extract.fields.arms`). Each value keeps its sentence and page in the `pico` layer."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator

from extract.document import Document, Span
from extract.fields.arms import assemble
from extract.fields.regions import paper_of_document
from extract.pico.tagger import PicoTagger
from extract.tables import OutputTable

LAYER = "pico"
SUMMARY = ("title", "abstract")
ARM_COLUMNS = ("doc_id", "arm", "role", "agent", "dose", "route", "schedule", "n", "unit", "evidence", "page")
OUTCOME_COLUMNS = ("doc_id", "name", "primary", "timepoints", "evidence", "page")
WITHIN_PERSON = ("split-face", "split-scalp", "split-mouth", "split-body", "contralateral", "within-subject")


@lru_cache(maxsize=1)
def shipped_tagger() -> PicoTagger:
    """The PICO tagger, loaded once per process (the claims stage reads it too)."""
    return PicoTagger.load()


def _rows(doc: Document, label: str, columns: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    for span in doc.layers.get(LAYER, []):
        if span.label == label:
            yield {"doc_id": doc.id, **{c: span.attrs.get(c, "") for c in columns[1:]}}


ARMS_TABLE = OutputTable("arms.csv", ARM_COLUMNS, lambda doc: _rows(doc, "arm", ARM_COLUMNS))
OUTCOMES_TABLE = OutputTable("outcome_measures.csv", OUTCOME_COLUMNS, lambda doc: _rows(doc, "outcome", OUTCOME_COLUMNS))


class PicoStage:
    """Population, arms and outcome measures of a study; needs the `design` layer (for within-person
    designs, whose arms are sides, not people) and uses the `entities` layer for the condition's ID."""

    name = "pico"
    version = "1"
    columns = ("population", "condition_id", "n_arms")
    tables = (ARMS_TABLE, OUTCOMES_TABLE)

    def load(self) -> None:
        shipped_tagger().nlp  # noqa: B018  (load the pipeline once per worker)

    def __call__(self, doc: Document) -> dict[str, Any]:
        paper = paper_of_document(doc)
        parts = [(r.start, r.end) for r in paper.regions if r.kind in SUMMARY]
        if not parts:
            return {"population": "", "condition_id": "", "n_arms": None}
        tagged = shipped_tagger().tag([doc.text[start:end] for start, end in parts])
        spans = [(s + start, e + start, label) for (start, _), found in zip(parts, tagged) for s, e, label in found]
        pico = assemble(doc.text, parts, spans)
        start = parts[0][0]
        unit = _unit(doc)
        layer: list[Span] = []
        condition_id = ""
        if pico.population is not None:
            text, sentence = pico.population
            at = doc.text.find(text, sentence.start, sentence.end)
            condition_id = _condition_id(doc, at, at + len(text)) if at >= 0 else ""
            layer.append(Span(sentence.start, sentence.end, "population",
                              {"value": text, "evidence": sentence.text, "page": doc.page_of(sentence.start)}))
        for arm in pico.arms:
            sentence = arm.sentences[0] if arm.sentences else None
            attrs = {"arm": arm.arm, "role": arm.role, "agent": arm.agent, "dose": arm.dose, "route": arm.route,
                     "schedule": arm.schedule, "n": arm.n, "unit": unit,
                     "evidence": sentence.text if sentence else "", "page": doc.page_of(sentence.start) if sentence else None}
            layer.append(Span(sentence.start if sentence else start, sentence.end if sentence else start, "arm", attrs))
        for outcome in pico.outcomes:
            s = outcome.sentence
            layer.append(Span(s.start, s.end, "outcome", {"name": outcome.name, "primary": outcome.primary,
                                                          "timepoints": outcome.timepoints, "evidence": s.text,
                                                          "page": doc.page_of(s.start)}))
        doc.add_spans(LAYER, layer)
        return {
            "population": pico.population[0] if pico.population else "",
            "condition_id": condition_id,
            "n_arms": len(pico.arms) or None,
        }


def _unit(doc: Document) -> str:
    """`side` when the design layer says the arms are within the same people, else `person`."""
    for span in doc.layers.get("design", []):
        if span.attrs.get("attributes", {}).get("within_subject") in WITHIN_PERSON:
            return "side"
    return "person"


def _condition_id(doc: Document, start: int, end: int) -> str:
    """The identifier of the first disease the entity stage found inside the population's words."""
    for span in doc.layers.get("entities", []):
        if span.label == "Disease" and start <= span.start and span.end <= end and span.attrs.get("identifier"):
            return str(span.attrs["identifier"])
    return ""
