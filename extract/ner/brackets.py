"""Mentions whose brackets do not balance, repaired.

The models sometimes start a mention at an opening parenthesis ("(ACEI"), stop inside one ("Bcl-X(L",
"pruritus (1", "Hemoglobin (g" in a table) or keep a closing one ("IL-8)"). No corpus mention has
unbalanced brackets (one in the dev splits of BioRED, BC5CDR, NCBI-disease, NLM-Gene, GNormPlus and BC2GM
together), so such a mention is wrong as it stands: a leading opener or trailing closer is dropped, an
opener left open is closed when the mention goes on after it and its closer follows directly ("Bcl-X(L"
+ ")"), and cut off otherwise ("hypoxia-inducible factor (" before "HIF)"); a mention still unbalanced
after that is dropped. Species mentions are left to `extract.ner.species_boundaries`. Repaired mentions
keep their source.
"""

from __future__ import annotations

from extract.document import Span

PAIRS = {"(": ")", "[": "]"}
CLOSE_WITHIN = 12
"""How far after a mention its missing closer may be for the mention to be extended to it."""


def repair_brackets(text: str, mentions: list[Span]) -> list[Span]:
    """`mentions` with unbalanced brackets repaired (dropped when that leaves no letter or still does not
    balance: "IGF-I) receptor")."""
    repaired = []
    for mention in mentions:
        surface = text[mention.start : mention.end]
        if mention.label == "Species" or _balanced(surface):
            repaired.append(mention)
            continue
        start, end = _repair(text, mention.start, mention.end)
        if end > start and any(c.isalpha() for c in text[start:end]) and _balanced(text[start:end]):
            repaired.append(Span(start, end, mention.label, {**mention.attrs, "text": text[start:end]}))
    return repaired


def _balanced(surface: str) -> bool:
    return all(surface.count(opener) == surface.count(closer) for opener, closer in PAIRS.items())


def _repair(text: str, start: int, end: int) -> tuple[int, int]:
    for opener, closer in PAIRS.items():
        while start < end and text[start] == opener and text[start:end].count(opener) > text[start:end].count(closer):
            start += 1
        while start < end and text[end - 1] == closer and text[start:end].count(closer) > text[start:end].count(opener):
            end -= 1
        surface = text[start:end]
        if surface.count(opener) > surface.count(closer):
            last = start + surface.rfind(opener)
            closing = text.find(closer, end, end + CLOSE_WITHIN)
            if text[last + 1 : end].strip() and closing >= 0 and not any(c.isspace() for c in text[end:closing]):
                end = closing + 1
            else:
                end = last
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
    return start, end
