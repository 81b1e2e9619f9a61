"""The `claims` predictor for `extract bench`: runs the shipped models on corpus documents.

Documents with Evidence Inference prompts get one direction row per prompt (with the evidence
sentence's offsets); every document gets claim-sentence rows (its sentence passages when the
corpus gives them, else sentences split from its text).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from extract.bench.predictors import predictors
from extract.claims.direction import TO_EVIDENCE_INFERENCE
from extract.claims.evidence import Prompt
from extract.claims.extractor import find_claims
from extract.claims.models import ClaimModels
from extract.claims.zones import headed_text_sentences
from extract.corpus.model import CorpusDocument
from extract.fields.sentences import Sentence, split_sentences


@lru_cache(maxsize=1)
def shipped_models() -> ClaimModels:
    return ClaimModels.load()


@predictors.register("claims")
def predict_claims(documents: list[CorpusDocument], models: ClaimModels | None = None) -> list[dict]:
    """Prediction rows in the `claims` format of `extract.bench.predictions`."""
    models = models or shipped_models()
    rows: list[dict] = []
    for doc in documents:
        if doc.labels.get("pdf"):
            rows += paper_rows(doc, models)
            continue
        if doc.labels.get("prompts"):
            rows += prompt_rows(doc, models)
        rows += claim_rows(doc, models)
    return rows


PAPER_FIELDS = ("outcome", "timepoint", "intervention", "comparator", "direction", "significance", "values",
                "p_value", "ci", "primary", "harm", "confidence")


def paper_rows(doc: CorpusDocument, models: ClaimModels) -> list[dict]:
    """The pico and claims stages on the paper's PDF: one row per claim with its fields and evidence offsets."""
    from extract.fields.pico_stage import PicoStage
    from extract.pdf import parse_pdf

    parsed = parse_pdf(Path(doc.labels["pdf"]))
    PicoStage()(parsed)  # the study's arms, which claims that name none take
    return [
        {"id": doc.id, "claim_start": span.start, "claim_end": span.end,
         "also": [(also["start"], also["end"]) for also in span.attrs.get("also", [])],
         **{name: span.attrs.get(name, "") for name in PAPER_FIELDS}}
        for span in find_claims(parsed, models)
    ]


def prompt_rows(doc: CorpusDocument, models: ClaimModels) -> list[dict]:
    sentences = headed_text_sentences(doc.text)
    scores = models.statements.scores(sentences)
    rows = []
    for raw in doc.labels["prompts"]:
        answer = models.answer(
            Prompt(raw["intervention"], raw["comparator"], raw["outcome"]), sentences, scores
        )
        row = {"id": doc.id, "prompt_id": raw["prompt_id"], "label": TO_EVIDENCE_INFERENCE[answer.direction]}
        if answer.evidence is not None:
            row |= {
                "evidence_start": answer.evidence.sentence.start,
                "evidence_end": answer.evidence.sentence.end,
            }
        rows.append(row)
    return rows


def claim_rows(doc: CorpusDocument, models: ClaimModels) -> list[dict]:
    given = [Sentence(p.offset, p.offset + len(p.text), p.text) for p in doc.passages if p.kind == "sentence"]
    sentences = given or split_sentences(doc.text)
    if not sentences:
        return []
    scores = models.detector.scores([s.text for s in sentences])
    return [
        {"id": doc.id, "claim_start": s.start, "claim_end": s.end}
        for s, score in zip(sentences, scores, strict=True)
        if score >= models.detector.threshold
    ]
