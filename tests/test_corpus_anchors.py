"""Anchors keep a sentence by its hash and place, and find it again when the text around it moves."""

from __future__ import annotations

import pytest

from extract.corpus.anchors import AnchoredText, make_anchor

TEXT = "Title line\n\nMethods. Thirty  patients were treated.\nResults: The scar\nscore fell (p < 0.01). End."


def test_an_anchor_finds_its_sentence_with_other_line_breaks():
    anchor = make_anchor("The scar score fell (p < 0.01).", TEXT)
    start, end = AnchoredText(TEXT).find(anchor)
    assert TEXT[start:end] == "The scar\nscore fell (p < 0.01)."


def test_an_anchor_is_found_after_the_text_before_it_changed():
    anchor = make_anchor("The scar score fell (p < 0.01).", TEXT)
    moved = "A new running head\n" + TEXT.replace("Thirty  patients", "30 patients")
    start, end = AnchoredText(moved).find(anchor)
    assert moved[start:end] == "The scar\nscore fell (p < 0.01)."


def test_an_anchor_whose_sentence_changed_is_not_found():
    anchor = make_anchor("The scar score fell (p < 0.01).", TEXT)
    assert AnchoredText(TEXT.replace("fell", "rose")).find(anchor) is None


def test_a_sentence_not_in_the_text_cannot_be_anchored():
    with pytest.raises(ValueError):
        make_anchor("Nothing like this.", TEXT)
