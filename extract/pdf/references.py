"""Reference lists: one block per numbered entry."""

from __future__ import annotations

import re

from extract.pdf.layout import TextBlock

_ENTRY_START = re.compile(r"^\s*(\[\d{1,3}\]|\d{1,3}\.(\s|$)|\d{1,3}\s+[A-Z])")


def split_entries(block: TextBlock) -> list[TextBlock]:
    """Split a block holding several numbered references (`1. ...`, `[2] ...`) into one per entry."""
    starts = [i for i, line in enumerate(block.lines) if _ENTRY_START.match(line.text)]
    if len(starts) < 2:
        return [block]
    if starts[0] != 0:
        starts.insert(0, 0)
    bounds = zip(starts, starts[1:] + [len(block.lines)], strict=True)
    entries = [TextBlock(block.lines[a:b], block.page, kind=block.kind) for a, b in bounds]
    for entry in entries:
        entry.column = block.column
    return entries
