"""One in-memory model for every annotated corpus: documents with passages, spans and labels.

Offsets are document-level character offsets into `CorpusDocument.text` (passages are placed at
their `offset`, gaps filled with spaces), exactly as PubTator and BioC count them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Passage:
    """A piece of a document's text (title, abstract, a full-text paragraph) at `offset`."""

    kind: str
    offset: int
    text: str


@dataclass
class Mention:
    """An annotated span: entity mention (type = harmonized type) or study-field span."""

    start: int
    end: int
    text: str
    type: str
    ids: tuple[str, ...] = ()
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Relation:
    """A document-level relation between two concept identifiers (PubTator relation lines)."""

    type: str
    arg1: str
    arg2: str
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class CorpusDocument:
    """A document of a corpus with its gold annotations."""

    id: str
    passages: list[Passage] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    labels: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The whole document text with every passage at its offset."""
        out = ""
        for passage in sorted(self.passages, key=lambda p: p.offset):
            if len(out) < passage.offset:
                out += " " * (passage.offset - len(out))
            out = out[: passage.offset] + passage.text
        return out


@dataclass
class Corpus:
    """A named corpus: documents per split (`train`, `dev`, `test`, ...)."""

    name: str
    splits: dict[str, list[CorpusDocument]] = field(default_factory=dict)
    entity_types: tuple[str, ...] = ()
    issues: list[str] = field(default_factory=list)
    """What the readers noticed and repaired or skipped (e.g. duplicate documents), for reports."""

    def split(self, name: str) -> list[CorpusDocument]:
        """The documents of one split, with a clear error naming the splits there are."""
        try:
            return self.splits[name]
        except KeyError:
            raise KeyError(
                f"corpus {self.name!r} has no split {name!r}; it has: {', '.join(self.splits)}"
            ) from None
