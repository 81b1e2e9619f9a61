"""One `extract run` at a time per output folder: an exclusive lock on `OUT/.extract/run.lock`.

A second run into the same folder would delete the first one's temporary files; it is told which
process holds the folder and stops (or, with `wait`, waits for it). The lock is the kernel's (`flock`),
so a run that was killed leaves no stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = Path(".extract") / "run.lock"


class OutputBusyError(Exception):
    """Another process holds the output folder."""


@contextmanager
def output_lock(out: Path, wait: bool = False) -> Iterator[None]:
    """Hold `out` for this process; `OutputBusyError` naming the holder's PID when another run holds it
    (unless `wait`, which blocks until it is free)."""
    path = out / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise OutputBusyError(
                f"another extract run (PID {holder}) is writing to {out}; wait for it to finish or pass --wait"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
