"""`train_models` end to end on small invented corpora: it learns, saves and loads."""

from __future__ import annotations

import itertools
from pathlib import Path

from extract.claims.bench import predict_claims
from extract.claims.models import ClaimModels
from extract.claims.training import direction_examples, prompted_documents, train_models
from extract.corpus.model import CorpusDocument, Mention, Passage

DRUGS = [
    "aspirin",
    "metformin",
    "statin",
    "insulin",
    "vitamin",
    "zinc",
    "iron",
    "caffeine",
    "melatonin",
    "probiotic",
]
OUTCOMES = ["pain", "glucose", "weight", "sleep time", "blood pressure", "fatigue", "mortality", "anxiety"]
TEMPLATES = {
    "significantly increased": "{o} was significantly higher with {i} than with {c} (p = 0.01).",
    "significantly decreased": "{o} was significantly lower with {i} than with {c} (p < 0.001).",
    "no significant difference": "{o} did not differ between {i} and {c} (p = 0.62).",
}
CONFIG = {
    "seed": 1,
    "statement_negative_rate": 1.0,
    "ranker_negative_rate": 1.0,
    "direction_C": 10.0,
    "detector_C": 4.0,
    "claim_threshold": 0.5,
    "statement_threshold": 0.5,
    "evidence_top_k": 2,
    "combiner_C": 1.0,
}


def trial(number: int, drug: str, outcomes: list[str]) -> CorpusDocument:
    """An Evidence-Inference-style article with one prompt per outcome, labels cycling."""
    text = "TITLE:\nA trial of {d}\n\nBODY.METHODS:\nWe randomized adults to {d} or placebo.\n\nBODY.RESULTS:\n".format(
        d=drug
    )
    prompts = []
    for k, (outcome, label) in enumerate(zip(outcomes, itertools.cycle(TEMPLATES))):
        sentence = TEMPLATES[label].format(o=outcome.capitalize(), i=drug, c="placebo")
        start = len(text)
        text += sentence + " Participants completed the follow-up visits. "
        evidence = [start, start + len(sentence)]
        prompts.append(
            {
                "prompt_id": f"{number}-{k}",
                "intervention": drug,
                "comparator": "placebo",
                "outcome": outcome,
                "label": label,
                "annotations": [{"label": label, "evidence": evidence}],
                "evidence": [evidence],
            }
        )
    return CorpusDocument(str(number), [Passage("body", 0, text)], labels={"prompts": prompts})


def abstract(number: int) -> CorpusDocument:
    """A claim-corpus abstract: background and methods, then a claim sentence last."""
    sentences = [
        "Little is known about sleep.",
        "We studied 40 adults over a year.",
        f"We conclude that drug {number} improves sleep.",
    ]
    passages, mentions, offset = [Passage("title", 0, "A study")], [], 8
    for k, sentence in enumerate(sentences):
        passages.append(Passage("sentence", offset, sentence))
        if k == 2:
            mentions.append(Mention(offset, offset + len(sentence), sentence, "claim"))
        offset += len(sentence) + 1
    return CorpusDocument(f"a{number}", passages, mentions)


def test_trained_models_read_directions_of_unseen_drugs_and_round_trip(tmp_path: Path) -> None:
    rotations = [OUTCOMES[k:] + OUTCOMES[:k] for k in range(len(OUTCOMES))]
    train = [trial(n, drug, rotations[n % len(rotations)]) for n, drug in enumerate(DRUGS[:8])]
    models = train_models(train, [abstract(n) for n in range(6)], CONFIG)
    path = tmp_path / "claims.joblib"
    models.save(path)
    loaded = ClaimModels.load(path)

    held_out = [trial(100, "ginseng", ["anxiety", "pain", "fatigue"])]
    rows = predict_claims(held_out, loaded)
    directions = {r["prompt_id"]: r["label"] for r in rows if "prompt_id" in r}
    gold = {p["prompt_id"]: p["label"] for p in held_out[0].labels["prompts"]}
    assert directions == gold
    evidence = {r["prompt_id"]: (r["evidence_start"], r["evidence_end"]) for r in rows if "prompt_id" in r}
    assert evidence == {p["prompt_id"]: tuple(p["evidence"][0]) for p in held_out[0].labels["prompts"]}
    claims = [r for r in predict_claims([abstract(99)], loaded)]
    assert [(r["claim_start"], r["claim_end"]) for r in claims] == [
        (m.start, m.end) for m in abstract(99).mentions
    ]


def test_direction_examples_keep_each_annotators_own_label() -> None:
    doc = trial(1, "aspirin", ["pain"])
    prompt = doc.labels["prompts"][0]
    start, end = prompt["evidence"][0]
    text = doc.passages[0].text
    clause_end = text.index(" than", start)
    prompt["annotations"] = [
        {"label": "significantly increased", "evidence": [start, end]},
        {"label": "no significant difference", "evidence": [start, clause_end]},
    ]
    comparisons, labels = direction_examples(prompted_documents([doc]))
    sentence, clause = text[start:end], text[start:clause_end]
    assert [(c.sentence, label) for c, label in zip(comparisons, labels)] == [
        (sentence, "increased"),
        (clause, "no_difference"),
        (sentence, "no_difference"),
    ]
