"""Character-level text cleanup: Unicode normalization and rejoining hyphenated words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Characters NFKC leaves alone (or gets wrong for our purpose) that we map ourselves.
_TRANSLATE = str.maketrans(
    {
        "\u00ad": "",  # soft hyphen
        "\u200b": "",  # zero-width space
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\t": " ",
        "\ufffd": "",  # replacement character of unmapped glyphs
        "\u20dd": "",  # combining enclosing circle (drawn around a "C" for ©)
    }
)


_WORD_TAIL = re.compile(r"[^\W\d_]+$")
_WORD_HEAD = re.compile(r"[^\W\d_]+")
_COMPOUND = re.compile(r"[^\W\d_]+-[^\W\d_]+")


def normalize_text(text: str) -> str:
    """NFKC (ligatures, full-width forms, math letters), keeping Greek, ±, ≤ and friends."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text.translate(_TRANSLATE))
    elif "\t" in text:
        text = text.replace("\t", " ")
    return text


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph, rejoining words hyphenated across line breaks."""
    parts: list[str] = []
    previous = ""
    for line in lines:
        if not line:
            continue
        if parts:
            drop_hyphen, separator = line_break(previous, line)
            if drop_hyphen:
                parts[-1] = parts[-1][:-1]
            parts.append(separator)
        parts.append(line)
        previous = line
    return "".join(parts)


def line_break(left: str, right: str, compounds: frozenset[str] = frozenset()) -> tuple[bool, str]:
    """How the line ending in `left` meets the next, starting with `right`: (drop the hyphen?, separator).

    `impor-` + `tant` is one word hyphenated at the break (drop the hyphen), unless the document
    writes the joined word with a hyphen elsewhere (`population-based` in `compounds`);
    `IL-` + `6` and `non-` + `Hodgkin` keep their hyphen (no space); anything else gets a space.
    """
    if len(left) > 1 and left[-1] == "-" and left[-2].isalnum():
        if left[-2].isalpha() and right[:1].islower():
            tail = _WORD_TAIL.search(left[:-1])
            head = _WORD_HEAD.match(right)
            compound = f"{tail.group() if tail else ''}-{head.group() if head else ''}".lower()
            return compound not in compounds, ""
        return False, ""
    return False, " "


def hyphenated_words(lines: Iterable[str]) -> frozenset[str]:
    """Lower-case words written with an inner hyphen (`population-based`) in these lines."""
    return frozenset(m.group().lower() for line in lines for m in _COMPOUND.finditer(line))
