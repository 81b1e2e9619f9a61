"""The `design` task: accuracy, per-label P/R/F1, macro-F1 and a confusion matrix.

Gold is `labels["design"]`; each gold document's `labels["design_scheme"]` (default `full`) says which
designs its corpus tells apart, and predictions are mapped through that scheme before comparing
(`extract.bench.design_labels`). A gold document without a prediction counts as wrong (`(none)` in
the confusion matrix).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable

from extract.bench.design_labels import to_scheme
from extract.bench.metrics import Counts, summarize
from extract.bench.predictions import Row, values_by_id
from extract.corpus.model import CorpusDocument

NO_PREDICTION = "(none)"


def score_design(gold_docs: list[CorpusDocument], rows: list[Row]) -> dict:
    """Scores of design predictions (`id`, `design` rows) against the gold documents that have a design."""
    predicted = values_by_id(rows, "design")
    per_label: dict[str, Counts] = defaultdict(Counts)
    confusion: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    gold = [doc for doc in gold_docs if doc.labels.get("design")]
    correct = 0
    for doc in gold:
        truth = doc.labels["design"]
        raw = predicted.get(doc.id)
        guess = to_scheme(str(raw).strip(), doc.labels.get("design_scheme", "full")) if raw else NO_PREDICTION
        confusion[truth][guess] += 1
        if guess == truth:
            correct += 1
            per_label[truth] += Counts(tp=1)
        else:
            per_label[truth] += Counts(fn=1)
            if guess != NO_PREDICTION:
                per_label[guess] += Counts(fp=1)
    return {
        "n_docs": len(gold),
        "metrics": summarize(dict(per_label)),
        "accuracy": correct / len(gold) if gold else 0.0,
        "confident": confident_accuracy(gold, rows, "design", lambda doc, value: to_scheme(
            str(value).strip(), doc.labels.get("design_scheme", "full")) == doc.labels["design"]),
        "confusion": {truth: dict(row) for truth, row in sorted(confusion.items())},
    }


CONFIDENT = 0.8
"""Values at or above this confidence are the ones a reviewer may skim; their accuracy is reported apart."""


def confident_accuracy(
    gold: list[CorpusDocument], rows: list[Row], column: str, right: Callable[[CorpusDocument, Any], bool]
) -> dict:
    """Accuracy of the predictions whose `<column>_confidence` is >= `CONFIDENT`, and how many there are."""
    by_id = {str(row["id"]): row for row in rows}
    judged = [
        right(doc, by_id[doc.id][column])
        for doc in gold
        if doc.id in by_id and float(by_id[doc.id].get(f"{column}_confidence") or 0) >= CONFIDENT
    ]
    return {"n": len(judged), "accuracy": sum(judged) / len(judged) if judged else None, "threshold": CONFIDENT}
