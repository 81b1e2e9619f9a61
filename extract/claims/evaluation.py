"""Scores of the claim models on a split: the bench's direction, evidence and claim-sentence
scores, and how well the rules read outcome/intervention/comparator from gold evidence."""

from __future__ import annotations

from typing import Sequence

from extract.bench.claims import score_claims
from extract.claims.bench import predict_claims
from extract.claims.extractor import find_claims
from extract.claims.features import STOPWORDS, WORD
from extract.claims.models import ClaimModels
from extract.claims.slots import extract_slots
from extract.corpus.model import CorpusDocument
from extract.document import Document, Section

SLOT_PARTS = ("outcome", "intervention", "comparator")


def content_words(phrase: str) -> list[str]:
    """Lower-cased words of `phrase` without stopwords and punctuation."""
    return [w.lower() for w in WORD.findall(phrase) if w.isalnum() and w.lower() not in STOPWORDS]


def token_f1(predicted: str, gold: str) -> float:
    """F1 of the content words of two phrases (case-insensitive)."""
    pred, truth = content_words(predicted), content_words(gold)
    common = sum(min(pred.count(w), truth.count(w)) for w in set(pred))
    if not pred or not truth or not common:
        return 0.0
    precision, recall = common / len(pred), common / len(truth)
    return 2 * precision * recall / (precision + recall)


def slot_scores(docs: Sequence[CorpusDocument]) -> dict[str, dict[str, float]]:
    """Per part: share of prompts where a value was read from the first gold evidence span, and
    mean token F1 against the prompt's part (0 when nothing was read)."""
    totals = {part: {"found": 0.0, "token_f1": 0.0} for part in SLOT_PARTS}
    n = 0
    for doc in docs:
        for prompt in doc.labels.get("prompts", []):
            if not prompt["evidence"]:
                continue
            start, end = prompt["evidence"][0]
            slots = extract_slots(doc.text[start:end])
            n += 1
            for part in SLOT_PARTS:
                value = getattr(slots, part)
                totals[part]["found"] += bool(value)
                totals[part]["token_f1"] += token_f1(value, prompt[part])
    return {part: {k: v / n if n else 0.0 for k, v in scores.items()} for part, scores in totals.items()}


def dev_report(
    models: ClaimModels, evidence_docs: Sequence[CorpusDocument], claim_docs: Sequence[CorpusDocument]
) -> str:
    """A plain-text table of the dev scores."""
    evidence = score_claims(list(evidence_docs), predict_claims(list(evidence_docs), models))
    claims = score_claims(list(claim_docs), predict_claims(list(claim_docs), models))
    direction = evidence["direction_metrics"]
    lines = ["| corpus (dev) | metric | value | counts |", "|---|---|---|---|"]
    for label in ("significantly increased", "significantly decreased", "no significant difference"):
        m = direction[label]
        lines.append(
            f"| evidence-inference-2.0 | {label} F1 | {m['f1']:.3f} | tp={m['tp']} fp={m['fp']} fn={m['fn']} |"
        )
    lines.append(
        f"| evidence-inference-2.0 | direction macro-F1 | {direction['macro']['f1']:.3f} | {len([1 for d in evidence_docs for _ in d.labels['prompts']])} prompts |"
    )
    ev = evidence["evidence"]
    lines.append(
        f"| evidence-inference-2.0 | evidence hit rate | {ev['hit_rate']:.3f} | {ev['hits']}/{ev['n']} |"
    )
    c = claims["claim_metrics"]["claim"]
    lines.append(
        f"| scientific-claims-achakulvisut | claim P / R / F1 | {c['p']:.3f} / {c['r']:.3f} / {c['f1']:.3f} | tp={c['tp']} fp={c['fp']} fn={c['fn']} |"
    )
    for part, scores in slot_scores(evidence_docs).items():
        lines.append(
            f"| evidence-inference-2.0 | {part} read from gold evidence: found / token F1 | {scores['found']:.3f} / {scores['token_f1']:.3f} | |"
        )
    return "\n".join(lines)


def trial_outcome_confusion(
    models: ClaimModels, docs: Sequence[CorpusDocument]
) -> dict[tuple[str, str], int]:
    """(gold, predicted) counts of trial-level results on oncology abstracts: `positive` when the
    abstract's most confident claim reports a significant difference, else `negative` (a heuristic
    read of the claims, not a trained trial classifier)."""
    counts: dict[tuple[str, str], int] = {}
    for corpus_doc in docs:
        abstract = next(p.text for p in corpus_doc.passages if p.kind == "abstract")
        doc = Document(
            corpus_doc.id, "", text=abstract, sections=[Section("Abstract", "abstract", 0, len(abstract))]
        )
        top = max(find_claims(doc, models), key=lambda span: span.attrs["confidence"], default=None)
        predicted = "negative" if top is None or top.attrs["direction"] == "no_difference" else "positive"
        key = (corpus_doc.labels["primary_endpoint"], predicted)
        counts[key] = counts.get(key, 0) + 1
    return counts
