"""`parse_pdf` on small two-column papers built in the test with PyMuPDF."""

from __future__ import annotations

import hashlib
import re

import pymupdf
import pytest

from extract.document import Document
from extract.pdf import parse_pdf

WIDTH, HEIGHT = 595, 842
LEFT, RIGHT = 50, 310
LEADING = 13
HEADER = "Journal of Synthetic Tests 12 (2024) 100-110"


def _write(
    page: pymupdf.Page, x: float, y: float, lines: list[str], size: float = 10, font: str = "uni"
) -> float:
    for line in lines:
        page.insert_text((x, y), line, fontsize=size, fontname=font)
        y += size * 1.3 if size > 10 else LEADING
    return y + 8


def _page(pdf: pymupdf.Document, number: int) -> pymupdf.Page:
    page = pdf.new_page(width=WIDTH, height=HEIGHT)
    page.insert_font(fontname="uni", fontbuffer=_FONT.buffer)
    page.insert_text((LEFT, 30), HEADER, fontsize=8, fontname="helv")
    page.insert_text((WIDTH / 2, 815), str(number), fontsize=8, fontname="helv")
    return page


def _authors_with_marks(page: pymupdf.Page, x: float, y: float) -> None:
    """`Ada Lovelacea,b, Alan Turingb* and Grace Hoppera` with raised small affiliation marks."""
    parts = [("Ada Lovelace", "a,b"), (", Alan Turing", "b*"), (" and Grace Hopper", "a")]
    for name, mark in parts:
        page.insert_text((x, y), name, fontsize=11, fontname="helv")
        x += pymupdf.get_text_length(name, fontname="helv", fontsize=11)
        page.insert_text((x, y - 4), mark, fontsize=6, fontname="helv")
        x += pymupdf.get_text_length(mark, fontname="helv", fontsize=6)


_FONT = pymupdf.Font("cjk")  # has the "fi" ligature glyph, Greek and math signs


def two_column_paper() -> bytes:
    """Two pages: full-width title and abstract, then two columns; header, page numbers,
    a word hyphenated across lines, a ligature, a caption inside a sentence, a reference list."""
    pdf = pymupdf.open()
    page = _page(pdf, 1)
    _write(page, LEFT, 80, ["A synthetic trial of parsing papers"], size=18, font="hebo")
    _authors_with_marks(page, LEFT, 110)
    _write(page, LEFT, 140, ["Abstract"], size=12, font="hebo")
    _write(
        page,
        LEFT,
        158,
        [
            "We built this paper to test a parser. The abstract runs across the full width of the page",
            "above the two columns, and the parser must read it before the body text that follows it.",
        ],
    )
    y = _write(page, LEFT, 230, ["1. Introduction"], size=12, font="hebo")
    y = _write(
        page,
        LEFT,
        y,
        [
            "Reading papers is an impor-",
            "tant step of every review. A",
            "signi\ufb01cant share of the work is",
            "spent on finding the numbers",
            "with a mean of 12 \u00b1 3 and \u03b2 \u2264 0.5",
            "in the text. This sentence starts",
            "in the left column and",
        ],
    )
    _write(page, LEFT, 700, ["Figure 1. Flow of the synthetic participants."], size=8)
    y = _write(
        page,
        RIGHT,
        230,
        [
            "continues in the right column.",
            "The IL-",
            "6 level was not measured.",
        ],
    )
    y = _write(page, RIGHT, y + 6, ["2. Methods"], size=12, font="hebo")
    _write(
        page,
        RIGHT,
        y,
        [
            "We enrolled forty zebrafish in",
            "two tanks and followed them for",
            "six weeks without any losses.",
        ],
    )
    page = _page(pdf, 2)
    y = _write(page, LEFT, 80, ["3. Results"], size=12, font="hebo")
    y = _write(page, LEFT, y, ["All forty fish completed the", "study and none of them died."])
    y = _write(page, LEFT, y + 6, ["4. Discussion"], size=12, font="hebo")
    _write(page, LEFT, y, ["The parser read this paper in", "the order a person would."])
    y = _write(page, RIGHT, 80, ["References"], size=12, font="hebo")
    _write(
        page,
        RIGHT,
        y,
        [
            "1. Smith J, Doe A. Parsing at scale.",
            "J Test. 2020;1:1-10.",
            "2. Roe B. Columns and readers.",
            "Lett Parse. 2021;2:5-9.",
        ],
    )
    return pdf.tobytes()


@pytest.fixture(scope="module")
def paper() -> bytes:
    return two_column_paper()


@pytest.fixture(scope="module")
def doc(paper: bytes) -> Document:
    return parse_pdf("synthetic.pdf", data=paper)


def test_reading_order_goes_title_abstract_left_column_right_column(doc: Document) -> None:
    text = doc.text
    order = [
        "A synthetic trial",
        "The abstract runs",
        "Reading papers",
        "continues in the right column",
        "2. Methods",
        "zebrafish",
        "3. Results",
        "4. Discussion",
        "Smith J",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, positions
    assert positions == sorted(positions)


def test_running_header_and_page_numbers_are_dropped(doc: Document) -> None:
    assert "Journal of Synthetic Tests" not in doc.text
    dropped = [b for b in doc.blocks if not b.in_text]
    assert {b.kind for b in dropped} == {"header", "footer"}
    assert all(b.start == b.end == -1 for b in dropped)
    assert len([b for b in dropped if b.kind == "footer"]) == 2


def test_hyphenated_word_is_rejoined_and_compounds_keep_their_hyphen(doc: Document) -> None:
    assert "is an important step" in doc.text
    assert "impor" not in doc.text.replace("important", "")
    assert "The IL-6 level" in doc.text


def test_ligature_is_expanded_and_greek_and_math_signs_kept(doc: Document) -> None:
    assert "significant share" in doc.text
    assert "\ufb01" not in doc.text
    assert "12 \u00b1 3 and \u03b2 \u2264 0.5" in doc.text


def test_caption_does_not_cut_the_sentence_around_it(doc: Document) -> None:
    assert "in the left column and continues in the right column." in doc.text
    caption = next(b for b in doc.blocks if b.kind == "caption")
    assert caption.text == "Figure 1. Flow of the synthetic participants."
    assert caption.start > doc.text.index("continues in the right column.")
    assert doc.section_at(caption.start).kind == "methods"  # closes the section it was read in


def test_sections_have_canonical_kinds_and_references_come_last(doc: Document) -> None:
    kinds = [s.kind for s in doc.sections]
    assert kinds[:2] == ["front", "abstract"]
    assert [k for k in kinds if k not in ("front", "abstract", "other")] == [
        "introduction",
        "methods",
        "results",
        "discussion",
        "references",
    ]
    assert kinds[-1] == "references"
    assert [s.title for s in doc.sections if s.kind == "methods"] == ["Methods"]
    starts = [s.start for s in doc.sections]
    assert starts == sorted(starts)


def test_reference_list_is_kept_out_of_the_body(doc: Document) -> None:
    references = next(s for s in doc.sections if s.kind == "references")
    assert "Smith J, Doe A. Parsing at scale." in doc.text[references.start : references.end]
    assert "Smith J" not in doc.body_text()
    assert "Roe B" not in doc.body_text()
    assert "zebrafish" in doc.body_text()
    entries = [b.text for b in doc.blocks if b.kind == "reference"]
    assert entries == [
        "1. Smith J, Doe A. Parsing at scale. J Test. 2020;1:1-10.",
        "2. Roe B. Columns and readers. Lett Parse. 2021;2:5-9.",
    ]


def test_segments_map_words_back_to_their_page_and_box(doc: Document) -> None:
    start = doc.text.index("zebrafish")
    ((page, box),) = doc.locate(start, start + len("zebrafish"))
    assert page == 1
    assert RIGHT - 1 <= box[0] < box[2] <= WIDTH / 2 + 200
    assert 280 < box[1] < 330  # the first line under "2. Methods"
    start = doc.text.index("none of them died")
    assert doc.page_of(start) == 2
    assert all(p == 2 and b[0] < WIDTH / 2 for p, b in doc.locate(start, start + 17))
    for seg in doc.segments:
        assert doc.text[seg.start : seg.end].strip() == doc.text[seg.start : seg.end] != ""


def test_metadata_comes_from_the_first_page(doc: Document) -> None:
    assert doc.metadata.title == "A synthetic trial of parsing papers"
    authors = next(b for b in doc.blocks if b.kind == "authors")
    assert authors.text == "Ada Lovelacea,b, Alan Turingb* and Grace Hoppera"  # marks kept in text
    assert doc.metadata.authors == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    assert [b.kind for b in doc.blocks if b.page == 1 and b.in_text][:2] == ["title", "authors"]


def test_document_id_pages_and_json_round_trip(doc: Document, paper: bytes) -> None:
    assert doc.id == hashlib.sha256(paper).hexdigest()
    assert doc.file == "synthetic.pdf"
    assert [(p.number, p.width, p.height) for p in doc.pages] == [
        (1, WIDTH, HEIGHT),
        (2, WIDTH, HEIGHT),
    ]
    assert Document.from_json(doc.to_json()) == doc


def test_block_offsets_point_at_their_text(doc: Document) -> None:
    for block in doc.blocks:
        if block.in_text:
            assert doc.text[block.start : block.end] == block.text


def manuscript_with_line_numbers() -> bytes:
    """A one-column accepted-manuscript layout: line numbers down the margin, `Page n of 2`."""
    pdf = pymupdf.open()
    for number in (1, 2):
        page = pdf.new_page(width=WIDTH, height=HEIGHT)
        y = 100.0
        for i in range(12):
            line_no = (number - 1) * 12 + i + 1
            page.insert_text((20, y), str(line_no), fontsize=8, fontname="helv")
            words = f"Sentence {line_no} of the manuscript body goes on in one column of text."
            page.insert_text((72, y), words, fontsize=11, fontname="helv")
            y += 24
        page.insert_text((270, 815), f"Page {number} of 2", fontsize=9, fontname="helv")
    return pdf.tobytes()


def test_line_numbers_and_page_x_of_y_are_dropped() -> None:
    doc = parse_pdf("manuscript.pdf", data=manuscript_with_line_numbers())
    sentences = re.findall(r"Sentence (\d+) of", doc.text)
    assert sentences == [str(n) for n in range(1, 25)]
    rest = re.sub(r"Sentence \d+ of", "", doc.text)
    assert rest.count("manuscript body") == 24
    assert not re.search(r"\d", rest)  # no line numbers left in the text
    assert "Page 1 of 2" not in doc.text
    assert {b.kind for b in doc.blocks if not b.in_text} == {"other", "footer"}
