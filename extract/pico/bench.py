"""`extract bench pico --corpus NAME` runs the shipped PICO tagger through this predictor."""

from __future__ import annotations

from extract.bench.predictors import predictors
from extract.corpus.model import CorpusDocument, Mention
from extract.pico.tagger import PicoTagger


@predictors.register("pico")
def predict_pico(documents: list[CorpusDocument]) -> list[CorpusDocument]:
    """The same documents with the tagger's spans as mentions instead of the gold ones."""
    texts = [document.text for document in documents]
    tagged = PicoTagger.load().tag(texts)
    return [
        CorpusDocument(document.id, document.passages, [Mention(start, end, text[start:end], label) for start, end, label in spans])
        for document, text, spans in zip(documents, texts, tagged)
    ]
