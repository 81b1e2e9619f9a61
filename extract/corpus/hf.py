"""Corpora as Hugging Face `datasets` (Arrow) for training code: one row per document, cached locally.

Row: `id`, `text`, `passages` [{kind, offset, text}], `mentions` [{start, end, text, type, ids,
source_type, fragments}], `relations` [{type, arg1, arg2}], `alternatives` (BC2GM's accepted
alternative mentions, same shape as `mentions`), `labels` (the other document labels, e.g. a study
design, as a JSON string). Offsets index `text`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, is_dataclass
from pathlib import Path

import datasets

from extract.corpus.catalog import catalog, load_corpus
from extract.corpus.model import Corpus, CorpusDocument, Mention
from extract.paths import cache_dir, corpora_dir

MENTION = {
    "start": datasets.Value("int32"),
    "end": datasets.Value("int32"),
    "text": datasets.Value("string"),
    "type": datasets.Value("string"),
    "ids": datasets.Sequence(datasets.Value("string")),
    "source_type": datasets.Value("string"),
    "fragments": datasets.Sequence(datasets.Sequence(datasets.Value("int32"))),
}
FEATURES = datasets.Features(
    {
        "id": datasets.Value("string"),
        "text": datasets.Value("string"),
        "passages": [{"kind": datasets.Value("string"), "offset": datasets.Value("int32"), "text": datasets.Value("string")}],
        "mentions": [MENTION],
        "relations": [{"type": datasets.Value("string"), "arg1": datasets.Value("string"), "arg2": datasets.Value("string")}],
        "alternatives": [MENTION],
        "labels": datasets.Value("string"),
    }
)
CODE_DIR = Path(__file__).parent


def mention_row(mention: Mention) -> dict:
    """A mention as plain values."""
    return {
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "type": mention.type,
        "ids": list(mention.ids),
        "source_type": str(mention.attrs.get("source_type", mention.type)),
        "fragments": [list(piece) for piece in mention.attrs.get("fragments", ())],
    }


def document_row(document: CorpusDocument) -> dict:
    """A document as one dataset row."""
    return {
        "id": document.id,
        "text": document.text,
        "passages": [{"kind": p.kind, "offset": p.offset, "text": p.text} for p in document.passages],
        "mentions": [mention_row(m) for m in document.mentions],
        "relations": [{"type": r.type, "arg1": r.arg1, "arg2": r.arg2} for r in document.relations],
        "alternatives": [mention_row(m) for m in document.labels.get("alternatives", ())],
        "labels": json.dumps(
            {key: value for key, value in document.labels.items() if key != "alternatives"},
            default=plain,
            sort_keys=True,
        ),
    }


def plain(value: object) -> object:
    """JSON for what `json` cannot write itself: dataclasses (e.g. Mentions in labels), sets, tuples."""
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return str(value)


def to_hf_dataset(corpus: Corpus, split: str) -> datasets.Dataset:
    """One split of a corpus as a `datasets.Dataset` with document-level rows (see module docstring)."""
    rows = [document_row(document) for document in corpus.split(split)]
    return datasets.Dataset.from_list(rows, features=FEATURES)


def source_fingerprint(paths: list[Path]) -> list[tuple[str, int, int]]:
    """(path, size, mtime) of every file under `paths`: what a cached conversion depends on."""
    files = sorted({file for path in paths for file in ([path] if path.is_file() else path.rglob("*")) if file.is_file()})
    return [(str(file), file.stat().st_size, file.stat().st_mtime_ns) for file in files]


def cache_key(name_or_path: str | Path, split: str, format: str | None, data_dir: Path | None) -> str:
    """A key that changes when the corpus files, its catalog entry or this package's corpus code change."""
    entries = catalog()
    if str(name_or_path) in entries and not Path(name_or_path).exists():
        entry = entries[str(name_or_path)]
        root = (data_dir or corpora_dir()) / entry.path
        sources = [root / relative for relative in entry.splits.values()] or [root]
        sources += [entry.file] if entry.file else []
    else:
        sources = [Path(name_or_path)]
    code = [file.read_bytes() for file in sorted(CODE_DIR.rglob("*.py"))]
    payload = json.dumps([str(name_or_path), split, format, source_fingerprint(sources), datasets.__version__])
    digest = hashlib.sha256(payload.encode())
    for content in code:
        digest.update(content)
    return digest.hexdigest()[:20]


def cached_hf_dataset(
    name_or_path: str | Path,
    split: str,
    format: str | None = None,
    data_dir: Path | None = None,
    cache_root: Path | None = None,
) -> datasets.Dataset:
    """`to_hf_dataset` of a catalog corpus or path, saved under the cache and reused while its sources are unchanged."""
    key = cache_key(name_or_path, split, format, data_dir)
    label = Path(str(name_or_path)).name or "corpus"
    target = (cache_root or cache_dir()) / "corpora" / f"{label}-{split}-{key}"
    if target.exists():
        return datasets.load_from_disk(str(target))
    dataset = to_hf_dataset(load_corpus(name_or_path, format=format, data_dir=data_dir), split)
    dataset.save_to_disk(str(target))
    return dataset
