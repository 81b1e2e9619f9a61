"""The corpus catalog (`corpus/catalog/*.toml`) and `load_corpus` for catalog names or any path.

The TOML schema is described in `corpus/README.md`.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from catalogue import RegistryError

from extract.corpus.detect import detect_format
from extract.corpus.harmonize import harmonize_corpus
from extract.corpus.model import Corpus, CorpusDocument
from extract.corpus.registry import readers
from extract.paths import REPO_ROOT, corpora_dir

CATALOG_DIR = REPO_ROOT / "corpus" / "catalog"
READER_MODULES = (
    "extract.corpus.pubtator",
    "extract.corpus.bioc",
    "extract.corpus.brat",
    "extract.corpus.bc2gm",
    "extract.corpus.studyfields",
    "extract.corpus.annotated",
)


@dataclass(frozen=True)
class DevSplit:
    """A dev split carved out of another split by hashing document IDs (for corpora without one)."""

    source: str = "train"
    fraction: float = 0.1

    def takes(self, document_id: str) -> bool:
        """Whether a document of the source split goes to dev (stable across runs and machines)."""
        bucket = int(hashlib.sha1(document_id.encode("utf-8")).hexdigest()[:8], 16) % 10_000
        return bucket < round(self.fraction * 10_000)


@dataclass(frozen=True)
class CatalogEntry:
    """One corpus of the catalog, as its TOML file declares it."""

    name: str
    tasks: tuple[str, ...]
    reader: str
    path: str
    splits: dict[str, str] = field(default_factory=dict)
    dev_split: DevSplit | None = None
    harmonize: str | None = None
    entity_types: tuple[str, ...] = ()
    license: str = ""
    citation: str = ""
    notes: str = ""
    expected: dict[str, dict[str, int]] = field(default_factory=dict)
    file: Path | None = None

    @classmethod
    def from_toml(cls, file: Path) -> CatalogEntry:
        """Read and check one catalog file."""
        with file.open("rb") as handle:
            data = tomllib.load(handle)
        missing = [key for key in ("name", "task", "reader", "path") if key not in data]
        if missing:
            raise ValueError(f"{file}: catalog entry lacks {', '.join(missing)}")
        task = data["task"]
        dev = data.get("dev_split")
        return cls(
            name=data["name"],
            tasks=tuple(task) if isinstance(task, list) else (task,),
            reader=data["reader"],
            path=data["path"],
            splits=dict(data.get("splits", {})),
            dev_split=DevSplit(dev.get("from", "train"), float(dev.get("fraction", 0.1))) if dev else None,
            harmonize=data.get("harmonize"),
            entity_types=tuple(data.get("entity_types", ())),
            license=data.get("license", ""),
            citation=data.get("citation", ""),
            notes=data.get("notes", ""),
            expected={split: dict(counts) for split, counts in data.get("expected", {}).items()},
            file=file,
        )


def catalog(catalog_dir: Path | None = None) -> dict[str, CatalogEntry]:
    """Every catalog entry by name."""
    entries = [CatalogEntry.from_toml(file) for file in sorted((catalog_dir or CATALOG_DIR).glob("*.toml"))]
    return {entry.name: entry for entry in entries}


def reader(name: str) -> Callable[[Path], Corpus]:
    """The registered reader `name` (importing the modules that register readers first)."""
    for module in READER_MODULES:
        if importlib.util.find_spec(module) is not None:
            importlib.import_module(module)
    try:
        return readers.get(name)
    except RegistryError:
        raise KeyError(f"no corpus reader {name!r}; there are: {', '.join(sorted(readers.get_all()))}") from None


def load_corpus(
    name_or_path: str | Path,
    format: str | None = None,
    data_dir: Path | None = None,
    catalog_dir: Path | None = None,
) -> Corpus:
    """A catalog corpus by name, or any corpus file or folder (format given or detected).

    A catalog name wins unless a file or folder of that name exists; with a `format` other than the
    entry's reader, the corpus folder is read in that format (e.g. BioRED's BioC XML files, a split
    per file) and harmonized with the entry's profile. A relative path that does not exist is also
    looked up in the corpora folder (`data_dir`).
    """
    entries = catalog(catalog_dir)
    path = Path(name_or_path).expanduser()
    entry = entries.get(str(name_or_path))
    if entry is not None and not path.exists():
        if format is None or format == entry.reader:
            return load_entry(entry, data_dir)
        corpus = reader(format)((data_dir or corpora_dir()) / entry.path)
        corpus.name = entry.name
        return harmonize_corpus(corpus, entry.harmonize) if entry.harmonize else corpus
    if not path.exists() and not path.is_absolute() and ((data_dir or corpora_dir()) / path).exists():
        path = (data_dir or corpora_dir()) / path
    if not path.exists():
        raise FileNotFoundError(
            f"{name_or_path!s}: neither a catalog corpus ({', '.join(entries) or 'none'}) nor a file or folder"
        )
    return reader(format or detect_format(path))(path)


def load_entry(entry: CatalogEntry, data_dir: Path | None = None) -> Corpus:
    """Read a catalog entry's files, harmonize them with its profile and derive its dev split."""
    root = (data_dir or corpora_dir()) / entry.path
    if not root.exists():
        raise FileNotFoundError(f"corpus {entry.name!r}: {root} does not exist (set --data-dir or EXTRACT_CORPORA_DIR)")
    read = reader(entry.reader)
    if entry.splits:
        corpus = Corpus(name=entry.name)
        for split, relative in entry.splits.items():
            part = read(root / relative)
            corpus.splits[split] = [document for documents in part.splits.values() for document in documents]
            corpus.issues.extend(part.issues)
    else:
        corpus = read(root)
        corpus.name = entry.name
    if entry.harmonize:
        harmonize_corpus(corpus, entry.harmonize)
    if entry.dev_split:
        carve_dev_split(corpus, entry.dev_split)
    return corpus


def carve_dev_split(corpus: Corpus, rule: DevSplit) -> None:
    """Move the documents `rule` picks from its source split into `dev` (never touching test)."""
    if rule.source == "test":
        raise ValueError(f"corpus {corpus.name!r}: a dev split must not come from test")
    if "dev" in corpus.splits:
        raise ValueError(f"corpus {corpus.name!r} already has a dev split")
    source: list[CorpusDocument] = corpus.split(rule.source)
    corpus.splits["dev"] = [document for document in source if rule.takes(document.id)]
    corpus.splits[rule.source] = [document for document in source if not rule.takes(document.id)]
