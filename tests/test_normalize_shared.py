"""Normalization on the shared vocabularies and corpora (skipped without `../shared`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.bench.norm import score_norm
from extract.corpus import load_corpus
from extract.normalize import bench
from extract.normalize.fallback import DEFAULT_MODEL_DIR, FallbackModel
from extract.normalize.index import build_index
from extract.normalize.lexicon import Lexicon
from extract.normalize.normalizer import Normalizer
from extract.normalize.sources import file_sources
from extract.paths import vocab_dir

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def depmap_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sources = file_sources([vocab_dir() / "depmap_cell_lines"])
    return build_index(sources, tmp_path_factory.mktemp("depmap") / "index.sqlite")


def test_depmap_cell_lines_map_to_cellosaurus(depmap_index: Path) -> None:
    lexicon = Lexicon(depmap_index)
    assert [c.identifier for c in lexicon.lookup("CellLine", "THP1")] == ["CVCL_0006"]
    assert [c.identifier for c in lexicon.lookup("CellLine", "thp-1")] == ["CVCL_0006"]
    assert [c.identifier for c in lexicon.lookup("CellLine", "HeLa")] == ["CVCL_0030"]


def test_shipped_fallback_is_small_and_knows_training_names() -> None:
    size = sum(f.stat().st_size for f in DEFAULT_MODEL_DIR.iterdir())
    assert size < 10_000_000
    model = FallbackModel.load()
    match = model.match("Species", "patients")
    assert match is not None and match.identifier == "NCBITaxon:9606" and match.similarity > 0.99


def test_bioid_dev_on_gold_spans(depmap_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cell lines of BioID's dev captions, with DepMap + the learned fallback only."""
    normalizer = Normalizer(index=depmap_index)
    monkeypatch.setattr(bench, "shared_normalizer", lambda: normalizer)
    gold = load_corpus("bioid").split("dev")[:300]
    scores = score_norm(gold, bench.predict_norm(gold))
    assert scores["metrics"]["CellLine"]["f1"] > 0.8
    assert scores["mention_metrics"]["CellLine"]["tp"] > 50
