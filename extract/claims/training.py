"""Training data and fitting for the claim models, from the shared corpora's training splits.

- Claim detector: Achakulvisut claim sentences (abstract sentences flagged as claims).
- Result statements and evidence ranker: Evidence Inference sentences that overlap a gold evidence
  span (of any prompt / of the prompt at hand); negatives are subsampled to keep training fast.
- Direction: each annotator's evidence span and the sentences that contain it, with that annotator's label.
- Evidence reranker: the direction examples, and per prompt the ranker's best sentences that are not its
  evidence plus one other sentence, labelled `none`.
- Combiner: every prompt's top-ranked sentences with direction probabilities from direction models
  that did not see the prompt's article (out of fold), and the prompt's label.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from sklearn.model_selection import GroupKFold

from extract.claims.combiner import DirectionCombiner
from extract.claims.detector import ClaimDetector
from extract.claims.direction import FROM_EVIDENCE_INFERENCE, Comparison, DirectionClassifier
from extract.claims.evidence import EvidenceRanker, Prompt, ResultStatementModel, match_features
from extract.claims.models import ClaimModels, read_candidates
from extract.claims.zones import ZonedSentence, headed_text_sentences
from extract.corpus.model import CorpusDocument


@dataclass
class PromptedDocument:
    """An Evidence Inference article split into zoned sentences, with its prompts."""

    doc: CorpusDocument
    sentences: list[ZonedSentence]

    @property
    def prompts(self) -> list[dict]:
        return self.doc.labels.get("prompts", [])

    def is_evidence(self, sentence: ZonedSentence, spans: Sequence[Sequence[int]]) -> bool:
        return any(
            min(end, sentence.sentence.end) > max(start, sentence.sentence.start) for start, end in spans
        )

    def evidence_flags(self) -> list[bool]:
        """Per sentence: does it overlap the evidence of any prompt?"""
        spans = [span for prompt in self.prompts for span in prompt["evidence"]]
        return [self.is_evidence(s, spans) for s in self.sentences]


def prompted_documents(docs: Sequence[CorpusDocument]) -> list[PromptedDocument]:
    return [PromptedDocument(doc, headed_text_sentences(doc.text)) for doc in docs]


def as_prompt(prompt: dict) -> Prompt:
    return Prompt(prompt["intervention"], prompt["comparator"], prompt["outcome"])


def claim_passages(docs: Sequence[CorpusDocument]) -> tuple[list[list[str]], list[list[bool]]]:
    """Sentence lists and claim flags of Achakulvisut documents (the title is not a sentence)."""
    passages, flags = [], []
    for doc in docs:
        starts = {m.start for m in doc.mentions if m.type == "claim"}
        sentences = [p for p in doc.passages if p.kind == "sentence"]
        passages.append([p.text for p in sentences])
        flags.append([p.offset in starts for p in sentences])
    return passages, flags


def _subsample(flags: Sequence[bool], rate: float, rng: random.Random) -> list[int]:
    """Indexes of every positive and of a `rate` share of the negatives."""
    return [i for i, flag in enumerate(flags) if flag or rng.random() < rate]


def fit_statements(
    docs: Sequence[PromptedDocument], negative_rate: float, seed: int, folds: int = 3
) -> tuple[ResultStatementModel, list[np.ndarray]]:
    """The result-statement model, and out-of-fold scores for every document's sentences (for the ranker)."""
    rng = random.Random(seed)
    sentences = [s for d in docs for s in d.sentences]
    flags = [f for d in docs for f in d.evidence_flags()]
    groups = np.array([i for i, d in enumerate(docs) for _ in d.sentences])
    keep = np.array(_subsample(flags, negative_rate, rng))
    out_of_fold = np.zeros(len(sentences))
    for train, held in GroupKFold(folds).split(np.zeros(len(docs)), groups=np.arange(len(docs))):
        fit_rows = keep[np.isin(groups[keep], train)]
        model = ResultStatementModel().fit([sentences[i] for i in fit_rows], [flags[i] for i in fit_rows])
        rows = np.flatnonzero(np.isin(groups, held))
        out_of_fold[rows] = model.scores([sentences[i] for i in rows])
    model = ResultStatementModel().fit([sentences[i] for i in keep], [flags[i] for i in keep])
    bounds = np.cumsum([0] + [len(d.sentences) for d in docs])
    return model, [out_of_fold[a:b] for a, b in zip(bounds[:-1], bounds[1:])]


def fit_ranker(
    docs: Sequence[PromptedDocument], statement_scores: Sequence[np.ndarray], negative_rate: float, seed: int
) -> EvidenceRanker:
    rng = random.Random(seed)
    features, targets = [], []
    for doc, scores in zip(docs, statement_scores, strict=True):
        for raw in doc.prompts:
            prompt = as_prompt(raw)
            for sentence, score in zip(doc.sentences, scores, strict=True):
                target = doc.is_evidence(sentence, raw["evidence"])
                if target or rng.random() < negative_rate:
                    features.append(match_features(prompt, sentence, float(score)))
                    targets.append(target)
    return EvidenceRanker().fit(features, targets)


def direction_examples(docs: Sequence[PromptedDocument]) -> tuple[list[Comparison], list[str]]:
    """Each annotator's evidence span, and the sentences that contain it, read for its prompt with
    that annotator's own label (a span two annotators chose counts twice)."""
    comparisons, labels = [], []
    for doc in docs:
        for raw in doc.prompts:
            for annotation in raw["annotations"]:
                start, end = annotation["evidence"]
                sentences = " ".join(s.text for s in doc.sentences if doc.is_evidence(s, [(start, end)]))
                for text in dict.fromkeys([doc.doc.text[start:end], sentences]):
                    if text.strip():
                        comparisons.append(
                            Comparison(text, raw["intervention"], raw["comparator"], raw["outcome"])
                        )
                        labels.append(FROM_EVIDENCE_INFERENCE[annotation["label"]])
    return comparisons, labels


def evidence_negatives(
    docs: Sequence[PromptedDocument], config: dict, seed: int, hard: int = 3, pool: int = 8, easy: int = 1
) -> list[Comparison]:
    """Per prompt, sentences that do not answer it: the first `hard` non-evidence sentences among the
    linear ranker's `pool` best (ranker and out-of-fold statement scores fit as in `train_models`) and
    `easy` random others."""
    rng = random.Random(seed)
    _, statement_scores = fit_statements(docs, config["statement_negative_rate"], int(config["seed"]))
    ranker = fit_ranker(docs, statement_scores, config["ranker_negative_rate"], int(config["seed"]))
    negatives = []
    for doc, scores in zip(docs, statement_scores, strict=True):
        for raw in doc.prompts:
            prompt = as_prompt(raw)
            best = np.argsort(-ranker.scores(prompt, doc.sentences, scores), kind="stable")[:pool]
            other = [i for i, s in enumerate(doc.sentences) if not doc.is_evidence(s, raw["evidence"])]
            not_evidence, in_pool = set(other), set(best)
            picked = [i for i in best if i in not_evidence][:hard]
            rest = [i for i in other if i not in in_pool]
            picked += rng.sample(rest, min(easy, len(rest)))
            negatives += [
                Comparison(doc.sentences[i].text, prompt.intervention, prompt.comparator, prompt.outcome)
                for i in picked
            ]
    return negatives


def fit_combiner(
    docs: Sequence[PromptedDocument],
    statement_scores: Sequence[np.ndarray],
    ranker: EvidenceRanker,
    config: dict,
    folds: int = 3,
) -> DirectionCombiner:
    """The combiner, fit on each prompt's top candidates read by a direction model trained on the
    other folds' articles (as the shipped direction model reads unseen articles)."""
    top_k = config["evidence_top_k"]
    candidates, labels = [], []
    for train, held in GroupKFold(folds).split(np.zeros(len(docs)), groups=np.arange(len(docs))):
        direction = DirectionClassifier(C=config["direction_C"]).fit(
            *direction_examples([docs[i] for i in train])
        )
        for i in held:
            for raw in docs[i].prompts:
                _, ranks, proba = read_candidates(
                    ranker, direction.predict_proba, as_prompt(raw), docs[i].sentences, statement_scores[i], top_k
                )
                candidates.append((ranks, proba))
                labels.append(FROM_EVIDENCE_INFERENCE[raw["label"]])
    return DirectionCombiner(top_k=top_k, C=config["combiner_C"]).fit(candidates, labels)


def train_models(
    evidence_docs: Sequence[CorpusDocument],
    claim_docs: Sequence[CorpusDocument],
    config: dict,
) -> ClaimModels:
    """All claim models from the training splits, with the settings in `config`."""
    seed = int(config["seed"])
    prompted = prompted_documents(evidence_docs)
    statements, out_of_fold = fit_statements(prompted, config["statement_negative_rate"], seed)
    ranker = fit_ranker(prompted, out_of_fold, config["ranker_negative_rate"], seed)
    direction = DirectionClassifier(C=config["direction_C"]).fit(*direction_examples(prompted))
    combiner = fit_combiner(prompted, out_of_fold, ranker, config)
    detector = ClaimDetector(threshold=config["claim_threshold"], C=config["detector_C"]).fit(
        *claim_passages(claim_docs)
    )
    return ClaimModels(
        detector=detector,
        statements=statements,
        ranker=ranker,
        direction=direction,
        combiner=combiner,
        statement_threshold=config["statement_threshold"],
    )
