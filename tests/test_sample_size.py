"""Sample size: counts in text, what each count means, the extractor by design, the stage, real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.bench.tasks import run_bench
from extract.fields.numbers import find_counts
from extract.corpus.model import CorpusDocument, Passage
from extract.fields.regions import Paper, Region, paper_of_corpus_document
from extract.fields.sample_size import SampleSizeStage, extract_sample_size, total_candidates
from extract.pdf import parse_pdf
from test_design import RCT_SECTIONS, paper_pdf


def paper(abstract: str, methods: str = "", results: str = "") -> Paper:
    """A paper with abstract, methods and results regions."""
    parts, regions, at = [], [], 0
    for kind, body in (("abstract", abstract), ("methods", methods), ("results", results)):
        regions.append(Region(kind, at, at + len(body)))
        parts.append(body)
        at += len(body) + 2
    return Paper("\n\n".join(parts), tuple(regions))


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Twenty-four patients took part.", 24, "human"),
        ("One hundred and twelve women (median age 56).", 112, "human"),
        ("A total of 13 388 women at increased risk.", 13388, "human"),
        ("Data from 1,094 adults were used.", 1094, "human"),
        ("Patients (n = 45) were treated.", 45, "n"),
        ("31 studies were included.", 31, "study"),
        ("24 male Wistar rats were used.", 24, "animal"),
    ],
)
def test_counts(text: str, value: int, kind: str) -> None:
    (count,) = [c for c in find_counts(text) if c.value == value]
    assert count.kind == kind


def test_measures_and_rates_are_not_counts() -> None:
    assert find_counts("The rate was 4.5 per 1,000 patient-years in women aged 50-69 years.") == []


def test_consort_flow_text_tells_screened_randomized_and_analysed_apart() -> None:
    result = extract_sample_size(
        paper(
            "Background: Acne is common.",
            "The sample size of 110 patients was calculated to detect a 20% difference.",
            "Of 150 patients screened, 20 were excluded and 120 were randomized: 60 to the gel group and 60 to the "
            "placebo group. 112 completed the study.",
        ),
        "rct",
    )
    assert result.total is not None and result.total.count.value == 120
    assert [arm.count.value for arm in result.arms] == [60, 60]
    assert result.analyzed is not None and result.analyzed.count.value == 112
    assert result.confidence > 0.5


def test_number_written_as_words_with_per_arm_counts() -> None:
    result = extract_sample_size(
        paper("Forty-five patients were randomly assigned to receive drug A (n = 23) or placebo (n = 22)."), "rct"
    )
    assert result.total.count.value == 45
    assert [arm.count.value for arm in result.arms] == [23, 22]


def test_equal_arms_from_a_per_group_count() -> None:
    result = extract_sample_size(paper("Sixty patients were randomized (30 per group) and 56 completed the trial."), "rct")
    assert result.total.count.value == 60
    assert [arm.count.value for arm in result.arms] == [30, 30]
    assert result.analyzed.count.value == 56


def test_arms_alone_give_the_total_with_lower_confidence() -> None:
    stated = extract_sample_size(paper("In total, 60 patients were randomized."), "rct")
    summed = extract_sample_size(
        paper("Patients were randomized to drug (n = 31) or placebo (n = 29)."), "rct"
    )
    assert summed.total.count.value == 60
    assert summed.confidence < stated.confidence


def test_arms_listed_in_one_sentence_add_up() -> None:
    result = extract_sample_size(
        paper("Of 83 patients, 23 were excluded. 23, 16 and 21 patients were randomized to placebo, pioglitazone "
              "and metformin, respectively."),
        "rct",
    )
    assert result.total.count.value == 60


def test_counts_in_sentences_citing_other_work_count_less() -> None:
    result = extract_sample_size(
        paper("Previously, most injections were into the breast (14 patients or 45%) [3]. "
              "This report presents two patients who were admitted for dyspnoea."),
        "case_series",
    )
    assert result.total.count.value == 2


def test_review_counts_studies_and_pooled_participants() -> None:
    result = extract_sample_size(
        paper("We included 31 studies with a total of 4,179 patients in the meta-analysis."), "meta_analysis"
    )
    assert result.n_studies.count.value == 31
    assert result.total.count.value == 4179


def test_animal_study_counts_animals_not_participants() -> None:
    result = extract_sample_size(paper("Twenty-four rats were randomized into two groups of 12 animals."), "animal")
    assert result.total is None
    assert result.n_animals.count.value == 24


def test_case_report_is_one_patient_with_half_confidence() -> None:
    result = extract_sample_size(paper("We describe an unusual rash after heating pad use."), "case_report")
    assert result.total.count.value == 1 and result.confidence == 0.5


def test_nothing_stated_gives_nothing() -> None:
    result = extract_sample_size(paper("The enzyme was crystallized at 4 degrees."), "rct")
    assert result.total is None and result.arms == []


def test_stage_columns_and_layer(tmp_path: Path) -> None:
    doc = parse_pdf(paper_pdf(tmp_path, "rct.pdf", "Topical gel for acne vulgaris in adults", RCT_SECTIONS))
    row = SampleSizeStage()(doc)
    assert set(row) == set(SampleSizeStage.columns)
    assert row["sample_size"] == 120 and row["sample_size_analyzed"] == 112
    assert row["sample_size_page"] == 1 and "120" in row["sample_size_evidence"]
    total = next(span for span in doc.layers["sample_size"] if span.label == "total")
    assert doc.text[total.start : total.end].startswith("120")
    start, end = total.attrs["sentence"]
    assert doc.text[start:end] == row["sample_size_evidence"]


def test_example_pdfs() -> None:
    examples = Path(__file__).resolve().parents[1] / "examples"
    assert SampleSizeStage()(parse_pdf(examples / "acne_rct_two_column.pdf"))["sample_size"] == 60
    assert SampleSizeStage()(parse_pdf(examples / "isotretinoin_cohort_one_column.pdf"))["sample_size"] == 1284


@pytest.mark.shared
def test_pico_dev_exact_match() -> None:
    result = run_bench("sample-size", "pico-corpus-breast-cancer", split="dev")
    assert result["exact"]["tp"] / result["n_docs"] >= 0.85


@pytest.mark.shared
@pytest.mark.slow
def test_manifest_pdfs_exact_match() -> None:
    result = run_bench("sample-size", "pdfs", split="test")
    assert result["n_docs"] == 27
    assert result["exact"]["tp"] / result["n_docs"] >= 0.6


def test_a_corpus_abstract_in_one_passage_is_read_as_the_abstract() -> None:
    text = "Exercise after breast cancer. Ninety-six women were randomized."
    (region,) = paper_of_corpus_document(CorpusDocument(id="1", passages=[Passage("text", 0, text)])).regions
    assert (region.kind, region.start, region.end) == ("abstract", 0, len(text))


def test_the_summary_states_the_size_first() -> None:
    abstract = (
        "Ninety-six patients who underwent breast surgery took part. "
        "Cerebral oxygenation was monitored in a total of 91 female patients."
    )
    assert extract_sample_size(paper(abstract), "rct").total.count.value == 96


def test_eligible_in_a_counts_own_words_is_not_screening() -> None:
    result = extract_sample_size(paper("Eighteen centers enrolled 171 eligible female patients with breast cancer."), "rct")
    assert result.total.count.value == 171


def test_enrolling_before_a_count_and_an_acronym_as_the_counted_noun() -> None:
    enrolling = "The trial ran in 19 hospitals, enrolling 210 women with early breast cancer. A total of 206 women were evaluable."
    assert extract_sample_size(paper(enrolling), "rct").total.count.value == 210
    acronym = "We studied breast cancer survivors (BCS). A total of 322 BCS were randomized to a program or usual care."
    assert extract_sample_size(paper(acronym), "rct").total.count.value == 322


def test_a_subgroup_taken_from_one_arm_is_not_the_total() -> None:
    text = (
        "Pregnant women (n = 2212) were randomised to lifestyle advice or standard care. "
        "Later, 582 eligible women from the Lifestyle Advice group were further randomised, 287 to walking and 295 to diet."
    )
    assert extract_sample_size(paper(text), "rct").total.count.value == 2212


def test_a_protocols_target_accrual_is_its_planned_size() -> None:
    result = extract_sample_size(paper("Target accrual is 200 patients, with a two-sided type I error of 5% and 80% power."), "protocol")
    assert result.total.count.value == 200 and result.total.role == "planned"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("213 BRCA mutation carriers completed the six-month study.", 213),
        ("Thirty-one radiologists who completed the course took part.", 31),
        ("Thirty-eight newly diagnosed stage II or III breast cancer patients were enrolled.", 38),
    ],
)
def test_more_participant_nouns_and_longer_modifier_chains(text: str, value: int) -> None:
    assert [c.value for c in find_counts(text)] == [value]


def test_a_year_after_a_month_is_not_a_count() -> None:
    assert find_counts("A trial from October 2016 to January 2018 analyzed patients after surgery.") == []
    assert [c.value for c in find_counts("Overall, 2012 patients were seen in May.")] == [2012]


def test_a_bracketed_total_that_its_arms_add_up_to() -> None:
    text = ("Women with bone metastases (N = 228) were randomly assigned to receive zoledronic acid (n = 114) "
            "or pamidronate (n = 114).")
    result = extract_sample_size(paper(text), "rct", use_ranker=False)
    assert result.total.count.value == 228
    assert [arm.count.value for arm in result.arms] == [114, 114]


def test_allocation_to_one_of_two_groups_is_no_arm_and_out_of_opens_a_pool() -> None:
    text = "Out of 121 consecutive cases qualified for mastectomy, 112 women were allocated randomly to 1 of 2 groups."
    candidates, _ = total_candidates(paper(text), "rct")  # per-arm counts are no candidates
    assert [(c.count.value, "pool" in c.cues) for c in candidates] == [(121, True), (112, False)]
