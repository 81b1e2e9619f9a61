"""Abbreviation definitions in a spaCy doc, as scispaCy's `AbbreviationDetector` finds them, but faster.

scispaCy's component runs a `Matcher` for "( ... )" and then a second one for every short form it
defined, and both walk the doc token by token in Python. The recognizer only needs each short form's
text and its long form, so this module finds the parentheses on the doc's ORTH array and reuses
scispaCy's own candidate filter and Schwartz-Hearst matching (`filter_matches`, `find_abbreviation`):
the same definitions, in the same order, and the same occurrences of each short form's tokens (which
may be spaced differently from the definition: "NFkb" for "NF kb"). `glossary` reads the other way papers
define them, in abbreviation lists and table and figure footers ("CI, confidence interval; USP:
ultrasound pachymetry"), with the same Schwartz-Hearst check.
"""

from __future__ import annotations

import re
from typing import Iterator

import numpy as np
from scispacy.abbreviation import filter_matches, find_abbreviation
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span

MAX_INSIDE = 8
"""scispaCy ignores parentheses with more than 8 tokens inside."""
GLOSSARY_ENTRY = re.compile(
    r"(?:^|(?<=[;.\n])|(?<=, )|(?<=: ))\s*(?:and\s+)?(?:[Aa]bbreviations?\s*:\s*)?"
    r"(?P<short>[A-Z](?=[\w/-]{0,10}[A-Z0-9])[\w/-]{1,11})\s?(?:[:,=]|\s[-–—])\s+"
    r"(?P<long>[A-Za-z][^;,:.\n]{2,80}?)(?=\s*(?:[;.\n]|$|,\s+(?:and\s+)?[A-Z][\w/-]{1,11}\s?(?:[:,=]|\s[-–—])\s))"
)
"""One entry of an abbreviation list: a short form (a capital, then another capital or a digit), ":", ",",
"=" or a dash, and its long form up to the next ";", full stop, line end or entry ("CI, confidence
interval; CIPN, chemotherapy-induced ...")."""


def parenthesis_matches(orths: np.ndarray, opening: int, closing: int) -> list[tuple[int, int]]:
    """(start, end) token spans "( ... )" with at most `MAX_INSIDE` tokens inside, in the order spaCy's
    `Matcher` returns the pattern `( + )` (by end, then the later start first)."""
    opens = np.flatnonzero(orths == opening).tolist()
    if not opens:
        return []
    matches = []
    for close in np.flatnonzero(orths == closing).tolist():
        matches += [(start, close + 1) for start in reversed(opens) if close - MAX_INSIDE - 1 <= start < close - 1]
    return matches


def abbreviations(doc: Doc) -> Iterator[tuple[str, Span]]:
    """(short form text, long form) for each definition in `doc` and each other spelling of its tokens."""
    strings = doc.vocab.strings
    orths = doc.to_array(ORTH)
    inside = [(0, start + 1, end - 1) for start, end in parenthesis_matches(orths, strings["("], strings[")"])]
    seen_long: set[str] = set()
    seen_short: set[str] = set()
    for long_candidate, short_candidate in filter_matches(inside, doc):
        short, long = find_abbreviation(long_candidate, short_candidate)
        if not long or long.text in seen_long or short.text in seen_short:  # no (or an empty) long form
            continue
        seen_long.add(long.text)
        seen_short.add(short.text)
        yield short.text, long
        for text in sorted(_spellings(doc, orths, orths[short.start : short.end]) - {short.text}):
            yield text, long


def _spellings(doc: Doc, orths: np.ndarray, tokens: np.ndarray) -> set[str]:
    """The texts of every token sequence in `doc` with these ORTHs."""
    n = len(tokens)
    starts = np.flatnonzero(orths[: len(orths) - n + 1] == tokens[0])
    return {doc[i : i + n].text for i in starts.tolist() if np.array_equal(orths[i : i + n], tokens)}


def glossary(doc: Doc) -> Iterator[tuple[str, Span]]:
    """(short form text, long form) for each abbreviation-list entry in `doc` whose long form passes the
    Schwartz-Hearst check (the short form's characters in order, the first one starting a word)."""
    for match in GLOSSARY_ENTRY.finditer(doc.text):
        short = doc.char_span(*match.span("short"), alignment_mode="strict")
        long_candidate = doc.char_span(*match.span("long"), alignment_mode="contract")
        if short is None or long_candidate is None or not len(long_candidate):
            continue
        _, long = find_abbreviation(long_candidate, short)
        if long is not None and long.start == long_candidate.start:
            yield short.text, long
