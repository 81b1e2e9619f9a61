"""Mentions that end at the wrong punctuation: brackets that do not balance, a sentence's full stop.

The models sometimes start a mention at an opening parenthesis ("(ACEI"), stop inside one ("Bcl-X(L",
"pruritus (1", "Hemoglobin (g" in a table) or keep a closing one ("IL-8)"). No corpus mention has
unbalanced brackets (one in the dev splits of BioRED, BC5CDR, NCBI-disease, NLM-Gene, GNormPlus and BC2GM
together), so such a mention is wrong as it stands: a leading opener or trailing closer is dropped, an
opener left open is closed when the mention goes on after it and its closer follows directly ("Bcl-X(L"
+ ")"), and cut off otherwise ("hypoxia-inducible factor (" before "HIF)"); a mention still unbalanced
after that is dropped. No gene, chemical, disease or cell-line mention in those dev splits ends with a
full stop either, while the fast model's sometimes take the sentence's ("TGF-b.", "gntT."): it is cut.
Nor does any end with a figure panel's letter in brackets (2 of about 89,000 train and dev mentions end
with a letter in brackets, both BC2GM's own: "lipoprotein (a)"), which a caption's list puts there
("galectin-9 (B), CCL22 (D)"): it is cut too. Species mentions are left to
`extract.ner.species_boundaries` ("sp." ends a name). Repaired mentions keep their source.
"""

from __future__ import annotations

import re

from extract.document import Span

PAIRS = {"(": ")", "[": "]"}
CLOSE_WITHIN = 12
"""How far after a mention its missing closer may be for the mention to be extended to it."""
PANEL_LETTER = re.compile(r"\s+\([A-Z]\)$")
"""A figure panel's capital letter in brackets at a mention's end ("CCL22 (D)")."""


def repair_punctuation(text: str, mentions: list[Span]) -> list[Span]:
    """`mentions` with unbalanced brackets repaired, a final full stop and a panel letter cut (dropped when
    that leaves no letter or the brackets still do not balance: "IGF-I) receptor", "0.1.")."""
    repaired = []
    for mention in mentions:
        surface = text[mention.start : mention.end]
        panel = PANEL_LETTER.search(surface)
        if mention.label == "Species" or (_balanced(surface) and not surface.endswith(".") and not panel):
            repaired.append(mention)
            continue
        start, end = _repair(text, mention.start, mention.start + panel.start() if panel else mention.end)
        if text[start:end].endswith("."):
            end -= 1
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
