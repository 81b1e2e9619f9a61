"""The fields a claim row states besides its sentence: significance, direction read through the
measure's polarity, timepoint, group values, effect size, primary and harm flags, the comparator."""

from __future__ import annotations

import pytest

from extract.claims.details import EFFECT, GROUP_VALUES, HARM, TIMEPOINT, every, first, primary_outcomes
from extract.claims.extractor import is_primary
from extract.claims.features import content_stems
from extract.claims.polarity import lower_is_better, read_direction
from extract.claims.significance import stated_significance
from extract.claims.slots import extract_slots


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The scar score fell more with PRP (p < 0.001).", "significant"),
        ("Hair density increased significantly in the PRP group.", "significant"),
        ("There was no significant difference in hair density between the groups.", "not_significant"),
        ("Erythema did not differ between sides (P = 0.41).", "not_significant"),
        ("The odds of healing were higher (OR 2.1, 95% CI 1.2-3.6).", "significant"),
        ("The odds of healing were similar (OR 1.1, 95% CI 0.7-1.6).", "not_significant"),
        ("No significant differences in ESS; but BDI rose significantly (P = 0.049).", "significant"),
        ("Wrinkles improved in most patients.", "not_stated"),
    ],
)
def test_stated_significance(sentence, expected):
    assert stated_significance(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "outcome", "model", "expected"),
    [
        ("PASI scores improved significantly with metformin.", "PASI scores", "increased", "decreased"),
        ("Hair density improved with PRP.", "Hair density", "decreased", "increased"),
        ("The mMASI worsened after stopping treatment.", "mMASI", "decreased", "increased"),
        ("The improvement of acne scars was better with combined treatment than with laser alone.", "acne scars",
         "decreased", "increased"),
        ("Baseline ACTH inversely related to delta cortisol (rs = -0.32).", "", "increased", "decreased"),
        ("Calcium intake was positively correlated with fecal fat.", "", "no_difference", "increased"),
        ("PASI fell from 12 to 4 and improved in all patients.", "PASI", "decreased", "decreased"),  # the move is stated
        ("Satisfaction did not differ.", "Satisfaction", "no_difference", "no_difference"),
    ],
)
def test_read_direction(sentence, outcome, model, expected):
    assert read_direction(sentence, outcome, model) == expected


def test_measure_polarity():
    assert lower_is_better("time to wound closure") is True
    assert lower_is_better("wound closure rate") is False
    assert lower_is_better("the ECCA score") is True
    assert lower_is_better("hospital costs") is None


def test_numbers_as_written():
    sentence = "At week 12, healing was 32.5% vs 19.9% (OR 2.1, 95% CI 1.2-3.6; p = 0.01)."
    assert first(TIMEPOINT, sentence) == "At week 12"
    assert every(GROUP_VALUES, sentence) == "32.5% vs 19.9%"
    assert every(EFFECT, sentence) == "OR 2.1"
    assert first(TIMEPOINT, "Scores fell after 6 months of treatment.") == "after 6 months of treatment"


def test_harm_and_primary():
    assert HARM.search("No serious adverse events occurred.")
    assert not HARM.search("Hair density rose by 20%.")
    text = "Methods: The primary outcome was the change in ECCA score at week 12. Secondary outcomes were GAIS."
    primary = [content_stems(o) for o in primary_outcomes(text)]
    assert is_primary("ECCA score", primary)
    assert not is_primary("GAIS", primary)


def test_before_after_results_have_baseline_as_comparator():
    assert extract_slots("The mMASI fell from baseline to week 8 in all patients.").comparator == "baseline"
    assert extract_slots("Hair counts rose after three sessions of PRP.").comparator == "baseline"
    assert extract_slots("Hair counts rose more in the PRP group than in the saline group.").comparator != "baseline"


def _claim(start: int, zone: str, outcome: str, p_value: str = "", direction: str = "decreased"):
    from extract.document import Span

    attrs = {"zone": zone, "outcome": outcome, "p_value": p_value, "ci": "", "values": "", "effect": "",
             "timepoint": "", "direction": direction, "significance": "significant", "evidence": f"sentence {start}",
             "page": 1, "section": zone}
    return Span(start, start + 10, "claim", attrs)


def test_a_body_sentence_restating_an_abstract_claim_becomes_its_second_evidence():
    from extract.claims.extractor import merge_restatements

    spans = [
        _claim(0, "abstract:results", "ECCA score", "p < 0.001"),
        _claim(100, "results", "the ECCA score", "p < 0.001; p = 0.02"),
        _claim(200, "results", "GAIS", "p = 0.03", direction="increased"),
        _claim(300, "results", "ECCA score", "p = 0.4"),  # the same outcome, another result in the body
    ]
    merged = merge_restatements(spans)
    assert [s.start for s in merged] == [0, 200, 300]
    assert merged[0].attrs["also"][0]["start"] == 100
    assert merged[0].attrs["p_value"] == "p < 0.001; p = 0.02"
