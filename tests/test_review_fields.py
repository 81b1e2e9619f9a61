"""Suggested fields of a paper from the studies.csv row and the document layers, on a parsed PDF."""

from __future__ import annotations

import pymupdf
import pytest

from extract.document import Document, Span
from extract.pdf import parse_pdf
from extract.review.fields import merge_lines, paper_fields

SENTENCE = "Sixty adults with acne were randomly assigned to azelaic acid gel or vehicle gel."
RESULT = "Azelaic acid reduced inflammatory lesions more than vehicle (p = 0.01)."


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> Document:
    pdf = pymupdf.open()
    page = pdf.new_page()
    page.insert_textbox(pymupdf.Rect(72, 72, 540, 120), "Azelaic acid gel for acne", fontsize=16, fontname="hebo")
    page.insert_textbox(pymupdf.Rect(72, 130, 540, 300), f"{SENTENCE} {RESULT} Azelaic acid was well tolerated.", fontsize=10)
    path = tmp_path_factory.mktemp("fields") / "paper.pdf"
    pdf.save(path)
    return parse_pdf(path)


def test_study_fields_follow_the_row_and_find_their_evidence_on_the_page(doc: Document) -> None:
    row = {"design": "randomized controlled trial", "design_confidence": "0.93", "design_evidence": SENTENCE,
           "sample_size": "60", "sample_size_evidence": "", "sample_size_page": "1"}
    fields = {f.key: f for f in paper_fields(row, doc)}
    assert list(fields) == ["design", "sample_size"]  # columns the run did not write are not shown
    design = fields["design"]
    assert (design.value, design.confidence, design.evidence.page) == ("randomized controlled trial", "0.93", 1)
    start = doc.text.index(SENTENCE)
    assert design.evidence.boxes and design.evidence.boxes == merge_lines(doc.locate(start, start + len(SENTENCE)))
    (_, (x0, y0, x1, y1)), *_ = design.evidence.boxes
    assert 60 < x0 < x1 <= 545 and 120 < y0 < y1 < 320
    assert fields["sample_size"].evidence.page == 1 and fields["sample_size"].evidence.boxes == []


def test_claims_and_key_entities_come_from_the_layers(doc: Document) -> None:
    doc = Document.from_dict(doc.to_dict())
    start = doc.text.index(RESULT)
    doc.add_spans("claims", [Span(start, start + len(RESULT), "claim", {
        "outcome": "inflammatory lesions", "intervention": "azelaic acid", "comparator": "vehicle",
        "direction": "decrease", "direction_probabilities": {"decrease": 0.8}, "p_value": "p = 0.01",
        "ci": "", "section": "Abstract", "confidence": 0.74})])
    mentions = [i for i in range(len(doc.text)) if doc.text.lower().startswith("azelaic acid", i)]
    doc.add_spans("entities", [Span(i, i + 12, "Chemical", {"text": doc.text[i:i + 12]}) for i in mentions])
    acne = doc.text.index("acne")
    doc.add_spans("entities", [Span(acne, acne + 4, "Disease", {"identifier": "MESH:D000152", "preferred_name": "Acne Vulgaris"})])
    fields = paper_fields({}, doc)
    claim, first_entity, second_entity = fields
    assert claim.key == f"claims:{start}-{start + len(RESULT)}" and claim.label == "inflammatory lesions"
    assert claim.value == ("outcome: inflammatory lesions; intervention: azelaic acid; comparator: vehicle; "
                           "direction: decrease; p value: p = 0.01")
    assert claim.details == {"section": "Abstract"} and claim.confidence == "0.74"
    assert claim.evidence.text == RESULT and claim.evidence.page == 1
    assert len(mentions) == 4
    assert (first_entity.key, first_entity.details["mentions"]) == ("entities:Chemical:azelaic acid", "4")
    assert (second_entity.value, second_entity.details["identifier"]) == ("Acne Vulgaris", "MESH:D000152")


def test_boxes_of_one_line_merge_and_lines_stay_apart() -> None:
    boxes = [(1, (10.0, 100.0, 40.0, 110.0)), (1, (45.0, 100.5, 80.0, 110.0)), (1, (10.0, 112.0, 50.0, 122.0)),
             (2, (10.0, 112.0, 50.0, 122.0))]
    assert merge_lines(boxes) == [(1, (10.0, 100.0, 80.0, 110.0)), (1, (10.0, 112.0, 50.0, 122.0)),
                                  (2, (10.0, 112.0, 50.0, 122.0))]
