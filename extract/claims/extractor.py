"""Outcome claims of a parsed paper: result and conclusion sentences of its own results, read for
outcome, arms, direction and stated significance, as `Span`s of the `claims` layer."""

from __future__ import annotations

import re

import numpy as np

from extract.claims.details import EFFECT, GROUP_VALUES, HARM, TIMEPOINT, every, first, primary_outcomes, span_text
from extract.claims.detector import ClaimDetector
from extract.claims.direction import DIRECTIONS, Comparison
from extract.claims.features import content_stems
from extract.claims.models import ClaimModels
from extract.claims.polarity import read_direction
from extract.claims.selector import features
from extract.claims.significance import confidence_intervals, p_values, stated_significance
from extract.claims.slots import Slots, extract_slots
from extract.claims.zones import CLAIM_ZONES, ZonedSentence, document_sentences
from extract.document import Document, Span

CLAIMS_LAYER = "claims"


def find_claims(doc: Document, models: ClaimModels) -> list[Span]:
    """One span per claim sentence in the abstract, results and conclusions of `doc`.

    A sentence is a claim when the selector (the result-statement model's and the claim detector's
    scores read by zone and cues) is confident enough; its arms are the ones it names, else the study's
    (the `pico` layer, when that stage ran); `attrs` holds outcome, intervention, comparator,
    direction, p-value and CI as stated, section, page and a confidence (selector probability x direction
    probability, lowered when the outcome could not be read).
    """
    if models.selector is None:
        raise FileNotFoundError("no claim selector beside the claim models; fit it with scripts/train_claim_selector.py")
    candidates, rows = candidate_features(doc, models)
    if not candidates:
        return []
    score = models.selector.probabilities(rows)
    chosen = list(np.flatnonzero(score >= models.selector.threshold))
    spans = []
    arms = [span.attrs for span in doc.layers.get("pico", []) if span.label == "arm"]
    slots = [with_study_arms(sentence, found, arms) for sentence, found in zip(
        [candidates[i].text for i in chosen], tagged_slots([candidates[i].text for i in chosen]))]
    comparisons = [
        Comparison(candidates[i].text, s.intervention, s.comparator, s.outcome) for i, s in zip(chosen, slots)
    ]
    directions = models.direction_proba(comparisons)
    primary = [content_stems(outcome) for outcome in primary_outcomes(doc.text)]
    for i, found, proba in zip(chosen, slots, directions):
        spans.append(_claim_span(doc, candidates[i], found, proba, float(score[i]), primary))
    spans = merge_restatements(spans)
    return sorted(spans, key=lambda span: not span.attrs["primary"])  # primary outcome first, then text order


SAME_OUTCOME = 0.8
"""Outcome word overlap (Dice of content stems) from which two statements with the same direction and
significance are one result."""


def merge_restatements(spans: list[Span]) -> list[Span]:
    """One row per result: a body sentence that restates an abstract claim (a p-value in common and half
    the outcome words when both state p-values, else the same outcome words, direction and significance)
    becomes that claim's second evidence (`also`)."""
    kept: list[Span] = []
    for span in spans:
        twin = next((k for k in kept if _restates(k, span)), None)
        if twin is None:
            kept.append(span)
            continue
        twin.attrs.setdefault("also", []).append(
            {"start": span.start, "end": span.end, "evidence": span.attrs["evidence"], "page": span.attrs["page"],
             "section": span.attrs["section"]}
        )
        for key in ("p_value", "ci", "values", "effect"):  # every number either sentence states
            parts = [p for p in (twin.attrs[key] + "; " + span.attrs[key]).split("; ") if p]
            twin.attrs[key] = "; ".join(dict.fromkeys(parts))
        twin.attrs["timepoint"] = twin.attrs["timepoint"] or span.attrs["timepoint"]
    return kept


def _restates(first: Span, other: Span) -> bool:
    a, b = first.attrs, other.attrs
    if not a["zone"].startswith("abstract") or b["zone"].startswith("abstract"):
        return False
    words_a, words_b = content_stems(a["outcome"]), content_stems(b["outcome"])
    if not words_a or not words_b:
        return False
    overlap = 2 * len(words_a & words_b) / (len(words_a) + len(words_b))
    p_a, p_b = set(a["p_value"].split("; ")) - {""}, set(b["p_value"].split("; ")) - {""}
    if p_a and p_b:  # both state p-values: the same result shares one, and names the outcome alike
        return bool(p_a & p_b) and overlap >= SAME_OUTCOME / 2
    return overlap >= SAME_OUTCOME and a["direction"] == b["direction"] and a["significance"] == b["significance"]


def tagged_slots(sentences: list[str]) -> list[Slots]:
    """Outcome, intervention and comparator of each claim sentence: the PICO tagger's first Outcomes span
    and first two Interventions spans where it finds them, the rules' reading (`extract_slots`) elsewhere
    (and for a `baseline` comparator)."""
    from extract.fields.pico_stage import shipped_tagger

    rules = [extract_slots(sentence) for sentence in sentences]
    tagged = shipped_tagger().tag(sentences) if sentences else []
    slots = []
    for sentence, rule, spans in zip(sentences, rules, tagged):
        outcomes = [sentence[s:e] for s, e, label in spans if label == "Outcomes"]
        arms = list(dict.fromkeys(sentence[s:e] for s, e, label in spans if label == "Interventions"))
        intervention = arms[0] if arms else rule.intervention
        comparator = rule.comparator if rule.comparator == "baseline" or len(arms) < 2 else arms[1]
        outcome = _STATISTIC.sub("", _clean(outcomes[0])) if outcomes else rule.outcome
        slots.append(Slots(outcome, _clean(intervention), _clean(comparator)))
    return slots


COMPARES = re.compile(r"\b(?:than|versus|vs\.?|compared|between|relative\sto|control|placebo|other\sside|both\s(?:groups|sides))\b", re.I)


def with_study_arms(sentence: str, slots: Slots, arms: list[dict]) -> Slots:
    """A claim's arms from the study's (the `pico` layer) where the sentence names none: its first
    intervention arm, and, when the sentence compares, its control or comparator arm."""
    if not arms or (slots.intervention and slots.comparator):
        return slots
    intervention = slots.intervention or next((a["arm"] for a in arms if a["role"] == "intervention"), "")
    comparator = slots.comparator
    if not comparator and COMPARES.search(sentence):
        comparator = next((a["arm"] for a in arms if a["role"] in ("control", "comparator") and a["arm"] != intervention), "")
    return Slots(slots.outcome, intervention, comparator)


_STATISTIC = re.compile(r"^(?:(?:the|a|an|mean|median|average)\s+)+", re.IGNORECASE)
"""The statistic before a measure's name ("Mean pain scores" -> "pain scores")."""


def _clean(phrase: str) -> str:
    return span_text(phrase)


def candidate_features(doc: Document, models: ClaimModels) -> tuple[list[ZonedSentence], list[list[float]]]:
    """The statements of `doc`'s claim zones and the selector's features for each."""
    candidates = [s for s in document_sentences(doc) if s.zone in CLAIM_ZONES and is_statement(s.text)]
    if not candidates:
        return [], []
    statement = models.statements.scores(candidates)
    claim = _claim_scores(models.detector, candidates)
    return candidates, [
        features(float(st), float(cl), c.zone, c.text) for c, st, cl in zip(candidates, statement, claim)
    ]


def is_statement(sentence: str) -> bool:
    """A full sentence (five words or more, closed by a stop or a bracket), not a keyword list or a label."""
    return len(sentence.split()) >= 5 and sentence.rstrip()[-1] in ".!?)]"


def _claim_scores(detector: ClaimDetector, sentences: list[ZonedSentence]) -> np.ndarray:
    """Claim scores with each sentence positioned inside its own zone (claims close an abstract)."""
    scores = np.zeros(len(sentences))
    zones: dict[str, list[int]] = {}
    for i, sentence in enumerate(sentences):
        zones.setdefault(sentence.zone.split(":")[0], []).append(i)
    for indexes in zones.values():
        scores[indexes] = detector.scores([sentences[i].text for i in indexes])
    return scores


def is_primary(outcome: str, primary: list[set[str]]) -> bool:
    """Whether `outcome` names the paper's primary outcome: it has at least half of the stated primary
    outcome's content words (`primary`: stems of each outcome the paper calls primary)."""
    words = content_stems(outcome)
    return bool(words) and any(stems and len(words & stems) * 2 >= len(stems) for stems in primary)


def _claim_span(
    doc: Document, zoned: ZonedSentence, slots, proba: np.ndarray, claim_score: float, primary: list[set[str]]
) -> Span:
    sentence = zoned.sentence
    section = doc.section_at(sentence.start)
    stated_p = p_values(sentence.text)
    intervals = confidence_intervals(sentence.text)
    confidence = claim_score * float(proba.max()) * (1.0 if slots.outcome else 0.5)
    return Span(
        sentence.start,
        sentence.end,
        "claim",
        {
            "outcome": slots.outcome,
            "intervention": slots.intervention,
            "comparator": slots.comparator,
            "direction": read_direction(sentence.text, slots.outcome, DIRECTIONS[int(proba.argmax())]),
            "significance": stated_significance(sentence.text),
            "timepoint": first(TIMEPOINT, sentence.text),
            "values": every(GROUP_VALUES, sentence.text),
            "effect": every(EFFECT, sentence.text),
            "primary": is_primary(slots.outcome or sentence.text, primary),
            "harm": bool(HARM.search(sentence.text)),
            "direction_probabilities": {d: round(float(p), 3) for d, p in zip(DIRECTIONS, proba)},
            "p_value": "; ".join(p.text for p in stated_p),
            "ci": "; ".join(ci.text for ci in intervals),
            "evidence": sentence.text,
            "page": doc.page_of(sentence.start),
            "section": section.title or section.kind if section else "",
            "zone": zoned.zone,
            "claim_score": round(claim_score, 3),
            "confidence": round(confidence, 3),
        },
    )
