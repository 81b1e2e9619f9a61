"""Train the PICO span tagger (models/pico/model) on EBM-NLP's crowd-labelled abstracts.

    OMP_NUM_THREADS=1 python scripts/train_pico.py                        # full run, writes models/pico/model
    python scripts/train_pico.py --max-docs 20 --max-steps 20 --out /tmp/pico-tiny   # a smoke run

A spaCy CNN pipeline (scispaCy tokenizer, `tok2vec` + `ner`) tags Participants, Interventions and Outcomes
spans. It learns from the `train` split of the `ebm-nlp-pico` catalog corpus; the checkpoint with the best
macro token-level F1 on its `dev` split is kept. The `test` split is not read. The model folder's sha256s
are written beside it (`models/pico/model.sha256`; check with `cd models/pico && sha256sum -c model.sha256`).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from extract.bench.pico import corpus_tokens
from extract.corpus.catalog import load_corpus
from extract.corpus.model import CorpusDocument
from extract.ner.tokenizer import entity_tokenizer  # noqa: F401  (registers the "extract.entity_tokenizer" callback)
from extract.paths import MODELS_DIR
from extract.pico.spacy_scorer import SCORE_KEY  # the module registers the config's scorer
from extract.spacy_training import train_and_export

CORPUS = "ebm-nlp-pico"
MODEL_VERSION = "0.1.0"


def reference_doc(vocab: Vocab, document: CorpusDocument) -> Doc:
    """The document with the corpus's own tokens (other whitespace than one space as tokens of their own) and
    its mentions as entities; spaCy aligns it to the pipeline's finer tokens in training."""
    text = document.text
    words: list[str] = []
    spaces: list[bool] = []
    previous_end = 0
    for start, end in corpus_tokens(document):
        gap = text[previous_end:start]
        if words and gap.startswith(" "):
            spaces[-1], gap = True, gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
        words.append(text[start:end])
        spaces.append(False)
        previous_end = end
    doc = Doc(vocab, words=words, spaces=spaces)
    entities = [doc.char_span(m.start, m.end, label=m.type) for m in document.mentions]
    if any(entity is None for entity in entities):
        raise ValueError(f"document {document.id}: a mention is not a token span")
    doc.ents = entities
    return doc


def build_docbins(workdir: Path, max_docs: int | None) -> dict[str, int]:
    """Write train.spacy and dev.spacy to `workdir`; returns the document counts."""
    corpus = load_corpus(CORPUS)
    vocab = Vocab()
    counts = {}
    for split in ("train", "dev"):
        documents = corpus.split(split)[:max_docs]
        docbin = DocBin(attrs=["ENT_IOB", "ENT_TYPE"], docs=(reference_doc(vocab, d) for d in documents))
        docbin.to_disk(workdir / f"{split}.spacy")
        counts[split] = len(docbin)
    return counts


def write_manifest(model: Path) -> Path:
    """`MODEL.sha256` beside the model folder: `sha256sum` lines for every file in it, paths relative to its parent."""
    manifest = model.with_name(f"{model.name}.sha256")
    lines = [
        f"{hashlib.sha256(file.read_bytes()).hexdigest()}  {file.relative_to(model.parent).as_posix()}"
        for file in sorted(model.rglob("*"))
        if file.is_file()
    ]
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, default=MODELS_DIR / "pico" / "config.cfg")
    parser.add_argument("--out", type=Path, default=MODELS_DIR / "pico" / "model", help="where the trained pipeline goes")
    parser.add_argument("--workdir", type=Path, default=None, help="keep DocBins and checkpoints here")
    parser.add_argument("--max-docs", type=int, default=None, help="use only the first N documents per split")
    parser.add_argument("--max-steps", type=int, default=None, help="override training.max_steps")
    args = parser.parse_args(argv)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="extract-pico-"))
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.time()
    counts = build_docbins(workdir, args.max_docs)
    print(f"docbins: {counts} ({workdir})", flush=True)
    overrides = {"paths.train": str(workdir / "train.spacy"), "paths.dev": str(workdir / "dev.spacy")}
    meta = train_and_export(
        args.config, workdir, args.out, overrides, max_steps=args.max_steps, eval_every=200, started=started,
        name="extract_pico",
        version=MODEL_VERSION,
        description="Participants, Interventions, Outcomes spans in trial abstracts (spaCy CNN, scispaCy tokenizer)",
        sources=[{"name": CORPUS, "split": "train", "documents": counts["train"]}],
    )
    manifest = write_manifest(args.out)
    dev_score = meta.get("performance", {}).get(SCORE_KEY, 0.0)
    print(f"trained in {time.time() - started:.0f}s -> {args.out} (dev macro token F1 {dev_score:.3f}; {manifest})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
