"""Train the learned fallback (`models/norm/`) on the TRAINING splits of the normalization corpora.

    python -m extract.normalize.training [--out models/norm]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Iterator

from extract.bench.norm import mention_ids
from extract.corpus import load_corpus
from extract.normalize.fallback import DEFAULT_MODEL_DIR, FallbackModel

TRAINING_CORPORA = ("bc5cdr", "ncbi-disease", "biored", "gnormplus", "nlm-gene", "linnaeus", "s800", "bioid")
TYPES = ("Gene", "Disease", "Chemical", "Species", "CellLine")


def training_examples(corpora: tuple[str, ...] = TRAINING_CORPORA) -> Iterator[tuple[str, str, str]]:
    """(type, mention text, ID) of every train-split mention with exactly one ID."""
    for name in corpora:
        for doc in load_corpus(name).split("train"):
            for mention in doc.mentions:
                ids = mention_ids(mention)
                if mention.type in TYPES and len(ids) == 1:
                    yield mention.type, mention.text, next(iter(ids))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_DIR)
    args = parser.parse_args()
    model = FallbackModel.train(training_examples())
    model.save(args.out)
    for type_, (names, ids, _) in model.examples.items():
        print(f"{type_}: {len(names):,} names, {len(set(ids)):,} IDs")


if __name__ == "__main__":
    main()
