"""Deterministic document splits for corpora that ship without one."""

from __future__ import annotations

import hashlib


def hash_split(doc_id: str, dev_percent: int = 20, test_percent: int = 0) -> str:
    """The split of `doc_id` by SHA-1 bucket (0-99) of the id, stable as files come and go: buckets below
    `test_percent` -> `test`, the next `dev_percent` -> `dev`, the rest -> `train`."""
    bucket = int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 100
    if bucket < test_percent:
        return "test"
    return "dev" if bucket < test_percent + dev_percent else "train"
