"""`sample-size` scoring: exact and ±5% matches, P/R the way ExaCT reports them."""

from __future__ import annotations

import hashlib

import pytest

from extract.bench.predictions import read_rows
from extract.bench.sample_size import score_sample_size
from extract.corpus.catalog import load_corpus
from extract.corpus.model import CorpusDocument

GOLD = [
    CorpusDocument(id="a", labels={"sample_size": 100}),
    CorpusDocument(id="b", labels={"sample_size": 250}),
    CorpusDocument(id="c", labels={"sample_size": 1000}),
    CorpusDocument(id="d"),  # no stated total
    CorpusDocument(id="e", labels={"sample_size": 40}),
]
CSV = "id,sample_size\na,100\nb,260.0\nc,1060\nd,50\ne,\n"  # b is 4% off, c 6% off, e has no value


def counts(block: dict) -> tuple[int, int, int]:
    return block["tp"], block["fp"], block["fn"]


def test_gold_against_itself_is_perfect() -> None:
    rows = [{"id": d.id, "sample_size": d.labels["sample_size"]} for d in GOLD if d.labels]
    result = score_sample_size(GOLD, rows)
    assert counts(result["exact"]) == (4, 0, 0)
    assert result["within_5pct"]["f1"] == 1.0
    assert result["n_docs"] == 4


def test_known_errors_from_a_csv_file(tmp_path) -> None:
    path = tmp_path / "pred.csv"
    path.write_text(CSV, encoding="utf-8")
    result = score_sample_size(GOLD, read_rows(path))
    assert counts(result["exact"]) == (1, 3, 3)  # fp: b, c, d; fn: b, c, e
    assert counts(result["within_5pct"]) == (2, 2, 2)  # b now right
    assert result["exact"]["p"] == pytest.approx(1 / 4)
    assert result["within_5pct"]["r"] == pytest.approx(2 / 4)
    assert result["metrics"]["total_participants"] == result["exact"]


def test_fractional_counts_are_rejected(tmp_path) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_text('{"id": "a", "sample_size": 99.5}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="whole number"):
        score_sample_size(GOLD, read_rows(path))


@pytest.mark.shared
def test_off_by_three_percent_on_every_third_pico_abstract() -> None:
    gold = [d for d in load_corpus("pico-corpus-breast-cancer").split("dev") if "sample_size" in d.labels]
    rows = []
    for i, d in enumerate(gold):
        n = d.labels["sample_size"]
        rows.append({"id": d.id, "sample_size": n + max(1, n * 3 // 100) if i % 3 == 0 else n})
    off = len(range(0, len(gold), 3))
    near_miss = sum(1 for d in gold[::3] if max(1, d.labels["sample_size"] * 3 // 100) > 0.05 * d.labels["sample_size"])
    result = score_sample_size(gold, rows)
    assert counts(result["exact"]) == (len(gold) - off, off, off)
    assert counts(result["within_5pct"]) == (len(gold) - near_miss, near_miss, near_miss)


@pytest.mark.shared
def test_pico_test_split_is_the_first_fifth_of_pmid_buckets_and_apart_from_dev_and_train() -> None:
    corpus = load_corpus("pico-corpus-breast-cancer")
    ids = {split: {d.id for d in corpus.split(split)} for split in ("train", "dev", "test")}
    assert not (ids["test"] & ids["dev"]) and not (ids["test"] & ids["train"]) and not (ids["dev"] & ids["train"])
    bucket = {i: int(hashlib.sha1(i.encode()).hexdigest(), 16) % 100 for group in ids.values() for i in group}
    assert all(bucket[i] < 20 for i in ids["test"]) and all(20 <= bucket[i] < 40 for i in ids["dev"])
    assert sum(1 for d in corpus.split("test") if "sample_size" in d.labels) == 97
