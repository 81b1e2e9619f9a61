"""Normalization of a paper's mentions: each (text, type) gets an identifier, in the paper's context.

For each mention, in order: the lexicon (`Lexicon.lookup`: case, hyphens, Greek letters, plurals,
word order), the long form when the mention is an abbreviation the paper defines, each part of a
coordinated disease or chemical mention, then the learned fallback (`FallbackModel`): a training name
the mention's words cover, above a per-type similarity threshold, also for the mention without its
leading modifiers. Genes are species-specific
(`context.SpeciesContext`): the organism named nearest in the mention's sentence, else the paper's
most named organism, human by default; an organism prefix ("hCdc46", "mIL-6") names it too. Among a
symbol's candidates of that organism, the one annotators gave the name in training wins, then the
gene's own symbol over aliases, then the one whose other names appear in the paper; otherwise the
mention keeps only its `candidates`. A paper that names only organisms whose genes the index lacks
(rat, yeast) gets the IDs annotators gave its gene names in training, or none, never a human
ortholog's. Species are resolved first, so that genes can use them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from extract.normalize.context import HUMAN, PaperReading, SpeciesContext, read_paper
from extract.normalize.fallback import DEFAULT_MODEL_DIR, FallbackModel, covers
from extract.normalize.index import ensure_index
from extract.normalize.lexicon import Candidate, Lexicon
from extract.normalize.text import composite_parts, exact_key

TYPES = ("Species", "CellLine", "Chemical", "Disease", "Gene")
"""Resolution order: species first (genes depend on them)."""
FALLBACK_THRESHOLD = {"Gene": 0.9, "Disease": 0.7, "Chemical": 0.8, "Species": 0.8, "CellLine": 0.8}
"""Least cosine similarity for the learned fallback, per type (chosen on the dev splits:
`python scripts/bench_norm.py --calibrate`)."""
NEAREST = 5
"""How many nearest training names the fallback considers (the most similar one whose words the
mention covers wins)."""
HEAD_TYPES = frozenset({"Disease", "Chemical"})
"""Types whose mentions the lexicon lacks are split when coordinated ("breast and ovarian cancer")
and, when still unmatched, tried again without their leading modifiers."""
MAX_CANDIDATES = 5
MEMORY_FIRST = frozenset({"Species", "Disease", "Chemical", "CellLine"})
"""Types whose names seen in training go by the annotators' choice before the lexicon's."""
EXACT = 0.999
ORGANISM_PREFIX = re.compile(r"^([hmr])([A-Z][A-Za-z0-9-]+)$")
PREFIX_TAXA = {"h": HUMAN, "m": 10090, "r": 10116}
"""One-letter organism prefixes of gene names: hTNF (human), mIL-6 (mouse), rIFN (rat)."""
UNLISTED_LEAST = 2
"""How often a paper must name organisms without genes in the index (and no others) before its
genes stop taking human IDs (chosen on the dev splits)."""


@dataclass(frozen=True)
class MentionInput:
    """A mention to normalize: its offsets in the paper's text, type and surface text."""

    start: int
    end: int
    type: str
    text: str


@dataclass
class Resolution:
    """The outcome for one mention: an identifier ('' when none was chosen) and the candidates."""

    identifier: str = ""
    candidates: list[str] = field(default_factory=list)
    method: str = ""
    similarity: float = 0.0
    """For the learned fallback's links: the cosine similarity to the training name."""
    identifiers: list[str] = field(default_factory=list)
    """Every concept a coordinated mention names ("breast and ovarian cancer": two), else empty."""

    @property
    def all_identifiers(self) -> list[str]:
        """The mention's identifiers: several for a coordinated mention, one or none otherwise."""
        return self.identifiers or ([self.identifier] if self.identifier else [])


def taxon_of(identifier: str) -> int:
    return int(identifier.split(":")[1]) if identifier.startswith("NCBITaxon:") else 0


class Normalizer:
    """Maps mentions to NCBI Gene, MeSH, NCBI Taxonomy and Cellosaurus identifiers."""

    def __init__(self, index: Path | None = None, model_dir: Path = DEFAULT_MODEL_DIR) -> None:
        """Nothing is read before first use; `index` defaults to the cached index of the
        default sources (built on first use)."""
        self.index_path = index
        self.model_dir = model_dir
        self._lexicon: Lexicon | None = None
        self._fallback: FallbackModel | None = None

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = Lexicon(self.index_path or ensure_index())
        return self._lexicon

    @property
    def fallback(self) -> FallbackModel | None:
        if self._fallback is None and (self.model_dir / "idf.npy").exists():
            self._fallback = FallbackModel.load(self.model_dir)
        return self._fallback

    def load(self) -> None:
        """Load the fallback model; the index is opened (and built, the first time) when a
        mention first needs it."""
        _ = self.fallback

    def preferred_name(self, identifier: str, type_: str) -> str:
        return self.lexicon.name(identifier, type_)

    def normalize(self, text: str, mentions: list[MentionInput]) -> list[Resolution]:
        """Resolutions of `mentions` (in their order) in a paper whose full text is `text`."""
        reading = read_paper(text) if mentions else PaperReading({}, [0])
        long_forms = reading.long_forms
        text_key = exact_key(text)
        resolved: dict[int, Resolution] = {}
        species: list[tuple[int, int]] = []
        for type_ in TYPES:
            context = SpeciesContext(text, reading.sentence_starts, species) if type_ == "Gene" else None
            of_type = [i for i, mention in enumerate(mentions) if mention.type == type_]
            for i in of_type:
                resolved[i] = self.resolve(mentions[i], long_forms, text_key, context)
                if type_ == "Species":
                    species.append((mentions[i].start, taxon_of(resolved[i].identifier)))
            self.follow_long_forms([mentions[i] for i in of_type], [resolved[i] for i in of_type], long_forms)
        return [resolved.get(i, Resolution()) for i in range(len(mentions))]

    @staticmethod
    def follow_long_forms(mentions: list[MentionInput], resolutions: list[Resolution], long_forms: dict[str, str]) -> None:
        """An unresolved short form takes the identifier of the mention its long form ends with
        ("ribavirin-induced hemolytic anemia (RIHA)": the Disease "hemolytic anemia")."""
        by_key = {exact_key(m.text): r for m, r in zip(mentions, resolutions) if r.identifier}
        for mention, resolution in zip(mentions, resolutions):
            long_key = exact_key(long_forms.get(mention.text, ""))
            if resolution.identifier or not long_key:
                continue
            ends = [key for key in by_key if key and long_key.endswith(key)]
            if ends:
                long_form = by_key[max(ends, key=len)]
                resolution.identifier, resolution.method = long_form.identifier, "abbreviation"
                resolution.candidates = [long_form.identifier]

    def resolve(self, mention: MentionInput, long_forms: dict[str, str], text_key: str,
                species: SpeciesContext | None = None) -> Resolution:
        """One mention: remembered annotation, lexicon, learned fallback; a short form the paper
        defines is tried as its long form first. Genes need the paper's `species`."""
        type_ = mention.type
        names = [long_forms[mention.text], mention.text] if mention.text in long_forms else [mention.text]
        if type_ == "Gene" and species is not None:
            return self.resolve_gene(mention, names, text_key, species)
        if type_ in MEMORY_FIRST and self.fallback is not None:
            for name in names:
                match = self.fallback.match(type_, name)
                if match and match.similarity >= EXACT:
                    return Resolution(match.identifier, [match.identifier], "learned")
        for name in names:
            candidates = self.lexicon.lookup(type_, name)
            if candidates:
                return self.choose(type_, candidates, text_key)
        parts = composite_parts(mention.text) if type_ in HEAD_TYPES else []
        if parts:
            found = self.coordinated(mention, parts, text_key)
            if found.identifier:
                return found
        found = self.learned(type_, names)
        if type_ in HEAD_TYPES and not found.identifier:
            return self.head_phrase(type_, names, text_key)
        return found

    def coordinated(self, mention: MentionInput, parts: list[str], text_key: str) -> Resolution:
        """A coordinated mention's concepts, when at least two of its parts resolve to different ones."""
        found = [self.resolve(MentionInput(mention.start, mention.end, mention.type, part), {}, text_key) for part in parts]
        identifiers = list(dict.fromkeys(r.identifier for r in found if r.identifier))
        if len(identifiers) < 2:
            return Resolution(method="none")
        return Resolution(identifiers[0], identifiers, "coordinated", identifiers=identifiers)

    def head_phrase(self, type_: str, names: list[str], text_key: str) -> Resolution:
        """The mention without leading modifiers, keeping at least two words with the head noun
        ("inflammatory acne lesions" -> "acne lesions"), by lexicon then fallback."""
        for name in names:
            words = name.split()
            for start in range(1, len(words) - 1):
                tail = " ".join(words[start:])
                candidates = self.lexicon.lookup(type_, tail)
                if candidates:
                    found = self.choose(type_, candidates, text_key)
                    found.method = "lexicon head"
                    return found
                found = self.learned(type_, [tail])
                if found.identifier:
                    found.method = "learned head"
                    return found
        return Resolution(method="none")

    def sub_phrase(self, type_: str, names: list[str], text_key: str) -> Resolution:
        """The longest run of words of the mention that the lexicon knows (rightmost first)."""
        for name in names:
            words = name.split()
            for length in range(len(words) - 1, 0, -1):
                for start in range(len(words) - length, -1, -1):
                    candidates = self.lexicon.lookup(type_, " ".join(words[start : start + length]))
                    if candidates:
                        found = self.choose(type_, candidates, text_key)
                        found.method = "lexicon part"
                        return found
        return Resolution(method="none")

    def resolve_gene(self, mention: MentionInput, names: list[str], text_key: str, species: SpeciesContext) -> Resolution:
        """A gene mention: candidates of its organism (or human), chosen by `choose_gene`."""
        if species.only_unlisted(self.lexicon.gene_taxa, UNLISTED_LEAST):
            return self.unlisted_organism(names)
        taxa = species.taxa(mention.start)
        tries = [(name, taxa) for name in names]
        prefixed = ORGANISM_PREFIX.match(mention.text)
        if prefixed:
            tries.append((prefixed.group(2), [PREFIX_TAXA[prefixed.group(1)]]))
        for name, name_taxa in tries:
            candidates = tuple(c for c in self.lexicon.lookup("Gene", name) if c.taxon in name_taxa or c.taxon == HUMAN)
            if candidates:
                return self.choose_gene(candidates, name_taxa, text_key, self.annotated(name))
        return self.learned("Gene", names)

    def annotated(self, name: str) -> dict[str, int]:
        """The gene IDs annotators gave `name` in the training corpora, with counts."""
        return self.fallback.annotated("Gene", name) if self.fallback is not None else {}

    def unlisted_organism(self, names: list[str]) -> Resolution:
        """A gene of an organism the index lacks: the ID outside the index that annotators gave
        the name most often in training, else none."""
        for name in names:
            outside = {i: n for i, n in self.annotated(name).items() if not self.lexicon.name(i, "Gene")}
            if outside:
                best = max(outside, key=outside.__getitem__)
                return Resolution(best, [best], "learned")
        return Resolution(method="unlisted organism")

    def learned(self, type_: str, names: list[str]) -> Resolution:
        """The nearest training name whose words the mention covers (`fallback.covers`: no
        "inflammatory brain lesions" for "inflammatory acne lesions"), when similar enough."""
        if self.fallback is not None:
            for name in names:
                for match in self.fallback.matches(type_, name, NEAREST):
                    if match.similarity < FALLBACK_THRESHOLD.get(type_, 1.0):
                        break
                    if covers(name, match.example):
                        return Resolution(match.identifier, [match.identifier], "learned", match.similarity)
        return Resolution(method="none")

    def choose_gene(self, candidates: tuple[Candidate, ...], taxa: list[int], text_key: str,
                    annotated: dict[str, int]) -> Resolution:
        """The candidates of the first of `taxa` that has any (else human); among them the one
        annotators gave the name most often in training, else as `choose`."""
        pool = list(candidates)
        for taxon in [*taxa, HUMAN]:
            of_taxon = [c for c in pool if c.taxon == taxon]
            if of_taxon:
                pool = of_taxon
                break
        seen = [c for c in pool if c.identifier in annotated]
        if seen:
            best = max(seen, key=lambda c: annotated[c.identifier])
            return Resolution(best.identifier, [c.identifier for c in candidates[:MAX_CANDIDATES]], "lexicon+training")
        return self.choose("Gene", tuple(pool), text_key, listed=[c.identifier for c in candidates[:MAX_CANDIDATES]])

    def choose(self, type_: str, candidates: tuple[Candidate, ...], text_key: str,
               listed: list[str] | None = None) -> Resolution:
        """The best candidate, or none (with the candidates) when the context cannot decide."""
        listed = listed or [c.identifier for c in candidates[:MAX_CANDIDATES]]
        best_priority = min(c.priority for c in candidates)
        pool = [c for c in candidates if c.priority == best_priority]
        if type_ in ("Disease", "Chemical") and any(c.identifier.startswith("MESH:D") for c in pool):
            pool = [c for c in pool if c.identifier.startswith("MESH:D")]
        if len(pool) == 1:
            return Resolution(pool[0].identifier, listed, "lexicon")
        support = Counter({c.identifier: self.support(c.identifier, text_key) for c in pool})
        (top, top_support), *rest = support.most_common()
        if top_support > 0 and (not rest or rest[0][1] < top_support):
            return Resolution(top, listed, "lexicon+context")
        if type_ != "Gene":
            return Resolution(pool[0].identifier, listed, "lexicon")
        return Resolution("", [c.identifier for c in pool[:MAX_CANDIDATES]], "ambiguous")

    def support(self, identifier: str, text_key: str) -> int:
        """How many of a concept's longer names occur in the paper (keys of 6+ characters)."""
        return sum(1 for key in self.lexicon.names_of(identifier) if len(key) >= 6 and key in text_key)
