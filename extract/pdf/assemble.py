"""From ordered blocks to `Document.text`, word-level `segments`, block offsets and sections.

Captions, tables and footnotes ("floats") do not interrupt the body: the floats of a page are
placed after the first paragraph that ends at or after the end of that page's text flow, so no
sentence is cut; floats due just before a heading close the section before it (unless that is the
front matter, abstract or reference list). Floats that would land in the reference list go into a
last `other` section before it. The reference list is always the last section.
"""

from __future__ import annotations

import re

from extract.document import BBox, Block, Document, Section, Segment
from extract.pdf.layout import Line, TextBlock
from extract.pdf.sections import SectionDraft
from extract.pdf.text import hyphenated_words, line_break

_NO_FLOATS = ("front", "abstract", "references")  # floats wait for the next section instead
_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?:]['\")\]]*$")


def place_floats(
    sections: list[SectionDraft], floats_by_page: dict[int, list[TextBlock]]
) -> list[SectionDraft]:
    """Insert each page's floats after the paragraph in progress at the end of that page's flow."""
    pending: list[TextBlock] = []
    leftover: list[TextBlock] = []
    last_page = 0
    placed: list[SectionDraft] = []
    for section in sections:
        blocks: list[TextBlock] = []
        for block in section.blocks:
            while last_page < block.page:  # leaving a page: its floats wait for a paragraph end
                pending.extend(floats_by_page.get(last_page, ()))
                last_page += 1
            if pending and (
                block.kind == "heading" or _ends_paragraph(blocks[-1] if blocks else None)
            ):
                if blocks:
                    (leftover if section.kind == "references" else blocks).extend(pending)
                    pending = []
                elif placed and placed[-1].kind not in _NO_FLOATS:  # they close the section before
                    placed[-1].blocks.extend(pending)
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
    """Nothing before, a heading (or other non-prose block), or prose that ends a sentence."""
    prose = block is not None and block.kind in ("paragraph", "abstract", "reference")
    return not prose or bool(_SENTENCE_END.search(block.text))


class TextWriter:
    """Appends words to the document text and records a segment (page, box) for each."""

    def __init__(self, doc: Document, compounds: frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.compounds = compounds  # words the paper writes with a hyphen: keep it at line breaks
        self.parts: list[str] = []
        self.offset = 0
        self.last_word = ""

    def write_block(self, block: TextBlock, continues: bool) -> tuple[int, int]:
        """Write a block's words; `continues` joins it to the text before (same paragraph)."""
        start = -1
        segments = self.doc.segments
        for i, line in enumerate(block.lines):
            words = _line_words(line)
            if not words:
                continue
            if start < 0 and not continues:
                sep = "\n\n" if self.parts else ""
            elif i > 0 or continues:
                drop_hyphen, sep = line_break(self.last_word, words[0][0], self.compounds)
                if drop_hyphen:
                    self._unhyphenate()
            else:
                sep = " " if self.parts else ""
            offset = self.offset + len(sep)
            start = offset if start < 0 else start
            for word, bbox in words:
                segments.append(Segment(offset, offset + len(word), block.page, bbox))
                offset += len(word) + 1
            chunk = sep + " ".join(w for w, _ in words)
            self.parts.append(chunk)
            self.offset += len(chunk)
            self.last_word = words[-1][0]
        return start, self.offset

    def _unhyphenate(self) -> None:
        self.parts[-1] = self.parts[-1][:-1]
        self.offset -= 1
        self.doc.segments[-1].end -= 1

    def text(self) -> str:
        return "".join(self.parts)


def _line_words(line: Line) -> list[tuple[str, BBox]]:
    """The line's words with boxes; x positions inside a span are interpolated by character."""
    words: list[tuple[str, BBox]] = []
    glued = False  # the previous span ended inside a word
    for piece in line.pieces:
        text = piece.text
        x0, y0, x1, y1 = piece.bbox
        scale = (x1 - x0) / max(len(text), 1)
        for match in _WORD.finditer(text):
            start, end = match.span()
            if start == 0 and glued and words:
                word, box = words[-1]
                words[-1] = (
                    word + match.group(),
                    (box[0], min(box[1], y0), x0 + scale * end, max(box[3], y1)),
                )
            else:
                words.append((match.group(), (x0 + scale * start, y0, x0 + scale * end, y1)))
        glued = bool(text) and not text[-1].isspace()
    return words


def write_document(doc: Document, sections: list[SectionDraft], dropped: list[TextBlock]) -> None:
    """Fill `doc.text`, `segments`, `blocks` and `sections` from the ordered section drafts."""
    lines = (ln.text for draft in sections for block in draft.blocks for ln in block.lines)
    writer = TextWriter(doc, hyphenated_words(lines))
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
