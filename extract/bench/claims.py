"""The `claims` task: outcome claims, scored the way their corpora are.

- Direction (`direction_metrics`, Evidence Inference protocol): for each gold prompt (intervention,
  comparator, outcome) the predicted label; P/R/F1 per label and macro-F1 over the three labels.
  A prompt without a prediction is a false negative of its gold label.
- Evidence (`evidence`): a prompt is a hit when its predicted evidence span overlaps any gold evidence
  span of that prompt; `hit_rate` = hits / gold prompts with evidence (no prediction = miss).
- Claim sentences (`claim_metrics`): predicted claim spans against gold `claim` mentions with the
  lenient one-to-one overlap matching of `extract.bench.spans`.
- Whole papers annotated by us: recall, precision, boilerplate and per-field scores
  (`extract.bench.paper_claims`).
`metrics` is the direction scores where the gold has prompts, else the claim-sentence scores.
"""

from __future__ import annotations

from collections import defaultdict

from extract.bench.metrics import Counts, summarize
from extract.bench.paper_claims import score_paper_claims
from extract.bench.predictions import Row, as_int, present
from extract.bench.spans import overlap_counts
from extract.corpus.model import CorpusDocument
from extract.corpus.studyfields.evidence_inference import DIRECTION_LABELS, normalize_direction

PromptKey = tuple[str, str]


def score_claims(gold_docs: list[CorpusDocument], rows: list[Row]) -> dict:
    """Direction, evidence and claim-sentence scores for whichever of them the gold documents carry;
    whole annotated papers (`labels["claims"]`) are scored by `score_paper_claims`."""
    if any("claims" in doc.labels for doc in gold_docs):
        return score_paper_claims(gold_docs, rows)
    prompts = {(doc.id, str(p["prompt_id"])): p for doc in gold_docs for p in doc.labels.get("prompts", [])}
    has_claims = any(m.type == "claim" for doc in gold_docs for m in doc.mentions)
    direction = score_direction(prompts, rows) if prompts else None
    claims = score_claim_sentences(gold_docs, rows) if has_claims else None
    return {
        "n_docs": len(gold_docs),
        "metrics": direction or claims or summarize({}),
        "direction_metrics": direction,
        "evidence": score_evidence(prompts, rows) if prompts else None,
        "claim_metrics": claims,
    }


def _prompt_key(row: Row) -> PromptKey:
    return str(row["id"]).strip(), str(row["prompt_id"]).strip()


def score_direction(prompts: dict[PromptKey, dict], rows: list[Row]) -> dict:
    """Per-label and macro scores of direction labels over the gold prompts."""
    predicted: dict[PromptKey, str] = {}
    for row in rows:
        if present(row, "prompt_id") and present(row, "label"):
            label = normalize_direction(str(row["label"]))
            if label not in DIRECTION_LABELS:
                raise ValueError(f"unknown direction label {row['label']!r}; expected one of {DIRECTION_LABELS}")
            predicted[_prompt_key(row)] = label
    per_label = {label: Counts() for label in DIRECTION_LABELS}
    for key, prompt in prompts.items():
        truth, guess = prompt["label"], predicted.get(key)
        if guess == truth:
            per_label[truth] += Counts(tp=1)
        else:
            per_label[truth] += Counts(fn=1)
            if guess is not None:
                per_label[guess] += Counts(fp=1)
    return summarize(per_label)


def score_evidence(prompts: dict[PromptKey, dict], rows: list[Row]) -> dict:
    """Evidence hit rate: predicted evidence overlapping a gold evidence span of the same prompt."""
    predicted: dict[PromptKey, tuple[int, int]] = {
        _prompt_key(row): (as_int(row["evidence_start"], "evidence_start"), as_int(row["evidence_end"], "evidence_end"))
        for row in rows
        if present(row, "prompt_id") and present(row, "evidence_start") and present(row, "evidence_end")
    }
    with_evidence = {key: prompt for key, prompt in prompts.items() if prompt.get("evidence")}
    hits = sum(
        1
        for key, prompt in with_evidence.items()
        if key in predicted
        and any(min(end, predicted[key][1]) > max(start, predicted[key][0]) for start, end in prompt["evidence"])
    )
    n = len(with_evidence)
    return {"hits": hits, "n": n, "hit_rate": hits / n if n else 0.0}


def score_claim_sentences(gold_docs: list[CorpusDocument], rows: list[Row]) -> dict:
    """P/R/F1 of predicted claim spans (`claim_start`, `claim_end` rows) against gold `claim` mentions."""
    predicted: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in rows:
        if present(row, "claim_start") and present(row, "claim_end"):
            span = (as_int(row["claim_start"], "claim_start"), as_int(row["claim_end"], "claim_end"))
            predicted[str(row["id"]).strip()].append(span)
    counts = sum(
        (
            overlap_counts([(m.start, m.end) for m in doc.mentions if m.type == "claim"], predicted.get(doc.id, []))
            for doc in gold_docs
        ),
        Counts(),
    )
    return summarize({"claim": counts})
