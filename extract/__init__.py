"""extract: from a folder of research-paper PDFs to structured, verifiable rows."""

from extract.document import Block, Document, Metadata, Page, Section, Segment, Span

__version__ = "0.1.0"
__all__ = ["Block", "Document", "Metadata", "Page", "Section", "Segment", "Span", "__version__"]
