"""Page cleanup: running headers/footers, page numbers, line numbers and publisher cover sheets."""

from __future__ import annotations

import re
from collections import Counter

from extract.pdf.layout import Line, TextBlock

_PAGE_NUMBER = re.compile(r"^(page\s*)?[\divxlc]{1,5}(\s*(of|/)\s*\d+)?$", re.IGNORECASE)
_NOT_LETTERS = re.compile(r"[\W\d_]+")
COVER_MARKERS = (
    "to cite this article",
    "full terms & conditions",
    "published online:",
    "submit your article to this journal",
    "view related articles",
    "view crossmark data",
    "downloaded by",
    "download by",
    "article views:",
)
MARGIN = 0.09  # running headers/footers live in the top/bottom 9% of the page


def running_key(text: str) -> str:
    """The text of a header/footer with page numbers and punctuation stripped, for comparing pages."""
    return _NOT_LETTERS.sub(" ", text.lower()).strip()


def is_page_number(text: str) -> bool:
    """`3`, `iv`, `Page 3 of 10`, `3/10`."""
    return bool(_PAGE_NUMBER.match(text.strip()))


def is_cover_page(blocks: list[TextBlock]) -> bool:
    """A publisher's download cover sheet (e.g. Taylor & Francis): two or more of its markers."""
    text = " ".join(b.text.lower() for b in blocks)
    return sum(marker in text for marker in COVER_MARKERS) >= 2


def mark_running_blocks(pages: list[list[TextBlock]], heights: list[float]) -> None:
    """Mark running headers and footers and page numbers (kind header/footer, dropped)."""
    keys: Counter[str] = Counter()
    for blocks, height in zip(pages, heights, strict=True):
        seen = {running_key(b.text) for b in blocks if _in_margin(b, height)}
        keys.update(k for k in seen if len(k) >= 3)
    repeated = {k for k, n in keys.items() if n >= 2 and (n >= 3 or len(pages) <= 4)}
    for blocks, height in zip(pages, heights, strict=True):
        for block in blocks:
            if block.dropped:
                continue
            if _in_margin(block, height) and (
                running_key(block.text) in repeated or is_page_number(block.text)
            ):
                block.kind = "header" if block.bbox[1] < height / 2 else "footer"
                block.dropped = True


def _in_margin(block: TextBlock, height: float) -> bool:
    return block.bbox[3] < height * MARGIN or block.bbox[1] > height * (1 - MARGIN)


def drop_line_numbers(blocks: list[TextBlock]) -> list[TextBlock]:
    """Move manuscript line numbers (bare numbers in the margin, left or right of all the text,
    five or more on the page) out of their blocks into dropped blocks; returns the page's blocks."""
    numbers = {id(ln) for b in blocks for ln in b.lines if _is_number_line(ln)}
    if len(numbers) < 5:
        return blocks
    text_lines = [ln for b in blocks for ln in b.lines if id(ln) not in numbers]
    if not text_lines:
        return blocks
    left = min(ln.bbox[0] for ln in text_lines)
    right = max(ln.bbox[2] for ln in text_lines)
    margin = {
        n
        for b in blocks
        for ln in b.lines
        if (n := id(ln)) in numbers and (ln.bbox[2] <= left + 1 or ln.bbox[0] >= right - 1)
    }
    if len(margin) < 5:
        return blocks
    out: list[TextBlock] = []
    for block in blocks:
        kept = [ln for ln in block.lines if id(ln) not in margin]
        if len(kept) == len(block.lines):
            out.append(block)
            continue
        removed = [ln for ln in block.lines if id(ln) in margin]
        out.append(TextBlock(removed, block.page, kind="other", dropped=True))
        if kept:
            block.lines = kept
            block.refresh()
            out.append(block)
    return out


def _is_number_line(line: Line) -> bool:
    text = line.text.strip()
    return text.isdigit() and len(text) <= 4 and line.bbox[2] - line.bbox[0] < 25
