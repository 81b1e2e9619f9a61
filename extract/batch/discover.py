"""Find the input PDFs and fingerprint them by content."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path


class NoInputError(Exception):
    """The input path is missing or holds no PDF (a usage error, not a per-file error)."""


@dataclass(frozen=True)
class InputFile:
    """A PDF to process: where it is, and its name in the outputs (relative to the input folder)."""

    path: Path
    name: str


def discover(source: Path) -> list[InputFile]:
    """All `*.pdf` files (any case) under `source`, recursively, sorted by name; or `source` itself.

    Entries that are not folders are kept even when they cannot be read (a dangling link, no
    permission), so the run reports them instead of silently skipping them.
    """
    if source.is_file():
        return [InputFile(source, display_name(source.name))]
    if not source.is_dir():
        raise NoInputError(f"no such file or folder: {source}")
    found = [
        InputFile(path, display_name(path.relative_to(source).as_posix()))
        for path in source.rglob("*")
        if path.suffix.lower() == ".pdf" and not path.is_dir()
    ]
    if not found:
        raise NoInputError(f"no PDF files (*.pdf) found under {source}")
    return sorted(found, key=lambda f: f.name)


def display_name(name: str) -> str:
    """`name` as text every output can hold: bytes that are not UTF-8 (a Latin-1 `M\\xfcller.pdf` from a
    zip file or a Windows share) are written as `\\xfc` escapes; the path itself keeps the raw bytes."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def is_regular_file(path: Path) -> bool:
    """Whether `path` (its links followed) is a regular file; raises `OSError` when it cannot be looked at."""
    return stat.S_ISREG(os.stat(path).st_mode)


def sha256_file(path: Path, chunk_size: int = 1 << 20) -> str:
    """The sha256 hex digest of the file's bytes; raises `OSError` when it cannot be read."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(chunk_size):
            digest.update(chunk)
    return digest.hexdigest()
