"""Deterministic document splits for corpora that ship without one."""

from __future__ import annotations

import hashlib


def hash_split(doc_id: str, dev_percent: int = 20) -> str:
    """`dev` for about `dev_percent`% of ids, else `train`, by SHA-1 of the id: stable as files come and go."""
    bucket = int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 100
    return "dev" if bucket < dev_percent else "train"
