"""Shared test helpers: the `shared` marker and the skip for tests that need `../shared` data."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from extract.paths import shared_dir

# The Ctrl-C tests need SIGINT to be deliverable. A shell that starts pytest in the background without job
# control (`.ci/run &`, nohup) leaves it ignored, and every process the tests start would inherit that.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

requires_shared = pytest.mark.skipif(
    not shared_dir().exists(),
    reason=f"shared data folder not found at {shared_dir()} (set EXTRACT_SHARED_DIR)",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `@pytest.mark.shared` skip cleanly when the shared folder is absent."""
    for item in items:
        if item.get_closest_marker("shared") is not None:
            item.add_marker(requires_shared)


@pytest.fixture
def train_tiny_ner(tmp_path: Path) -> Callable[..., Path]:
    """Runs scripts/train_ner.py on 8 documents per corpus for 10 steps with a config from models/ner and
    returns the model folder (DocBins in tmp_path/work)."""

    def train(corpora: list[str], config: str, *options: str) -> Path:
        repo = Path(__file__).resolve().parents[1]
        out = tmp_path / "model"
        subprocess.run(
            [sys.executable, str(repo / "scripts" / "train_ner.py"), "--corpora", *corpora,
             "--max-docs", "8", "--max-steps", "10", "--no-vocab-masks", "--config", str(repo / "models" / "ner" / config),
             *options, "--out", str(out), "--workdir", str(tmp_path / "work")],
            check=True, capture_output=True, timeout=600,
        )
        return out

    return train
