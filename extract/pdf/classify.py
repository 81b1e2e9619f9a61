"""Block kinds on a page: heading, caption, table, footnote or paragraph (the text flow)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extract.pdf.headings import (
    is_caption,
    is_heading,
    section_kind,
    split_run_in_heading,
    starts_numbered,
)
from extract.pdf.layout import TextBlock
from extract.pdf.references import split_entries

FLOAT_KINDS = ("caption", "table", "footnote")
_NUMERIC = re.compile(r"^[\d.,;:%±<>=()\[\]/+\-–−×*]+$")


@dataclass(frozen=True)
class BodyStyle:
    """The font size and font most characters are set in."""

    size: float
    font: str


def body_style(pages: list[list[TextBlock]]) -> BodyStyle:
    """The size and font most of the text is set in."""
    sizes: Counter[float] = Counter()
    fonts: Counter[str] = Counter()
    for block in (b for blocks in pages for b in blocks if not b.dropped):
        if len(block.text) < 40 and section_kind(block.text) == "references":
            break  # a long reference list in small type must not set the body size
        for line in block.lines:
            sizes[line.size] += len(line.text)
            fonts[line.font] += len(line.text)
    if not sizes:
        return BodyStyle(10.0, "")
    return BodyStyle(sizes.most_common(1)[0][0], fonts.most_common(1)[0][0])


@dataclass
class FlowState:
    """What carries over from page to page: are we inside the reference list?"""

    in_references: bool = False


def classify_page(
    blocks: list[TextBlock], body: BodyStyle, height: float, front: bool, state: FlowState
) -> list[TextBlock]:
    """Set each undecided block's kind; returns the blocks with run-in headings split off."""
    body_size = body.size
    out: list[TextBlock] = []
    in_table = False
    for block in blocks:
        if block.dropped or block.kind != "paragraph":
            out.append(block)
            continue
        text = block.text
        if is_caption(text):
            block.kind = "caption"
            in_table = text.lower().startswith("table")
        elif (
            in_table
            and _close_below(out[-1], block)
            and section_kind(text) is None
            and _is_table_text(block, body_size, True)
        ):
            block.kind = "table"  # rows right under a table's caption, headers in bold included
        elif is_heading(block, body.size, body.font):
            block.kind = "heading"
            in_table = False
            kind = section_kind(text)
            if kind is not None:
                state.in_references = kind == "references"
        elif state.in_references:
            block.kind = "reference"
            out.extend(split_entries(block))
            continue
        elif (heading := split_run_in_heading(block, body_size)) is not None:
            out.append(
                heading
            )  # `Funding: ...`, `2.1. Patients. ...`: a paragraph, whatever its type
            in_table = False
        elif block.size < body_size - 0.9 and block.bbox[1] > height * 0.75:
            block.kind = "footnote"
        elif not front and _is_table_text(block, body_size, in_table):
            block.kind = "table"
        else:
            in_table = False
        out.append(block)
    _demote_stray_headings(out, body)
    return _merge_wrapped_headings(out)


def _merge_wrapped_headings(blocks: list[TextBlock]) -> list[TextBlock]:
    """Join a heading that wraps onto a second block (same type, right below) into one."""
    out: list[TextBlock] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == block.kind == "heading"
            and not (prev.run_in or block.run_in)
            and (prev.size, prev.bold, prev.font) == (block.size, block.bold, block.font)
            and 0 <= block.bbox[1] - prev.bbox[3] <= 0.6 * block.size
            and block.bbox[0] < prev.bbox[2]
            and not starts_numbered(block.text)
            and section_kind(block.text) is None
        ):
            prev.lines.extend(block.lines)
            prev.refresh()
            continue
        out.append(block)
    return out


def _demote_stray_headings(blocks: list[TextBlock], body: BodyStyle) -> None:
    """A heading leads into body text (maybe through more headings). Short labels that do not,
    such as words inside a figure or a table's row labels, are not headings."""
    leads_to_text = True  # the page's last heading may go on in the next column or page
    for block in reversed(blocks):
        if block.dropped:
            continue
        if block.kind == "heading":
            if leads_to_text or block.run_in or section_kind(block.text) is not None:
                leads_to_text = True
            else:
                smaller = block.size < body.size - 0.4
                block.kind = "table" if smaller or block.font != body.font else "paragraph"
        elif block.kind == "paragraph":
            leads_to_text = abs(block.size - body.size) <= 1.0 and (
                block.words >= 8 or block.text.endswith(".")
            )
        else:
            leads_to_text = block.kind in ("reference", "title", "authors", "abstract")


def _close_below(above: TextBlock, block: TextBlock) -> bool:
    """`block` starts less than a line below `above` (rows of one table, not text after it)."""
    return -2 <= block.bbox[1] - above.bbox[3] <= block.size * 1.2


def _is_table_text(block: TextBlock, body_size: float, after_table_caption: bool) -> bool:
    """Table cells: mostly numbers, or small type that does not run in long lines of prose."""
    tokens = block.text.split()
    numeric = sum(bool(_NUMERIC.match(t)) for t in tokens) / max(len(tokens), 1)
    if len(tokens) >= 2 and numeric > 0.5:
        return True
    smaller = block.size < body_size - 0.4
    prose = len(block.lines) >= 3 and len(tokens) >= 25 and numeric < 0.25
    if after_table_caption and block.size <= body_size and not prose:
        return True
    return smaller and not prose
