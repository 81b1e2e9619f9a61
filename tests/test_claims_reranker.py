"""The evidence reranker: MiniLM cross-encoder relevance (1 - P(none)) blended with the linear ranker, its
use in `ClaimModels.answer`, and a tiny run of its training."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from extract.claims.direction import Comparison
from extract.claims.evidence import Prompt
from extract.claims.models import DEFAULT_MODEL, ENCODER_FOLDER, RERANKER_FOLDER, ClaimModels
from extract.claims.reranker import EvidenceReranker, RerankSettings
from extract.claims.zones import headed_text_sentences

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = DEFAULT_MODEL.parent / RERANKER_FOLDER
PROMPT = Prompt("ibuprofen", "placebo", "pain")
ANSWER = "Pain scores were significantly lower with ibuprofen than with placebo (p < 0.001)."
OTHER_OUTCOME = "Nausea was more frequent with ibuprofen than with placebo (p = 0.03)."
METHODS = "Patients were recruited from three hospitals between 2010 and 2012."
BACKGROUND = "Pain is the most common reason for consulting a doctor."
ARTICLE = (
    f"Background\n{BACKGROUND}\nMethods\n{METHODS}\n"
    f"Results\n{OTHER_OUTCOME} {ANSWER} Pain was measured again at 6 weeks."
)


def comparisons(sentences: list[str]) -> list[Comparison]:
    return [Comparison(s, PROMPT.intervention, PROMPT.comparator, PROMPT.outcome) for s in sentences]


@pytest.fixture(scope="module")
def reranker() -> EvidenceReranker:
    return EvidenceReranker(SHIPPED)


def test_relevance_is_highest_for_the_sentence_that_answers_the_prompt(reranker: EvidenceReranker) -> None:
    answer, other_outcome, methods, background = reranker.relevance(
        comparisons([ANSWER, OTHER_OUTCOME, METHODS, BACKGROUND])
    )
    assert answer > 0.8
    assert answer > other_outcome > max(methods, background)
    assert max(methods, background) < 0.2


def test_reorder_sorts_only_the_candidates_by_the_blend(reranker: EvidenceReranker) -> None:
    order = np.array([3, 0, 2, 1])
    ranks = np.array([0.5, 0.1, 0.4, 0.9])
    relevance = np.array([0.01, 0.9, 0.5])  # for sentences 3, 0, 2; sentence 1 is not read
    reranker.settings = RerankSettings(candidates=3, ranker_weight=0.5)
    assert reranker.reorder(order, ranks, relevance).tolist() == [0, 2, 3, 1]
    reranker.settings = RerankSettings(candidates=3, ranker_weight=1.0)  # the ranker alone: order kept
    assert reranker.reorder(order, ranks, relevance).tolist() == [3, 0, 2, 1]


def test_shipped_settings_are_read_from_the_folder(reranker: EvidenceReranker) -> None:
    saved = json.loads((SHIPPED / "reranker.json").read_text())
    assert EvidenceReranker(SHIPPED).settings == RerankSettings(**saved)


def test_a_model_without_the_none_label_is_refused() -> None:
    with pytest.raises(ValueError, match="none"):
        EvidenceReranker(DEFAULT_MODEL.parent / ENCODER_FOLDER)


def test_answer_takes_its_evidence_from_the_reranked_candidates() -> None:
    sentences = headed_text_sentences(ARTICLE)
    models = ClaimModels.load()
    assert models.reranker is not None and ClaimModels.load(reranker=False).reranker is None
    models.reranker.settings = RerankSettings(candidates=len(sentences), ranker_weight=0.0)
    relevance = models.reranker.relevance(comparisons([s.text for s in sentences]))
    answer = models.answer(PROMPT, sentences)
    assert answer.evidence is sentences[int(relevance.argmax())]
    assert answer.evidence.text == ANSWER and answer.direction == "decreased"


def test_saving_the_bundle_leaves_the_reranker_out(tmp_path: Path) -> None:
    models = ClaimModels.load()
    models.save(tmp_path / "claims.joblib")
    assert models.reranker is not None
    assert ClaimModels.load(tmp_path / "claims.joblib").reranker is None


@pytest.mark.shared
def test_tiny_evidence_training_run_exports_a_loadable_reranker(tmp_path: Path) -> None:
    script = [sys.executable, str(ROOT / "scripts" / "train_direction_encoder.py")]
    run, out = tmp_path / "run", tmp_path / "reranker"
    subprocess.run(
        [*script, "train", "--task", "evidence", "--out", str(run), "--max-docs", "3", "--epochs", "0.5",
         "--batch", "8"],
        check=True,
    )
    subprocess.run([*script, "export", "--run", str(run), "--out", str(out)], check=True)
    reranker = EvidenceReranker(out)
    assert reranker.encoder.labels[-1] == "none"
    relevance = reranker.relevance(comparisons([ANSWER, METHODS]))
    assert relevance.shape == (2,) and ((relevance >= 0) & (relevance <= 1)).all()
