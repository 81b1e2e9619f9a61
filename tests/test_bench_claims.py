"""`claims` scoring: direction macro-F1 given the prompt, evidence hit rate, claim-sentence P/R/F1."""

from __future__ import annotations

import json

import pytest

from extract.bench.claims import score_claims
from extract.bench.predictions import read_rows
from extract.corpus.catalog import load_corpus
from extract.corpus.model import CorpusDocument, Mention, Passage


def prompt(prompt_id: str, label: str, evidence: list[list[int]]) -> dict:
    return {"prompt_id": prompt_id, "intervention": "drug", "comparator": "placebo", "outcome": "pain", "label": label, "evidence": evidence}


GOLD = [
    CorpusDocument(
        id="d1",
        labels={"prompts": [prompt("p1", "significantly increased", [[10, 20], [30, 40]]), prompt("p2", "no significant difference", [[50, 60]])]},
    ),
    CorpusDocument(
        id="d2",
        labels={"prompts": [prompt("p3", "significantly decreased", [[0, 5]]), prompt("p4", "no significant difference", [])]},
    ),
]
ROWS = [
    {"id": "d1", "prompt_id": "p1", "label": "significantly increase", "evidence_start": 35, "evidence_end": 45},
    {"id": "d1", "prompt_id": "p2", "label": "significantly decreased", "evidence_start": 60, "evidence_end": 70},
    {"id": "d2", "prompt_id": "p3", "evidence_start": 0, "evidence_end": 1},  # evidence without a label
    {"id": "d2", "prompt_id": "p4", "label": "no significant difference"},
]

SENTENCES = ["We studied mice .", "Drug X lowers pain .", "Methods were standard .", "Y causes Z .", "More work is needed ."]


def claims_document() -> CorpusDocument:
    passages, mentions, offset = [], [], 0
    for i, sentence in enumerate(SENTENCES):
        passages.append(Passage("sentence", offset, sentence))
        if i in (1, 3):
            mentions.append(Mention(offset, offset + len(sentence), sentence, "claim"))
        offset += len(sentence) + 1
    return CorpusDocument(id="c1", passages=passages, mentions=mentions)


def counts(block: dict) -> tuple[int, int, int]:
    return block["tp"], block["fp"], block["fn"]


def test_gold_against_itself_is_perfect() -> None:
    rows = [
        {"id": d.id, "prompt_id": p["prompt_id"], "label": p["label"], "evidence_start": s, "evidence_end": e}
        for d in GOLD
        for p in d.labels["prompts"]
        for s, e in p["evidence"][:1] or [(None, None)]
    ]
    result = score_claims(GOLD, rows)
    assert result["metrics"]["macro"]["f1"] == 1.0
    assert result["evidence"] == {"hits": 3, "n": 3, "hit_rate": 1.0}
    assert result["claim_metrics"] is None


def test_direction_and_evidence_with_known_errors(tmp_path) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in ROWS), encoding="utf-8")
    result = score_claims(GOLD, read_rows(path))
    direction = result["direction_metrics"]
    assert counts(direction["significantly increased"]) == (1, 0, 0)
    assert counts(direction["no significant difference"]) == (1, 0, 1)
    assert counts(direction["significantly decreased"]) == (0, 1, 1)
    assert direction["macro"]["f1"] == pytest.approx((1 + 2 / 3 + 0) / 3)
    assert result["metrics"] == direction
    # p1 overlaps [30, 40); p2's [60, 70) only touches [50, 60); p3 hits; p4 has no gold evidence
    assert result["evidence"] == {"hits": 2, "n": 3, "hit_rate": pytest.approx(2 / 3)}


def test_claim_sentences() -> None:
    doc = claims_document()
    starts = [p.offset for p in doc.passages]
    rows = [
        {"id": "c1", "claim_start": starts[1], "claim_end": starts[1] + len(SENTENCES[1])},
        {"id": "c1", "claim_start": starts[2], "claim_end": starts[2] + len(SENTENCES[2])},  # not a claim
        {"id": "c1", "claim_start": starts[3] + 2, "claim_end": starts[3] + len(SENTENCES[3])},  # split differently
    ]
    result = score_claims([doc], rows)
    assert counts(result["claim_metrics"]["claim"]) == (2, 1, 0)
    assert result["metrics"] == result["claim_metrics"]
    assert result["direction_metrics"] is None


def test_unknown_direction_labels_are_rejected() -> None:
    with pytest.raises(ValueError, match="unknown direction label"):
        score_claims(GOLD, [{"id": "d1", "prompt_id": "p1", "label": "better"}])


@pytest.mark.shared
def test_flipping_every_third_direction_on_evidence_inference() -> None:
    gold = load_corpus("evidence-inference-2.0").split("test")
    flip = {"significantly increased": "significantly decreased", "significantly decreased": "significantly increased", "no significant difference": "significantly increased"}
    prompts = [(d.id, p) for d in gold for p in d.labels["prompts"]]
    rows = [{"id": d, "prompt_id": p["prompt_id"], "label": flip[p["label"]] if i % 3 == 0 else p["label"]} for i, (d, p) in enumerate(prompts)]
    flipped = len(range(0, len(prompts), 3))
    result = score_claims(gold, rows)
    assert counts(result["metrics"]["micro"]) == (len(prompts) - flipped, flipped, flipped)
    assert result["evidence"]["hits"] == 0 and result["evidence"]["n"] == len(prompts)


@pytest.mark.shared
def test_missing_every_fifth_claim_sentence() -> None:
    gold = load_corpus("scientific-claims-achakulvisut").split("test")
    claims = [(d.id, m) for d in gold for m in d.mentions]
    rows = [{"id": d, "claim_start": m.start, "claim_end": m.end} for i, (d, m) in enumerate(claims) if i % 5]
    missed = len(range(0, len(claims), 5))
    result = score_claims(gold, rows)
    assert counts(result["claim_metrics"]["claim"]) == (len(claims) - missed, 0, missed)
