"""Another corpus's annotation guideline for species, as names learnt from its train split.

The recognizer outputs the PubTator (BioRED) scheme. LINNAEUS and S800 annotate species by other rules:
they never label people by their role ("patients"), and S800 labels virus acronyms ("HIV", "HCV") that
BioRED leaves inside disease and gene names ("HIV infection", "HIV-Gag"). A model trained with task tags
learns part of that; the rest is lexical, so `scripts/build_ner_dictionary.py` writes, per corpus, the
species names that corpus's train split labels in most of their occurrences, and whether it labels them
where they start a hyphenated word (`models/ner/guidelines.json`). Under such a task
(`EntityRecognizer(task=...)`, `$EXTRACT_NER_TASK`) `Guideline.apply` drops role nouns where the corpus
leaves them unlabelled and adds its names where no species was found (inside a gene or disease name
too: these corpora annotate species only), scored by the share of their train occurrences the corpus
labels (`source: "guideline"`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from extract.document import Span
from extract.ner.dictionary import EntityDictionary

GUIDELINES_FILE = "guidelines.json"
"""The per-corpus guidelines, beside the dictionary they complement."""


@dataclass
class Guideline:
    """One corpus's species rules: its own names ({lower-cased name: labelled share}), whether it
    leaves role nouns unlabelled and whether it labels its names where they start a hyphenated word."""

    names: dict[str, float] = field(default_factory=dict)
    role_nouns_unlabelled: bool = False
    hyphen_prefixes: bool = False

    @cached_property
    def matcher(self) -> EntityDictionary:
        """The dictionary of this corpus's names, matched as it labels them."""
        return EntityDictionary(case_insensitive=dict.fromkeys(self.names, "Species"), binomials=False,
                                hyphen_prefixes=self.hyphen_prefixes)

    def apply(self, text: str, mentions: list[Span]) -> list[Span]:
        """`mentions` under this guideline: role-noun species dropped if it leaves them unlabelled, and
        its names added where they overlap no species mention (sorted by offset)."""
        kept = [m for m in mentions if not (self.role_nouns_unlabelled and m.attrs.get("role_noun"))]
        species = [m for m in kept if m.label == "Species"]
        for match in self.matcher.find(text):
            if all(match.end <= m.start or match.start >= m.end for m in species):
                share = self.names[match.attrs["text"].lower()]
                kept.append(Span(match.start, match.end, "Species",
                                 {"text": match.attrs["text"], "source": "guideline", "score": share}))
        return sorted(kept, key=lambda s: (s.start, s.end))


def load_guidelines(path: Path) -> dict[str, Guideline]:
    """{corpus: Guideline} from a guidelines file (empty if there is none)."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {task: Guideline(entry["species"], entry["role_nouns_unlabelled"], entry.get("hyphen_prefixes", False))
            for task, entry in data.items()}


def guidelines_json(guidelines: dict[str, Guideline]) -> str:
    """The file `load_guidelines` reads."""
    return json.dumps({task: {"species": dict(sorted(g.names.items())), "role_nouns_unlabelled": g.role_nouns_unlabelled,
                              "hyphen_prefixes": g.hyphen_prefixes}
                       for task, g in sorted(guidelines.items())}, indent=1, ensure_ascii=False)
