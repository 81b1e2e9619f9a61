"""PICO spans: the EBM-NLP reader, the token-level scorer, `extract bench pico` and the shipped tagger."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.bench.pico import score_pico
from extract.bench.tasks import TASKS
from extract.cli import app
from extract.corpus.catalog import catalog, load_entry
from extract.corpus.check import check_corpus, compare_expected
from extract.corpus.model import CorpusDocument, Mention, Passage
from extract.corpus.studyfields.ebm_nlp import DEV_PERCENT, read_ebm_nlp
from extract.corpus.studyfields.splits import hash_split

CONLL = """\
-DOCSTART- (111)

Aspirin NN O I-INT
in NN O O
adults NN O I-PAR
with NN O I-PAR
fever NN O I-PAR
pain NN O I-OUT


-DOCSTART- (222)

Pain NN O I-OUT
fell NN O O
. NN O I-OUT

scores NN O I-OUT
fell NN O O
"""


def write_corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "dev.txt").write_text(CONLL, encoding="utf-8")
    (folder / "test.txt").write_text(CONLL.replace("111", "333").replace("222", "444"), encoding="utf-8")
    return folder


def test_reader_text_tokens_and_runs(tmp_path: Path) -> None:
    (first, second) = read_ebm_nlp(write_corpus(tmp_path / "ebm") / "dev.txt").split("all")
    assert first.id == "111" and first.text == "Aspirin in adults with fever pain"
    assert first.labels["tokens"][:3] == [(0, 7), (8, 10), (11, 17)]
    assert [(m.start, m.end, m.text, m.type) for m in first.mentions] == [
        (0, 7, "Aspirin", "Interventions"),
        (11, 28, "adults with fever", "Participants"),
        (29, 33, "pain", "Outcomes"),
    ]
    # a run stops at a sentence break, which is a newline in the text
    assert second.text == "Pain fell .\nscores fell"
    assert [(m.text, m.start) for m in second.mentions] == [("Pain", 0), (".", 10), ("scores", 12)]
    assert [second.text[a:b] for a, b in second.labels["tokens"]] == ["Pain", "fell", ".", "scores", "fell"]


def test_reader_splits_dev_txt_by_pmid_and_keeps_test(tmp_path: Path) -> None:
    corpus = read_ebm_nlp(write_corpus(tmp_path / "ebm"))
    assert [d.id for d in corpus.split("test")] == ["333", "444"]
    held_out = {d.id: split for split in ("train", "dev") for d in corpus.split(split)}
    assert held_out == {pmid: hash_split(pmid, DEV_PERCENT) for pmid in ("111", "222")}


@pytest.mark.shared
def test_catalog_corpus_has_the_counts_source_md_gives() -> None:
    entry = catalog()["ebm-nlp-pico"]
    corpus = load_entry(entry)
    assert compare_expected(check_corpus(corpus), entry) == {"train": [], "dev": [], "test": []}
    assert not {d.id for d in corpus.split("train")} & {d.id for d in corpus.split("dev")}


def gold_document() -> CorpusDocument:
    text = "Sixty adults with acne got gel or placebo ; acne lesions fell ."
    words = text.split(" ")
    starts = [sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
    tokens = [(s, s + len(w)) for s, w in zip(starts, words)]

    def mention(phrase: str, kind: str) -> Mention:
        start = text.index(phrase)
        return Mention(start, start + len(phrase), phrase, kind)

    mentions = [mention("adults with acne", "Participants"), mention("gel or placebo", "Interventions"), mention("acne lesions", "Outcomes")]
    return CorpusDocument("1", [Passage("abstract", 0, text)], mentions, labels={"tokens": tokens})


def test_token_scorer_counts_tokens_by_character_overlap() -> None:
    gold = gold_document()
    text = gold.text
    predicted = [
        Mention(6, 18, text[6:18], "Participants"),  # "adults with " ends where "acne" starts: 2 tokens, not 3
        Mention(text.index("got"), text.index(" or"), "got gel", "Interventions"),  # 1 right, 1 wrong
        Mention(text.index("lesions") + 2, text.index("lesions") + 4, "si", "Outcomes"),  # inside "lesions"
        Mention(0, 5, "Sixty", "Dose"),  # not a PICO label
    ]
    result = score_pico([gold], [CorpusDocument("1", gold.passages, predicted)])
    metrics = result["metrics"]
    counts = {label: (metrics[label]["tp"], metrics[label]["fp"], metrics[label]["fn"]) for label in ("Participants", "Interventions", "Outcomes")}
    assert counts == {"Participants": (2, 0, 1), "Interventions": (1, 1, 2), "Outcomes": (1, 0, 1)}
    assert (result["tokens"], result["ignored_predictions"]) == (13, 1)
    assert metrics["Participants"]["f1"] == pytest.approx(0.8)
    assert metrics["macro"]["f1"] == pytest.approx((0.8 + 0.4 + 2 / 3) / 3)


def test_token_scorer_on_the_reader_gold_and_missing_predictions(tmp_path: Path) -> None:
    docs = read_ebm_nlp(write_corpus(tmp_path / "ebm") / "dev.txt").split("all")
    perfect = score_pico(docs, docs)["metrics"]
    assert (perfect["macro"]["f1"], perfect["micro"]["tp"], perfect["micro"]["fp"]) == (1.0, 8, 0)
    nothing = score_pico(docs, [])["metrics"]
    assert (nothing["micro"]["tp"], nothing["micro"]["fn"]) == (0, 8)


def test_bench_pico_scores_a_predictions_file_and_writes_json(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "ebm")
    pred = tmp_path / "pred"
    pred.mkdir()
    (pred / "111.txt").write_text("Aspirin in adults with fever pain", encoding="utf-8")
    (pred / "111.ann").write_text("T1\tParticipants 11 22\tadults with\nT2\tOutcomes 0 7\tAspirin\n", encoding="utf-8")
    out = tmp_path / "pico.json"
    args = ["bench", "pico", "--corpus", str(corpus / "dev.txt"), "--format", "ebm-nlp-pico", "--split", "all",
            "--pred", str(pred), "--pred-format", "brat", "--json", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Participants" in result.output and "macro" in result.output
    metrics = json.loads(out.read_text(encoding="utf-8"))["metrics"]
    assert (metrics["Participants"]["tp"], metrics["Participants"]["fn"]) == (2, 1)
    assert (metrics["Outcomes"]["tp"], metrics["Outcomes"]["fp"]) == (0, 1)
    assert "pico" in TASKS and "pico" in CliRunner().invoke(app, ["bench", "--help"]).output


@pytest.mark.shared
def test_shipped_tagger_finds_participants_interventions_and_outcomes() -> None:
    from extract.pico.tagger import PicoTagger

    text = "Sixty patients with acne were randomized to topical gel or placebo; the primary outcome was lesion count."
    (spans,) = PicoTagger.load().tag([text])
    found = {label: [text[start:end] for start, end, kind in spans if kind == label] for label in ("Participants", "Interventions", "Outcomes")}
    assert any("acne" in phrase for phrase in found["Participants"]), found
    assert any("gel" in phrase or "placebo" in phrase for phrase in found["Interventions"]), found
    assert any("lesion" in phrase for phrase in found["Outcomes"]), found


@pytest.mark.shared
@pytest.mark.slow
def test_training_script_writes_a_loadable_model_and_its_sha256s(tmp_path: Path) -> None:
    from extract.pico.tagger import PicoTagger

    script = Path(__file__).resolve().parents[1] / "scripts" / "train_pico.py"
    out = tmp_path / "model"
    args = [sys.executable, str(script), "--max-docs", "8", "--max-steps", "10", "--out", str(out), "--workdir", str(tmp_path / "work")]
    subprocess.run(args, check=True, capture_output=True, timeout=600)
    assert json.loads((out / "meta.json").read_text())["name"] == "extract_pico"
    lines = (tmp_path / "model.sha256").read_text().splitlines()
    assert "model/meta.json" in {line.split("  ")[1] for line in lines}
    assert len(PicoTagger.load(out).tag(["Adults with asthma got salbutamol.", ""])) == 2
