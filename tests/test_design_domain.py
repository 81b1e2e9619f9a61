"""Design on the seed domain's kinds of study (issue 33): split-body trials randomized by side, single-arm
pilots, controlled trials without randomization, case reports and series, and the attributes."""

from __future__ import annotations

import pytest

from extract.fields.design import classify_design
from extract.fields.design_model import DesignClassifier
from extract.fields.design_rules import find_attributes
from extract.fields.regions import paper_of_document
from extract.pdf import parse_pdf
from review_fixtures import write_paper


@pytest.fixture(scope="module")
def classifier() -> DesignClassifier:
    return DesignClassifier.load()


def design_of(tmp_path, classifier, title: str, abstract: str):
    write_paper(tmp_path / "paper.pdf", title, [("Abstract", abstract)])
    return classify_design(paper_of_document(parse_pdf(tmp_path / "paper.pdf")), classifier)


CASES = [
    (
        "side randomized",
        "Platelet-rich plasma with fractional laser for facial rejuvenation",
        "Thirteen women with facial ageing were treated with fractional CO2 laser. One side of the face was randomly "
        "selected as the experimental side and injected with platelet-rich plasma; the other side received saline. "
        "Wrinkles improved more on the treated side.",
        "rct",
    ),
    (
        "site randomized",
        "Exosome gel after laser resurfacing of acne scars",
        "Twenty patients with atrophic acne scars received laser treatment of two sites. The exosome gel was randomly "
        "applied to one of the two treatment sites and vehicle to the other. Scar scores fell more at exosome sites.",
        "rct",
    ),
    (
        "single arm, prospective, no control group",
        "Platelet-rich fibrin membrane as a dressing for chronic leg ulcers: a prospective study",
        "A prospective study enrolled 30 patients with chronic leg ulcers, who were treated with a platelet-rich "
        "fibrin membrane for six weeks. Ulcer area fell by 80 percent. The study was limited by the lack of a "
        "control group.",
        "single_arm",
    ),
    (
        "open-label pilot",
        "Topical growth factor serum for photoaging: an open-label pilot study",
        "Twenty-four women with photoaging applied the serum twice daily for twelve weeks in this open-label pilot "
        "study. Wrinkle scores improved from baseline.",
        "single_arm",
    ),
    (
        "phase 2 with a word between",
        "Autologous platelet lysate for hair loss",
        "In this Phase 2 clinical trial, 40 men with androgenetic alopecia received six injections of platelet "
        "lysate. Hair density rose at week 24.",
        "single_arm",
    ),
    (
        "controlled trial without randomization",
        "Platelet-rich plasma versus sutures for skin graft fixation in burns",
        "This controlled prospective single center study included 15 deep burn patients; on each patient one "
        "graft area was fixed with platelet-rich plasma and the other with sutures. Graft take did not differ.",
        "nrct",
    ),
    (
        "non-inferiority split face without randomization",
        "Polynucleotide versus hyaluronic acid filler for crow's feet",
        "In this investigator-blinded split-face non-inferiority trial without randomization, 40 women received "
        "polynucleotide on the left side and hyaluronic acid on the right side. Wrinkle depth fell on both sides.",
        "nrct",
    ),
    (
        "retrospective series of treated patients",
        "Platelet-rich plasma for visual loss after filler injection",
        "We describe a retrospective series of treated patients with visual loss after cosmetic filler injection. "
        "Vision improved in two of the five eyes.",
        "case_series",
    ),
    (
        "case report of one patient",
        "Treatment of glabellar skin necrosis after filler injection using platelet-rich plasma",
        "Skin necrosis after filler injection is rare. Herein we report a patient who experienced tissue necrosis "
        "of the glabella after filler injections that was treated with platelet-rich plasma.",
        "case_report",
    ),
    (
        "animal part and a human trial",
        "A randomized, double-blind, matched-pairs clinical trial and preclinical animal study of a polynucleotide filler",
        "For the animal study, 25 mice were divided into three groups and treated with filler. In the clinical "
        "trial, 72 patients were randomized to receive the polynucleotide filler on one side and hyaluronic acid "
        "on the contralateral side. Mice showed more collagen; patients showed no difference.",
        "rct",
    ),
]


@pytest.mark.parametrize(("name", "title", "abstract", "expected"), CASES, ids=[c[0] for c in CASES])
def test_seed_domain_designs(tmp_path, classifier, name, title, abstract, expected):
    result = design_of(tmp_path, classifier, title, abstract)
    assert result.label == expected, (name, result.scores)
    assert result.evidence is not None


def test_side_randomization_makes_a_split_face_rct(tmp_path, classifier):
    result = design_of(tmp_path, classifier, CASES[0][1], CASES[0][2])
    assert result.attributes.get("randomized") == "yes"
    assert result.attributes.get("within_subject") == "split-face"


def test_randomly_selected_patients_do_not_make_a_single_arm_study_randomized(tmp_path, classifier):
    result = design_of(
        tmp_path,
        classifier,
        "Platelet-rich plasma gel for diabetic foot ulcers: a single-arm clinical trial",
        "Fifty randomly selected patients with diabetic foot ulcers were treated with platelet-rich plasma gel in "
        "this single-arm trial. Wound area fell in every patient.",
    )
    assert result.label == "single_arm"
    assert "randomized" not in result.attributes


def test_retrospectively_registered_is_no_timing():
    assert "timing" not in find_attributes("The trial was retrospectively registered (ACTRN12618000123).")
    assert find_attributes("We retrospectively reviewed the charts.")["timing"] == "retrospective"


def test_without_a_cue_the_confidence_stays_low(tmp_path, classifier):
    result = design_of(
        tmp_path,
        classifier,
        "Skin quality after platelet-rich plasma",
        "Skin quality matters to patients. Platelet-rich plasma is widely used. Its effects on skin are described.",
    )
    assert result.evidence is None
    assert result.confidence <= 0.5


def _total(text: str, design: str = "rct"):
    from extract.fields.regions import Paper, Region
    from extract.fields.sample_size import extract_sample_size

    return extract_sample_size(Paper(text, (Region("abstract", 0, len(text)),)), design)


def test_the_randomized_number_not_the_pool_eligible_for_randomization():
    result = _total("In total, 120 patients were eligible for randomization; 100 were randomized to PRP or saline.")
    assert result.total.count.value == 100


def test_split_body_n_is_people_and_events_are_not_people():
    assert _total("Twenty patients (40 sides) with melasma were randomized to PRP on one side of the face.").total.count.value == 20
    assert _total("Among 120 women randomized to the two regimens, 35 pregnancies occurred.").total.count.value == 120


def test_more_analysed_than_enrolled_is_dropped_and_lowers_confidence():
    consistent = _total("Sixty patients were randomized to PRP or saline, and 52 were analysed.")
    impossible = _total("Sixty patients were randomized to PRP or saline, and 75 were analysed.")
    assert consistent.analyzed.count.value == 52
    assert impossible.analyzed is None and impossible.confidence < consistent.confidence
