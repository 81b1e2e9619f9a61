"""Headings: found from font size, weight, numbering and known names; mapped to section kinds."""

from __future__ import annotations

import re

from extract.pdf.layout import Line, Piece, TextBlock
from extract.pdf.text import join_lines

_NUMBERING = re.compile(r"^((\d{1,2}(\.\d{1,2})*\.?)|([IVX]{1,4}\.)|([A-H]\.))\s+(?=\S)")
_CAPTION = re.compile(
    r"^(fig\.?|figure|table|scheme|chart|supplementary (figure|table)|additional file)\s*[s]?\d+",
    re.IGNORECASE,
)


def _names(*alternatives: str, whole: bool = False) -> re.Pattern[str]:
    """A pattern for titles starting with (or, if `whole`, equal to) one of `alternatives`."""
    return re.compile("^(" + "|".join(alternatives) + ")" + ("$" if whole else r"\b"))


# Canonical kinds of common section titles, matched on the lower-case title without numbering.
_KIND_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "references",
        _names(
            "references?( and notes)?",
            "bibliography",
            "literature cited",
            "works cited",
            "cited literature",
            whole=True,
        ),
    ),
    ("abstract", _names("abstract", "summary", "structured abstract", whole=True)),
    ("introduction", _names("introduction", "background", "rationale")),
    (
        "methods",
        _names(
            "(materials?|patients|subjects|participants)( and | & )(methods?|procedures)",
            "methods?",
            "methodology",
            "experimental( procedures| section| design)?",
            "study design",
            "(research )?design and methods",
        ),
    ),
    ("results", _names("results?", "findings")),
    ("discussion", _names("discussion", "comment")),
    ("conclusion", _names("conclusions?", "concluding remarks", "summary and conclusions?")),
    (
        "other",
        _names(
            "acknowledge?ments?",
            "funding",
            "conflicts? of interests?",
            "competing interests?",
            "declarations?",
            "disclosures?",
            "author(s'|s’)? contributions?",
            "authors?' information",
            "author details",
            "description of authors",
            "abbreviations",
            "ethics",
            "consent",
            "availability of data",
            "data availability",
            "supplementary",
            "additional (files?|material)",
            "appendix",
            "keywords?",
            "case (report|presentation|description)",
            "figures?",
            "tables?",
            "figure legends",
            "publisher.s note",
            "notes",
        ),
    ),
]
_MAX_WORDS = 16


def strip_numbering(title: str) -> str:
    """`2.1. Study design` -> `Study design`."""
    return _NUMBERING.sub("", title.strip()).strip()


def starts_numbered(text: str) -> bool:
    """`2.1 Study design`, `IV. Results`: a numbered heading."""
    return bool(_NUMBERING.match(text.strip()))


def title_key(title: str) -> str:
    """Lower-case heading text without numbering or trailing punctuation, for matching names."""
    return strip_numbering(title).lower().rstrip(" .:;").strip()


def section_kind(title: str) -> str | None:
    """The canonical kind a heading names, or None when it names none (a subsection, say)."""
    key = title_key(title)
    for kind, pattern in _KIND_PATTERNS:
        if pattern.match(key):
            return kind
    return None


def is_caption(text: str) -> bool:
    return bool(_CAPTION.match(text))


def is_heading(block: TextBlock, body_size: float, body_font: str) -> bool:
    """A short block set apart from body text by size, weight, font or numbering, or with a known name."""
    text = block.text.strip()
    words = text.split()
    if not words or len(words) > _MAX_WORDS or len(block.lines) > 3 or is_caption(text):
        return False
    if not any(c.isalpha() for c in text) or len(text) < 3 or text[0] in "*†‡§¶#@" or "@" in text:
        return False
    if re.match(r"key\s*words?\b", text, re.IGNORECASE) and len(words) > 3:
        return False
    distinct = block.bold or block.font != body_font
    if (
        len(words) <= 6
        and section_kind(text) is not None
        and (block.size >= body_size - 0.6 or (distinct and block.size >= body_size - 3))
    ):
        return True
    if text[-1] in ",;" or (text.endswith(".") and not _NUMBERING.match(text) and len(words) > 6):
        return False
    if block.size >= body_size + 0.9 and len(words) <= 14:
        return True
    if distinct and block.size >= body_size - 0.7 and len(block.lines) <= 2:
        return True
    letters = [c for c in text if c.isalpha()]
    caps = sum(c.isupper() for c in letters) / len(letters)
    return caps > 0.9 and len(words) <= 6 and block.size >= body_size - 0.6 and len(letters) > 3


def split_run_in_heading(block: TextBlock, body_size: float) -> TextBlock | None:
    """Split `Statistical analysis. The data ...` (bold/italic lead-in) off into a heading block.

    The lead-in may run over up to two whole styled lines before the line where it ends.
    Returns the heading block and leaves the paragraph in `block`, or returns None.
    """
    if abs(block.size - body_size) > 1.6:
        return None
    k = 0
    while k < min(2, len(block.lines) - 1) and block.lines[k].styled and not block.lines[k].lead:
        k += 1
    line = block.lines[k]
    if not line.lead:
        return None
    lead = join_lines(
        [ln.text.strip() for ln in block.lines[:k]] + [line.text[: line.lead].strip()]
    )
    words = lead.split()
    if not words or len(words) > 16 or not (lead[0].isupper() or lead[0].isdigit()):
        return None
    if lead[-1] not in ".:" and section_kind(lead) is None:  # `Funding` (no colon) is known
        return None
    if is_caption(lead) or len(lead) < 4:
        return None
    heading_pieces, rest_pieces = _cut_pieces(line, line.lead)
    if not rest_pieces:
        return None
    boxes = [p.bbox for p in heading_pieces]
    heading_lines = block.lines[:k] + [Line(heading_pieces, _union(boxes), line.size, True)]
    line.pieces = rest_pieces
    line.text = "".join(p.text for p in rest_pieces)
    line.bbox = _union([p.bbox for p in rest_pieces])
    line.lead = 0
    block.lines = block.lines[k:]
    block.refresh()
    heading = TextBlock(heading_lines, block.page, kind="heading", run_in=True)
    heading.column = block.column
    return heading


def _cut_pieces(line: Line, at: int) -> tuple[list[Piece], list[Piece]]:
    """The line's pieces before character `at` and the non-blank pieces from it on."""
    head: list[Piece] = []
    rest: list[Piece] = []
    pos = 0
    for piece in line.pieces:
        (head if pos < at else rest).append(piece)
        pos += len(piece.text)
    return head, rest if any(p.text.strip() for p in rest) else []


def _union(boxes: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
