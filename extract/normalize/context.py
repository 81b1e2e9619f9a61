"""What a paper says about its own mentions: abbreviation definitions, sentences, and the organisms
it studies (where each is named, for species-specific genes)."""

from __future__ import annotations

import re
import warnings
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
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
TECHNIQUE = re.compile(r"[\w.]+(\s[\w.]+)?[\s-]+(one|two|three|[123])[\s-]*hybrid", re.I)
"""What follows an organism's name when it names a technique, not the organism studied ("yeast two-hybrid")."""


@dataclass(frozen=True)
class PaperReading:
    """Short form -> long form for every "long form (SF)" definition, and where sentences start."""

    long_forms: dict[str, str]
    sentence_starts: list[int]


@lru_cache(maxsize=1)
def abbreviation_pipeline() -> Language:
    """A blank English pipeline with a sentencizer and scispaCy's Schwartz-Hearst abbreviation detector."""
    import spacy
    import scispacy.abbreviation  # noqa: F401  (registers "abbreviation_detector")

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("abbreviation_detector")
    return nlp


def read_paper(text: str) -> PaperReading:
    """The abbreviations `text` defines and its sentence starts."""
    nlp = abbreviation_pipeline()
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W036\]")  # scispaCy's unused global matcher
        doc = nlp(text)
    long_forms = {short.text: str(short._.long_form) for short in doc._.abbreviations}
    return PaperReading(long_forms, [sentence.start_char for sentence in doc.sents])


class SpeciesContext:
    """The organisms a paper names and where, to give each gene mention its species as SR4GN does:
    the nearest organism named in the mention's sentence, else the paper's most mentioned one,
    human when nothing says otherwise."""

    def __init__(self, text: str, sentence_starts: list[int], species: Iterable[tuple[int, int]] = ()) -> None:
        """`species`: (offset, NCBI taxon) of the paper's normalized species mentions; without
        any, the cue words of `MODEL_ORGANISMS` stand in for them."""
        named = [(offset, taxon) for offset, taxon in species if taxon]
        if not named:
            named = [(m.start(), taxon) for taxon, pattern in MODEL_ORGANISMS.items() for m in pattern.finditer(text)]
        self.named = sorted((offset, taxon) for offset, taxon in named if not self.technique(text, offset))
        self.sentence_starts = sentence_starts or [0]
        self.named_sentences = [self.sentence(offset) for offset, _ in self.named]
        ranked = [taxon for taxon, _ in Counter(taxon for _, taxon in self.named).most_common()]
        self.ranked = ranked or [HUMAN]

    def only_unlisted(self, listed: frozenset[int], least: int) -> bool:
        """Whether the paper names organisms `least` times or more, none of them in `listed`."""
        return len(self.named) >= least and not any(taxon in listed for _, taxon in self.named)

    @staticmethod
    def technique(text: str, offset: int) -> bool:
        """Whether the organism named at `offset` names a technique ("yeast two-hybrid screen")."""
        return TECHNIQUE.match(text, offset) is not None

    def sentence(self, offset: int) -> int:
        """The index of the sentence that holds `offset`."""
        return max(bisect_right(self.sentence_starts, offset) - 1, 0)

    def nearby(self, start: int) -> int:
        """The organism named nearest to `start` in its sentence (0 when the sentence names none)."""
        sentence = self.sentence(start)
        near = [
            (abs(offset - start), taxon)
            for (offset, taxon), in_sentence in zip(self.named, self.named_sentences)
            if in_sentence == sentence
        ]
        return min(near)[1] if near else 0

    def taxa(self, start: int) -> list[int]:
        """The organisms a gene mention at `start` may belong to, most likely first."""
        first = self.nearby(start)
        return list(dict.fromkeys([first, *self.ranked] if first else self.ranked))
