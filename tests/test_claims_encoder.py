"""The claim models' second direction reader: the MiniLM cross-encoder (ONNX), its use beside the linear
model, and a tiny run of its training script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from extract.claims.direction import DIRECTIONS, Comparison
from extract.claims.encoder import DirectionEncoder
from extract.claims.models import DEFAULT_MODEL, ENCODER_FOLDER, ClaimModels

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = DEFAULT_MODEL.parent / ENCODER_FOLDER
COMPARISONS = [
    Comparison("Pain scores were significantly lower with ibuprofen than with placebo (p < 0.001).", "ibuprofen", "placebo", "pain"),
    Comparison("Weight gain was significantly greater in the insulin group than in the control group (p = 0.01).", "insulin", "control", "weight gain"),
    Comparison("There was no significant difference in mortality between the two groups (p = 0.62).", "aspirin", "placebo", "mortality"),
]


@pytest.fixture(scope="module")
def models() -> ClaimModels:
    return ClaimModels.load()


def test_the_shipped_encoder_reads_the_three_directions() -> None:
    proba = DirectionEncoder(SHIPPED).predict_proba(COMPARISONS)
    assert proba.shape == (3, 3) and np.allclose(proba.sum(axis=1), 1)
    assert [DIRECTIONS[i] for i in proba.argmax(axis=1)] == ["decreased", "increased", "no_difference"]
    assert DirectionEncoder(SHIPPED).predict_proba([]).shape == (0, 3)


def test_the_bundle_averages_the_linear_model_and_the_encoder(models: ClaimModels) -> None:
    assert models.encoder is not None
    linear = models.direction.predict_proba(COMPARISONS)
    encoder = models.encoder.predict_proba(COMPARISONS)
    assert np.allclose(models.direction_proba(COMPARISONS), (linear + encoder) / 2)
    assert np.allclose(ClaimModels.load(encoder=False).direction_proba(COMPARISONS), linear)


def test_saving_the_bundle_leaves_the_encoder_out(models: ClaimModels, tmp_path: Path) -> None:
    models.save(tmp_path / "claims.joblib")
    assert models.encoder is not None  # still usable after saving
    assert ClaimModels.load(tmp_path / "claims.joblib").encoder is None  # no folder beside the copy


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="model.onnx"):
        DirectionEncoder(tmp_path)


@pytest.mark.shared
def test_tiny_training_run_exports_a_loadable_encoder(tmp_path: Path) -> None:
    script = [sys.executable, str(ROOT / "scripts" / "train_direction_encoder.py")]
    run, out = tmp_path / "run", tmp_path / "encoder"
    subprocess.run([*script, "train", "--out", str(run), "--max-docs", "2", "--epochs", "1", "--batch", "4"], check=True)
    subprocess.run([*script, "export", "--run", str(run), "--out", str(out)], check=True)
    assert (out / "model.onnx").stat().st_size > 10_000_000
    proba = DirectionEncoder(out).predict_proba(COMPARISONS)
    assert proba.shape == (3, 3) and np.allclose(proba.sum(axis=1), 1)
