"""Entry point of PDF parsing (first version: blocks in PyMuPDF's order; to be replaced)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pymupdf

from extract.document import Block, Document, Metadata, Page, Section, Segment
from extract.errors import (
    CorruptPdfError,
    EmptyFileError,
    EncryptedPdfError,
    NoTextLayerError,
    NotPdfError,
    UnreadableFileError,
)


def parse_pdf(path: Path, data: bytes | None = None) -> Document:
    """Parse the PDF at `path` (or its bytes, `data`) into a `Document`; raises `InputError`s."""
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise UnreadableFileError(f"cannot read file: {exc.strerror or exc}") from exc
    if not data:
        raise EmptyFileError("the file is empty (0 bytes)")
    if b"%PDF-" not in data[:1024]:
        raise NotPdfError("not a PDF: the file does not start with a %PDF- header")
    try:
        pdf = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises several types for broken files
        raise CorruptPdfError(f"PyMuPDF cannot open it: {exc}") from exc
    if pdf.needs_pass and not pdf.authenticate(""):
        raise EncryptedPdfError("the PDF is encrypted with a password")
    doc = Document(id=hashlib.sha256(data).hexdigest(), file=str(path))
    parts: list[str] = []
    offset = 0
    for page in pdf:
        doc.pages.append(Page(page.number + 1, page.rect.width, page.rect.height))
        for x0, y0, x1, y1, text, _no, kind in page.get_text("blocks"):
            text = " ".join(text.split())
            if kind != 0 or not text:
                continue
            block = Block(text, page.number + 1, (x0, y0, x1, y1), start=offset, end=offset + len(text))
            doc.blocks.append(block)
            doc.segments.append(Segment(offset, offset + len(text), block.page, block.bbox))
            parts.append(text)
            offset += len(text) + 2
    doc.text = "\n\n".join(parts)
    if not doc.text.strip():
        raise NoTextLayerError("no text layer: the PDF holds only images (scanned?); OCR it first")
    doc.sections = [Section("", "other", 0, len(doc.text))]
    doc.metadata = Metadata(title=doc.blocks[0].text if doc.blocks else "")
    return doc
