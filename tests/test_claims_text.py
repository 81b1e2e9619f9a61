"""Sentences, zones, stated significance, cue features and slot rules of `extract.claims`."""

from __future__ import annotations

import numpy as np
import pytest

from extract.claims.combiner import candidate_features
from extract.claims.features import cue_features, mark_prompt
from extract.claims.significance import confidence_intervals, p_values
from extract.claims.slots import extract_slots
from extract.claims.zones import headed_text_sentences
from extract.fields.sentences import split_sentences


def test_sentences_skip_abbreviations_decimals_and_company_names_and_close_on_curly_quotes() -> None:
    text = "Pain fell (Smith et al. 2010). Scores were 3.5 vs. 4.2 (Pfizer Inc. NY). He said “yes.” Next one"
    sentences = split_sentences(text, 10)
    assert [s.text for s in sentences] == [
        "(Smith et al. 2010).",
        "Scores were 3.5 vs. 4.2 (Pfizer Inc. NY).",
        "He said “yes.",
        "Next one",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_evidence_inference_lines_are_split_on_their_own() -> None:
    text = "ABSTRACT.RESULTS:\nPain fell in 12 of 30\npatients. Nausea did not differ."
    assert [s.text for s in headed_text_sentences(text)] == [
        "Pain fell in 12 of 30",
        "patients.",
        "Nausea did not differ.",
    ]


def test_evidence_inference_headings_set_zones_and_subsections_inherit() -> None:
    text = (
        "TITLE:\nA trial\n\nABSTRACT.RESULTS:\nPain fell.\n\nABSTRACT.CONCLUSION:\nIt works.\n\n"
        "BODY.INTRODUCTION:\nOthers found more.\n\nBODY.RESULTS:\nScores rose.\n\nBODY.ADVERSE EVENTS:\nNone died."
    )
    zones = {s.text: s.zone for s in headed_text_sentences(text)}
    assert zones == {
        "TITLE:": "front",
        "A trial": "front",
        "Pain fell.": "abstract:results",
        "It works.": "abstract:conclusion",
        "Others found more.": "introduction",
        "Scores rose.": "results",
        "None died.": "results",
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("difference 2.7 (95% CI = 0.28–5.19, P = .03)", [("P = .03", True)]),
        ("p<0.001 but P > 0.05 for pain", [("p<0.001", True), ("P > 0.05", False)]),
        ("(p = NS)", [("p = NS", False)]),
        ("P=2.1×10-5", [("P=2.1×10-5", True)]),
        ("group P had 12 patients", []),
    ],
)
def test_p_values_as_stated(sentence: str, expected: list[tuple[str, bool]]) -> None:
    assert [(p.text, p.significant) for p in p_values(sentence)] == expected


def test_confidence_intervals_and_whether_they_exclude_the_null() -> None:
    (ratio,) = confidence_intervals("OR 0.8 (95% CI, 0.6 to 1.1)")
    (difference,) = confidence_intervals("mean difference −1.5 (95% confidence interval −2.1 to −0.9)")
    assert (ratio.low, ratio.high, ratio.excludes(1.0)) == (0.6, 1.1, False)
    assert (difference.low, difference.high, difference.excludes(0.0)) == (-2.1, -0.9, True)


def test_cues_tell_significant_from_non_significant_results() -> None:
    negative = cue_features("Nausea did not differ between groups (p = 0.41).")
    positive = cue_features("Pain was significantly lower with ibuprofen (p = 0.003; 95% CI -2.1 to -0.9).")
    assert {"cue:no_difference", "p:not_significant"} <= negative.keys() and "p:significant" not in negative
    assert {"cue:significant", "cue:decrease", "p:significant", "ci:excludes_null"} <= positive.keys()


def test_mark_prompt_names_the_arms_in_order() -> None:
    marked, features = mark_prompt(
        "Pain was lower with ibuprofen than placebo", "ibuprofen 400 mg", "placebo", "pain scores"
    )
    assert marked == "_o_ was lower with _i_ than _c_"
    assert features == {"order:i_first": 1.0, "decrease&i_first": 1.0}
    swapped, features = mark_prompt(
        "Pain was lower with placebo than ibuprofen", "ibuprofen", "placebo", "pain"
    )
    assert swapped == "_o_ was lower with _c_ than _i_" and "decrease&c_first" in features


@pytest.mark.parametrize(
    ("sentence", "outcome", "intervention", "comparator"),
    [
        (
            "There was no significant difference in pain scores between the ibuprofen and placebo groups (p = 0.4).",
            "pain scores",
            "ibuprofen",
            "placebo",
        ),
        (
            "Results: Mean HbA1c was significantly lower in the metformin group compared with placebo (P < 0.01).",
            "HbA1c",
            "metformin",
            "placebo",
        ),
        (
            "Quality of life improved more with exercise than with usual care.",
            "Quality of life",
            "exercise",
            "usual care",
        ),
        ("No difference between groups was seen.", "", "", ""),
    ],
)
def test_slots_are_read_by_rules_or_left_empty(
    sentence: str, outcome: str, intervention: str, comparator: str
) -> None:
    slots = extract_slots(sentence)
    assert (slots.outcome, slots.intervention, slots.comparator) == (outcome, intervention, comparator)


def test_mark_prompt_knows_arms_by_their_acronyms() -> None:
    marked, features = mark_prompt(
        "Patients treated with AF received TF more often than those treated with CF or CQ",
        "conventional fractionation (2.0 Gy per day)",
        "accelerated fractionation (1.1 Gy) and chloroquine (CQ)",
        "tube feeding (TF)",
    )
    assert marked == "patients treated with _c_ received _o_ more often than those treated with _i_ or _c_"
    assert features["order:c_first"] == 1.0

def test_combiner_input_pads_missing_candidates_with_uniform_directions() -> None:
    ranks, proba = np.array([0.9, 0.3]), np.array([[0.8, 0.1, 0.1], [0.2, 0.2, 0.6]])
    features = candidate_features(ranks, proba, top_k=3)
    assert len(features) == 3 * 3 + 3 + 3 * 3
    assert np.allclose(features[6:9], 1 / 3) and np.allclose(features[9:12], [0.9, 0.3, 0.0])
    assert np.allclose(features[12:15], 0.75 * proba[0] + 0.25 * proba[1])
    assert np.allclose(features[-3:], [0.8, 1 / 3, 0.6])
