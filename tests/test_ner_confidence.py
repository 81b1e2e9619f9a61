"""Mention confidence: features, the learnt weights, the recognizer's scores, and the model-mismatch warning."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from extract.corpus.catalog import load_corpus
from extract.document import Document, Section, Span
from extract.ner.confidence import (
    DEFAULT_CONFIDENCE,
    CalibrationMismatchWarning,
    Calibrator,
    Evidence,
    crossed,
    dictionary_fingerprint,
    mention_features,
    model_fingerprint,
)
from extract.ner.dictionary import DEFAULT_DICTIONARY, EntityDictionary
from extract.ner.recognizer import DEFAULT_MODEL, EntityRecognizer
from extract.ner.stage import EntityStage, mention_rows
from extract.paths import REPO_ROOT


def load_script():
    spec = importlib.util.spec_from_file_location("train_ner_confidence", REPO_ROOT / "scripts" / "train_ner_confidence.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


def _mention(text: str, surface: str, label: str, nth: int = 0, source: str = "model") -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Span(start, start + len(surface), label, {"source": source})


def test_features_see_parentheses_short_forms_and_type_conflicts() -> None:
    text = "Tumor necrosis factor (TNF) rose. TNF fell, and TNF was a Chemical here."
    mentions = [
        _mention(text, "Tumor necrosis factor", "Gene"),
        _mention(text, "TNF", "Gene"),
        _mention(text, "TNF", "Gene", nth=1, source="abbreviation"),
        _mention(text, "TNF", "Chemical", nth=2),
    ]
    features = mention_features(text, mentions, Evidence({"TNF"}, {"TNF": "Gene"}), EntityDictionary(binomials=False))
    long_form, in_parens, propagated, conflicting = features
    assert long_form["before_parenthesis"] == 1 and "in_parentheses" not in long_form
    assert long_form["after_sentence_end"] == 1 and long_form["shape=capitalized"] == 1 and long_form["words=3"] == 1
    assert in_parens["in_parentheses"] == 1 and in_parens["defined_short_form"] == 1
    assert in_parens["short_form_same_type"] == 1 and in_parens["shape=upper"] == 1
    assert propagated["source=abbreviation"] == 1 and propagated["previous=rose"] == 1 and propagated["next=fell"] == 1
    assert conflicting["short_form_other_type"] == 1 and "short_form_same_type" not in conflicting
    assert in_parens["same_type_share"] == pytest.approx(2 / 3) and conflicting["same_type_share"] == pytest.approx(1 / 3)
    assert in_parens["tagged_share"] == 1 and in_parens["repeats"] == pytest.approx(np.log(3))


def test_features_see_the_models_probability_and_a_second_recognizers_agreement() -> None:
    text = "IL6 and TNF bind cisplatin in HeLa cells."
    mentions = [_mention(text, s, t) for s, t in (("IL6", "Gene"), ("TNF", "Gene"), ("cisplatin", "Chemical"), ("HeLa", "CellLine"))]
    mentions[0].attrs["model_probability"] = 0.95
    second = {(0, 3, "Gene"), (8, 10, "Gene"), (17, 26, "Gene")}  # IL6 alike, "TN" of TNF, cisplatin as a gene
    features = mention_features(text, mentions, Evidence(second_opinion=second), EntityDictionary(binomials=False))
    assert [next(k for k in f if k.startswith("second_opinion=")) for f in features] == [
        "second_opinion=same", "second_opinion=same_type_overlap", "second_opinion=other_type", "second_opinion=none"]
    assert features[0]["model_probability"] == 0.95 and features[0]["model_probability<=0.97"] == 1
    assert not any(k.startswith("model_probability") for f in features[1:] for k in f)
    alone = mention_features(text, mentions, Evidence(), EntityDictionary(binomials=False))
    assert not any(k.startswith("second_opinion") for f in alone for k in f)


def test_mentions_scored_below_the_threshold_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "confidence.json"
    Calibrator({"role_noun": -6.0}, 3.0, threshold=0.5).save(path)
    assert Calibrator.load(path).threshold == 0.5
    text = "Methotrexate (MTX) reduced pain in patients with rheumatoid arthritis. MTX was safe."
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CalibrationMismatchWarning)
        kept = EntityRecognizer(confidence=path).find(text)
        every = EntityRecognizer(confidence=path, min_score=0).find(text)
    role_nouns = [m for m in every if m.attrs.get("role_noun")]
    assert role_nouns and all(m.attrs["score"] < 0.5 for m in role_nouns)  # "patients"
    assert [m for m in every if m.attrs["score"] >= 0.5] == kept and len(kept) < len(every)


def test_a_type_with_its_own_threshold_is_cut_there(tmp_path: Path) -> None:
    path = tmp_path / "confidence.json"
    Calibrator({}, 0.0, threshold=0.4, type_thresholds={"Disease": 0.6}).save(path)  # every score is 0.5
    loaded = Calibrator.load(path)
    assert (loaded.threshold_for("Chemical"), loaded.threshold_for("Disease")) == (0.4, 0.6)
    text = "Methotrexate (MTX) reduced pain in patients with rheumatoid arthritis. MTX was safe."
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CalibrationMismatchWarning)
        recognizer = EntityRecognizer(confidence=path)
        kept, every = recognizer.find(text), EntityRecognizer(confidence=path, min_score=0).find(text)
    assert {m.label for m in every} >= {"Chemical", "Disease"}
    assert kept == [m for m in every if m.label != "Disease"]
    assert recognizer.threshold("Disease") == 0.6 and EntityRecognizer(confidence=path, min_score=0.7).threshold("Gene") == 0.7


def _examples(rate_by_source: dict[str, float], per_source: int = 200) -> tuple[list[str], list[dict], list[int]]:
    """The same mention from each source, right at the given rate (deterministically)."""
    types, features, labels = [], [], []
    text = "Levels of IL6 rose in the serum."
    for source, rate in rate_by_source.items():
        for i in range(per_source):
            mention = _mention(text, "IL6", "Gene", source=source)
            (f,) = mention_features(text, [mention], Evidence(), EntityDictionary(binomials=False))
            types.append("Gene")
            features.append(f)
            labels.append(int(i < rate * per_source))
    return types, features, labels


def test_weights_learnt_on_a_small_set_score_the_more_often_right_kind_higher() -> None:
    script = load_script()
    types, features, labels = _examples({"model": 0.9, "abbreviation": 0.3})
    weights, intercept = script.fit([crossed(t, f) for t, f in zip(types, features)], np.array(labels), c=10.0)
    calibrator = Calibrator(weights, intercept)
    model_score = calibrator.probability("Gene", features[0])
    abbreviation_score = calibrator.probability("Gene", features[-1])
    assert model_score == pytest.approx(0.9, abs=0.05)
    assert abbreviation_score == pytest.approx(0.3, abs=0.05)


def test_per_type_weights_give_the_logistic_regressions_probability() -> None:
    text = "MMP1 and p53 bind cisplatin in HeLa cells of mice with breast cancer; MMP1 again."
    labels = {"MMP1": "Gene", "p53": "Gene", "cisplatin": "Chemical", "HeLa": "CellLine", "mice": "Species", "breast cancer": "Disease"}
    mentions = [_mention(text, s, t) for s, t in labels.items()] + [_mention(text, "MMP1", "Gene", nth=1, source="abbreviation")]
    mentions.sort(key=lambda m: m.start)
    features = mention_features(text, mentions, Evidence(), EntityDictionary(binomials=False))
    rows = [crossed(m.label, f) for m, f in zip(mentions, features)]
    y = np.array([1, 0, 1, 1, 0, 1, 0])
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=1.0).fit(x, y)
    calibrator = Calibrator(dict(zip(vectorizer.feature_names_, model.coef_[0].tolist())), float(model.intercept_[0]))
    expected = model.predict_proba(x)[:, 1]
    assert [calibrator.probability(m.label, f) for m, f in zip(mentions, features)] == pytest.approx(expected.tolist())


def _fake_model(folder: Path, version: str, weights: bytes) -> Path:
    (folder / "ner").mkdir(parents=True)
    (folder / "meta.json").write_text(json.dumps({"name": "extract_ner", "version": version}))
    (folder / "ner" / "model").write_bytes(weights)
    return folder


def test_mismatch_warns_and_a_match_does_not(tmp_path: Path) -> None:
    old = _fake_model(tmp_path / "old", "0.2.0", b"old weights")
    same_version_new_weights = _fake_model(tmp_path / "new", "0.2.0", b"new weights")
    dictionary = tmp_path / "dictionary.json"
    dictionary.write_text("{}")
    calibrator = Calibrator({}, 0.0, model_fingerprint(old), dictionary_fingerprint(dictionary))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert calibrator.check(old, dictionary)
    with pytest.warns(CalibrationMismatchWarning, match="not the one calibrated for"):
        assert not calibrator.check(same_version_new_weights, dictionary)
    with pytest.warns(CalibrationMismatchWarning, match="dictionary"):
        assert not calibrator.check(old, None)


def test_recognizer_with_another_models_calibration_warns_and_still_scores(tmp_path: Path) -> None:
    stale = Calibrator.load(DEFAULT_CONFIDENCE)
    stale.model = {**stale.model, "version": "0.0.1", "weights_sha256": "0" * 64}
    stale.save(tmp_path / "confidence.json")
    recognizer = EntityRecognizer(confidence=tmp_path / "confidence.json")
    with pytest.warns(CalibrationMismatchWarning, match="0.0.1"):
        mentions = recognizer.find("Cisplatin induced nephrotoxicity in rats.")
    assert mentions and all(0 <= m.attrs["score"] <= 1 for m in mentions)


def test_without_a_calibration_file_mentions_have_no_score(tmp_path: Path) -> None:
    recognizer = EntityRecognizer(confidence=tmp_path / "absent.json")
    assert recognizer.calibrator is None
    assert all("score" not in m.attrs for m in recognizer.find("Cisplatin induced nephrotoxicity in rats."))


def test_mentions_jsonl_rows_carry_the_score(recognizer: EntityRecognizer) -> None:
    text = "Methotrexate (MTX) reduced tumor necrosis factor in patients with rheumatoid arthritis. MTX was safe."
    doc = Document(id="d1", file="p.pdf", text=text, sections=[Section("Results", "results", 0, len(text))])
    EntityStage(recognizer)(doc)
    rows = list(mention_rows(doc))
    assert {"MTX", "rheumatoid arthritis"} <= {r["text"] for r in rows}
    assert all(isinstance(r["score"], float) and 0 <= r["score"] <= 1 for r in rows)


def test_shipped_calibration_is_for_the_shipped_model_and_dictionary() -> None:
    """Fails after a new model or dictionary lands until `python scripts/train_ner_confidence.py` is rerun."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert Calibrator.load(DEFAULT_CONFIDENCE).check(DEFAULT_MODEL, DEFAULT_DICTIONARY)


@pytest.mark.shared
def test_recognizer_scores_right_mentions_higher_on_biored_dev() -> None:
    recognizer = EntityRecognizer(min_score=0)  # every mention, those below the threshold too
    right, wrong = [], []
    for doc in load_corpus("biored").split("dev")[:40]:
        gold = {(m.start, m.end, m.type) for m in doc.mentions}
        for mention in recognizer.find(doc.text):
            assert 0 <= mention.attrs["score"] <= 1
            (right if (mention.start, mention.end, mention.label) in gold else wrong).append(mention.attrs["score"])
    assert len(wrong) >= 20
    assert np.mean(right) > np.mean(wrong) + 0.1
    assert len(set(right + wrong)) > 50  # not one score for everything


@pytest.mark.shared
def test_training_script_writes_weights_for_the_model_it_ran(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "confidence.json"
    load_script().main(["--corpora", "s800", "ncbi-disease", "--out", str(out)])
    printed = capsys.readouterr().out
    assert "| all features: s800 |" in printed and "| 0.9-1.0 |" in printed
    assert "| threshold | s800 | ncbi-disease | mean |" in printed
    calibrator = Calibrator.load(out)
    assert 0 <= calibrator.threshold <= 0.7 and calibrator.second_opinion is None
    assert calibrator.model == model_fingerprint(DEFAULT_MODEL)
    assert calibrator.info["corpora"] == ["s800", "ncbi-disease"] and calibrator.info["predictions"] > 500
    assert any(k.startswith("Disease|") for k in calibrator.weights) and any(k.startswith("Species|") for k in calibrator.weights)
    shutil.rmtree(tmp_path / "cache")
