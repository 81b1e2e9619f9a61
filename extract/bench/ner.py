"""The `ner` task: mention spans per type, strict and lenient, and with accepted alternative boundaries
where the corpus has them (BC2GM's ALTGENE; see `extract.bench.spans`)."""

from __future__ import annotations

from extract.bench.metrics import summarize
from extract.bench.spans import alternative_span_counts, span_counts
from extract.corpus.model import CorpusDocument


def gold_types(gold_docs: list[CorpusDocument], declared: tuple[str, ...] = ()) -> set[str]:
    """The types a corpus annotates: its declared entity types, else those its mentions use."""
    return set(declared) or {m.type for doc in gold_docs for m in doc.mentions}


def score_ner(
    gold_docs: list[CorpusDocument], pred_docs: list[CorpusDocument], declared_types: tuple[str, ...] = ()
) -> dict:
    """`metrics` (strict: same offsets and type) and `lenient_metrics` (overlap, same type, one-to-one).

    Only the types the corpus annotates are scored; predicted mentions of other types are counted in
    `ignored_predictions` (a Species tagger is not penalised on a Chemical/Disease corpus). When the gold
    documents carry `labels["alternatives"]` (BC2GM), `alternatives_metrics` is the BioCreative II GM
    score: a prediction is right if it equals a gold mention or one of its accepted alternatives.
    """
    types = gold_types(gold_docs, declared_types)
    strict, lenient = span_counts(gold_docs, pred_docs, types)
    ignored = sum(1 for doc in pred_docs for m in doc.mentions if m.type not in types)
    result = {
        "metrics": summarize(strict),
        "lenient_metrics": summarize(lenient),
        "ignored_predictions": ignored,
    }
    if any("alternatives" in doc.labels for doc in gold_docs):
        result["alternatives_metrics"] = summarize(alternative_span_counts(gold_docs, pred_docs, types))
    return result
