"""The Document model: lossless JSON round trip, and offsets that map back to pages and boxes."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.document import Document, Span
from extract.paths import pdfs_dir
from extract.pdf import parse_pdf

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "acne_rct_two_column.pdf"


def _round_trip(doc: Document) -> None:
    doc.add_spans("entities", [Span(10, 20, "Gene", {"identifier": "NCBIGene:4312", "page": 1})])
    again = Document.from_json(doc.to_json())
    assert again == doc
    assert again.to_json() == doc.to_json()


def test_a_parsed_example_round_trips_through_json_without_loss() -> None:
    _round_trip(parse_pdf(EXAMPLE))


@pytest.mark.shared
def test_a_real_two_column_paper_round_trips_and_maps_words_to_their_page() -> None:
    path = pdfs_dir() / "PMC4686705.pdf"
    doc = parse_pdf(path)
    _round_trip(doc)
    import pymupdf

    pdf = pymupdf.open(path)
    for segment in doc.segments[:: max(1, len(doc.segments) // 50)]:
        word = doc.text[segment.start : segment.end]
        clip = pymupdf.Rect(segment.bbox) + (-4, -1, 4, 1)  # horizontal edges are interpolated
        on_page = pdf[segment.page - 1].get_text("text", clip=clip).replace("\n", " ")
        core = word[1:-1] if len(word) > 2 else word
        assert core in on_page or not word.isalnum(), (word, segment, on_page)
    assert doc.page_of(len(doc.text) - 1) == len(doc.pages)  # the reference list ends on the last page
    results = next(s for s in doc.sections if s.kind == "results")
    assert doc.section_at(results.start + 1) == results
