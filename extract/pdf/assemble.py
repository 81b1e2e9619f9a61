"""From ordered blocks to `Document.text`, word-level `segments`, block offsets and sections.

Captions, tables and footnotes ("floats") do not interrupt the body: the floats of a page are
placed after the first paragraph that ends at or after the end of that page's text flow, so no
sentence is cut. Floats that would land in the reference list go into a last `other` section
before it. The reference list is always the last section.
"""

from __future__ import annotations

import re

from extract.document import BBox, Block, Document, Section, Segment
from extract.pdf.layout import Line, TextBlock
from extract.pdf.sections import SectionDraft
from extract.pdf.text import is_dehyphenation

_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?:]['\")\]]*$")


def place_floats(sections: list[SectionDraft], floats_by_page: dict[int, list[TextBlock]]) -> list[SectionDraft]:
    """Insert each page's floats after the paragraph in progress at the end of that page's flow."""
    pending: list[TextBlock] = []
    leftover: list[TextBlock] = []
    last_page = 0
    placed: list[SectionDraft] = []
    for section in sections:
        blocks: list[TextBlock] = []
        for block in section.blocks:
            while last_page < block.page:
                last_page += 1
                if last_page < block.page:
                    pending.extend(floats_by_page.get(last_page, ()))
            if pending and (block.kind == "heading" or _ends_paragraph(blocks[-1] if blocks else None)):
                (leftover if section.kind == "references" else blocks).extend(pending)
                pending = []
            blocks.append(block)
        placed.append(SectionDraft(section.title, section.kind, blocks))
    for page in sorted(floats_by_page):
        if page >= last_page:
            pending.extend(floats_by_page[page])
    leftover.extend(pending)
    body = [s for s in placed if s.kind != "references"]
    references = [s for s in placed if s.kind == "references"]
    if leftover:
        body.append(SectionDraft("", "other", leftover))
    return body + references


def _ends_paragraph(block: TextBlock | None) -> bool:
    return block is None or block.kind != "paragraph" or bool(_SENTENCE_END.search(block.text))


class TextWriter:
    """Appends words to the document text and records a segment (page, box) for each."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.parts: list[str] = []
        self.offset = 0
        self.last_word = ""

    def write_block(self, block: TextBlock, continues: bool) -> tuple[int, int]:
        """Write a block's words; `continues` joins it to the text before (same paragraph)."""
        start = -1
        for i, line in enumerate(block.lines):
            for n, (word, bbox) in enumerate(_line_words(line)):
                first = start < 0
                if first and not continues:
                    sep = "\n\n" if self.parts else ""
                elif n == 0 and (i > 0 or continues) and is_dehyphenation(self.last_word, word):
                    self._unhyphenate()
                    sep = ""
                else:
                    sep = " " if self.parts else ""
                self._write(sep)
                start = self.offset if first else start
                self.doc.segments.append(Segment(self.offset, self.offset + len(word), block.page, bbox))
                self._write(word)
                self.last_word = word
        return start, self.offset

    def _write(self, text: str) -> None:
        self.parts.append(text)
        self.offset += len(text)

    def _unhyphenate(self) -> None:
        self.parts[-1] = self.parts[-1][:-1]
        self.offset -= 1
        self.doc.segments[-1].end -= 1

    def text(self) -> str:
        return "".join(self.parts)


def _line_words(line: Line) -> list[tuple[str, BBox]]:
    """The line's words with boxes; x positions inside a span are interpolated by character."""
    text = line.text
    cuts: list[tuple[int, int, BBox]] = []
    pos = 0
    for piece in line.pieces:
        cuts.append((pos, pos + len(piece.text), piece.bbox))
        pos += len(piece.text)
    words = []
    k = 0
    for match in _WORD.finditer(text):
        ws, we = match.span()
        while cuts[k][1] <= ws:
            k += 1
        j = k
        while cuts[j][1] < we:
            j += 1
        x0 = _x_at(cuts[k], ws)
        x1 = _x_at(cuts[j], we)
        y0 = min(c[2][1] for c in cuts[k : j + 1])
        y1 = max(c[2][3] for c in cuts[k : j + 1])
        words.append((match.group(), (x0, y0, x1, y1)))
    return words


def _x_at(cut: tuple[int, int, BBox], pos: int) -> float:
    start, end, box = cut
    return box[0] + (box[2] - box[0]) * (pos - start) / max(end - start, 1)


def write_document(doc: Document, sections: list[SectionDraft], dropped: list[TextBlock]) -> None:
    """Fill `doc.text`, `segments`, `blocks` and `sections` from the ordered section drafts."""
    writer = TextWriter(doc)
    placed: list[tuple[TextBlock, int, int]] = []
    for draft in sections:
        first = len(placed)
        previous: TextBlock | None = None
        for block in draft.blocks:
            continues = _continues(previous, block)
            start, end = writer.write_block(block, continues)
            placed.append((block, start, end))
            previous = block
        if len(placed) > first:
            start = placed[first][1]
            doc.sections.append(Section(draft.title, draft.kind, start, writer.offset))
    doc.text = writer.text()
    for block, start, end in placed:
        doc.blocks.append(_block(block, doc.text[start:end], start, end))
    for block in dropped:
        doc.blocks.append(_block(block, block.text, -1, -1))
    doc.blocks.sort(key=lambda b: (b.page, b.start < 0, b.start, b.bbox[1]))


def _continues(previous: TextBlock | None, block: TextBlock) -> bool:
    """A paragraph that goes on in the next column or page (no sentence end, lower-case start)."""
    return (
        previous is not None
        and previous.kind == block.kind
        and block.kind in ("paragraph", "abstract", "reference")
        and not _SENTENCE_END.search(previous.text)
        and block.text[:1].islower()
    )


def _block(block: TextBlock, text: str, start: int, end: int) -> Block:
    return Block(text, block.page, block.bbox, block.kind, block.size, block.bold, start, end)
