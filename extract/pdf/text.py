"""Character-level text cleanup: Unicode normalization and rejoining hyphenated words."""

from __future__ import annotations

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
            if is_dehyphenation(previous, line):
                parts[-1] = parts[-1][:-1]
            else:
                parts.append(" ")
        parts.append(line)
        previous = line
    return "".join(parts)


def is_dehyphenation(left: str, right: str) -> bool:
    """True when a line ending in `left` and the next starting with `right` split a word:
    a hyphen right after a letter, and a lower-case letter next."""
    return len(left) > 1 and left[-1] == "-" and left[-2].isalpha() and right[:1].islower()
