"""The entities stage: page and section on every mention, implausible mentions dropped."""

from __future__ import annotations

import pytest

from extract.corpus.catalog import load_corpus
from extract.document import Block, Document, Section, Segment, Span
from extract.ner.recognizer import DEFAULT_MODEL, MODEL_ENV, NER_MODELS, TASK_ENV
from extract.ner.stage import EntityStage, mention_rows
from extract.pipeline import Pipeline


class FixedRecognizer:
    """Stands in for the model: returns the spans it was given for whatever text."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans

    def find(self, text: str) -> list[Span]:
        return [Span(s.start, s.end, s.label, dict(s.attrs)) for s in self.spans]


def _paper() -> Document:
    authors = "Mei-Ling Zhou1, Hannah Brandt2"
    body = "MMP1 rose by −2.8 units (doi:10.5555/x.1) on 4GPa gels, p = 0.001d; 10 mg/kg."
    refs = "1. Smith J. MMP1 in skin."
    text = f"{authors}\n\n{body}\n\n{refs}"
    b, r = text.index(body), text.index(refs)
    doc = Document(id="d1", file="p.pdf", text=text)
    doc.blocks = [
        Block(authors, 1, (0, 0, 100, 10), "authors", start=0, end=len(authors)),
        Block(body, 1, (0, 20, 100, 30), "paragraph", start=b, end=b + len(body)),
        Block(refs, 2, (0, 0, 100, 10), "reference", start=r, end=r + len(refs)),
    ]
    doc.sections = [Section("", "front", 0, len(authors)), Section("Results", "results", b, b + len(body)), Section("References", "references", r, len(text))]
    doc.segments = [Segment(blk.start, blk.end, blk.page, blk.bbox) for blk in doc.blocks]
    return doc


def _span(doc: Document, surface: str, label: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(surface, start + 1)
    return Span(start, start + len(surface), label)


def test_mentions_get_page_and_section_and_implausible_ones_are_dropped() -> None:
    doc = _paper()
    found = [
        _span(doc, "Mei-Ling", "Gene"),  # a person's name in the author list
        _span(doc, "MMP1", "Gene"),
        _span(doc, "−2.8", "Gene"),  # no letter
        _span(doc, "doi:10.5555/x.1", "Gene"),
        _span(doc, "4GPa", "Gene"),  # quantities
        _span(doc, "0.001d", "Gene"),
        _span(doc, "10 mg", "Chemical"),
        _span(doc, "MMP1", "Gene", nth=1),  # in the reference list: kept, flagged
    ]
    EntityStage(FixedRecognizer(found))(doc)
    rows = list(mention_rows(doc))
    assert [(r["text"], r["page"], r["section"], r["in_references"]) for r in rows] == [
        ("MMP1", 1, "results", False),
        ("MMP1", 2, "references", True),
    ]



def test_no_entities_in_back_matter_sections() -> None:
    body, contributions = "PG measured IL-6 in mice.", "PG and SI designed the study."
    text = f"{body}\n\n{contributions}"
    c = text.index(contributions)
    doc = Document(id="d2", file="p.pdf", text=text)
    doc.sections = [Section("2.1. Results", "results", 0, len(body)), Section("Authors' contributions", "other", c, len(text))]
    found = [_span(doc, "IL-6", "Gene"), _span(doc, "PG", "Chemical", nth=1), _span(doc, "SI", "Gene")]
    EntityStage(FixedRecognizer(found))(doc)
    assert [r["text"] for r in mention_rows(doc)] == ["IL-6"]


def test_pipelines_with_another_entity_threshold_cache_apart() -> None:
    assert Pipeline(ner_min_score=0).signature != Pipeline().signature
    assert EntityStage(min_score=0).recognizer.min_score == 0


def test_the_model_and_task_from_the_environment_are_used_and_cache_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    default = EntityStage()
    assert default.recognizer.model_path == DEFAULT_MODEL
    monkeypatch.setenv(MODEL_ENV, str(NER_MODELS["accurate"]))
    replaced = EntityStage()
    assert replaced.recognizer.model_path == NER_MODELS["accurate"]
    assert replaced.version != default.version
    assert EntityStage(model="accurate").version == f"{EntityStage.version}-accurate"  # --ner accurate is not replaced
    monkeypatch.delenv(MODEL_ENV)
    monkeypatch.setenv(TASK_ENV, "bc2gm")
    tagged = EntityStage()
    assert tagged.recognizer.task == "bc2gm" and tagged.version not in (default.version, replaced.version)


@pytest.mark.shared
def test_a_min_score_of_zero_keeps_the_mentions_the_default_threshold_drops() -> None:
    default, everything = EntityStage().recognizer, EntityStage(min_score=0).recognizer
    thresholds = [default.threshold(label) for label in ("Gene", "Disease", "Chemical", "Species", "CellLine")]
    assert all(0 <= t < 1 for t in thresholds) and sum(t > 0 for t in thresholds) >= 3  # dev may keep every mention of a type
    dropped = 0
    for doc in load_corpus("biored").split("dev")[:20]:
        kept, every = default.find(doc.text), everything.find(doc.text)
        assert all(m.attrs["score"] >= default.threshold(m.label) for m in kept)
        assert [m for m in every if m.attrs["score"] >= default.threshold(m.label)] == kept
        dropped += len(every) - len(kept)
    assert dropped >= 5
