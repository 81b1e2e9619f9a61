"""The parts of a paper the field extractors read: title, abstract and sections, as offsets into one text."""

from __future__ import annotations

from dataclasses import dataclass

from extract.corpus.model import CorpusDocument
from extract.document import Document


@dataclass(frozen=True)
class Region:
    """`text[start:end]` is a part of kind `kind` (`title`, `abstract`, `methods`, ... as in `SECTION_KINDS`)."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Paper:
    """A text with its regions in text order (the reference list left out)."""

    text: str
    regions: tuple[Region, ...]

    def text_of(self, *kinds: str) -> str:
        """The text of the regions of these kinds, joined by blank lines."""
        return "\n\n".join(self.text[r.start : r.end] for r in self.regions if r.kind in kinds)


def paper_of_document(doc: Document) -> Paper:
    """A parsed PDF: its title (found in the front matter) and every section but the references."""
    regions: list[Region] = []
    title = doc.metadata.title.strip()
    title_at = doc.text.find(title) if title else -1
    for section in doc.sections:
        if section.kind == "references":
            continue
        if section.start <= title_at < section.end:
            if title_at > section.start:
                regions.append(Region(section.kind, section.start, title_at))
            regions.append(Region("title", title_at, title_at + len(title)))
            if title_at + len(title) < section.end:
                regions.append(Region(section.kind, title_at + len(title), section.end))
        else:
            regions.append(Region(section.kind, section.start, section.end))
    return Paper(doc.text, tuple(regions))


def paper_of_corpus_document(doc: CorpusDocument) -> Paper:
    """A corpus document: passages of kind `title`/`abstract` keep their kind; other passages are `other`,
    except a lone passage (an abstract corpus's title + abstract in one text), which is the `abstract`."""
    text = doc.text
    regions = []
    for passage in doc.passages:
        lone = len(doc.passages) == 1
        kind = passage.kind if passage.kind in ("title", "abstract") else "abstract" if lone else "other"
        regions.append(Region(kind, passage.offset, passage.offset + len(passage.text)))
    return Paper(text, tuple(regions))
