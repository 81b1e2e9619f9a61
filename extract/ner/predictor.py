"""`extract bench ner --corpus NAME` runs the shipped recognizer through this predictor."""

from __future__ import annotations

from extract.bench.predictors import predictors
from extract.corpus.model import CorpusDocument, Mention
from extract.ner.recognizer import EntityRecognizer


@predictors.register("ner")
def predict_entities(documents: list[CorpusDocument]) -> list[CorpusDocument]:
    """The same documents with the recognizer's mentions instead of the gold ones."""
    recognizer = EntityRecognizer()
    predicted = []
    for document in documents:
        text = document.text
        mentions = [
            Mention(span.start, span.end, text[span.start : span.end], span.label)
            for span in recognizer.find(text)
        ]
        predicted.append(CorpusDocument(document.id, document.passages, mentions))
    return predicted
