"""Does every mention's text equal the document text at its offsets? Counts per split, mismatches listed."""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.corpus.catalog import CatalogEntry
from extract.corpus.model import Corpus, CorpusDocument, Mention


COUNTS = ("documents", "mentions", "with_id", "relations", "alternatives")


@dataclass
class SplitCheck:
    """Counts of one split and the mentions whose offsets do not give their text."""

    corpus: str
    split: str
    documents: int = 0
    mentions: int = 0
    with_id: int = 0
    relations: int = 0
    alternatives: int = 0
    mismatches: list[str] = field(default_factory=list)


def fragments(mention: Mention) -> list[tuple[int, int]]:
    """The (start, end) pieces of a mention: several for a discontinuous one."""
    return [tuple(piece) for piece in mention.attrs.get("fragments") or [(mention.start, mention.end)]]


def offsets_match(text: str, mention: Mention) -> bool:
    """Exact text at the offsets; a discontinuous mention's pieces are compared joined by spaces."""
    pieces = [text[start:end] for start, end in fragments(mention)]
    if len(pieces) == 1:
        return pieces[0] == mention.text
    return " ".join(" ".join(pieces).split()) == " ".join(mention.text.split())


def mismatches(document: CorpusDocument) -> list[str]:
    """One line per mention of `document` whose offsets do not give its text."""
    text = document.text
    return [
        f"{document.id} {m.start}-{m.end} {m.type}: annotated {m.text!r}, text has {text[m.start:m.end]!r}"
        for m in document.mentions
        if not offsets_match(text, m)
    ]


def check_corpus(corpus: Corpus) -> list[SplitCheck]:
    """Counts and offset mismatches of every split of `corpus`."""
    results = []
    for split, documents in corpus.splits.items():
        result = SplitCheck(corpus.name, split, documents=len({d.id for d in documents}))
        for document in documents:
            result.mentions += len(document.mentions)
            result.with_id += sum(1 for m in document.mentions if m.ids)
            result.relations += len(document.relations)
            result.alternatives += len(document.labels.get("alternatives", ()))
            result.mismatches.extend(mismatches(document))
        results.append(result)
    return results


def source_split_counts(results: list[SplitCheck], entry: CatalogEntry) -> dict[str, dict[str, int]]:
    """Counts per split as the source files have them: a carved-out dev split is added back to its source."""
    counts: dict[str, dict[str, int]] = {}
    for result in results:
        split = entry.dev_split.source if entry.dev_split and result.split == "dev" else result.split
        total = counts.setdefault(split, dict.fromkeys((*COUNTS, "offset_mismatches"), 0))
        for key in COUNTS:
            total[key] += getattr(result, key)
        total["offset_mismatches"] += len(result.mismatches)
    return counts


def compare_expected(results: list[SplitCheck], entry: CatalogEntry) -> dict[str, list[str]]:
    """Per split, the counts that differ from the catalog's `[expected]` (SOURCE.md) ones; empty if all agree.

    `repeated_mentions` (annotation lines of documents the reader dropped as exact repeats) is added
    to the mentions and with_id counts before comparing.
    """
    counts = source_split_counts(results, entry)
    differences: dict[str, list[str]] = {}
    for split, expected in entry.expected.items():
        found = counts.get(split)
        if found is None:
            differences[split] = ["split missing"]
            continue
        repeated = expected.get("repeated_mentions", 0)
        adjusted = {**found, "mentions": found["mentions"] + repeated, "with_id": found["with_id"] + repeated}
        differences[split] = [
            f"{key} {adjusted[key]} != {value}" for key, value in expected.items() if key in adjusted and adjusted[key] != value
        ]
    return differences
