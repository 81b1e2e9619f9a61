"""Lookups in the lexicon index: the candidate concepts of a name, for one entity type."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from extract.normalize.sources import PREFERRED
from extract.normalize.text import bag_key, exact_key

MMAP_BYTES = 1 << 30


@dataclass(frozen=True)
class Candidate:
    """A concept a name may refer to; lower `priority` is a stronger name (0: its own name)."""

    identifier: str
    priority: int
    taxon: int = 0


class Lexicon:
    """Read-only access to an index built by `extract.normalize.index.build_index`."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self.db.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        meta = dict(self.db.execute("SELECT name, value FROM meta"))
        self._taxon_trie_path = meta.get("taxon_trie")
        self._taxon_trie = None
        self.lookup = lru_cache(maxsize=100_000)(self._lookup)

    def _rows(self, column: str, key: str, type_: str) -> list[Candidate]:
        best: dict[str, Candidate] = {}
        query = f"SELECT identifier, priority, taxon FROM terms WHERE {column} = ? AND type = ?"
        for identifier, priority, taxon in self.db.execute(query, (key, type_)):
            if identifier not in best or priority < best[identifier].priority:
                best[identifier] = Candidate(identifier, priority, taxon)
        return sorted(best.values(), key=lambda c: (c.priority, c.identifier))

    def _lookup(self, type_: str, name: str) -> tuple[Candidate, ...]:
        """Candidates of `name`: by its exact key, else its bag of words, else (species) the
        NCBI scientific-name trie."""
        key = exact_key(name)
        if not key:
            return ()
        found = self._rows("key", key, type_)
        if not found:
            found = self._rows("bag", bag_key(name), type_)
        if not found and type_ == "Species":
            found = self._scientific_name(name)
        return tuple(found)

    def _scientific_name(self, name: str) -> list[Candidate]:
        """A scientific name as written, or with only its first letter capital (NCBI's spelling)."""
        if not self._taxon_trie_path:
            return []
        if self._taxon_trie is None:
            import marisa_trie

            self._taxon_trie = marisa_trie.RecordTrie("<I")
            self._taxon_trie.mmap(self._taxon_trie_path)
        spelled = " ".join(name.split())
        for variant in (spelled, spelled[:1].upper() + spelled[1:].lower()):
            if variant in self._taxon_trie:
                return [Candidate(f"NCBITaxon:{taxid}", PREFERRED) for (taxid,) in self._taxon_trie[variant]]
        return []

    @cached_property
    def gene_taxa(self) -> frozenset[int]:
        """The organisms whose genes the index holds (read once, without memory-mapping the whole
        concepts table into this process)."""
        with closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as db:
            return frozenset(t for (t,) in db.execute("SELECT DISTINCT taxon FROM concepts WHERE type = 'Gene'"))

    def name(self, identifier: str, type_: str) -> str:
        """The preferred name of a concept ('' when the index does not know it)."""
        row = self.db.execute(
            "SELECT name FROM concepts WHERE identifier = ? AND type = ?", (identifier, type_)
        ).fetchone()
        return row[0] if row else ""

    def names_of(self, identifier: str) -> list[str]:
        """Every indexed key of a concept (used to see whether a paper's text supports it)."""
        return [k for (k,) in self.db.execute("SELECT DISTINCT key FROM terms WHERE identifier = ?", (identifier,))]
