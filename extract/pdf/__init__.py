"""PDF parsing with PyMuPDF: from a file to a `Document` in reading order."""

from extract.pdf.parse import parse_pdf

__all__ = ["parse_pdf"]
