"""Structured abstracts give the right zones whatever their labels look like (issue 26's root cause)."""

from __future__ import annotations

import pytest

from extract.claims.zones import document_sentences
from extract.pdf.abstract_labels import label_kind, run_in_label
from extract.pdf.parse import parse_pdf
from make_pdfs import ABSTRACT_PARTS, LABEL_STYLES, structured_abstract_pdf, write

EXPECTED_ZONES = ("abstract:introduction", "abstract:methods", "abstract:results", "abstract:conclusion", "abstract:other")


@pytest.mark.parametrize("columns", [1, 2])
@pytest.mark.parametrize("style", LABEL_STYLES)
def test_every_label_style_gives_the_abstract_parts(tmp_path, style, columns):
    doc = parse_pdf(write(tmp_path, "paper.pdf", structured_abstract_pdf(style, columns)))
    zones = {z.text.split()[-1]: z.zone for z in document_sentences(doc)}
    for (_, text), expected in zip(ABSTRACT_PARTS, EXPECTED_ZONES):
        assert zones[text.split()[-1]] == expected, (style, columns, text)
    body = [z for z in document_sentences(doc) if z.text.startswith("Acne vulgaris affects")]
    assert body and all(z.zone == "introduction" for z in body)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Results:", "results"),
        ("RESULTS", "results"),
        ("Aims and Objectives", "introduction"),
        ("Evidence Acquisition", "methods"),
        ("Main outcome measures:", "methods"),
        ("Conclusions.", "conclusion"),
        ("Trial Registration", "other"),
        ("Key words:", "other"),
        ("Level of Evidence", "other"),
        ("Results were mixed", None),
        ("Patient characteristics", None),
    ],
)
def test_label_kind(text, kind):
    assert label_kind(text) == kind


def test_run_in_labels_need_a_colon_unless_upper_case():
    assert run_in_label("Results: The score fell.") == ("results", len("Results: "))
    assert run_in_label("RESULTS The score fell.") == ("results", len("RESULTS "))
    assert run_in_label("Results were mixed across the groups.") is None
    assert run_in_label("Patients were randomized to two groups.") is None
