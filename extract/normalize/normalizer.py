"""Normalization of a paper's mentions: each (text, type) gets an identifier, in the paper's context.

For each mention, in order: the lexicon (`Lexicon.lookup`: case, hyphens, Greek letters, plurals,
word order), the long form when the mention is an abbreviation the paper defines, then the learned
fallback (`FallbackModel`) above a per-type similarity threshold. Genes are species-specific: the
candidates of the paper's organisms win (`context.organisms`, human by default); when several
remain equally good, the one whose other names appear in the paper wins, else the mention keeps
only its `candidates`. Species are resolved first, so that genes can use them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from extract.normalize.context import HUMAN, abbreviations, organisms
from extract.normalize.fallback import DEFAULT_MODEL_DIR, FallbackModel
from extract.normalize.index import ensure_index
from extract.normalize.lexicon import Candidate, Lexicon
from extract.normalize.text import exact_key

TYPES = ("Species", "CellLine", "Chemical", "Disease", "Gene")
"""Resolution order: species first (genes depend on them)."""
FALLBACK_THRESHOLD = {"Gene": 0.9, "Disease": 0.7, "Chemical": 0.8, "Species": 0.8, "CellLine": 0.8}
"""Least cosine similarity for the learned fallback, per type (chosen on the dev splits)."""
MAX_CANDIDATES = 5
MEMORY_FIRST = frozenset({"Species", "Disease", "Chemical", "CellLine"})
"""Types whose names seen in training go by the annotators' choice before the lexicon's."""
EXACT = 0.999


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
        long_forms = abbreviations(text) if mentions else {}
        text_key = exact_key(text)
        resolved: dict[int, Resolution] = {}
        species: list[int] = []
        for type_ in TYPES:
            taxa = organisms(text, species) if type_ == "Gene" else []
            of_type = [i for i, mention in enumerate(mentions) if mention.type == type_]
            for i in of_type:
                resolved[i] = self.resolve(mentions[i], long_forms, taxa, text_key)
                if type_ == "Species":
                    species.append(taxon_of(resolved[i].identifier))
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

    def resolve(self, mention: MentionInput, long_forms: dict[str, str], taxa: list[int], text_key: str) -> Resolution:
        """One mention: remembered annotation, lexicon, learned fallback; a short form the paper
        defines is tried as its long form first."""
        type_ = mention.type
        names = [long_forms[mention.text], mention.text] if mention.text in long_forms else [mention.text]
        if type_ in MEMORY_FIRST and self.fallback is not None:
            for name in names:
                match = self.fallback.match(type_, name)
                if match and match.similarity >= EXACT:
                    return Resolution(match.identifier, [match.identifier], "learned")
        for name in names:
            candidates = self.lexicon.lookup(type_, name)
            if type_ == "Gene":
                candidates = tuple(c for c in candidates if c.taxon in taxa or c.taxon == HUMAN)
            if candidates:
                return self.choose(type_, candidates, taxa, text_key)
        if self.fallback is not None:
            for name in names:
                match = self.fallback.match(type_, name)
                if match and match.similarity >= FALLBACK_THRESHOLD.get(type_, 1.0):
                    return Resolution(match.identifier, [match.identifier], "learned")
        return Resolution(method="none")

    def choose(self, type_: str, candidates: tuple[Candidate, ...], taxa: list[int], text_key: str) -> Resolution:
        """The best candidate, or none (with the candidates) when the context cannot decide."""
        pool = list(candidates)
        if type_ == "Gene":
            for taxon in [*taxa, HUMAN]:
                of_taxon = [c for c in pool if c.taxon == taxon]
                if of_taxon:
                    pool = of_taxon
                    break
        best_priority = min(c.priority for c in pool)
        pool = [c for c in pool if c.priority == best_priority]
        if type_ in ("Disease", "Chemical") and any(c.identifier.startswith("MESH:D") for c in pool):
            pool = [c for c in pool if c.identifier.startswith("MESH:D")]
        listed = [c.identifier for c in candidates[:MAX_CANDIDATES]]
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
