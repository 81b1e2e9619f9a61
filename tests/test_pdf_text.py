"""Text cleanup, headings and reading order on hand-made inputs."""

from __future__ import annotations

import pytest

from extract.pdf.headings import section_kind, strip_numbering
from extract.pdf.layout import Line, Piece, TextBlock, reading_order
from extract.pdf.text import hyphenated_words, join_lines, line_break, normalize_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("signi\ufb01cant e\ufb03cacy", "significant efficacy"),  # fi, ffi ligatures
        ("\U0001d6fd-cells, 5 \u00b5g", "\u03b2-cells, 5 \u03bcg"),  # math beta, micro sign
        (
            "p \u2264 0.05, 12 \u00b1 3, \u03b1 = 0.8",
            "p \u2264 0.05, 12 \u00b1 3, \u03b1 = 0.8",
        ),  # kept
        ("co\u00adoperation\u200b", "cooperation"),  # soft hyphen, zero-width space
        ("\uff21\uff22\uff23 long\u2010term", "ABC long-term"),  # full-width letters, hyphen
    ],
)
def test_normalize_text(raw: str, clean: str) -> None:
    assert normalize_text(raw) == clean


def test_join_lines_rejoins_hyphenated_words_only() -> None:
    assert join_lines(["an impor-", "tant step"]) == "an important step"
    assert join_lines(["the IL-", "6 level"]) == "the IL-6 level"
    assert join_lines(["non-", "Hodgkin lymphoma"]) == "non-Hodgkin lymphoma"
    assert join_lines(["ends here -", "and goes on"]) == "ends here - and goes on"
    assert join_lines(["one", "", "two"]) == "one two"


def test_a_compound_the_paper_writes_with_a_hyphen_keeps_it_at_a_line_break() -> None:
    compounds = hyphenated_words(["in a population-based cohort (see above)", "well-known"])
    assert compounds == {"population-based", "well-known"}
    assert line_break("a population-", "based study", compounds) == (False, "")
    assert line_break("an impor-", "tant step", compounds) == (True, "")
    assert line_break("a population-", "based study") == (True, "")


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("1. Introduction", "introduction"),
        ("BACKGROUND", "introduction"),
        ("2.1 Materials and Methods", "methods"),
        ("Patients and methods", "methods"),
        ("Results and Discussion", "results"),
        ("IV. DISCUSSION", "discussion"),
        ("Conclusions", "conclusion"),
        ("References", "references"),
        ("Literature Cited", "references"),
        ("Abstract", "abstract"),
        ("Acknowledgements", "other"),
        ("Conflict of Interests", "other"),
        ("Statistical analysis", None),
    ],
)
def test_section_kind(title: str, kind: str | None) -> None:
    assert section_kind(title) == kind


def test_strip_numbering() -> None:
    assert strip_numbering("2.1. Study design") == "Study design"
    assert strip_numbering("III. Results") == "Results"
    assert strip_numbering("COVID-19 outcomes") == "COVID-19 outcomes"


def _block(name: str, x0: float, y0: float, x1: float, y1: float) -> TextBlock:
    return TextBlock(
        [Line([Piece(f"{name} " * 6, (x0, y0, x1, y1))], (x0, y0, x1, y1), 10.0, False)], 1
    )


def test_reading_order_of_a_mixed_page() -> None:
    """Full-width title and table between two-column bands: each band left column first."""
    blocks = [
        _block("right-bottom", 310, 500, 545, 700),
        _block("table", 50, 380, 545, 480),
        _block("left-top", 50, 150, 285, 360),
        _block("title", 50, 60, 545, 100),
        _block("right-top", 310, 150, 545, 360),
        _block("left-bottom", 50, 500, 285, 700),
    ]
    names = [b.text.split()[0] for b in reading_order(blocks)]
    assert names == ["title", "left-top", "right-top", "table", "left-bottom", "right-bottom"]


def test_reading_order_of_a_one_column_page_is_top_to_bottom() -> None:
    blocks = [_block(f"p{i}", 72, 100 + 80 * i, 520, 160 + 80 * i) for i in (3, 1, 0, 2)]
    assert [b.text.split()[0] for b in reading_order(blocks)] == ["p0", "p1", "p2", "p3"]
