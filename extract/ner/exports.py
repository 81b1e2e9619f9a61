"""Each paper's entity annotations in PubTator and BioC XML, so they load in other tools.

A paper becomes one PubTator/BioC document: one passage per section (its kind as the passage
type, at the section's offset in `Document.text`) and one annotation per mention, with the
normalized identifier when there is one (BioC also carries the mention's confidence as the `score`
infon). The run writes `annotations.pubtator` and `annotations.bioc.xml` with every parsed paper.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from extract.corpus.bioc import bioc_element
from extract.corpus.model import CorpusDocument, Mention, Passage
from extract.corpus.pubtator import write_pubtator
from extract.document import Document, Span
from extract.ner.recognizer import ENTITY_LAYER
from extract.tables import OutputExport

BIOC_HEADER = (
    "<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE collection SYSTEM 'BioC.dtd'>\n"
    "<collection><source>extract</source><date></date><key>BioC.key</key>\n"
)


def as_corpus_document(doc: Document) -> CorpusDocument:
    """The paper as a corpus document: sections as passages, entity mentions as annotations."""
    passages = [Passage(s.kind, s.start, doc.text[s.start : s.end]) for s in doc.sections if s.end > s.start]
    mentions = [
        Mention(
            span.start,
            span.end,
            doc.text[span.start : span.end],
            span.label,
            _identifiers(span),
            {"score": f"{span.attrs['score']:.3f}"} if span.attrs.get("score") is not None else {},
        )
        for span in doc.layers.get(ENTITY_LAYER, [])
    ]
    return CorpusDocument(doc.id, passages, mentions)


def _identifiers(span: Span) -> tuple[str, ...]:
    """Every concept a mention names ("breast and ovarian cancer" has two), else its one identifier."""
    if span.attrs.get("identifiers"):
        return tuple(span.attrs["identifiers"])
    return (span.attrs["identifier"],) if span.attrs.get("identifier") else ()


def pubtator_chunk(doc: Document) -> str:
    """The paper in PubTator format (passages, then mention lines, then a blank line)."""
    out = io.StringIO()
    write_pubtator([as_corpus_document(doc)], out)
    return out.getvalue()


def bioc_chunk(doc: Document) -> str:
    """The paper as one BioC `<document>` element."""
    element = bioc_element([as_corpus_document(doc)]).find("document")
    assert element is not None
    ET.indent(element)
    return ET.tostring(element, encoding="unicode") + "\n"


PUBTATOR_EXPORT = OutputExport("annotations.pubtator", pubtator_chunk)
BIOC_EXPORT = OutputExport("annotations.bioc.xml", bioc_chunk, header=BIOC_HEADER, footer="</collection>\n")
