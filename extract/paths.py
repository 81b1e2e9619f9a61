"""Where the project finds data it does not ship: the shared corpora/vocabularies and the cache."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir

SHARED_ENV = "EXTRACT_SHARED_DIR"
CACHE_ENV = "EXTRACT_CACHE_DIR"
REPO_ROOT = Path(__file__).resolve().parents[1]
MODELS_DIR = REPO_ROOT / "models"


def shared_dir() -> Path:
    """The shared data folder: `$EXTRACT_SHARED_DIR`, else `../shared` beside the repository."""
    configured = os.environ.get(SHARED_ENV)
    return Path(configured).expanduser() if configured else REPO_ROOT.parent / "shared"


def corpora_dir() -> Path:
    """Annotated corpora (one folder each, with SOURCE.md)."""
    return Path(os.environ.get("EXTRACT_CORPORA_DIR", shared_dir() / "corpora"))


def vocab_dir() -> Path:
    """Optional rich normalization vocabularies."""
    return Path(os.environ.get("EXTRACT_VOCAB_DIR", shared_dir() / "vocab"))


def pdfs_dir() -> Path:
    """The real PDFs with `manifest.csv` used for parsing benchmarks."""
    return shared_dir() / "pdfs"


def cache_dir() -> Path:
    """The user's cache (`$EXTRACT_CACHE_DIR` or the platform's cache folder), created on demand."""
    path = Path(os.environ.get(CACHE_ENV) or user_cache_dir("extract-evidence"))
    path.mkdir(parents=True, exist_ok=True)
    return path
