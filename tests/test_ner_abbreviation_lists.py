"""Abbreviation lists ("CI, confidence interval; USP: ultrasound pachymetry") and the short forms of non-entities."""

from __future__ import annotations

import spacy

from extract.document import Span
from extract.ner.abbreviations import glossary
from extract.ner.confidence import Evidence
from extract.ner.recognizer import _drop_short_forms_of_non_entities
from extract.ner.tokenizer import entity_tokenizer


def _entries(text: str) -> list[tuple[str, str]]:
    nlp = spacy.blank("en")
    nlp.tokenizer = entity_tokenizer(nlp)
    return [(short, long.text) for short, long in glossary(nlp(text))]


def test_list_entries_with_commas_colons_or_dashes_are_read() -> None:
    assert _entries("Abbreviations: CI, confidence interval; CIPN, chemotherapy-induced peripheral neuropathy; NR, not reported.") == [
        ("CI", "confidence interval"), ("CIPN", "chemotherapy-induced peripheral neuropathy"), ("NR", "not reported")
    ]
    assert _entries("CCT: central corneal thickness, USP: ultrasound pachymetry, and UVA: ultraviolet.") == [
        ("CCT", "central corneal thickness"), ("USP", "ultrasound pachymetry")  # "ultraviolet" does not spell UVA
    ]
    assert _entries("PASI - Psoriasis area and severity index, PGA – Physician Global Assessment") == [
        ("PASI", "Psoriasis area and severity index"), ("PGA", "Physician Global Assessment")
    ]


def test_prose_is_not_read_as_a_list() -> None:
    assert _entries("However, the use of antibiotics in cancer patients remains controversial. Results, we found more IL-6.") == []


def test_listed_short_forms_whose_long_form_is_no_entity_are_dropped() -> None:
    text = "USP rose; OLP fell; IL6."
    found = {(0, 3): Span(0, 3, "Gene"), (10, 13): Span(10, 13, "Gene"), (20, 23): Span(20, 23, "Gene")}
    evidence = Evidence(not_entities={"USP", "OLP"}, short_forms={"OLP": "Disease"})  # OLP is tagged elsewhere
    _drop_short_forms_of_non_entities(text, found, evidence)
    assert sorted(text[s.start : s.end] for s in found.values()) == ["IL6", "OLP"]
