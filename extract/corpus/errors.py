"""The error a malformed corpus file raises, naming the file and line."""

from __future__ import annotations

from pathlib import Path

from extract.errors import InputError


class CorpusFormatError(InputError):
    """A corpus file that does not follow its format; the message starts with `file:line:`."""

    kind = "corpus_format"

    def __init__(self, source: str | Path, line: int | None, message: str) -> None:
        where = f"{source}:{line}" if line is not None else str(source)
        super().__init__(f"{where}: {message}")
        self.source = str(source)
        self.line = line
