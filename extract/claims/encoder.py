"""MiniLM cross-encoders over (prompt, sentence) pairs, fine-tuned here and run by ONNX Runtime.

The input pair is (`intervention versus comparator : outcome`, sentence), as in training
(`scripts/train_direction_encoder.py`); the output is a probability per label of the model's
`labels.json`. Two are shipped beside the claims bundle: the direction reader (`increased`,
`decreased`, `no_difference`) and the evidence reranker, which also has the label `none` (the
sentence does not answer the prompt). A folder holds `model.onnx` (int8), `tokenizer.json`
(WordPiece) and `labels.json`; one ONNX Runtime thread (`extract run` runs one process per core).

Pairs are read one at a time by default: the int8 model quantizes its activations with one scale per
call, so in a padded batch a sentence's probabilities would depend on the sentences beside it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

import numpy as np

from extract.claims.direction import DIRECTIONS, Comparison
from extract.onnx_models import cpu_session

FILES = ("model.onnx", "tokenizer.json", "labels.json")
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
MAX_TOKENS = 160


def prompt_text(comparison: Comparison) -> str:
    """The first text of the pair: what the sentence is read for."""
    return f"{comparison.intervention} versus {comparison.comparator} : {comparison.outcome}"


class CrossEncoder:
    """Label probabilities of comparisons from the ONNX cross-encoder in `folder`."""

    def __init__(self, folder: Path, batch_size: int = 1) -> None:
        from tokenizers import Tokenizer

        folder = Path(folder)
        self.session = cpu_session(folder, FILES, "scripts/train_direction_encoder.py")
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS, strategy="longest_first")
        self.tokenizer.no_padding()
        self.labels: list[str] = json.loads((folder / "labels.json").read_text())
        self.batch_size = batch_size

    def label_proba(self, comparisons: Sequence[Comparison]) -> np.ndarray:
        """Probabilities in `self.labels` order, one row per comparison (batches, if any, sorted by length)."""
        out = np.zeros((len(comparisons), len(self.labels)))
        if not comparisons:
            return out
        encodings = self.tokenizer.encode_batch([(prompt_text(c), c.sentence) for c in comparisons])
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            length = max(len(encodings[i].ids) for i in rows)
            feed = {name: np.zeros((len(rows), length), dtype=np.int64) for name in INPUTS}
            for row, i in enumerate(rows):
                encoding = encodings[i]
                n = len(encoding.ids)
                feed["input_ids"][row, :n] = encoding.ids
                feed["attention_mask"][row, :n] = 1
                feed["token_type_ids"][row, :n] = encoding.type_ids
            (logits,) = self.session.run(["logits"], feed)
            logits = logits - logits.max(-1, keepdims=True)
            probabilities = np.exp(logits)
            out[rows] = probabilities / probabilities.sum(-1, keepdims=True)
        return out


class DirectionEncoder(CrossEncoder):
    """Direction probabilities (rows in `DIRECTIONS` order) from a cross-encoder."""

    def predict_proba(self, comparisons: Sequence[Comparison]) -> np.ndarray:
        """Probabilities in `DIRECTIONS` order, one row per comparison (other labels left out, rows rescaled)."""
        proba = self.label_proba(comparisons)[:, [self.labels.index(d) for d in DIRECTIONS]]
        return proba / np.maximum(proba.sum(axis=1, keepdims=True), 1e-12)
