"""Sections: headings start them, known names give their kind, the reference list is kept apart."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.pdf.abstract_labels import label_kind
from extract.pdf.headings import section_kind, starts_numbered, strip_numbering
from extract.pdf.layout import TextBlock

_LICENCE = re.compile(
    r"copyright|©|open access|creative commons|licen[sc]ed? under|distributed under", re.IGNORECASE
)
MAJOR_KINDS = ("introduction", "methods", "results", "discussion", "conclusion")


@dataclass
class SectionDraft:
    """A section before it has offsets: its heading (if any), kind and blocks in reading order."""

    title: str
    kind: str
    blocks: list[TextBlock] = field(default_factory=list)
    named: bool = False  # the heading itself names the kind (not inherited)


def build_sections(flow: list[TextBlock], body_size: float) -> list[SectionDraft]:
    """Group flow blocks (already in reading order) into sections.

    Text before the first heading is `front`. An `Abstract` heading, or a run-in heading such as
    `Background:` in the front matter, opens the abstract; run-in headings and structured-abstract
    labels set as headings (`Context`, `RESULTS`, `Trial registration`) stay in it (`_abstract_label`).
    Unnamed headings inherit the kind of the major section they sit in. Blocks after a
    `References` heading are reference entries until a heading with another known name.
    """
    sections = [SectionDraft("", "front")]
    seen_title = not any(b.kind == "title" for b in flow)
    for block in flow:
        current = sections[-1]
        seen_title = seen_title or block.kind == "title"
        if block.kind != "heading" or not seen_title:  # labels above the title stay in front
            if current.kind == "abstract" and block.kind == "paragraph":
                block.kind = "abstract"
            current.blocks.append(block)
            continue
        kind = section_kind(block.text)
        if current.kind == "abstract" and (block.run_in or _abstract_label(current, block)):
            current.blocks.append(block)
            continue
        if current.kind == "references" and kind in (None, "references"):
            block.kind = "reference"
            current.blocks.append(block)
            continue
        if current.kind == "front" and block.run_in and kind in MAJOR_KINDS:
            sections.append(SectionDraft("", "abstract", [block]))
            continue
        if current.kind == "front" and kind is None:
            current.blocks.append(block)  # a label such as "Research Article"
            continue
        named = kind is not None
        if kind is None:
            kind = current.kind if current.kind in MAJOR_KINDS else "other"
        sections.append(
            SectionDraft(strip_numbering(block.text).rstrip(" .:"), kind, [block], named)
        )
    _merge_structured_abstract(sections)
    if not any(s.kind == "abstract" for s in sections):
        _split_unlabelled_abstract(sections, body_size)
    return [s for s in sections if s.blocks]


def _abstract_label(abstract: SectionDraft, heading: TextBlock) -> bool:
    """Whether `heading` is one more label of a structured abstract rather than the body's first heading.

    A label joins when it comes first after the `Abstract` heading, or when the abstract is already
    labelled; never a numbered heading, a part the abstract has had before the last label (the body's
    `Introduction` after `Background:` ... `Results:`), nor a content part after the conclusion (only
    keywords, registration and the like follow it).
    """
    part = label_kind(heading.text)
    if part is None or starts_numbered(heading.text):
        return False
    labels = [label_kind(b.text) for b in abstract.blocks if b.kind == "heading"]
    labels = [label for label in labels if label is not None]
    if not labels:
        return part != "other" and not any(b.kind != "heading" for b in abstract.blocks)
    if part == "other":
        return True
    if "conclusion" in labels or labels[-1] == "other":
        return False
    return part not in labels or part == labels[-1]  # `Background`, then `Objectives`


def _merge_structured_abstract(sections: list[SectionDraft]) -> None:
    """`Background, Methods, Results, Conclusions` right after the front matter and again later:
    the first run is a structured abstract set with ordinary headings."""
    intros = [i for i, s in enumerate(sections) if s.kind == "introduction" and s.named]
    if len(intros) < 2 or intros[0] > 2:
        return
    named = {s.kind for s in sections[intros[0] : intros[1]] if s.named}
    if not {"methods", "results"} & named or not {"discussion", "conclusion"} & named:
        return
    first = intros[0]
    if sections[first - 1].kind == "abstract":
        first -= 1
    merged = SectionDraft(sections[first].title, "abstract")
    for section in sections[first : intros[1]]:
        merged.blocks.extend(section.blocks)
    for block in merged.blocks:
        if block.kind == "paragraph":
            block.kind = "abstract"
    sections[first : intros[1]] = [merged]


def _split_unlabelled_abstract(sections: list[SectionDraft], body_size: float) -> None:
    """No abstract heading: the longest paragraph of the front matter (not a licence) starts it."""
    front = sections[0]
    candidates = [
        (block.words, i)
        for i, block in enumerate(front.blocks)
        if block.kind == "paragraph"
        and block.words >= 40
        and block.size >= body_size - 1.6
        and not _LICENCE.search(block.text)
    ]
    if not candidates:
        return
    i = max(candidates)[1]
    abstract = SectionDraft("", "abstract", front.blocks[i:])
    front.blocks = front.blocks[:i]
    for moved in abstract.blocks:
        if moved.kind == "paragraph":
            moved.kind = "abstract"
    sections.insert(1, abstract)
