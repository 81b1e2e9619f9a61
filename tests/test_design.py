"""Study design: cue rules, sentence splitting, the combined classifier on written PDFs, the stage, real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.bench.tasks import run_bench
from extract.fields.design import DesignStage, classify_design
from extract.fields.design_model import DesignClassifier
from extract.fields.design_rules import find_attributes, find_cues
from extract.fields.regions import paper_of_document
from extract.fields.sentences import split_sentences
from review_fixtures import write_paper
from extract.pdf import parse_pdf


@pytest.fixture(scope="module")
def classifier() -> DesignClassifier:
    return DesignClassifier.load()


def paper_pdf(folder: Path, name: str, title: str, sections: list[tuple[str, str]]) -> Path:
    """A one-column paper: title, then each (heading, paragraph) with a bold heading."""
    write_paper(folder / name, title, sections)
    return folder / name


RCT_SECTIONS = [
    ("Abstract", "Background: Acne is common. Methods: In this multicentre, double-blind, placebo-controlled trial, "
     "120 adults with acne were randomly assigned to gel or placebo. Results: Lesions fell more with gel."),
    ("Introduction", "Previous systematic reviews and a meta-analysis of earlier studies have shown mixed results [3]. "
     "Case reports described irritation [4]."),
    ("Methods", "Participants were randomized in a 1:1 ratio using computer-generated blocks at six centres. "
     "Patients and assessors were blinded to allocation."),
    ("Results", "Of 150 patients screened, 120 were randomized and 112 completed the study."),
    ("Discussion", "Unlike the cohort studies reported before [5], our trial was randomized."),
]
REVIEW_SECTIONS = [
    ("Abstract", "We performed a systematic review of randomized controlled trials of topical retinoids. We searched "
     "MEDLINE, Embase and the Cochrane Library. Twelve trials were included."),
    ("Introduction", "Many randomized trials have compared retinoids with vehicle."),
    ("Methods", "The review followed PRISMA. Two reviewers screened records and extracted data from each trial."),
    ("Results", "Twelve trials with 2,400 participants met the inclusion criteria; most trials were double-blind."),
]


def test_sentences_keep_offsets_and_abbreviations() -> None:
    text = "Smith et al. showed this. Patients (n = 45) were randomized, e.g. to A vs. B.\n\nMethods follow. We enrolled 30."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Smith et al. showed this.",
        "Patients (n = 45) were randomized, e.g. to A vs. B.",
        "Methods follow.",
        "We enrolled 30.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("Patients were randomly assigned to drug or placebo.", "rct"),
        ("This was a non-randomized controlled trial in two clinics.", "nrct"),
        ("We conducted a retrospective cohort study of 300 patients.", "cohort"),
        ("A case-control study of 489 cases and 530 controls.", "case_control"),
        ("This cross-sectional survey included nurses.", "cross_sectional"),
        ("We report a 45-year-old woman with a rash.", "case_report"),
        ("A systematic review and meta-analysis.", "meta_analysis"),
        ("Female BALB/c mice were injected with tumour cells.", "animal"),
        ("Eighty extracted human primary teeth were used.", "in_vitro"),
        ("This is the study protocol; patients will be randomized.", "protocol"),
    ],
)
def test_cues_find_the_stated_design(sentence: str, label: str) -> None:
    assert label in {hit.label for hit in find_cues(sentence)}


def test_negated_randomization_is_not_an_rct_cue() -> None:
    labels = {hit.label for hit in find_cues("In this non-randomized study, patients chose their treatment.")}
    assert "rct" not in labels and "nrct" in labels


def test_a_prospective_crossover_or_interventional_study_is_no_cohort_cue() -> None:
    for sentence in ("This was a prospective crossover study in volunteers.", "A prospective interventional study."):
        assert "cohort" not in {hit.label for hit in find_cues(sentence)}
    assert "cohort" in {hit.label for hit in find_cues("This was a prospective observational study.")}


def test_attributes() -> None:
    found = find_attributes(
        "A multicentre, double-blind, placebo-controlled, split-face crossover trial; patients were randomized."
    )
    assert found == {
        "randomized": "yes",
        "within_subject": "split-face",
        "crossover": "yes",
        "blinding": "double",
        "placebo_controlled": "yes",
        "multicentre": "yes",
    }
    assert "randomized" not in find_attributes("A non-randomized, open-label study.")


def test_rct_paper_with_background_mentions_of_other_designs(tmp_path: Path, classifier: DesignClassifier) -> None:
    doc = parse_pdf(paper_pdf(tmp_path, "rct.pdf", "Topical gel for acne vulgaris in adults", RCT_SECTIONS))
    result = classify_design(paper_of_document(doc), classifier)
    assert result.label == "rct"
    assert {"randomized", "blinding", "placebo_controlled", "multicentre"} <= result.attributes.keys()
    assert result.attributes["blinding"] == "double"
    assert result.evidence is not None and "random" in result.evidence.text
    assert doc.section_at(result.evidence.start).kind not in ("introduction", "discussion")


def test_a_review_of_trials_is_a_review(tmp_path: Path, classifier: DesignClassifier) -> None:
    doc = parse_pdf(paper_pdf(tmp_path, "review.pdf", "Topical retinoids for acne: a review of trials", REVIEW_SECTIONS))
    assert classify_design(paper_of_document(doc), classifier).label == "systematic_review"


def test_stage_columns_and_layer(tmp_path: Path) -> None:
    doc = parse_pdf(paper_pdf(tmp_path, "rct.pdf", "Topical gel for acne vulgaris in adults", RCT_SECTIONS))
    stage = DesignStage()
    stage.load()
    row = stage(doc)
    assert set(row) == set(DesignStage.columns)
    assert row["design"] == "rct" and 0 < row["design_confidence"] <= 1
    assert "blinding=double" in row["design_attributes"]
    assert row["design_page"] == 1
    (span,) = doc.layers["design"]
    assert doc.text[span.start : span.end] == row["design_evidence"]
    assert span.label == "rct" and span.attrs["confidence"] == row["design_confidence"]


def test_example_pdfs() -> None:
    examples = Path(__file__).resolve().parents[1] / "examples"
    stage = DesignStage()
    rows = {name: stage(parse_pdf(examples / name)) for name in ("acne_rct_two_column.pdf", "isotretinoin_cohort_one_column.pdf")}
    assert rows["acne_rct_two_column.pdf"]["design"] == "rct"
    assert rows["isotretinoin_cohort_one_column.pdf"]["design"] == "cohort"
    assert "timing=retrospective" in rows["isotretinoin_cohort_one_column.pdf"]["design_attributes"]


@pytest.mark.shared
def test_studytypeteller_dev_accuracy() -> None:
    result = run_bench("design", "studytypeteller-study-design", split="dev")
    assert result["n_docs"] == 400
    assert result["accuracy"] >= 0.79


@pytest.mark.shared
@pytest.mark.slow
def test_manifest_pdfs_accuracy() -> None:
    result = run_bench("design", "pdfs", split="test")
    assert result["n_docs"] == 37
    assert result["accuracy"] >= 0.85


def test_without_a_stated_design_the_layer_still_holds_the_classifiers_label(tmp_path: Path) -> None:
    sections = [("Abstract", "We measured serum ferritin in adults attending a clinic and related it to fatigue scores.")]
    doc = parse_pdf(paper_pdf(tmp_path, "plain.pdf", "Serum ferritin and fatigue in adults", sections))
    row = DesignStage()(doc)
    (span,) = doc.layers["design"]
    assert span.label == row["design"] and span.attrs["source"] == "classifier"
    assert row["design_evidence"] == "" and row["design_page"] is None
    assert doc.text[span.start : span.end] == "Serum ferritin and fatigue in adults"
