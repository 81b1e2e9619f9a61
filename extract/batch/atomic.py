"""Atomic file writes: readers see the old file or the complete new one, never a partial file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

TEMP_SUFFIX = ".tmp"


def _file_mode() -> int:
    """The mode a plain `open()` would give a new file (mkstemp's is 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()


@contextmanager
def atomic_writer(path: Path, encoding: str = "utf-8", newline: str | None = None) -> Iterator[IO[str]]:
    """Open a temp file beside `path` for writing; on success fsync it and `os.replace` it onto `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` atomically."""
    with atomic_writer(path) as handle:
        handle.write(text)


def remove_stale_temp_files(folder: Path) -> None:
    """Delete temp files a killed process left behind in `folder`."""
    for tmp in folder.glob(f".*{TEMP_SUFFIX}"):
        tmp.unlink(missing_ok=True)
