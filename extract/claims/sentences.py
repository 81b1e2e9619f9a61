"""Sentences with their character offsets: line breaks end them, and so do `.`/`?`/`!` before a capital.

A stop after a common abbreviation (`et al.`, `vs.`, `Fig.`, `e.g.`), an initial or a decimal point
does not end a sentence. Offsets are into the text given, so spans go straight into a `Document` layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

_LINE = re.compile(r"[^\n]+")
# a candidate end: terminal punctuation (and closing quotes/brackets), whitespace, then a sentence opener
_END = re.compile(r"[.?!][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = {
    "al",
    "vs",
    "fig",
    "figs",
    "e.g",
    "i.e",
    "eg",
    "ie",
    "approx",
    "no",
    "nos",
    "ref",
    "refs",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "st",
    "etc",
    "cf",
    "resp",
    "tab",
    "eq",
    "vol",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "inc",
    "ltd",
    "co",
    "corp",
    "ca",
    "min",
    "max",
    "mg",
    "kg",
    "ml",
    "h",
}


@dataclass(frozen=True)
class Sentence:
    """`text` is the source text's `[start:end)`."""

    start: int
    end: int
    text: str


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """The sentences of `text`, stripped, with offsets shifted by `offset`."""
    return list(_sentences(text, offset))


def _sentences(text: str, offset: int) -> Iterator[Sentence]:
    for line in _LINE.finditer(text):
        start = line.start()
        for end_match in _END.finditer(line.group()):
            cut = line.start() + end_match.end()
            stop = line.start() + end_match.start()
            if _is_abbreviation(text, stop):
                continue
            yield from _stripped(text, start, cut, offset)
            start = cut
        yield from _stripped(text, start, line.end(), offset)


def _is_abbreviation(text: str, stop: int) -> bool:
    """Whether the stop at `text[stop]` closes an abbreviation or an initial rather than a sentence."""
    word = re.search(r"[\w.]*$", text[max(0, stop - 12) : stop]).group().lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _stripped(text: str, start: int, end: int, offset: int) -> Iterator[Sentence]:
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    if right > left:
        yield Sentence(offset + start + left, offset + start + right, piece[left:right])
