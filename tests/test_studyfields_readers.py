"""Study-field readers on small corpora written by the tests: offsets, labels, splits, counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.corpus.studyfields.despin import read_despin
from extract.corpus.studyfields.evidence_inference import read_evidence_inference
from extract.corpus.studyfields.numbers import parse_count
from extract.corpus.studyfields.pico import DEV_PERCENT, TEST_PERCENT, read_pico
from extract.corpus.studyfields.scientific_claims import read_scientific_claims
from extract.corpus.studyfields.splits import hash_split


@pytest.mark.parametrize(
    "text, value",
    [
        ("686", 686),
        ("1,094", 1094),
        ("27\u202f347", 27347),
        ("Twenty", 20),
        ("Two hundred and seventy-three", 273),
        ("Eight-thousand four-hundred twenty-two", 8422),
        ("One hundred fifty patients", 150),
        ("patients", None),
        ("12.5", None),
    ],
)
def test_parse_count(text: str, value: int | None) -> None:
    assert parse_count(text) == value


def test_hash_split_is_stable_and_near_its_fraction() -> None:
    ids = [str(10_000_000 + i) for i in range(2000)]
    first = [hash_split(i) for i in ids]
    assert first == [hash_split(i) for i in ids]
    assert 0.17 < first.count("dev") / len(ids) < 0.23


def test_pico_reader_takes_the_first_total_in_text_order(tmp_path: Path) -> None:
    text = "Of 120 women screened, Eighty were randomised; 76 completed."
    (tmp_path / "123.txt").write_text(text, encoding="utf-8")
    spans = [("total-participants", "76"), ("total-participants", "Eighty"), ("age", "women")]
    lines = [f"T{i}\t{t} {text.index(s)} {text.index(s) + len(s)}\t{s}" for i, (t, s) in enumerate(spans, 1)]
    (tmp_path / "123.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = read_pico(tmp_path)
    (doc,) = corpus.split(hash_split("123", DEV_PERCENT, TEST_PERCENT))
    assert doc.labels["sample_size"] == 80
    assert doc.labels["sample_size_all"] == [80, 76]
    assert [m.type for m in doc.mentions] == ["age", "total-participants", "total-participants"]


def test_scientific_claims_offsets(tmp_path: Path) -> None:
    (tmp_path / "dataset").mkdir()
    record = {"paper_id": 1, "title": "T.", "journal": "J", "abstract": "", "sentences": ["A b.", "C d e.", "F."], "labels": ["0", "1", "0"]}
    for name in ("train_labels.json", "validation_labels.json", "test_labels.json"):
        (tmp_path / "dataset" / name).write_text(json.dumps(record) + "\n", encoding="utf-8")
    (doc,) = read_scientific_claims(tmp_path).split("dev")
    (claim,) = doc.mentions
    assert doc.text == "T. A b. C d e. F."
    assert (doc.text[claim.start : claim.end], claim.type) == ("C d e.", "claim")


def test_evidence_inference_majority_label_and_spelling(tmp_path: Path) -> None:
    root = tmp_path / "annotations"
    (root / "splits").mkdir(parents=True)
    (root / "txt_files").mkdir()
    text = "Pain fell with the drug (p<0.01). Sleep did not change."
    (root / "txt_files" / "PMC7.txt").write_text(text, encoding="utf-8")
    (root / "prompts_merged.csv").write_text("PromptID,PMCID,Outcome,Intervention,Comparator\n5,7,pain,drug ,placebo\n", encoding="utf-8")
    header = "UserID,PromptID,PMCID,Valid Label,Valid Reasoning,Label,Annotations,Label Code,In Abstract,Evidence Start,Evidence End\n"
    rows = [
        "0,5,7,True,True,significantly decreased,x,-1,UNK,0,33\n",
        "1,5,7,True,True,significantly increase,x,1,UNK,0,9\n",
        "2,5,7,True,True,significantly decreased,x,-1,UNK,0,33\n",
    ]
    (root / "v2_annotations.csv").write_text(header + "".join(rows), encoding="utf-8")
    for split, ids in (("train", "7\n"), ("validation", "8\n"), ("test", "")):
        (root / "splits" / f"ev2_{split}_article_ids.txt").write_text(ids, encoding="utf-8")
    corpus = read_evidence_inference(tmp_path)
    assert [len(corpus.split(s)) for s in ("train", "dev", "test")] == [1, 0, 0]
    (prompt,) = corpus.split("train")[0].labels["prompts"]
    assert prompt["label"] == "significantly decreased"
    assert prompt["intervention"] == "drug"
    assert [a["label"] for a in prompt["annotations"]][1] == "significantly increased"
    assert prompt["evidence"] == [[0, 9], [0, 33]]
    assert [m.text for m in corpus.split("train")[0].mentions] == ["Pain fell", "Pain fell with the drug (p<0.01)."]


def test_despin_bio_tags(tmp_path: Path) -> None:
    folder = tmp_path / "Reported_Outcomes"
    folder.mkdir()
    sentence = "Pain B-Rep\nscores I-Rep\nfell O\nand O\nsleep B-Rep\nimproved O\n\nNothing O\n\n"
    for part in ("p1", "p2"):
        (folder / f"rep_sent_marked_{part}_col.txt").write_text(sentence, encoding="utf-8")
    corpus = read_despin(folder)
    first, second = corpus.split("p1")
    assert first.text == "Pain scores fell and sleep improved"
    assert [(m.text, m.type) for m in first.mentions] == [("Pain scores", "reported-outcome"), ("sleep", "reported-outcome")]
    assert second.mentions == []
