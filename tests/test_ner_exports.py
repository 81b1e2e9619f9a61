"""PubTator and BioC exports of a paper's entities load back with the same offsets, types and IDs."""

from __future__ import annotations

from extract.corpus.bioc import parse_bioc
from extract.corpus.pubtator import parse_pubtator
from extract.document import Document, Section, Span
from extract.ner.exports import BIOC_EXPORT, PUBTATOR_EXPORT


def _paper() -> Document:
    title = "MMP1 in acne"
    body = "Acne lesions\nshowed more MMP1 in THP-1 cells."
    text = f"{title}\n\n{body}"
    doc = Document(id="abc123", file="paper.pdf", text=text)
    doc.sections = [Section("", "front", 0, len(title)), Section("Results", "results", len(title) + 2, len(text))]
    found = [("MMP1", "Gene", "NCBIGene:4312", 0), ("acne", "Disease", "MESH:D000152", 0), ("THP-1", "CellLine", "", 0)]
    spans = []
    for surface, label, identifier, nth in found:
        start = text.index(surface, nth)
        spans.append(Span(start, start + len(surface), label, {"identifier": identifier}))
    doc.layers["entities"] = spans
    return doc


def _check(documents: list, doc: Document) -> None:
    [exported] = documents
    assert exported.id == doc.id
    got = [(m.start, m.end, m.text, m.type, m.ids) for m in exported.mentions]
    want = [(s.start, s.end, doc.text[s.start : s.end], s.label, (s.attrs["identifier"],) if s.attrs["identifier"] else ()) for s in doc.layers["entities"]]
    assert sorted(got) == sorted(want)
    assert all(exported.text[m.start : m.end] == m.text for m in exported.mentions)


def test_pubtator_export_round_trips() -> None:
    doc = _paper()
    lines = (PUBTATOR_EXPORT.header + PUBTATOR_EXPORT.rows(doc)[0]["text"] + PUBTATOR_EXPORT.footer).splitlines()
    _check(parse_pubtator(lines), doc)


def test_bioc_export_of_two_papers_is_one_valid_collection() -> None:
    doc = _paper()
    other = _paper()
    other.id = "def456"
    xml = BIOC_EXPORT.header + BIOC_EXPORT.rows(doc)[0]["text"] + BIOC_EXPORT.rows(other)[0]["text"] + BIOC_EXPORT.footer
    documents = parse_bioc(xml)
    assert [d.id for d in documents] == ["abc123", "def456"]
    _check(documents[:1], doc)


def test_a_coordinated_mention_exports_every_concept_it_names() -> None:
    text = "breast and ovarian cancer"
    doc = Document(id="coord1", file="paper.pdf", text=text)
    doc.sections = [Section("Results", "results", 0, len(text))]
    doc.layers["entities"] = [
        Span(0, len(text), "Disease", {"identifier": "MESH:D001943", "identifiers": ["MESH:D001943", "MESH:D010051"]})
    ]
    lines = (PUBTATOR_EXPORT.header + PUBTATOR_EXPORT.rows(doc)[0]["text"] + PUBTATOR_EXPORT.footer).splitlines()
    [exported] = parse_pubtator(lines)
    assert [m.ids for m in exported.mentions] == [("MESH:D001943|MESH:D010051",)]  # PubTator's composite field


def test_bioc_export_carries_each_mention_score_as_an_infon() -> None:
    doc = _paper()
    for number, span in enumerate(doc.layers["entities"]):
        span.attrs["score"] = 0.5 + number / 10
    xml = BIOC_EXPORT.header + BIOC_EXPORT.rows(doc)[0]["text"] + BIOC_EXPORT.footer
    [exported] = parse_bioc(xml)
    expected = [f"{0.5 + n / 10:.3f}" for n in range(len(doc.layers["entities"]))]
    assert [m.attrs.get("score") for m in exported.mentions] == expected
