"""The `norm` predictor of `extract bench norm`: the normalizer on a corpus's GOLD mention spans
(normalization alone), and the same on recognized spans (`predict_end_to_end`)."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from extract.bench.predictors import predictors
from extract.corpus.model import CorpusDocument, Mention
from extract.normalize.normalizer import TYPES, MentionInput, Normalizer


@lru_cache(maxsize=1)
def shared_normalizer() -> Normalizer:
    return Normalizer()


def normalized(doc: CorpusDocument, mentions: list[Mention], normalizer: Normalizer) -> CorpusDocument:
    """A copy of `doc` whose mentions (of our types) carry the normalizer's identifiers."""
    ours = [m for m in mentions if m.type in TYPES]
    inputs = [MentionInput(m.start, m.end, m.type, m.text) for m in ours]
    resolutions = normalizer.normalize(doc.text, inputs)
    predicted = [
        replace(m, ids=tuple(r.all_identifiers), attrs={"candidates": r.candidates, "method": r.method, "similarity": r.similarity})
        for m, r in zip(ours, resolutions)
    ]
    return replace(doc, mentions=predicted, relations=[])


@predictors.register("norm")
def predict_norm(documents: list[CorpusDocument]) -> list[CorpusDocument]:
    """Identifiers for the gold mention spans of `documents` (normalization alone)."""
    normalizer = shared_normalizer()
    return [normalized(doc, doc.mentions, normalizer) for doc in documents]


def predict_end_to_end(documents: list[CorpusDocument]) -> list[CorpusDocument]:
    """Mentions found by the entity recognizer, then normalized (needs `models/ner/model`)."""
    from extract.ner.recognizer import EntityRecognizer

    recognizer, normalizer = EntityRecognizer(), shared_normalizer()
    results = []
    for doc in documents:
        text = doc.text
        found = [Mention(s.start, s.end, text[s.start : s.end], s.label) for s in recognizer.find(text)]
        results.append(normalized(doc, found, normalizer))
    return results
