"""Span matching for `ner`: strict (same offsets and type) and lenient (overlap, same type, one-to-one).

Lenient matching is greedy and one-to-one: within a document and type, every (gold, predicted) pair
that overlaps by at least one character is a candidate; candidates are taken in order of decreasing
overlap (ties: earlier gold, then earlier prediction) and a pair is accepted when neither span is
matched yet. So one predicted span satisfies at most one gold span and vice versa: a prediction that
covers two gold mentions gives 1 tp + 1 fn, two predictions inside one gold mention give 1 tp + 1 fp.

Alternative boundaries (BioCreative II GM, `labels["alternatives"]`): a prediction is right for a gold
mention when it has exactly the mention's offsets or those of one of its accepted alternatives (an
alternative belongs to every gold mention it overlaps; the files do not say which). Matching is
one-to-one and as large as possible, so a gold mention counts once: a second prediction for it is a
false positive, a mention no prediction is right for a false negative.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

from extract.bench.metrics import Counts, count_sets
from extract.corpus.model import CorpusDocument, Mention

Span = tuple[int, int]


def overlap_matches(gold: list[Span], pred: list[Span]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of overlapping spans: (gold index, pred index) pairs."""
    candidates = sorted(
        (-(min(g[1], p[1]) - max(g[0], p[0])), g[0], p[0], gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if min(g[1], p[1]) > max(g[0], p[0])
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for *_, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


def overlap_counts(gold: list[Span], pred: list[Span]) -> Counts:
    """tp/fp/fn of lenient one-to-one overlap matching between two span lists."""
    tp = len(overlap_matches(gold, pred))
    return Counts(tp, len(pred) - tp, len(gold) - tp)


def mentions_by_type(docs: Iterable[CorpusDocument], types: set[str]) -> dict[str, dict[str, list[Mention]]]:
    """`{type: {doc id: [mentions]}}` for the mentions whose type is in `types`."""
    out: dict[str, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for doc in docs:
        for mention in doc.mentions:
            if mention.type in types:
                out[mention.type][doc.id].append(mention)
    return out


def span_counts(
    gold_docs: list[CorpusDocument], pred_docs: list[CorpusDocument], types: set[str]
) -> tuple[dict[str, Counts], dict[str, Counts]]:
    """Per-type strict and lenient counts over the gold documents (predictions for other ids are ignored)."""
    gold_ids = {doc.id for doc in gold_docs}
    gold = mentions_by_type(gold_docs, types)
    pred = mentions_by_type((doc for doc in pred_docs if doc.id in gold_ids), types)
    strict: dict[str, Counts] = {}
    lenient: dict[str, Counts] = {}
    for type_ in types:
        strict[type_] = count_sets(
            ((d, m.start, m.end) for d, ms in gold[type_].items() for m in ms),
            ((d, m.start, m.end) for d, ms in pred[type_].items() for m in ms),
        )
        lenient[type_] = sum(
            (
                overlap_counts(
                    [(m.start, m.end) for m in gold[type_].get(doc_id, [])],
                    [(m.start, m.end) for m in pred[type_].get(doc_id, [])],
                )
                for doc_id in gold_ids
            ),
            Counts(),
        )
    return strict, lenient


def alternative_counts(gold: list[Span], alternatives: list[Span], pred: list[Span]) -> Counts:
    """tp/fp/fn of one document: a prediction is right for a gold span if it equals the span or an
    alternative overlapping it; each gold span and each prediction is used at most once (maximum matching)."""
    if not gold or not pred:
        return Counts(0, len(pred), len(gold))
    accepted = [{g, *(a for a in alternatives if a[0] < g[1] and g[0] < a[1])} for g in gold]
    right = np.array([[p in spans for p in pred] for spans in accepted])
    tp = int((maximum_bipartite_matching(csr_matrix(right), perm_type="column") >= 0).sum())
    return Counts(tp, len(pred) - tp, len(gold) - tp)


def alternative_span_counts(
    gold_docs: list[CorpusDocument], pred_docs: list[CorpusDocument], types: set[str]
) -> dict[str, Counts]:
    """Per-type counts with the gold documents' accepted alternatives (`labels["alternatives"]`)."""
    gold_ids = {doc.id for doc in gold_docs}
    gold = mentions_by_type(gold_docs, types)
    pred = mentions_by_type((doc for doc in pred_docs if doc.id in gold_ids), types)
    counts: dict[str, Counts] = {}
    for type_ in types:
        counts[type_] = sum(
            (
                alternative_counts(
                    [(m.start, m.end) for m in gold[type_].get(doc.id, [])],
                    [(m.start, m.end) for m in doc.labels.get("alternatives", ()) if m.type == type_],
                    [(m.start, m.end) for m in pred[type_].get(doc.id, [])],
                )
                for doc in gold_docs
            ),
            Counts(),
        )
    return counts
