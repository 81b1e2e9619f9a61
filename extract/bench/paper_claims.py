"""Claims of whole papers against our annotations (`annotated-papers`, guideline `corpus/annotations/claims.md`).

- recall: a gold claim is found when a row's evidence (or a restatement merged into it) overlaps one of
  its sentences;
- precision: rows whose evidence overlaps some gold claim's sentence (a result of the study) over all
  rows; `boilerplate`: rows whose evidence lies in front matter, captions, tables, footnotes, references,
  or a keywords / registration / funding / ethics / acknowledgement part (`labels["boilerplate"]`);
- on found claims, with the overlapping row that names the outcome best: direction and significance
  accuracy, outcome token F1, intervention / comparator right (token F1 >= 0.5, or both `baseline`),
  p-values and CIs exact (every gold p-value / CI is among the row's, spaces aside), `primary` and `harm`
  flags right.
Every score is given for all papers and per `labels["source"]` (`pdfs`, `domain-dev`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Callable

from extract.bench.metrics import Counts, summarize
from extract.bench.predictions import Row, as_int
from extract.corpus.model import CorpusDocument

Span = tuple[int, int]
RIGHT_F1 = 0.5
_TOKEN = re.compile(r"[a-z0-9]+")


def score_paper_claims(gold_docs: list[CorpusDocument], rows: list[Row]) -> dict:
    """Scores over all papers (`metrics` etc.) and per source (`by_source`)."""
    return per_source(gold_docs, rows, _score)


def per_source(
    gold_docs: list[CorpusDocument], rows: list[Row], score: Callable[[list[CorpusDocument], list[Row]], dict]
) -> dict:
    """`score` over all papers, with the same score per `labels["source"]` under `by_source`."""
    by_source: dict[str, list[CorpusDocument]] = defaultdict(list)
    for doc in gold_docs:
        by_source[doc.labels.get("source", "all")].append(doc)
    result = score(gold_docs, rows)
    result["by_source"] = {source: score(docs, rows) for source, docs in sorted(by_source.items())}
    return result


def _score(docs: list[CorpusDocument], rows: list[Row]) -> dict:
    rows_of: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        rows_of[str(row["id"])].append(row)
    counts = Counts()
    boilerplate = n_rows = n_results = 0
    fields: dict[str, list[float]] = defaultdict(list)
    for doc in docs:
        claims = [c for c in doc.labels.get("claims", []) if c["spans"]]
        predicted = rows_of.get(doc.id, [])
        n_rows += len(predicted)
        gold_spans = [span for claim in claims for span in claim["spans"]]
        results = sum(1 for row in predicted if any(_overlaps(r, s) for r in _spans(row) for s in gold_spans))
        n_results += results
        boilerplate += sum(1 for row in predicted if _mostly_in(_spans(row)[0], doc.labels.get("boilerplate", [])))
        found = 0
        for claim in claims:
            matching = [row for row in predicted if any(_overlaps(r, s) for r in _spans(row) for s in claim["spans"])]
            if not matching:
                continue
            found += 1
            _score_fields(claim, matching, fields)
        counts += Counts(tp=found, fn=len(claims) - found, fp=len(predicted) - results)
    return {
        "n_docs": len(docs),
        # P here counts claims found against rows that are no result; `precision` counts rows
        "metrics": summarize({"claim": counts}),
        "recall": counts.tp / (counts.tp + counts.fn) if counts.tp + counts.fn else 0.0,
        "precision": n_results / n_rows if n_rows else 0.0,
        "rows": n_rows,
        "result_rows": n_results,
        "boilerplate_rows": boilerplate,
        "boilerplate_rate": boilerplate / n_rows if n_rows else 0.0,
        "fields": {name: {"mean": sum(v) / len(v) if v else 0.0, "n": len(v)} for name, v in sorted(fields.items())},
    }


def _score_fields(claim: dict, matching: list[Row], fields: dict[str, list[float]]) -> None:
    row = max(matching, key=lambda r: token_f1(str(r.get("outcome", "")), claim.get("outcome", "")))
    if claim.get("direction") in ("increased", "decreased", "no_difference"):
        fields["direction"].append(float(row.get("direction") == claim["direction"]))
    if claim.get("significance") in ("significant", "not_significant", "not_stated"):
        fields["significance"].append(float(row.get("significance") == claim["significance"]))
    if claim.get("outcome"):
        fields["outcome_f1"].append(token_f1(str(row.get("outcome", "")), claim["outcome"]))
    for arm in ("intervention", "comparator"):
        if claim.get(arm) and claim.get("comparator"):  # the paper compares arms (or with baseline)
            fields[arm].append(float(_same_arm(str(row.get(arm, "")), claim[arm])))
    for flag in ("primary", "harm"):
        if flag in claim:
            stated = str(row.get(flag, "")).lower() in ("true", "1", "yes")
            fields[flag].append(float(stated == bool(claim[flag])))
    for key, column in (("p_value", "p_value"), ("ci", "ci")):
        if claim.get(key):
            stated = {_squash(part) for part in str(row.get(column, "")).split(";") if part.strip()}
            fields[f"{key}_exact"].append(float(all(_squash(v) in stated for v in claim[key])))


def _same_arm(predicted: str, gold: str) -> bool:
    if gold.strip().lower() == "baseline" or predicted.strip().lower() == "baseline":
        return gold.strip().lower() == predicted.strip().lower()
    return token_f1(predicted, gold) >= RIGHT_F1


def token_f1(predicted: str, gold: str) -> float:
    """Token F1 of two phrases (lower-cased alphanumeric tokens, as multisets)."""
    p, g = _TOKEN.findall(predicted.lower()), _TOKEN.findall(gold.lower())
    if not p or not g:
        return 0.0
    common = sum(min(p.count(t), g.count(t)) for t in set(p))
    if not common:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower().replace("·", ".")


def _spans(row: Row) -> list[Span]:
    """The row's evidence sentence and the restatements merged into it (`also`)."""
    first = (as_int(row["claim_start"], "claim_start"), as_int(row["claim_end"], "claim_end"))
    return [first, *(tuple(span) for span in row.get("also") or [])]


def _overlaps(a: Span, b: Span) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _mostly_in(span: Span, regions: list[Span]) -> bool:
    inside = sum(max(0, min(span[1], e) - max(span[0], s)) for s, e in regions)
    return inside * 2 >= span[1] - span[0]
