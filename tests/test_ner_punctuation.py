"""Mentions whose brackets do not balance, or that take a sentence's full stop, are repaired or dropped."""

from __future__ import annotations

from extract.document import Span
from extract.ner.punctuation import repair_punctuation

TEXT = "Bcl-X(L) and (ACEI) with IL-8) and pruritus (1 case), Hemoglobin (g dL), IGF-I) receptor, (Hv and IL-6."


def _span(surface: str, label: str = "Gene") -> Span:
    start = TEXT.index(surface)
    return Span(start, start + len(surface), label, {"source": "model"})


def test_openers_are_closed_or_cut_and_stray_brackets_dropped() -> None:
    mentions = [_span("Bcl-X(L"), _span("(ACEI", "Chemical"), _span("IL-8)"), _span("pruritus (1", "Disease"),
                _span("Hemoglobin (g"), _span("IL-6")]
    repaired = repair_punctuation(TEXT, mentions)
    assert [(TEXT[m.start : m.end], m.label) for m in repaired] == [
        ("Bcl-X(L)", "Gene"), ("ACEI", "Chemical"), ("IL-8", "Gene"), ("pruritus", "Disease"), ("Hemoglobin", "Gene"), ("IL-6", "Gene")
    ]


def test_unrepairable_mentions_are_dropped_and_species_left_to_their_own_rules() -> None:
    species = _span("(Hv", "Species")
    assert repair_punctuation(TEXT, [_span("IGF-I) receptor"), species]) == [species]


def test_a_sentence_full_stop_is_cut_except_from_species() -> None:
    text = "Levels of TGF-b. Then 0.1. Then Stachyamoeba sp."
    gene, number, species = (Span(10, 16, "Gene"), Span(22, 26, "Chemical"), Span(32, 48, "Species"))
    repaired = repair_punctuation(text, [gene, number, species])
    assert [(text[m.start : m.end], m.label) for m in repaired] == [("TGF-b", "Gene"), ("Stachyamoeba sp.", "Species")]


def test_a_figure_panel_letter_is_cut() -> None:
    text = "Immunoglobulin E (IgE) (A), galectin-9 (B), CCL22 (D) and lipoprotein (a)."
    found = [Span(text.index(s), text.index(s) + len(s), "Gene") for s in ("galectin-9 (B)", "CCL22 (D)", "lipoprotein (a)")]
    repaired = repair_punctuation(text, found)
    assert [text[m.start : m.end] for m in repaired] == ["galectin-9", "CCL22", "lipoprotein (a)"]
