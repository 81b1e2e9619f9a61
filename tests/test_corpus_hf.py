"""Corpora as Hugging Face datasets: rows, features, and the cache keyed on the source files."""

from __future__ import annotations

import json
from pathlib import Path

from extract.corpus.catalog import load_corpus
from extract.corpus.hf import cached_hf_dataset, to_hf_dataset
from extract.corpus.model import Corpus, CorpusDocument, Mention, Passage

BLOCK = "1|t|Aspirin for pain.\n1|a|Mice and HeLa.\n1\t0\t7\tAspirin\tChemical\tD001241\n1\t12\t16\tpain\tDisease\tD010146|D059350\n1\tCID\tD001241\tD010146\n\n"


def test_rows_carry_text_passages_mentions_and_relations(tmp_path: Path) -> None:
    path = tmp_path / "one.pubtator"
    path.write_text(BLOCK, encoding="utf-8")
    dataset = to_hf_dataset(load_corpus(path), "all")
    [row] = list(dataset)
    assert row["text"] == "Aspirin for pain. Mice and HeLa."
    assert [(p["kind"], p["offset"]) for p in row["passages"]] == [("title", 0), ("abstract", 18)]
    assert [(m["start"], m["end"], m["type"], m["ids"]) for m in row["mentions"]] == [
        (0, 7, "Chemical", ["MESH:D001241"]),
        (12, 16, "Disease", ["MESH:D010146", "MESH:D059350"]),
    ]
    assert row["mentions"][0]["source_type"] == "Chemical" and row["mentions"][0]["fragments"] == []
    assert row["relations"] == [{"type": "CID", "arg1": "MESH:D001241", "arg2": "MESH:D010146"}]
    assert row["alternatives"] == [] and json.loads(row["labels"]) == {}


def test_document_labels_travel_as_json() -> None:
    document = CorpusDocument("9", [Passage("title", 0, "An RCT of 120 adults.")], labels={"design": "rct", "sample_size": 120})
    evidence = Mention(0, 6, "An RCT", "evidence")
    document.labels["prompts"] = [{"label": "increased", "evidence": [evidence]}]
    [row] = list(to_hf_dataset(Corpus("c", {"test": [document]}), "test"))
    labels = json.loads(row["labels"])
    assert (labels["design"], labels["sample_size"]) == ("rct", 120)
    assert labels["prompts"][0]["evidence"][0]["text"] == "An RCT"


def test_cache_is_reused_until_the_source_changes(tmp_path: Path) -> None:
    path, cache = tmp_path / "one.pubtator", tmp_path / "cache"
    path.write_text(BLOCK, encoding="utf-8")
    first = cached_hf_dataset(path, "all", cache_root=cache)
    [saved] = list((cache / "corpora").iterdir())
    assert cached_hf_dataset(path, "all", cache_root=cache)[0] == first[0]
    assert list((cache / "corpora").iterdir()) == [saved]
    path.write_text(BLOCK + BLOCK.replace("1|", "2|").replace("1\t", "2\t"), encoding="utf-8")
    assert len(cached_hf_dataset(path, "all", cache_root=cache)) == 2
    assert len(list((cache / "corpora").iterdir())) == 2
