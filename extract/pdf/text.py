"""Character-level text cleanup: Unicode normalization and rejoining hyphenated words."""

from __future__ import annotations

import re
import unicodedata

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
    }
)
_HYPHEN_END = re.compile(r"(?<=[^\W\d_])-$")


def normalize_text(text: str) -> str:
    """NFKC (ligatures, full-width forms, math letters), keeping Greek, ±, ≤ and friends."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text.translate(_TRANSLATE))
    elif "\t" in text:
        text = text.replace("\t", " ")
    return text


def join_lines(left: str, right: str) -> str:
    """Join two lines of one paragraph, rejoining a word hyphenated across the break."""
    if not left:
        return right
    if _HYPHEN_END.search(left) and right[:1].islower():
        return left[:-1] + right
    return left + " " + right


def is_dehyphenation(left: str, right: str) -> bool:
    """True when `join_lines(left, right)` drops the hyphen of `left`."""
    return bool(_HYPHEN_END.search(left)) and right[:1].islower()
