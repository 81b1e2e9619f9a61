"""Entry point of PDF parsing: open the file, read each page's layout, assemble the `Document`."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pymupdf

from extract.document import Document, Page
from extract.errors import (
    CorruptPdfError,
    EmptyFileError,
    EncryptedPdfError,
    NoTextLayerError,
    NotPdfError,
    UnreadableFileError,
)
from extract.pdf.assemble import place_floats, write_document
from extract.pdf.classify import FLOAT_KINDS, FlowState, body_style, classify_page
from extract.pdf.cleanup import drop_line_numbers, is_cover_page, mark_running_blocks
from extract.pdf.layout import TextBlock, page_blocks, reading_order
from extract.pdf.metadata import read_metadata
from extract.pdf.sections import build_sections


def open_pdf(path: Path, data: bytes | None = None) -> tuple[pymupdf.Document, bytes]:
    """Open a PDF from `path` or its bytes; raises the `InputError` that says what is wrong."""
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
    if pdf.page_count == 0:
        raise CorruptPdfError("the PDF has no pages")
    return pdf, data


def parse_pdf(path: Path, data: bytes | None = None) -> Document:
    """Parse the PDF at `path` (or its bytes, `data`) into a `Document`; raises `InputError`s."""
    pdf, data = open_pdf(path, data)
    doc = Document(id=hashlib.sha256(data).hexdigest(), file=str(path))
    pages: list[list[TextBlock]] = []
    heights: list[float] = []
    try:
        for page in pdf:  # one text extraction per page; only our small line objects are kept
            doc.pages.append(Page(page.number + 1, page.rect.width, page.rect.height))
            heights.append(page.rect.height)
            pages.append(drop_line_numbers(page_blocks(page, page.number + 1)))
        pdf_meta = {k: v or "" for k, v in (pdf.metadata or {}).items()}
    except Exception as exc:
        raise CorruptPdfError(f"PyMuPDF cannot read its pages: {exc}") from exc
    finally:
        pdf.close()
    if not any(pages):
        raise NoTextLayerError("no text layer: the PDF holds only images (scanned?); OCR it first")
    first = _drop_cover(pages)
    mark_running_blocks(pages, heights)
    body = body_style(pages)
    doc.metadata = read_metadata(pages[first], pdf_meta, heights[first])
    flow: list[TextBlock] = []
    floats: dict[int, list[TextBlock]] = {}
    dropped: list[TextBlock] = []
    state = FlowState()
    for number, (blocks, height) in enumerate(zip(pages, heights, strict=True), start=1):
        dropped.extend(b for b in blocks if b.dropped)
        ordered = reading_order([b for b in blocks if not b.dropped])
        for block in classify_page(ordered, body, height, front=number <= first + 1, state=state):
            (floats.setdefault(number, []) if block.kind in FLOAT_KINDS else flow).append(block)
    sections = place_floats(build_sections(flow, body.size), floats)
    write_document(doc, sections, dropped)
    return doc


def _drop_cover(pages: list[list[TextBlock]]) -> int:
    """Drop a publisher's cover sheet; returns the index of the first page of the paper."""
    if len(pages) > 1 and is_cover_page(pages[0]):
        for block in pages[0]:
            block.kind, block.dropped = "other", True
        return 1
    return 0
