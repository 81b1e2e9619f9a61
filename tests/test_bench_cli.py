"""`extract bench` end to end: corpus and predictions from files, rich table, JSON numbers, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app

TEXT = "Tamoxifen reduced breast cancer recurrence ; nausea was common .\n"


def write_brat(folder: Path, lines: list[str]) -> Path:
    folder.mkdir()
    (folder / "doc1.txt").write_text(TEXT, encoding="utf-8")
    (folder / "doc1.ann").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return folder


def annotation(n: int, type_: str, phrase: str, mesh: str | None) -> list[str]:
    start = TEXT.index(phrase)
    lines = [f"T{n}\t{type_} {start} {start + len(phrase)}\t{phrase}"]
    return lines + ([f"N{n}\tReference T{n} MESH:{mesh}\t{phrase}"] if mesh else [])


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    lines = annotation(1, "Chemical", "Tamoxifen", "D013629") + annotation(2, "Disease", "breast cancer", "D001943")
    return write_brat(tmp_path / "gold", lines + annotation(3, "Disease", "nausea", "D009325"))


@pytest.fixture
def pred(tmp_path: Path) -> Path:
    # nausea dropped, "breast cancer recurrence" too long, Tamoxifen with a wrong ID
    lines = annotation(1, "Chemical", "Tamoxifen", "D000001") + annotation(2, "Disease", "breast cancer recurrence", "D001943")
    return write_brat(tmp_path / "pred", lines)


def test_ner_from_brat_files_writes_json(gold: Path, pred: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "ner.json"
    result = CliRunner().invoke(
        app, ["bench", "ner", "--corpus", str(gold), "--format", "brat", "--split", "all", "--pred", str(pred), "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "micro" in result.output and "lenient" in result.output
    numbers = json.loads(out.read_text(encoding="utf-8"))
    assert (numbers["task"], numbers["split"], numbers["n_docs"]) == ("ner", "all", 1)
    strict, lenient = numbers["metrics"], numbers["lenient_metrics"]
    assert (strict["micro"]["tp"], strict["micro"]["fp"], strict["micro"]["fn"]) == (1, 1, 2)
    assert (lenient["micro"]["tp"], lenient["micro"]["fp"], lenient["micro"]["fn"]) == (2, 0, 1)
    assert set(strict) == {"Chemical", "Disease", "micro", "macro"}
    assert set(strict["Disease"]) == {"p", "r", "f1", "tp", "fp", "fn"}


def test_norm_from_brat_files(gold: Path, pred: Path, tmp_path: Path) -> None:
    out = tmp_path / "norm.json"
    args = ["bench", "norm", "--corpus", str(gold), "--format", "brat", "--split", "all", "--pred", str(pred), "--json", str(out)]
    assert CliRunner().invoke(app, args).exit_code == 0
    numbers = json.loads(out.read_text(encoding="utf-8"))
    documents, mentions = numbers["metrics"]["micro"], numbers["mention_metrics"]["micro"]
    # concepts: D001943 right, D000001 wrong, D013629 and D009325 missed
    assert (documents["tp"], documents["fp"], documents["fn"]) == (1, 1, 2)
    # mentions: the long span is wrong even with the right ID
    assert (mentions["tp"], mentions["fp"], mentions["fn"]) == (0, 2, 3)


def test_without_predictions_or_predictor_the_error_says_to_pass_pred(gold: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extract.bench import predictors

    monkeypatch.setattr(predictors, "PREDICTOR_MODULES", ())
    monkeypatch.setattr(predictors.predictors, "get_all", dict)  # as if no model shipped
    result = CliRunner().invoke(app, ["bench", "ner", "--corpus", str(gold), "--format", "brat", "--split", "all"])
    assert result.exit_code == 2
    assert "--pred" in result.output


def test_unknown_split_is_a_clear_error(gold: Path, pred: Path) -> None:
    result = CliRunner().invoke(app, ["bench", "ner", "--corpus", str(gold), "--format", "brat", "--pred", str(pred)])
    assert result.exit_code == 2
    assert "no split 'test'" in result.output and "all" in result.output


@pytest.mark.shared
def test_design_on_a_catalog_corpus_from_a_csv(tmp_path: Path) -> None:
    from extract.corpus.catalog import load_corpus

    gold = load_corpus("pdfs").split("test")
    designed = [d for d in gold if "design" in d.labels]
    lines = ["id,design"] + [f"{d.id},{'rct' if i == 0 and d.labels['design'] != 'rct' else d.labels['design']}" for i, d in enumerate(designed)]
    first_is_rct = designed[0].labels["design"] == "rct"
    (tmp_path / "pred.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "design.json"
    result = CliRunner().invoke(app, ["bench", "design", "--corpus", "pdfs", "--pred", str(tmp_path / "pred.csv"), "--json", str(out)])
    assert result.exit_code == 0, result.output
    numbers = json.loads(out.read_text(encoding="utf-8"))
    wrong = 0 if first_is_rct else 1
    assert numbers["n_docs"] == len(designed)
    assert numbers["accuracy"] == pytest.approx((len(designed) - wrong) / len(designed))
    assert "confusion" in result.output
