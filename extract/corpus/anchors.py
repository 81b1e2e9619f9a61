"""Anchors: a sentence of a paper kept by its SHA-1 and place, not by its words, and found again.

Our annotations (`corpus/annotations/claims.*.jsonl`) point at sentences of papers that stay in
`../shared`. An anchor holds the SHA-1 of the sentence with its whitespace collapsed, its length and its
offset in the whole text with whitespace collapsed; `find_anchor` looks there first and, when the parser's
text has moved, at every word start for a stretch of that length with that hash.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_SPACE = re.compile(r"\s+")
_WORD_START = re.compile(r"(?:^|(?<= ))\S")


def collapse(text: str) -> str:
    """`text` with every run of whitespace made one space, trimmed."""
    return _SPACE.sub(" ", text).strip()


def sha1(text: str) -> str:
    return hashlib.sha1(collapse(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Anchor:
    """A sentence of a paper: `sha1` of its collapsed text, `chars` its collapsed length, `at` its
    offset in the collapsed whole text when it was annotated."""

    sha1: str
    chars: int
    at: int

    def to_dict(self) -> dict[str, object]:
        return {"sha1": self.sha1, "chars": self.chars, "at": self.at}

    @classmethod
    def from_dict(cls, raw: dict) -> Anchor:
        return cls(str(raw["sha1"]), int(raw["chars"]), int(raw["at"]))


def make_anchor(sentence: str, whole_text: str) -> Anchor:
    """The anchor of `sentence` (which must occur in `whole_text`, whitespace aside)."""
    needle, haystack = collapse(sentence), collapse(whole_text)
    at = haystack.find(needle)
    if at < 0:
        raise ValueError(f"sentence not in the text: {needle[:80]!r}")
    return Anchor(sha1(needle), len(needle), at)


class AnchoredText:
    """A text prepared for finding anchors: its collapsed form and the map back to raw offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        pieces: list[str] = []
        self._raw: list[int] = []  # raw offset of each collapsed character
        for match in re.finditer(r"\S+", text):
            if pieces:
                pieces.append(" ")
                self._raw.append(match.start() - 1)
            pieces.append(match.group())
            self._raw.extend(range(match.start(), match.end()))
        self.collapsed = "".join(pieces)
        self._starts: list[int] | None = None

    def find(self, anchor: Anchor) -> tuple[int, int] | None:
        """Raw (start, end) of the anchored sentence in `text`, or None when it is no longer there."""
        at = anchor.at if self._matches(anchor.at, anchor) else None
        if at is None:
            if self._starts is None:
                self._starts = [m.start() for m in _WORD_START.finditer(self.collapsed)]
            at = next((start for start in self._starts if self._matches(start, anchor)), None)
        if at is None:
            return None
        return self._raw[at], self._raw[at + anchor.chars - 1] + 1

    def _matches(self, at: int, anchor: Anchor) -> bool:
        piece = self.collapsed[at : at + anchor.chars]
        return len(piece) == anchor.chars and hashlib.sha1(piece.encode("utf-8")).hexdigest() == anchor.sha1
