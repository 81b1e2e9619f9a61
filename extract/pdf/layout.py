"""Page layout: lines and blocks from PyMuPDF's `dict` output, and their reading order."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pymupdf

from extract.document import BBox
from extract.pdf.text import join_lines, normalize_text

# One text extraction per page; ligatures expanded, no images, clipped to the page.
TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")
_ITALIC_NAMES = ("italic", "oblique", "-it", "ital")


@dataclass(slots=True)
class Piece:
    """A run of a line's text with its own box (one PyMuPDF span)."""

    text: str
    bbox: BBox


@dataclass(slots=True)
class Line:
    """One text line: its pieces, dominant font size and style, and the length of a styled lead-in."""

    pieces: list[Piece]
    bbox: BBox
    size: float
    bold: bool
    font: str = ""
    lead: int = 0  # chars of a bold/italic run-in at the start of the line, 0 if none
    styled: bool = False  # set all in bold or italic
    text: str = ""

    def __post_init__(self) -> None:
        self.text = "".join(p.text for p in self.pieces)


@dataclass(slots=True)
class TextBlock:
    """Lines that belong together (a paragraph, a heading, a caption, ...) on one page."""

    lines: list[Line]
    page: int
    kind: str = "paragraph"
    dropped: bool = False
    run_in: bool = False  # a heading split off the start of a paragraph
    column: int = 0
    text: str = field(init=False)
    bbox: BBox = field(init=False)
    size: float = field(init=False)
    bold: bool = field(init=False)
    font: str = field(init=False)

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Recompute text, box and style after the lines changed."""
        self.text = join_lines([line.text.strip() for line in self.lines])
        self.bbox = (
            min(ln.bbox[0] for ln in self.lines),
            min(ln.bbox[1] for ln in self.lines),
            max(ln.bbox[2] for ln in self.lines),
            max(ln.bbox[3] for ln in self.lines),
        )
        weights: dict[float, int] = {}
        fonts: dict[str, int] = {}
        for line in self.lines:
            weights[line.size] = weights.get(line.size, 0) + len(line.text)
            fonts[line.font] = fonts.get(line.font, 0) + len(line.text)
        self.size = max(weights, key=weights.__getitem__)
        self.font = max(fonts, key=fonts.__getitem__)
        self.bold = all(line.bold for line in self.lines)

    @property
    def words(self) -> int:
        return len(self.text.split())


def page_blocks(page: pymupdf.Page, number: int) -> list[TextBlock]:
    """The page's horizontal text as blocks, split where the font style changes between lines."""
    blocks: list[TextBlock] = []
    for raw in page.get_text("dict", flags=TEXT_FLAGS)["blocks"]:
        lines: list[Line] = []
        for raw_line in raw.get("lines", ()):
            dx, dy = raw_line["dir"]
            if dx < 0.99 or abs(dy) > 0.01:  # rotated: watermarks, margin notes, vertical labels
                continue
            line = _make_line(raw_line["spans"], raw_line["bbox"])
            if line is not None:
                lines.append(line)
        blocks.extend(TextBlock(group, number) for group in _split_by_style(lines))
    return blocks


def _make_line(spans: list[dict], bbox: BBox) -> Line | None:
    pieces: list[Piece] = []
    styles: list[tuple[bool, bool]] = []
    sizes: dict[float, int] = {}
    fonts: dict[str, int] = {}
    bold_chars = styled_chars = total_chars = 0
    for span in spans:
        text = normalize_text(span["text"])
        if not text:
            continue
        bold, italic = _font_style(span["font"], span["flags"])
        pieces.append(Piece(text, span["bbox"]))
        styles.append((bold, italic))
        chars = len(text.strip())
        size = round(span["size"], 1)
        sizes[size] = sizes.get(size, 0) + chars
        fonts[span["font"]] = fonts.get(span["font"], 0) + chars
        total_chars += chars
        bold_chars += chars if bold else 0
        styled_chars += chars if bold or italic else 0
    if not total_chars:
        return None
    size = max(sizes, key=sizes.__getitem__) if len(sizes) > 1 else next(iter(sizes))
    font = max(fonts, key=fonts.__getitem__) if len(fonts) > 1 else next(iter(fonts))
    line = Line(pieces, tuple(bbox), size, bold_chars >= 0.9 * total_chars, font)  # type: ignore[arg-type]
    line.styled = styled_chars >= 0.9 * total_chars
    if len(pieces) > 1:
        line.lead = _lead_length(pieces, styles)
    return line


@lru_cache(maxsize=1024)
def _font_style(font: str, flags: int) -> tuple[bool, bool]:
    """(bold, italic) from the span flags or the font's name."""
    name = font.lower()
    bold = bool(flags & 16) or any(n in name for n in _BOLD_NAMES)
    italic = bool(flags & 2) or any(n in name for n in _ITALIC_NAMES)
    return bold, italic


def _lead_length(pieces: list[Piece], styles: list[tuple[bool, bool]]) -> int:
    """Chars at the line start set in bold or italic when the rest of the line is not."""
    first = next((i for i, p in enumerate(pieces) if p.text.strip()), None)
    if first is None or not any(styles[first]):
        return 0
    style = styles[first]
    end = first
    while end < len(pieces) and (styles[end] == style or not pieces[end].text.strip()):
        end += 1
    rest = [styles[i] for i in range(end, len(pieces)) if pieces[i].text.strip()]
    if not rest or any(s == style for s in rest):
        return 0
    return sum(len(p.text) for p in pieces[:end])


def _split_by_style(lines: list[Line]) -> list[list[Line]]:
    """Split a PyMuPDF block where a line's size or boldness differs from the line before it,
    or where its font changes after a short line (a heading above its paragraph)."""
    if not lines:
        return []
    width = max(ln.bbox[2] for ln in lines) - min(ln.bbox[0] for ln in lines)
    groups: list[list[Line]] = []
    for line in lines:
        if groups:
            prev = groups[-1][-1]
            short = prev.bbox[2] - prev.bbox[0] < 0.75 * width
            same = (
                abs(prev.size - line.size) < 0.4
                and prev.bold == line.bold
                and (prev.font == line.font or not short)
            )
            if same or _same_row(prev, line):
                groups[-1].append(line)
                continue
        groups.append([line])
    return groups


def _same_row(a: Line, b: Line) -> bool:
    """Two pieces of one visual line (a superscript, an inline formula)."""
    return b.bbox[1] < a.bbox[3] - 0.5 * (a.bbox[3] - a.bbox[1]) and b.bbox[0] >= a.bbox[2] - 1


def reading_order(blocks: list[TextBlock]) -> list[TextBlock]:
    """Blocks in reading order: bands between full-width blocks, each band column by column.

    A block is full width when it crosses the middle of the text area (title, abstract,
    one-column text, wide tables). Between two full-width blocks, the narrow blocks form a band
    that is read left column first, top to bottom, then the right column.
    """
    if len(blocks) < 2:
        return list(blocks)
    wide = [b for b in blocks if len(b.text) >= 20] or blocks
    left = min(b.bbox[0] for b in wide)
    right = max(b.bbox[2] for b in wide)
    mid = (left + right) / 2
    ordered: list[TextBlock] = []
    band: list[TextBlock] = []
    for block in sorted(blocks, key=lambda b: (b.bbox[1], b.bbox[0])):
        if block.bbox[0] < mid - 6 and block.bbox[2] > mid + 6:
            ordered.extend(_read_band(band, mid))
            band = []
            block.column = 0
            ordered.append(block)
        else:
            band.append(block)
    ordered.extend(_read_band(band, mid))
    return ordered


def _read_band(band: list[TextBlock], mid: float) -> list[TextBlock]:
    for block in band:
        block.column = 1 if (block.bbox[0] + block.bbox[2]) / 2 < mid else 2
    return sorted(band, key=lambda b: (b.column, b.bbox[1], b.bbox[0]))
