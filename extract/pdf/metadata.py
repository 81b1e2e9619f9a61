"""Bibliographic metadata from the first page: title, authors, DOI, journal, year."""

from __future__ import annotations

import re

from extract.document import Metadata
from extract.pdf.layout import TextBlock
from extract.pdf.text import join_lines

DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>,;]+)", re.IGNORECASE)
_YEAR = re.compile(
    r"(?:©|\(c\)|copyright|published(?: online)?:?|accepted:?|received:?)"
    r"\s*(?:[^\d]{0,30}?)((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_JOURNAL_YEAR = re.compile(
    r"^(?!(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)"  # not a date
    r"([A-Z][A-Za-z&.\- ]{2,60}?)[ ,]+((?:19|20)\d\d)\b"
)
_AUTHOR_MARKS = re.compile(r"[\d*†‡§¶#∗⇑✉,]+$|^[\d*†‡§¶#∗⇑✉]+")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
_NOT_NAME = re.compile(
    r"\d{2}|@|university|department|hospital|institute|school|center|centre|college|faculty",
    re.IGNORECASE,
)
_BAD_META_TITLE = re.compile(
    r"\.(dvi|docx?|pdf|tex|indd)$|^microsoft|^untitled|^doi|^\S+$|^[\d\W_]+$", re.IGNORECASE
)
_TITLE_NOISE = re.compile(
    r"^(research( article)?|original (article|research|investigation)|review( article)?|case report|"
    r"study protocol|open access|article|brief report|clinical (study|trial)|letter|editorial|"
    r"hhs public access|author manuscript|.*manuscript.*)$",
    re.IGNORECASE,
)


def read_metadata(
    first_page: list[TextBlock], pdf_meta: dict[str, str], page_height: float
) -> Metadata:
    """Metadata from the first page's blocks; marks the title and author blocks' `kind`."""
    meta = Metadata()
    page_text = "\n".join(b.text for b in first_page)
    pdf_title = pdf_meta.get("title", "").strip()
    if not (_sane_pdf_title(pdf_title) and _key(pdf_title) in _key(page_text)):
        pdf_title = ""
    title_blocks = _title_blocks(first_page, page_height, pdf_title)
    if title_blocks:
        for block in title_blocks:
            block.kind = "title"
        meta.title = pdf_title or " ".join(_title_text(b) for b in title_blocks)
        authors_block = _authors_block(first_page, title_blocks[-1])
        if authors_block is not None:
            authors_block.kind = "authors"
            meta.authors = split_authors(without_superscripts(authors_block))
    else:
        meta.title = pdf_title
    found = (
        DOI.search(page_text)
        or DOI.search(pdf_meta.get("subject", ""))
        or DOI.search(pdf_meta.get("keywords", ""))
    )
    if found:
        meta.doi = found.group(1).rstrip(".)]")
    year = _YEAR.search(page_text)
    if year:
        meta.year = int(year.group(1))
    for block in first_page:
        journal = _JOURNAL_YEAR.match(block.text)
        if journal and len(block.text) < 80:
            meta.journal = journal.group(1).strip(" ,.")
            meta.year = meta.year or int(journal.group(2))
            break
    return meta


def _title_blocks(blocks: list[TextBlock], height: float, pdf_title: str) -> list[TextBlock]:
    """The title's blocks: the PDF title's, else those in the largest type in the top 60% of the page."""
    first = _first_title_block(blocks, height, pdf_title)
    if first is None:
        return []
    found = [first]
    size = max(ln.size for ln in first.lines)
    grown = True
    while grown:  # add blocks in the same type directly above or below (one title, several blocks)
        grown = False
        for block in blocks:
            if block not in found and any(_stacked(other, block, size) for other in found):
                found.append(block)
                grown = True
    return sorted(found, key=lambda b: b.bbox[1])


def _stacked(a: TextBlock, b: TextBlock, size: float) -> bool:
    """`b` continues `a` (or leads into it): same type, vertically adjacent, overlapping in x."""
    upper, lower = (a, b) if a.bbox[1] <= b.bbox[1] else (b, a)
    return (
        a.bold == b.bold
        and not b.dropped
        and abs(max(ln.size for ln in b.lines) - size) <= 0.6
        and -0.5 * size <= lower.bbox[1] - upper.bbox[3] <= 0.8 * size
        and b.bbox[0] < a.bbox[2]
        and b.bbox[2] > a.bbox[0]
    )


def _first_title_block(blocks: list[TextBlock], height: float, pdf_title: str) -> TextBlock | None:
    if pdf_title:
        key = _key(pdf_title)
        for block in blocks:
            if _key(block.text).startswith(key[: max(20, len(key) // 2)]):
                return block
    candidates = [
        b
        for b in blocks
        if not b.dropped
        and b.bbox[1] < height * 0.6
        and len(b.text.split()) >= 3
        and not DOI.search(b.text)
        and not _TITLE_NOISE.match(b.text.strip())
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda b: (round(max(ln.size for ln in b.lines)), b.words))


def _title_text(block: TextBlock) -> str:
    """The title lines of a block (those in its largest size), noise labels dropped."""
    biggest = max(ln.size for ln in block.lines)
    parts = [ln.text.strip() for ln in block.lines if ln.size >= biggest - 0.6]
    title = " ".join(p for p in parts if not _TITLE_NOISE.match(p))
    return re.sub(r"\s+", " ", title).strip()


def _authors_block(blocks: list[TextBlock], title: TextBlock) -> TextBlock | None:
    """The first block below the title that reads like a list of names."""
    below = sorted(
        (b for b in blocks if b.bbox[1] >= title.bbox[3] - 2 and not b.dropped and b is not title),
        key=lambda b: b.bbox[1],
    )
    for block in below[:3]:
        text = without_superscripts(block)
        names = split_authors(text)
        if names and len(names) >= max(1, len(_AUTHOR_SPLIT.split(text)) // 2):
            return block
    return None


def without_superscripts(block: TextBlock) -> str:
    """The block's text with raised small pieces (affiliation marks like `a,b` or `1*`) cut out."""
    parts = []
    for line in block.lines:
        tallest = max(p.bbox[3] - p.bbox[1] for p in line.pieces)
        kept = [p.text for p in line.pieces if p.bbox[3] - p.bbox[1] >= 0.75 * tallest]
        parts.append(" ".join("".join(kept).split()))
    return join_lines(parts)


def split_authors(text: str) -> list[str]:
    """`A. Smith1,2, B. Jones* and C. Wu` -> names, without affiliation marks."""
    names = []
    for part in _AUTHOR_SPLIT.split(text):
        name = _AUTHOR_MARKS.sub("", part.strip()).strip()
        name = re.sub(r"(?<=[a-z])\d[\d,]*$", "", name)
        words = name.split()
        if (
            2 <= len(words) <= 5
            and not _NOT_NAME.search(name)
            and all(w[0].isupper() for w in words if w[0].isalpha())
        ):
            names.append(name)
    return names


def _sane_pdf_title(title: str) -> bool:
    title = title.strip()
    return len(title.split()) >= 4 and not _BAD_META_TITLE.search(title)


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())
