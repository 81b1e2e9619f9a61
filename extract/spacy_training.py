"""Train a spaCy pipeline from a config and ship its best checkpoint with our metadata (the NER and PICO
training scripts share it)."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

from spacy.cli.train import train as spacy_train


def train_and_export(
    config: Path,
    workdir: Path,
    out: Path,
    overrides: dict[str, Any],
    *,
    max_steps: int | None,
    eval_every: int,
    started: float,
    **meta: Any,
) -> dict[str, Any]:
    """`spacy train` `config` into `workdir/output` (on the CPU; `max_steps` caps a short run, evaluated every
    `eval_every` steps at most), copy the best checkpoint to `out` and add `meta` and the training seconds
    since `started` to its `meta.json`; returns that metadata."""
    overrides = dict(overrides)
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
        overrides["training.eval_frequency"] = min(eval_every, max(10, max_steps // 5))
    spacy_train(config, workdir / "output", use_gpu=-1, overrides=overrides)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(workdir / "output" / "model-best", out)
    written = json.loads((out / "meta.json").read_text())
    written.update(meta, training_seconds=round(time.time() - started))
    (out / "meta.json").write_text(json.dumps(written, indent=2))
    return written
