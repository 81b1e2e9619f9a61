"""Which corpus format a file or folder is in, from its extension and first bytes."""

from __future__ import annotations

from pathlib import Path

from extract.corpus.pubtator import looks_like_pubtator

FORMATS = ("pubtator", "bioc", "brat", "bc2gm")


def sniff_file(path: Path) -> str | None:
    """The format of one file, or None when it is none we read."""
    suffix = path.suffix.lower()
    if suffix == ".ann" or (suffix == ".txt" and path.with_suffix(".ann").exists()):
        return "brat"
    if suffix in (".in", ".eval"):
        return "bc2gm"
    with path.open(encoding="utf-8", errors="replace") as handle:
        head = handle.read(4096)
    if head.lstrip("\ufeff \t\r\n").startswith("<") and "<collection" in head:
        return "bioc"
    if looks_like_pubtator(head):
        return "pubtator"
    return None


def detect_format(path: Path) -> str:
    """The format of a corpus file or folder; a folder holding several formats prefers PubTator."""
    if path.is_file():
        found = sniff_file(path)
        if found is None:
            raise ValueError(f"{path}: not a corpus format we detect ({', '.join(FORMATS)}); pass the format")
        return found
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: no such file or folder")
    found = {sniff_file(file) for file in path.rglob("*") if file.is_file()}
    for candidate in ("brat", "bc2gm", "pubtator", "bioc"):
        if candidate in found:
            return candidate
    raise ValueError(f"{path}: no file in a corpus format we detect ({', '.join(FORMATS)}); pass the format")
