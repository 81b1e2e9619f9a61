"""Plumbing every reader shares: reading text files and turning a file or folder into splits."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from extract.corpus.errors import CorpusFormatError
from extract.corpus.model import Corpus, CorpusDocument

SPLIT_WORDS = {
    "train": "train",
    "training": "train",
    "trainingset": "train",
    "dev": "dev",
    "devel": "dev",
    "development": "dev",
    "developset": "dev",
    "developmentset": "dev",
    "valid": "dev",
    "validation": "dev",
    "test": "test",
    "testset": "test",
}


def read_text(path: Path) -> str:
    """A corpus text file as str (UTF-8, a byte-order mark dropped), with a clear error otherwise."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise CorpusFormatError(path, None, f"not UTF-8 text ({error.reason} at byte {error.start})") from None


def split_name(path: Path) -> str:
    """The split a file name suggests (`CDR_TrainingSet.PubTator.txt` -> train), else its stem."""
    stem = path.name.split(".")[0]
    for word in re.split(r"[^a-z]+", re.sub(r"([a-z])([A-Z])", r"\1_\2", stem).lower()):
        if word in SPLIT_WORDS:
            return SPLIT_WORDS[word]
    for word in re.split(r"[^a-z]+", stem.lower()):
        for key, split in sorted(SPLIT_WORDS.items(), key=lambda item: -len(item[0])):
            if key in word and len(key) > 3:
                return split
    return stem.lower()


def corpus_from_files(
    path: Path,
    files: Iterable[Path],
    read_file: Callable[[Path, list[str]], list[CorpusDocument]],
) -> Corpus:
    """A corpus named after `path` with one split per file (named by `split_name`).

    A single file gives the split `all`; files that suggest the same split are joined in order.
    """
    corpus = Corpus(name=path.stem if path.is_file() else path.name)
    for file in sorted(files):
        split = "all" if path.is_file() else split_name(file)
        corpus.splits.setdefault(split, []).extend(read_file(file, corpus.issues))
    return corpus
