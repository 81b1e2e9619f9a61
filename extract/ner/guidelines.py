"""Another corpus's annotation guideline for species and gene names, learnt from its train split.

The recognizer outputs the PubTator (BioRED) scheme. LINNAEUS and S800 annotate species by other rules:
they never label people by their role ("patients"), and S800 labels virus acronyms ("HIV", "HCV") that
BioRED leaves inside disease and gene names ("HIV infection", "HIV-Gag"). A model trained with task tags
learns part of that; the rest is lexical, so `scripts/build_ner_dictionary.py` writes, per corpus, the
species names that corpus's train split labels in most of their occurrences, and whether it labels them
where they start a hyphenated word, the names it leaves unlabelled in most of their occurrences
("bacteria", "fungal"), and whether it labels NCBI Taxonomy's names wherever they occur
(`models/ner/guidelines.json`). Under such a task
(`EntityRecognizer(task=...)`, `$EXTRACT_NER_TASK`) `Guideline.apply` drops role nouns where the corpus
leaves them unlabelled, and its unlabelled names, and adds its names (and Taxonomy's) where no species
was found (inside a gene or disease name too, "Epstein-Barr virus" in "Epstein-Barr virus infection":
these corpora annotate species only), scored by the share of their train occurrences the corpus
labels (`source: "guideline"`). Gene corpora differ on where a gene's name ends: BC2GM takes in "human",
"gene", "promoter" and "mRNA" ("human p53 gene"), BioRED does not; their guideline lists such words and
`apply` widens gene mentions over them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from extract.document import Span
from extract.ner.dictionary import EntityDictionary

GUIDELINES_FILE = "guidelines.json"
"""The per-corpus guidelines, beside the dictionary they complement."""
NEXT_WORD = re.compile(r" ([^\W_][\w-]*)")
"""The word after a mention (matched at its end): one space, then letters, digits, hyphens."""
PREVIOUS_WORD = re.compile(r"([^\W_][\w-]*) $")
"""The word before a mention (searched in the text up to its start)."""
MAX_GENE_WORDS = 2
"""At most this many words are added to each side of a gene name ("human p53 gene promoter")."""


@dataclass
class Guideline:
    """One corpus's rules: its own species names ({lower-cased name: labelled share}), whether it leaves
    role nouns unlabelled, whether it labels its names where they start a hyphenated word, the words
    it includes in a gene's name when they stand next to it ({"left": {"human": 0.89}, "right": {"gene": 0.96}}),
    the species names it leaves unlabelled in most places ({lower-cased name: labelled share}), and the share
    of NCBI Taxonomy's names (binomials, viruses) it labels, if it labels most (0 otherwise: not matched)."""

    names: dict[str, float] = field(default_factory=dict)
    role_nouns_unlabelled: bool = False
    hyphen_prefixes: bool = False
    gene_words: dict[str, dict[str, float]] = field(default_factory=dict)
    unlabelled: dict[str, float] = field(default_factory=dict)
    taxonomy: float = 0.0

    @cached_property
    def matcher(self) -> EntityDictionary:
        """The dictionary of this corpus's names, matched as it labels them."""
        return EntityDictionary(case_insensitive=dict.fromkeys(self.names, "Species"), binomials=self.taxonomy > 0,
                                hyphen_prefixes=self.hyphen_prefixes)

    def apply(self, text: str, mentions: list[Span], long_forms: dict[str, tuple[int, int]] | None = None) -> list[Span]:
        """`mentions` under this guideline: role-noun species dropped if it leaves them unlabelled, and
        species mentions of its unlabelled names; its names added where they overlap no species mention,
        and the short forms defined by a species name (`long_forms`: short form -> the long form's
        offsets); gene names widened over its gene words (sorted by offset)."""
        kept = [m for m in mentions if not (
            m.label == "Species" and (self.role_nouns_unlabelled and m.attrs.get("role_noun")
                                      or text[m.start : m.end].lower() in self.unlabelled))]
        if self.gene_words:
            genes = [m for m in kept if m.label == "Gene"]
            kept = [self._widened(text, m, genes) if m.label == "Gene" else m for m in kept]
        species = [m for m in kept if m.label == "Species"]
        for match in self.matcher.find(text):
            if all(match.end <= m.start or match.start >= m.end for m in species):
                share = self.taxonomy if match.attrs.get("taxonomy") else self.names[match.attrs["text"].lower()]
                kept.append(Span(match.start, match.end, "Species",
                                 {"text": match.attrs["text"], "source": "guideline", "score": share}))
        if self.names or self.taxonomy:
            kept += self._short_forms_of_species(text, [m for m in kept if m.label == "Species"], long_forms or {})
        return sorted(kept, key=lambda s: (s.start, s.end))

    def _short_forms_of_species(self, text: str, species: list[Span], long_forms: dict[str, tuple[int, int]]) -> list[Span]:
        """Species mentions of each short form whose long form ends with a species mention ("orf virus
        (ORFV)", "Heliothis virescens (Hv)") wherever no species mention overlaps it (starting a hyphenated
        word too if the corpus labels names there: "MDV1-miR-M3"), with that mention's score."""
        added: list[Span] = []
        after = r"(?!\w)" if self.hyphen_prefixes else r"(?![\w-])"
        for short, (start, end) in long_forms.items():
            named = next((m for m in species if m.end == end and start <= m.start), None)
            if named is None:
                continue
            for match in re.finditer(rf"(?<![\w-]){re.escape(short)}{after}", text):
                if all(match.end() <= m.start or match.start() >= m.end for m in species + added):
                    added.append(Span(match.start(), match.end(), "Species",
                                      {"text": short, "source": "guideline", "score": named.attrs.get("score", 1.0)}))
        return added

    def _widened(self, text: str, gene: Span, genes: list[Span]) -> Span:
        """`gene` with the corpus's gene words beside it taken in ("p53" -> "human p53 gene"), up to
        `MAX_GENE_WORDS` a side and never into another gene mention (`guideline: "widened"`)."""
        start, end = gene.start, gene.end
        right, left = self.gene_words.get("right", {}), self.gene_words.get("left", {})
        for _ in range(MAX_GENE_WORDS):
            word = NEXT_WORD.match(text, end)
            if not word or word.group(1).lower() not in right or _overlaps_another(word.span(1), gene, genes):
                break
            end = word.end(1)
        for _ in range(MAX_GENE_WORDS):
            before = max(0, start - 60)
            word = PREVIOUS_WORD.search(text[before:start])
            span = (before + word.start(1), before + word.end(1)) if word else (start, start)
            if not word or word.group(1).lower() not in left or _overlaps_another(span, gene, genes):
                break
            start = span[0]
        if (start, end) == (gene.start, gene.end):
            return gene
        return Span(start, end, gene.label, {**gene.attrs, "text": text[start:end], "guideline": "widened"})


def _overlaps_another(span: tuple[int, int], gene: Span, genes: list[Span]) -> bool:
    return any(g is not gene and g.start < span[1] and span[0] < g.end for g in genes)


def load_guidelines(path: Path) -> dict[str, Guideline]:
    """{corpus: Guideline} from a guidelines file (empty if there is none)."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {task: Guideline(entry.get("species", {}), entry.get("role_nouns_unlabelled", False),
                            entry.get("hyphen_prefixes", False), entry.get("gene_words", {}), entry.get("unlabelled", {}),
                            entry.get("taxonomy", 0.0))
            for task, entry in data.items()}


def guidelines_json(guidelines: dict[str, Guideline]) -> str:
    """The file `load_guidelines` reads."""
    return json.dumps({task: {"species": dict(sorted(g.names.items())), "role_nouns_unlabelled": g.role_nouns_unlabelled,
                              "hyphen_prefixes": g.hyphen_prefixes,
                              "gene_words": {side: dict(sorted(words.items())) for side, words in sorted(g.gene_words.items())},
                              "unlabelled": dict(sorted(g.unlabelled.items())), "taxonomy": g.taxonomy}
                       for task, g in sorted(guidelines.items())}, indent=1, ensure_ascii=False)
