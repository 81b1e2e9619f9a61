"""Reading participant counts written as digits ("1,094", "27 347") or English words ("Two hundred and six")."""

from __future__ import annotations

import re

_UNITS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    word: 10 * (i + 2)
    for i, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}


def parse_count(text: str) -> int | None:
    """The whole number `text` states, or None when it is not a plain count."""
    cleaned = text.strip().rstrip(".")
    digits = re.fullmatch(r"\d{1,3}(?:[ ,\u00a0\u2008\u2009\u202f]\d{3})+|\d+", cleaned)
    if digits:
        return int(re.sub(r"\D", "", cleaned))
    return _parse_words(cleaned.lower())


def _parse_words(text: str) -> int | None:
    """Number words from the start of `text`; words after them ("... patients") are ignored."""
    total = current = 0
    seen = False
    for word in (w for w in re.split(r"[\s\-]+", text) if w and w != "and"):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
        else:
            break
        seen = True
    return total + current if seen else None
