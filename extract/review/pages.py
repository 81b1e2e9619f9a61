"""Page images of the source PDFs, rendered with PyMuPDF; evidence boxes are drawn over them by the browser."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pymupdf

ZOOM = 2.0  # 144 dpi: sharp on high-density screens


class SourceMissingError(LookupError):
    """The paper's PDF is not where the run found it."""


def source_pdf(pdf_dir: Path | None, name: str) -> Path:
    """The PDF named `name` in the run: inside `pdf_dir` only, or where an absolute `name` says."""
    if pdf_dir is None:
        if Path(name).is_absolute() and Path(name).suffix.lower() == ".pdf" and Path(name).is_file():
            return Path(name)
        raise SourceMissingError("the PDF folder is not known: start `extract review` with --pdfs PDF_DIR")
    root = pdf_dir.resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise SourceMissingError(f"{name} is not in {pdf_dir}")
    return path


@lru_cache(maxsize=64)
def render_page(path: Path, number: int, zoom: float = ZOOM) -> bytes:
    """PNG of 1-based page `number`; `IndexError` when the PDF has no such page."""
    with pymupdf.open(path) as pdf:
        if not 1 <= number <= pdf.page_count:
            raise IndexError(f"page {number} is not in 1..{pdf.page_count}")
        return pdf[number - 1].get_pixmap(matrix=pymupdf.Matrix(zoom, zoom)).tobytes("png")
