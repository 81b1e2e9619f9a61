"""Train the shipped entity recognizer (models/ner) from the corpora in ../shared/corpora.

    python scripts/train_ner.py                      # full run, writes models/ner/model
    python scripts/train_ner.py --max-docs 20 --max-steps 50 --out /tmp/ner-tiny   # a smoke run

One spaCy CNN pipeline (scispaCy tokenizer) recognizes Gene, Disease, Chemical, Species and CellLine.
Corpora that annotate only some types are used with masked missing labels
(`extract/ner/training_data.py`); with `--teacher accurate` the accurate model's mentions of the
types a corpus does not annotate are taught as entities (`scripts/ner_teacher.py`). Model selection
uses the dev splits only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import spacy
from spacy.tokens import DocBin
from thinc.api import Config

from build_ner_vectors import build_vectors
from ner_teacher import teacher_mentions
from extract.corpus.catalog import load_corpus
from extract.corpus.harmonize import ENTITY_TYPES
from extract.ner.task_tags import FACTORY as TASK_TAG_FACTORY
from extract.ner.task_tags import tag_docs  # the module registers the task-tag component and reader
from extract.ner.tokenizer import entity_tokenizer  # registers the "extract.entity_tokenizer" callback
from extract.ner.training_data import TrainingSource, stable_fraction, surface_lexicon, training_docs
from extract.ner.vocab_masks import vocabulary_forms
from extract.paths import MODELS_DIR
from extract.spacy_training import train_and_export

TRAINING_CORPORA: dict[str, tuple[str, ...]] = {
    "biored": ENTITY_TYPES,
    "bc5cdr": ("Chemical", "Disease"),
    "ncbi-disease": ("Disease",),
    "nlm-gene": ("Gene",),
    "gnormplus": ("Gene",),
    "bc2gm": ("Gene",),
    "linnaeus": ("Species",),
    "s800": ("Species",),
    "bioid": ("CellLine",),
}
"""Corpus -> the types it annotates completely (the rest are masked where they may occur)."""

SAMPLING: dict[str, float] = {"biored": 3, "bc5cdr": 3, "bc2gm": 0.5, "bioid": 0.5}
"""How often each corpus's chunks are used (default 1): the two corpora that annotate chemicals and
diseases completely are repeated, the large sentence/caption corpora that annotate one type are halved."""

KEEP_EMPTY = 0.3
"""Share of training docs without any entity that is kept (most BC2GM/BioID sentences are empty)."""

MODEL_VERSION = "0.4.1"

DEV_CORPORA = ("biored", "bc5cdr")
"""Dev splits spaCy selects the best checkpoint on (BioRED has all five types)."""


def _sources(names: list[str], split: str, max_docs: int | None) -> list[TrainingSource]:
    sources = []
    for name in names:
        corpus = load_corpus(name)
        if max_docs is not None:
            corpus.splits = {k: v[:max_docs] for k, v in corpus.splits.items()}
        sources.append(TrainingSource(corpus, split, TRAINING_CORPORA[name]))
    return sources


def _teach(sources: list[TrainingSource], teacher: str, cache: Path) -> list[TrainingSource]:
    """The sources with the `teacher` recognizer's mentions attached (corpora that annotate every type need none)."""
    partial = {s.corpus.name: s.documents for s in sources if set(ENTITY_TYPES) - set(s.types)}
    labels = teacher_mentions(partial, teacher, cache)
    return [TrainingSource(s.corpus, s.split, s.types, labels.get(s.corpus.name)) for s in sources]


def build_docbins(
    names: list[str],
    workdir: Path,
    max_docs: int | None,
    vocab_masks: bool = True,
    teacher: str | None = None,
    task_tags: bool = False,
) -> dict[str, int]:
    """Write train.spacy and dev.spacy to `workdir`; returns doc counts. With a `teacher` (a recognizer
    name), the train docs also get its mentions of the types their corpus does not annotate; with
    `task_tags`, every token carries its corpus's task tag (`extract/ner/task_tags.py`)."""
    nlp = spacy.blank("en")
    nlp.tokenizer = entity_tokenizer(nlp)
    train_sources = _sources(names, "train", max_docs)
    if teacher:
        train_sources = _teach(train_sources, teacher, workdir / f"teacher-{teacher}.jsonl")
    lexicon = surface_lexicon(train_sources, min_count=2)
    for entity_type, forms in (vocabulary_forms() if vocab_masks else {}).items():
        lexicon[entity_type] |= forms
    attrs = ["ENT_IOB", "ENT_TYPE", *(["LEMMA"] if task_tags else [])]
    counts = {}
    docbin = DocBin(attrs=attrs)
    for source in train_sources:
        weight = SAMPLING.get(source.corpus.name, 1)
        docs = training_docs(nlp, [source], lexicon, keep_empty=KEEP_EMPTY)
        for doc in tag_docs(docs, source.corpus.name) if task_tags else docs:
            for _ in range(int(weight)):
                docbin.add(doc)
            if stable_fraction(doc.text) < weight % 1:
                docbin.add(doc)
    docbin.to_disk(workdir / "train.spacy")
    counts["train"] = len(docbin)
    dev_sources = _sources([n for n in names if n in DEV_CORPORA] or names[:1], "dev", max_docs)
    docbin = DocBin(attrs=attrs)
    for source in dev_sources:
        docs = training_docs(nlp, [source], lexicon)
        for doc in tag_docs(docs, source.corpus.name) if task_tags else docs:
            docbin.add(doc)
    docbin.to_disk(workdir / "dev.spacy")
    counts["dev"] = len(docbin)
    return counts


def uses_static_vectors(config_path: Path) -> bool:
    """Whether the config's tok2vec reads static vectors (then floret vectors are built for it)."""
    config = Config().from_disk(config_path, interpolate=False)
    return bool(config["components"]["tok2vec"]["model"]["embed"].get("include_static_vectors"))


def uses_task_tags(config_path: Path) -> bool:
    """Whether the config's pipeline has the task-tag component (then the DocBins are tagged)."""
    config = Config().from_disk(config_path, interpolate=False)
    return any(c.get("factory") == TASK_TAG_FACTORY for c in config["components"].values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", nargs="+", default=list(TRAINING_CORPORA), choices=list(TRAINING_CORPORA))
    parser.add_argument("--config", type=Path, default=MODELS_DIR / "ner" / "config.cfg")
    parser.add_argument("--out", type=Path, default=MODELS_DIR / "ner" / "model", help="where the trained pipeline goes")
    parser.add_argument("--workdir", type=Path, default=None, help="keep DocBins and checkpoints here")
    parser.add_argument("--max-docs", type=int, default=None, help="use only the first N documents per split")
    parser.add_argument("--max-steps", type=int, default=None, help="override training.max_steps")
    parser.add_argument("--vectors", type=Path, default=None,
                        help="for a config with static vectors (models/ner/config-vectors.cfg): a spaCy vectors directory "
                             "from scripts/build_ner_vectors.py (default: build one in the workdir)")
    parser.add_argument("--vector-buckets", type=int, default=50000, help="rows of the floret table when building vectors")
    parser.add_argument("--vector-dim", type=int, default=100, help="vector width when building vectors")
    parser.add_argument("--no-vocab-masks", dest="vocab_masks", action="store_false",
                        help="mask only the training corpora's own surface forms, not MeSH/HGNC names (fast smoke runs)")
    parser.add_argument("--teacher", default=None,
                        help="a recognizer ('accurate') whose mentions fill in the types each corpus does not annotate; "
                             "cached in the workdir as teacher-NAME.jsonl")
    args = parser.parse_args(argv)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="extract-ner-"))
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.time()
    task_tags = uses_task_tags(args.config)
    counts = build_docbins(args.corpora, workdir, args.max_docs, args.vocab_masks, args.teacher, task_tags)
    print(f"docbins: {counts} in {time.time() - started:.0f}s ({workdir})", flush=True)
    overrides = {"paths.train": str(workdir / "train.spacy"), "paths.dev": str(workdir / "dev.spacy")}
    if uses_static_vectors(args.config):
        vectors = args.vectors or workdir / "vectors"
        if args.vectors is None:
            stats = build_vectors(vectors, dim=args.vector_dim, buckets=args.vector_buckets, max_docs=args.max_docs)
            print(f"vectors: {stats['tokens']:,} tokens in {stats['seconds']}s", flush=True)
        overrides["paths.vectors"] = str(vectors)
    train_and_export(
        args.config, workdir, args.out, overrides, max_steps=args.max_steps, eval_every=500, started=started,
        name="extract_ner",
        version=MODEL_VERSION,
        description="Gene, Disease, Chemical, Species, CellLine recognizer (spaCy CNN, scispaCy tokenizer)",
        sources=[{"name": n, "types": list(TRAINING_CORPORA[n])} for n in args.corpora],
        teacher=args.teacher,
        task_tags=task_tags,
    )
    print(f"trained in {time.time() - started:.0f}s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
