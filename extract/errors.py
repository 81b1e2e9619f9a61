"""Errors a single input file can cause. Each has a `kind` that goes into `errors.csv`/`studies.csv`."""

from __future__ import annotations


class InputError(Exception):
    """A file that cannot be processed; the batch records it and goes on."""

    kind = "error"


class EmptyFileError(InputError):
    kind = "empty_file"


class NotPdfError(InputError):
    kind = "not_pdf"


class CorruptPdfError(InputError):
    kind = "corrupt_pdf"


class EncryptedPdfError(InputError):
    kind = "encrypted_pdf"


class NoTextLayerError(InputError):
    kind = "no_text_layer"


class UnreadableFileError(InputError):
    kind = "unreadable"


class NotAFileError(InputError):
    """A FIFO, a socket, a device or a link to one named `*.pdf`: never opened (reading it may never end)."""

    kind = "not_a_file"
