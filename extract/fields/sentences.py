"""A fast sentence splitter for scientific text that keeps character offsets (no model needed)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    "al e.g eg i.e ie etc vs fig figs eq ref refs no nos approx ca cf dr mr mrs ms prof st sp spp var "
    "vol jan feb mar apr jun jul aug sep sept oct nov dec resp suppl tab n.s inc ltd co corp".split()
)
_CANDIDATE = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n[ \t]*\n")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LAST_WORD = re.compile(r"([\w.]+)\.$")


@dataclass(frozen=True)
class Sentence:
    """`text` is `source[start:end]` of the text it was split from."""

    start: int
    end: int
    text: str


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """The sentences of `text[start:end]`, offsets into `text`, whitespace trimmed, empty ones skipped."""
    end = len(text) if end is None else end
    sentences: list[Sentence] = []
    cursor = start
    for match in _CANDIDATE.finditer(text, start, end):
        stop = match.start() + 1 if text[match.start()] in ".!?" else match.start()
        paragraph_end = "\n" in match.group() and _BLANK_LINE.search(match.group())
        if text[match.start()] == "." and not paragraph_end and _is_abbreviation(text[max(cursor, stop - 12) : stop]):
            continue
        _append(sentences, text, cursor, stop)
        cursor = match.end()
    _append(sentences, text, cursor, end)
    return sentences


def _is_abbreviation(tail: str) -> bool:
    """Whether the period ending `tail` closes an abbreviation or an initial ("et al.", "J.")."""
    found = _LAST_WORD.search(tail)
    if not found:
        return False
    word = found.group(1)
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        offset = start + (len(piece) - len(piece.lstrip()))
        sentences.append(Sentence(offset, offset + len(stripped), stripped))
