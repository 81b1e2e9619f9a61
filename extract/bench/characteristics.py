"""The `characteristics` task: study characteristics against our annotations (`annotated-papers`,
guideline `corpus/annotations/characteristics.md`), field by field, for all papers and per source.

- `registration`: a paper is right when the predicted IDs are exactly the gold IDs (spaces aside);
  `invented` counts predicted IDs no gold lists;
- `funding`, `conflicts`, `adverse_events` (statements): found when the predicted sentence overlaps the
  annotated one, over papers that state it; `spurious` counts predictions for papers that state none;
- `follow_up_weeks`: within 0.5 week of gold, over papers with a gold follow-up;
- `age`, `sex`: token F1 >= 0.5 with the gold value, over papers with one;
- `industry`: the same label, over papers whose gold says `yes` or `no`;
- `population_condition`: the population's words have token F1 >= 0.5 with the gold condition;
- `intervention_found` / `comparator_found`: some predicted arm has token F1 >= 0.6 with a gold arm of
  that role (agent, else name); comparators (and controls) only for papers with two arms or more.
"""

from __future__ import annotations

from collections import defaultdict

from extract.bench.paper_claims import per_source, token_f1
from extract.bench.predictions import Row
from extract.corpus.model import CorpusDocument

STATEMENTS = ("funding", "conflicts", "adverse_events")
ARM_F1 = 0.6
TEXT_FIELDS = ("age", "sex")


def score_characteristics(gold_docs: list[CorpusDocument], rows: list[Row]) -> dict:
    """Field scores over all papers and per source (`by_source`)."""
    return per_source(gold_docs, rows, _score)


def _score(docs: list[CorpusDocument], rows: list[Row]) -> dict:
    predicted = {str(row["id"]): row for row in rows}
    hits: dict[str, list[float]] = defaultdict(list)
    invented = spurious = 0
    for doc in docs:
        gold = doc.labels.get("characteristics")
        if gold is None:
            continue
        row = predicted.get(doc.id, {})
        gold_ids = {i.replace(" ", "") for i in gold.get("registration", [])}
        ids = {i.strip().replace(" ", "") for i in str(row.get("registration", "")).split(";") if i.strip()}
        if gold_ids or ids:
            hits["registration"].append(float(ids == gold_ids))
        invented += len(ids - gold_ids)
        for field in STATEMENTS:
            span = _span(row, field)
            if gold.get(field) and field in gold["spans"]:
                g = gold["spans"][field]
                hits[field].append(float(span is not None and min(span[1], g[1]) > max(span[0], g[0])))
            elif not gold.get(field) and span is not None:
                spurious += 1
        if gold.get("follow_up_weeks") is not None:
            weeks = row.get("follow_up_weeks")
            hits["follow_up_weeks"].append(float(weeks not in (None, "") and abs(float(weeks) - gold["follow_up_weeks"]) <= 0.5))
        for field in TEXT_FIELDS:
            if gold.get(field):
                hits[field].append(float(token_f1(str(row.get(field, "")), gold[field]) >= 0.5))
        if gold.get("industry") in ("yes", "no"):
            hits["industry"].append(float(row.get("industry") == gold["industry"]))
        if gold.get("condition"):
            hits["population_condition"].append(float(token_f1(str(row.get("population", "")), gold["condition"]) >= 0.5))
        predicted_arms = [a["arm"] for a in row.get("arms", [])]
        n_arms = gold.get("n_arms") or 0
        for role, roles in (("intervention", ("intervention",)), ("comparator", ("comparator", "control"))):
            wanted = [a for a in gold.get("arms", []) if a.get("role") in roles]
            if not wanted or (role == "comparator" and n_arms < 2):
                continue
            best = max((token_f1(p, g.get("agent") or g["arm"]) for p in predicted_arms for g in wanted), default=0.0)
            hits[f"{role}_found"].append(float(best >= ARM_F1))
    return {
        "n_docs": len(docs),
        "metrics": {},
        "fields": {name: {"mean": sum(v) / len(v), "n": len(v)} for name, v in sorted(hits.items()) if v},
        "invented_registrations": invented,
        "spurious_statements": spurious,
    }


def _span(row: Row, field: str) -> tuple[int, int] | None:
    start, end = row.get(f"{field}_start"), row.get(f"{field}_end")
    return (int(start), int(end)) if start not in (None, "") and end not in (None, "") else None
