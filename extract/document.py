"""The parsed paper: one `Document` with layers, the way papermage models it.

A `Document` holds the paper's text in reading order (`text`), the layout blocks it came from,
its sections, and a map (`segments`) from every character offset back to the page and box it was
read from. Later stages add `Span`s to named layers (`entities`, `design`, ...) using the same
character offsets, so any suggestion can be shown on its page. Everything round-trips to JSON.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Iterator, Literal

BBox = tuple[float, float, float, float]

BlockKind = Literal[
    "title",
    "authors",
    "abstract",
    "heading",
    "paragraph",
    "caption",
    "table",
    "footnote",
    "header",
    "footer",
    "reference",
    "other",
]
SectionKind = Literal[
    "front",
    "abstract",
    "introduction",
    "methods",
    "results",
    "discussion",
    "conclusion",
    "references",
    "other",
]
BLOCK_KINDS: tuple[str, ...] = BlockKind.__args__  # type: ignore[attr-defined]
SECTION_KINDS: tuple[str, ...] = SectionKind.__args__  # type: ignore[attr-defined]


@dataclass
class Metadata:
    """Bibliographic facts read from the first page (or sane PDF metadata)."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    doi: str = ""
    journal: str = ""
    year: int | None = None


@dataclass
class Page:
    """One page: its 1-based number and size in PDF points."""

    number: int
    width: float
    height: float


@dataclass
class Block:
    """A layout block. `start`/`end` locate it in `Document.text`; both are -1 for dropped blocks."""

    text: str
    page: int
    bbox: BBox
    kind: str = "paragraph"
    font_size: float = 0.0
    bold: bool = False
    start: int = -1
    end: int = -1

    @property
    def in_text(self) -> bool:
        return self.start >= 0


@dataclass
class Section:
    """A run of `Document.text` under one heading, with its canonical kind."""

    title: str
    kind: str
    start: int
    end: int


@dataclass
class Segment:
    """`Document.text[start:end]` was read from `bbox` on `page` (1-based)."""

    start: int
    end: int
    page: int
    bbox: BBox


@dataclass
class Span:
    """An annotation on `Document.text[start:end]`; `attrs` holds the layer's own fields."""

    start: int
    end: int
    label: str
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Document:
    """A parsed paper with its text, layout and annotation layers."""

    id: str
    file: str
    metadata: Metadata = field(default_factory=Metadata)
    pages: list[Page] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    text: str = ""
    segments: list[Segment] = field(default_factory=list)
    layers: dict[str, list[Span]] = field(default_factory=dict)

    # ----- navigation -------------------------------------------------------------------
    def section_at(self, offset: int) -> Section | None:
        """The section that contains character `offset`, if any."""
        starts = [s.start for s in self.sections]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.sections[i].start <= offset < self.sections[i].end:
            return self.sections[i]
        return None

    def segments_in(self, start: int, end: int) -> Iterator[Segment]:
        """The segments that overlap `text[start:end]`, in text order."""
        if not self.segments:
            return
        starts = [s.start for s in self.segments]
        i = max(bisect.bisect_right(starts, start) - 1, 0)
        for seg in self.segments[i:]:
            if seg.start >= end:
                break
            if seg.end > start:
                yield seg

    def locate(self, start: int, end: int) -> list[tuple[int, BBox]]:
        """Page and box of every piece of `text[start:end]`: where to highlight it."""
        return [(s.page, s.bbox) for s in self.segments_in(start, end)]

    def page_of(self, offset: int) -> int | None:
        """The 1-based page that character `offset` was read from."""
        found = next(self.segments_in(offset, offset + 1), None)
        return found.page if found else None

    def body_text(self) -> str:
        """The paper's own text: everything but the reference list."""
        return "\n\n".join(
            self.text[s.start : s.end] for s in self.sections if s.kind != "references"
        )

    def section_texts(self) -> list[dict[str, str]]:
        """Sections as `{title, kind, text}` dicts (the `documents.jsonl` shape)."""
        return [
            {"title": s.title, "kind": s.kind, "text": self.text[s.start : s.end]}
            for s in self.sections
        ]

    # ----- annotation layers ------------------------------------------------------------
    def add_spans(self, layer: str, spans: list[Span]) -> None:
        """Append `spans` to `layer`, keeping the layer sorted by offset."""
        merged = self.layers.setdefault(layer, []) + spans
        merged.sort(key=lambda s: (s.start, s.end))
        self.layers[layer] = merged

    # ----- serialization ----------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; segments are stored compactly as arrays."""
        data = asdict(self)
        data["segments"] = [[s.start, s.end, s.page, *s.bbox] for s in self.segments]
        data["blocks"] = [
            {**asdict(b), "bbox": list(b.bbox)} for b in self.blocks
        ]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Inverse of `to_dict`."""
        return cls(
            id=data["id"],
            file=data["file"],
            metadata=Metadata(**data.get("metadata", {})),
            pages=[Page(**p) for p in data.get("pages", [])],
            blocks=[Block(**{**b, "bbox": tuple(b["bbox"])}) for b in data.get("blocks", [])],
            sections=[Section(**s) for s in data.get("sections", [])],
            text=data.get("text", ""),
            segments=[
                Segment(s[0], s[1], s[2], (s[3], s[4], s[5], s[6]))
                for s in data.get("segments", [])
            ],
            layers={
                name: [Span(**sp) for sp in spans]
                for name, spans in data.get("layers", {}).items()
            },
        )

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> Document:
        return cls.from_dict(json.loads(raw))
