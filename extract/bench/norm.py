"""The `norm` task: identifiers, per mention and as per-document concept sets (PubTator/BioCreative style).

- Document level (`metrics`): for each document the set of (type, ID) pairs of its mentions; a mention
  with several IDs (a composite mention such as "breast and ovarian cancer") contributes each of them.
- Mention level (`mention_metrics`): a predicted mention is right when its offsets, type and *set* of
  IDs equal a gold mention's. Mentions without an ID take no part: gold mentions without one are
  not normalization gold, and predictions on exactly their spans are ignored.
"""

from __future__ import annotations

from extract.bench.metrics import Counts, count_sets, summarize
from extract.bench.ner import gold_types
from extract.corpus.model import CorpusDocument, Mention

NO_ID = {"", "-"}


def mention_ids(mention: Mention) -> frozenset[str]:
    """The mention's identifiers, without the placeholders corpora use for "no identifier"."""
    return frozenset(i.strip() for i in mention.ids if i.strip() not in NO_ID)


def concept_sets(docs: list[CorpusDocument], type_: str) -> set[tuple[str, str]]:
    """Every (document id, ID) of mentions of `type_`."""
    return {(doc.id, i) for doc in docs for m in doc.mentions if m.type == type_ for i in mention_ids(m)}


def normalized_mentions(docs: list[CorpusDocument], type_: str, skip: set) -> list[tuple]:
    """(document id, start, end, IDs) of the mentions of `type_` that carry IDs, minus spans in `skip`."""
    return [
        (doc.id, m.start, m.end, mention_ids(m))
        for doc in docs
        for m in doc.mentions
        if m.type == type_ and mention_ids(m) and (doc.id, m.start, m.end, m.type) not in skip
    ]


def score_norm(
    gold_docs: list[CorpusDocument], pred_docs: list[CorpusDocument], declared_types: tuple[str, ...] = ()
) -> dict:
    """`metrics` (document-level concept sets) and `mention_metrics` (span + IDs), per type."""
    gold_ids = {doc.id for doc in gold_docs}
    pred_docs = [doc for doc in pred_docs if doc.id in gold_ids]
    types = gold_types(gold_docs, declared_types)
    no_id_gold = {(d.id, m.start, m.end, m.type) for d in gold_docs for m in d.mentions if not mention_ids(m)}
    documents: dict[str, Counts] = {}
    mentions: dict[str, Counts] = {}
    for type_ in types:
        documents[type_] = count_sets(concept_sets(gold_docs, type_), concept_sets(pred_docs, type_))
        mentions[type_] = count_sets(
            normalized_mentions(gold_docs, type_, set()), normalized_mentions(pred_docs, type_, no_id_gold)
        )
    return {"metrics": summarize(documents), "mention_metrics": summarize(mentions)}
