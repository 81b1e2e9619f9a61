"""What a paper says about its own mentions: abbreviation definitions and the organisms it studies."""

from __future__ import annotations

import re
from collections import Counter
import warnings
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from spacy.language import Language

HUMAN = 9606
MODEL_ORGANISMS: dict[int, re.Pattern[str]] = {
    HUMAN: re.compile(r"\b(human|humans|patients?|Homo sapiens|men|women|children)\b", re.I),
    10090: re.compile(r"\b(mouse|mice|murine|Mus musculus)\b", re.I),
    10116: re.compile(r"\b(rats?|Rattus norvegicus)\b", re.I),
    7955: re.compile(r"\b(zebrafish|Danio rerio)\b", re.I),
    7227: re.compile(r"\b(Drosophila|fruit fl(y|ies))\b", re.I),
    4932: re.compile(r"\b(yeast|Saccharomyces cerevisiae|S\. cerevisiae)\b", re.I),
    6239: re.compile(r"\b(C\. elegans|Caenorhabditis elegans|nematodes?)\b", re.I),
    3702: re.compile(r"\b(Arabidopsis|A\. thaliana)\b", re.I),
}
"""Words naming the organisms of most gene papers (GNormPlus/SR4GN's species cues), for text
without recognized species mentions."""


@lru_cache(maxsize=1)
def abbreviation_pipeline() -> Language:
    """A blank English pipeline with scispaCy's Schwartz-Hearst abbreviation detector."""
    import spacy
    import scispacy.abbreviation  # noqa: F401  (registers "abbreviation_detector")

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("abbreviation_detector")
    return nlp


def abbreviations(text: str) -> dict[str, str]:
    """Short form -> long form, for every "long form (SF)" definition in `text`."""
    nlp = abbreviation_pipeline()
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W036\]")  # scispaCy's unused global matcher
        doc = nlp(text)
    return {short.text: str(short._.long_form) for short in doc._.abbreviations}


def organisms(text: str, species_taxa: Iterable[int] = ()) -> list[int]:
    """The paper's organisms, most mentioned first: its normalized species mentions, else cue words;
    human when nothing says otherwise."""
    counts = Counter(t for t in species_taxa if t)
    if not counts:
        counts = Counter({taxon: len(p.findall(text)) for taxon, p in MODEL_ORGANISMS.items()})
    ranked = [taxon for taxon, n in counts.most_common() if n > 0]
    return ranked if ranked else [HUMAN]
