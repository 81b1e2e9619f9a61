"""The learned sample-size ranker: trained on generated abstracts, saved and loaded, the shipped one beside
the rules, and the training script's cross-validation."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

from extract.fields.regions import Paper, Region
from extract.fields.sample_size import extract_sample_size, total_candidates
from extract.fields.sample_size_model import MODEL_PATH, SampleSizeRanker, shipped_ranker

TEMPLATES = (
    "Chemotherapy-induced nausea is common. Of {s} women screened for eligibility, {e} were randomized to ginger or placebo. Nausea fell.",
    "We screened {s} patients and randomized {e} participants to yoga or usual care. Fatigue improved with yoga.",
    "A trial of exercise after surgery. {e} survivors were enrolled after {s} survivors had been assessed for eligibility.",
    "Between 2010 and 2014, {s} patients were assessed for eligibility and {e} patients were randomly assigned. Pain was lower.",
)
"""Abstracts whose enrolled count `e` is the total; the screened count `s` comes first in three of them."""


def abstract(text: str) -> Paper:
    return Paper(text, (Region("abstract", 0, len(text)),))


def generated(n: int, seed: int) -> list[tuple[Paper, int, int]]:
    """`n` abstracts from `TEMPLATES` with random screened and enrolled counts (enrolled < screened)."""
    rng = random.Random(seed)
    found = []
    for i in range(n):
        enrolled = rng.randint(20, 400)
        screened = enrolled + rng.randint(5, 300)
        found.append((abstract(TEMPLATES[i % len(TEMPLATES)].format(s=screened, e=enrolled)), enrolled, screened))
    return found


def train_on(abstracts: list[tuple[Paper, int, int]], weight: float = 2.0) -> SampleSizeRanker:
    features, labels = [], []
    for paper, enrolled, _ in abstracts:
        candidates, candidate_features = total_candidates(paper, "rct")
        features += candidate_features
        labels += [c.count.value == enrolled for c in candidates]
    return SampleSizeRanker.fit(features, labels, c=1.0, weight=weight)


def probability_of(ranker: SampleSizeRanker, paper: Paper, value: int) -> float:
    candidates, features = total_candidates(paper, "rct")
    (probability,) = [p for c, p in zip(candidates, ranker.probabilities(features)) if c.count.value == value]
    return probability


def test_a_ranker_trained_on_generated_abstracts_prefers_the_enrolled_over_the_screened_count() -> None:
    ranker = train_on(generated(40, seed=1))
    for paper, enrolled, screened in generated(12, seed=2):
        assert probability_of(ranker, paper, enrolled) > 0.5 > probability_of(ranker, paper, screened)
        result = extract_sample_size(paper, "rct", ranker=ranker)
        assert result.total.count.value == enrolled
        assert result.confidence == pytest.approx(probability_of(ranker, paper, enrolled), abs=0.01)


def test_context_words_tell_a_screened_count_that_the_rules_read_as_enrolled() -> None:
    # "We screened 300 patients and randomized 120": the nearest cue after 300 is "randomized", so the rules
    # call both counts enrolled and the first stated one wins; the words left of the count say otherwise.
    paper = abstract(TEMPLATES[1].format(s=300, e=120))
    assert extract_sample_size(paper, "rct", use_ranker=False).total.count.value == 300
    assert extract_sample_size(paper, "rct", ranker=train_on(generated(40, seed=3))).total.count.value == 120


def test_saved_ranker_loads_with_its_weight_and_gives_the_same_probabilities(tmp_path: Path) -> None:
    ranker = train_on(generated(20, seed=4), weight=3.0)
    path = tmp_path / "ranker.joblib"
    ranker.save(path)
    loaded = SampleSizeRanker.load(path)
    paper, _, _ = generated(1, seed=5)[0]
    _, features = total_candidates(paper, "rct")
    assert loaded.weight == 3.0
    assert loaded.probabilities(features) == pytest.approx(ranker.probabilities(features))
    assert loaded.probabilities([]) == []


def test_the_shipped_ranker_is_small_and_keeps_the_enrolled_count_over_a_screened_pool() -> None:
    assert MODEL_PATH.stat().st_size < 200_000
    ranker = shipped_ranker()
    assert ranker is not None
    # PICO's gold often marks such a screened pool (the first number stated); we report the randomized one
    text = "From 2014 to 2015, 160 patients were screened, 92 were randomized to T + P and 42 to T + placebo."
    result = extract_sample_size(abstract(text), "rct")
    assert result.total.count.value == 92
    assert 0.0 < result.confidence <= 1.0


def test_reviews_keep_the_rules() -> None:
    text = "We included 31 studies with a total of 4,179 patients in the meta-analysis."
    result = extract_sample_size(abstract(text), "meta_analysis", ranker=train_on(generated(20, seed=6)))
    assert (result.n_studies.count.value, result.total.count.value) == (31, 4179)


def _training_script():
    path = Path(__file__).resolve().parents[1] / "scripts" / "train_sample_size.py"
    spec = importlib.util.spec_from_file_location("train_sample_size", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks the module up
    spec.loader.exec_module(module)
    return module


def test_training_script_cross_validates_whole_abstracts() -> None:
    script = _training_script()
    abstracts = []
    for paper, enrolled, _ in generated(30, seed=7):
        candidates, features = total_candidates(paper)
        abstracts.append(script.Abstract(enrolled, candidates, features))
    right = script.cross_validate(abstracts, 1.0, (1.0, 2.0))
    assert set(right) == {1.0, 2.0}
    assert all(27 <= n <= 30 for n in right.values())  # the held-out folds get their enrolled totals
    ranker = script.fit(abstracts, 1.0, 2.0)
    assert script.correct(ranker, abstracts) == 30
