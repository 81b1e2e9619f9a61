"""Where a species name the model tagged begins and ends, by the conventions of zoological and
bacteriological writing that a general-domain encoder has not learnt.

A Latin name is often followed by its authority ("Megaphorura arctica Tullberg 1876", "B. megaterium de
Bary") or a nomenclature act ("Anoxybacillus eryuanensis sp. nov."), and a common name often runs
straight into the Latin one ("white-throated dipper Cinclus cinclus"). The model tends to take such a
run as one mention; the corpora (S800, LINNAEUS) and PubTator mark the name alone, and a common name and
its Latin name as two mentions. Redrawn mentions get `source: "boundary"`, so the calibrated score
learns how far to trust them.
"""

from __future__ import annotations

import re

from extract.document import Span

SPECIES = "Species"
LATIN_NAME = r"(?:[A-Z][a-z]{2,}\s+|[A-Z]\.\s?)[a-z]{3,}"
"""A binomial, full ("Bacillus cereus") or with the genus abbreviated ("B. cereus", "B.pumilus")."""
AUTHORITY = re.compile(
    rf"^({LATIN_NAME})(?:,?\s+(?:(?:de|van|von|and|&)\s+)?[A-Z][a-zà-ÿ]{{2,}}(?:,?\s+1[6-9]\d\d|,?\s+20\d\d)?)+$"
)
"""A Latin name and the authors (and year) who named it: "Megaphorura arctica Tullberg 1876"."""
NOMENCLATURE = re.compile(r"(?:,?\s+(?:gen|sp|comb|subsp|fam|ord)\.\s*nov\b\.?)+$")
"""New-taxon acts after a name: "sp. nov.", "gen. nov., sp. nov."."""
CUT_NOMENCLATURE = re.compile(r"\s+(?:gen|sp|comb|subsp|fam|ord)\.?$")
"""The start of a new-taxon act the mention stops inside ("... sp." before " nov.")."""
NOV_FOLLOWS = re.compile(r"\.?\s*nov\b")
SENTENCE_PERIOD = re.compile(r"(?<=[a-z]{3})\.$")
ABBREVIATION_ENDS = ("sp.", "spp.", "var.", "subsp.", "ssp.", "cf.", "aff.", "str.")
COMMON_THEN_LATIN = re.compile(rf"^(.*[a-z])\s+({LATIN_NAME})$")
"""A common name followed by the Latin name: "white-throated dipper Cinclus cinclus"."""


def redraw_species(text: str, mentions: list[Span]) -> list[Span]:
    """`mentions` with the model's Species mentions cut to the name: authorities, nomenclature acts, an
    unclosed parenthesis and a sentence's full stop trimmed; a common name and the Latin name after it
    split in two."""
    redrawn = []
    for mention in mentions:
        if mention.label != SPECIES or mention.attrs.get("source") != "model":
            redrawn.append(mention)
            continue
        surface = text[mention.start : mention.end]
        name = _name_without_trailer(surface, text[mention.end : mention.end + 8]) or surface
        end = mention.start + len(name)
        split = COMMON_THEN_LATIN.match(name)
        if split:
            latin = mention.start + split.start(2)
            redrawn += [_boundary(text, mention, mention.start, mention.start + split.end(1)), _boundary(text, mention, latin, end)]
        elif end != mention.end:
            redrawn.append(_boundary(text, mention, mention.start, end))
        else:
            redrawn.append(mention)
    return redrawn


def _name_without_trailer(surface: str, following: str) -> str:
    """`surface` without what follows the name in it (the whole surface when nothing does); `following`
    is the text right after the mention."""
    if surface.count("(") > surface.count(")"):
        surface = surface[: surface.rfind("(")].rstrip()
    surface = NOMENCLATURE.sub("", surface)
    if NOV_FOLLOWS.match(following):
        surface = CUT_NOMENCLATURE.sub("", surface)
    authority = AUTHORITY.match(surface)
    if authority:
        surface = authority.group(1)
    if SENTENCE_PERIOD.search(surface) and not surface.endswith(ABBREVIATION_ENDS):
        surface = surface[:-1]
    return surface


def _boundary(text: str, mention: Span, start: int, end: int) -> Span:
    attrs = {**mention.attrs, "text": text[start:end], "source": "boundary"}
    return Span(start, end, SPECIES, attrs)
