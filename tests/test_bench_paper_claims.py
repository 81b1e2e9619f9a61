"""Claims of whole papers scored against our annotations: recall, precision, boilerplate, fields."""

from __future__ import annotations

import pytest

from extract.bench.paper_claims import score_paper_claims, token_f1
from extract.corpus.model import CorpusDocument

TEXT = "Front matter line. Hair density rose with PRP (p = 0.01). Pain was similar. Funding: none."


def _gold() -> CorpusDocument:
    density = TEXT.index("Hair density")
    pain = TEXT.index("Pain was")
    claims = [
        {"spans": [(density, density + 38)], "outcome": "hair density", "direction": "increased",
         "significance": "significant", "intervention": "PRP", "comparator": "baseline", "p_value": ["p = 0.01"],
         "ci": [], "primary": True, "harm": False},
        {"spans": [(pain, pain + 17)], "outcome": "pain", "direction": "no_difference",
         "significance": "not_significant", "intervention": "", "comparator": "", "p_value": [], "ci": [],
         "primary": False, "harm": False},
    ]
    funding = TEXT.index("Funding")
    return CorpusDocument(id="paper", labels={"claims": claims, "source": "pdfs", "boilerplate": [(funding, len(TEXT))]})


def _row(start: int, end: int, **fields) -> dict:
    return {"id": "paper", "claim_start": start, "claim_end": end, **fields}


def test_recall_precision_boilerplate_and_fields():
    density = TEXT.index("Hair density")
    funding = TEXT.index("Funding")
    rows = [
        _row(density, density + 38, outcome="Hair density", direction="increased", significance="significant",
             intervention="PRP", comparator="baseline", p_value="p = 0.01", primary=True, harm=False),
        _row(funding, len(TEXT), outcome="", direction="no_difference"),
    ]
    result = score_paper_claims([_gold()], rows)
    assert result["recall"] == pytest.approx(0.5)
    assert result["precision"] == pytest.approx(0.5)
    assert result["boilerplate_rows"] == 1
    fields = result["fields"]
    assert fields["direction"]["mean"] == 1.0 and fields["outcome_f1"]["mean"] == 1.0
    assert fields["p_value_exact"]["mean"] == 1.0 and fields["primary"]["mean"] == 1.0
    assert result["by_source"]["pdfs"]["recall"] == pytest.approx(0.5)


def test_token_f1():
    assert token_f1("the ECCA score", "ECCA score") == pytest.approx(0.8)
    assert token_f1("", "ECCA") == 0.0
