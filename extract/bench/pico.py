"""The `pico` task: token-level P/R/F1 per Participants, Interventions and Outcomes, EBM-NLP's metric.

A corpus token is positive for a label when a span of that label covers any of its characters (gold spans
cover whole tokens; a predicted span may start or end inside one). Each label is scored on its own over
all tokens of the split: tp, fp and fn are token counts.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Iterable, Sequence

from extract.bench.metrics import Counts, summarize
from extract.corpus.model import CorpusDocument, Mention
from extract.pico import PICO_LABELS

Token = tuple[int, int]
LabelledSpan = tuple[int, int, str]
WORD = re.compile(r"\S+")


def corpus_tokens(doc: CorpusDocument) -> list[Token]:
    """The document's tokens as the corpus gives them (`labels["tokens"]`), else its whitespace-separated words."""
    tokens = doc.labels.get("tokens")
    if tokens is not None:
        return [(start, end) for start, end in tokens]
    return [match.span() for match in WORD.finditer(doc.text)]


def tokens_by_label(tokens: Sequence[Token], spans: Iterable[LabelledSpan], labels: Sequence[str]) -> dict[str, set[int]]:
    """For each label, the indices of the `tokens` (sorted, not overlapping) that a span of that label overlaps."""
    starts = [start for start, _ in tokens]
    ends = [end for _, end in tokens]
    covered: dict[str, set[int]] = {label: set() for label in labels}
    for start, end, label in spans:
        if label in covered and start < end:
            covered[label].update(range(bisect_right(ends, start), bisect_left(starts, end)))
    return covered


def token_counts(
    tokens: Sequence[Token], gold: Iterable[LabelledSpan], predicted: Iterable[LabelledSpan], labels: Sequence[str]
) -> dict[str, Counts]:
    """Token-level tp/fp/fn per label of one document."""
    truth = tokens_by_label(tokens, gold, labels)
    guess = tokens_by_label(tokens, predicted, labels)
    return {
        label: Counts(len(truth[label] & guess[label]), len(guess[label] - truth[label]), len(truth[label] - guess[label]))
        for label in labels
    }


def spans(mentions: Iterable[Mention]) -> list[LabelledSpan]:
    """`(start, end, type)` of mentions."""
    return [(m.start, m.end, m.type) for m in mentions]


def score_pico(
    gold_docs: list[CorpusDocument], pred_docs: list[CorpusDocument], declared_types: tuple[str, ...] = ()
) -> dict:
    """`metrics` per label (the corpus's declared types, else P/I/O), micro and macro, over corpus tokens;
    `tokens` scored; predicted mentions of other labels counted in `ignored_predictions`. Gold documents
    without a prediction count as predicted empty."""
    labels = declared_types or PICO_LABELS
    predicted = {doc.id: doc for doc in pred_docs}
    totals = {label: Counts() for label in labels}
    n_tokens = 0
    for doc in gold_docs:
        tokens = corpus_tokens(doc)
        guess = predicted.get(doc.id)
        counts = token_counts(tokens, spans(doc.mentions), spans(guess.mentions) if guess else [], labels)
        for label, count in counts.items():
            totals[label] += count
        n_tokens += len(tokens)
    ignored = sum(1 for doc in pred_docs for m in doc.mentions if m.type not in labels)
    return {"metrics": summarize(totals), "tokens": n_tokens, "ignored_predictions": ignored}
