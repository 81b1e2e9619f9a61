"""Page cleanup: running headers/footers, page numbers, line numbers and publisher cover sheets."""

from __future__ import annotations

import re
from collections import Counter

from extract.pdf.layout import TextBlock

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
    """Mark headers, footers, page numbers and line numbers (kind header/footer/other, dropped)."""
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
            elif _is_line_number_column(block):
                block.kind, block.dropped = "other", True


def _in_margin(block: TextBlock, height: float) -> bool:
    return block.bbox[3] < height * MARGIN or block.bbox[1] > height * (1 - MARGIN)


def _is_line_number_column(block: TextBlock) -> bool:
    """A narrow block of bare numbers: manuscript line numbers (or a stray page number)."""
    width = block.bbox[2] - block.bbox[0]
    return width < 25 and all(line.text.strip().isdigit() for line in block.lines)
