"""Train the recognizer's static word vectors (floret: words + character n-grams) on the corpora's text.

    python scripts/build_ner_vectors.py --out /tmp/ner-vectors          # about 5 minutes here
    python scripts/build_ner_vectors.py --max-docs 20 --buckets 2000 --dim 16 --out /tmp/v   # smoke run

No pretrained biomedical vectors can be downloaded here, so the recognizer's vectors are learnt from the
unlabelled text of the *train* splits of the corpora in `../shared/corpora` (about 6 million words: the
entity corpora, Evidence Inference full texts, StudyTypeTeller, PICO, CONSORT/SPIRIT and claim abstracts).
A document whose id is in any dev or test split of an entity corpus is left out (the corpora share
abstracts), so no text the benchmarks score is seen. The text is tokenized with the recognizer's own
tokenizer, so the vectors' words are the tokens it looks up. Output: a spaCy vectors directory
(`spacy init vectors --mode floret`) that `scripts/train_ner.py` passes as `paths.vectors`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import floret
import spacy
from spacy.training.initialize import convert_vectors

from extract.corpus.catalog import load_corpus
from extract.ner.tokenizer import entity_tokenizer

ENTITY_CORPORA = ("biored", "bc5cdr", "ncbi-disease", "nlm-gene", "gnormplus", "bc2gm", "linnaeus", "s800", "bioid")
TEXT_CORPORA = ENTITY_CORPORA + (
    "evidence-inference-2.0",
    "studytypeteller-study-design",
    "pico-corpus-breast-cancer",
    "consort-tm",
    "spirit-consort-tm",
    "scientific-claims-achakulvisut",
)
"""Corpora whose train-split text the vectors learn from."""


def held_out_ids(max_docs: int | None = None) -> set[str]:
    """Ids of every document in a dev or test split of an entity corpus."""
    ids: set[str] = set()
    for name in ENTITY_CORPORA:
        for split, documents in load_corpus(name).splits.items():
            if split != "train":
                ids.update(d.id for d in documents[:max_docs])
    return ids


def training_lines(max_docs: int | None = None) -> Iterator[str]:
    """Lines of text (one paragraph each) from the train splits, held-out documents removed, each id once."""
    skip = held_out_ids(max_docs)
    for name in TEXT_CORPORA:
        for document in load_corpus(name).splits.get("train", [])[:max_docs]:
            if document.id in skip:
                continue
            skip.add(document.id)
            for passage in document.passages:
                for line in passage.text.splitlines():
                    if line.strip():
                        yield line


def write_tokenized(lines: Iterator[str], path: Path) -> int:
    """Tokenize with the recognizer's tokenizer, one line per paragraph; returns the token count."""
    nlp = spacy.blank("en")
    nlp.tokenizer = entity_tokenizer(nlp)
    tokens = 0
    with path.open("w", encoding="utf-8") as out:
        for doc in nlp.tokenizer.pipe(lines, batch_size=1000):
            words = [t.text for t in doc if not t.is_space]
            tokens += len(words)
            out.write(" ".join(words) + "\n")
    return tokens


def build_vectors(out: Path, *, dim: int = 100, buckets: int = 50000, epochs: int = 10,
                  max_docs: int | None = None, threads: int = 2) -> dict[str, float]:
    """Train floret vectors and write them as a spaCy vectors directory at `out`; returns statistics."""
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="extract-vectors-") as tmp:
        text = Path(tmp) / "text.txt"
        tokens = write_tokenized(training_lines(max_docs), text)
        model = floret.train_unsupervised(
            str(text), model="cbow", mode="floret", hashCount=2, bucket=buckets,
            minn=4, maxn=5, minCount=3, dim=dim, epoch=epochs, thread=threads, verbose=0,
        )
        floret_file = Path(tmp) / "vectors.floret"
        model.save_floret_vectors(str(floret_file))
        nlp = spacy.blank("en")
        convert_vectors(nlp, floret_file, truncate=0, prune=-1, mode="floret")
        out.mkdir(parents=True, exist_ok=True)
        nlp.to_disk(out)
    return {"tokens": tokens, "seconds": round(time.time() - started, 1), "rows": buckets, "dim": dim}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="spaCy vectors directory to write")
    parser.add_argument("--dim", type=int, default=100, help="vector width")
    parser.add_argument("--buckets", type=int, default=50000, help="rows of the hashed n-gram table (size = rows x dim x 4 bytes)")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--max-docs", type=int, default=None, help="use only the first N documents per split")
    args = parser.parse_args(argv)
    stats = build_vectors(args.out, dim=args.dim, buckets=args.buckets, epochs=args.epochs, max_docs=args.max_docs)
    print(f"vectors: {stats['tokens']:,} tokens -> {stats['rows']} x {stats['dim']} in {stats['seconds']}s ({args.out})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
