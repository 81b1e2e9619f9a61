"""The `sample-size` task: the total number of participants, exact and within ±5% (ExaCT-style P/R).

Gold is `labels["sample_size"]`. Every prediction for a document of the split counts: right -> tp;
wrong, or given for a document whose gold has no sample size -> fp. Every gold document without a
right prediction -> fn. `within_5pct` accepts |predicted - gold| <= 5% of gold.
"""

from __future__ import annotations

from extract.bench.design import confident_accuracy
from extract.bench.metrics import Counts, summarize
from extract.bench.predictions import Row, as_int, values_by_id
from extract.corpus.model import CorpusDocument

TOLERANCE = 0.05


def sample_size_counts(gold_docs: list[CorpusDocument], predicted: dict[str, int], tolerance: float) -> Counts:
    """Counts where a prediction is right when within `tolerance` (a fraction of gold) of the gold number."""
    counts = Counts()
    for doc in gold_docs:
        truth = doc.labels.get("sample_size")
        guess = predicted.get(doc.id)
        right = truth is not None and guess is not None and abs(guess - truth) <= tolerance * truth
        counts += Counts(tp=int(right), fp=int(guess is not None and not right), fn=int(truth is not None and not right))
    return counts


def score_sample_size(gold_docs: list[CorpusDocument], rows: list[Row]) -> dict:
    """`exact` and `within_5pct` counts; `metrics` holds the exact ones under `total_participants`."""
    predicted = {doc_id: as_int(value, "sample_size") for doc_id, value in values_by_id(rows, "sample_size").items()}
    exact = sample_size_counts(gold_docs, predicted, 0.0)
    near = sample_size_counts(gold_docs, predicted, TOLERANCE)
    return {
        "n_docs": sum(1 for doc in gold_docs if doc.labels.get("sample_size") is not None),
        "metrics": summarize({"total_participants": exact}),
        "exact": exact.as_dict(),
        "within_5pct": near.as_dict(),
        "confident": confident_accuracy(
            [doc for doc in gold_docs if doc.labels.get("sample_size") is not None], rows, "sample_size",
            lambda doc, value: as_int(value, "sample_size") == doc.labels["sample_size"],
        ),
    }
