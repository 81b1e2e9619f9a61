"""Characteristics read by set phrases: registration IDs, funding and conflicts, industry, adverse events,
follow-up in weeks, age and sex — on a written PDF and on pattern cases."""

from __future__ import annotations

import pytest

from extract.fields.characteristics import CharacteristicsStage
from extract.fields.regions import Paper, Region
from extract.fields.statements import AGE_MEAN, REGISTRY_ID, SEX, follow_up, registrations
from extract.pdf import parse_pdf
from make_pdfs import sectioned_pdf, write


@pytest.mark.parametrize(
    "identifier",
    ["NCT03933033", "ISRCTN12345678", "ChiCTR2000031234", "KCT0004321", "IRCT20190101012345N1",
     "CTRI/2019/05/019123", "ACTRN12618000123456", "DRKS00012345", "UMIN000042881", "NTR3447", "CRD42020123456"],
)
def test_registry_identifiers(identifier):
    assert REGISTRY_ID.search(f"The trial was registered ({identifier}).").group() == identifier


def test_a_bare_eudract_number_needs_its_name_and_a_cited_trial_in_the_references_is_not_read():
    text = "Registered as EudraCT 2015-001234-56. Dates like 2015-001234-56 elsewhere mean nothing."
    paper = Paper(text + " Smith J. NCT01234567. Lancet.", (Region("methods", 0, len(text)), ))
    assert [s.value for s in registrations(paper)] == ["EudraCT 2015-001234-56"]


def test_follow_up_in_weeks_takes_the_longest_and_skips_ages():
    text = "Patients were followed up for 6 months. At the 12-month follow-up, scars were rated. Mean age at follow-up was 70.8 years."
    statement, weeks = follow_up(Paper(text, (Region("methods", 0, len(text)),)))
    assert weeks == pytest.approx(52.1, abs=0.1) and "12-month follow-up" in statement.value


def test_age_and_sex_as_written():
    sentence = "The mean age was 34.2 ± 6.1 years; 24 women and 6 men took part."
    assert AGE_MEAN.search(sentence).group() == "mean age was 34.2 ± 6.1 years"
    assert SEX.search(sentence).group() == "24 women and 6 men"
    assert SEX.search("Of them, 62% (n = 1,724) were men.").group() == "62% (n = 1,724) were men"


def test_the_stage_on_a_written_paper(tmp_path):
    path = write(tmp_path, "paper.pdf", sectioned_pdf("Exosome gel for acne scars: a randomized trial", [
        ("Abstract", "Thirty patients with acne scars were randomized. The trial was registered as NCT01234567. "
                     "No serious adverse events occurred. Patients were followed up for 24 weeks."),
        ("Methods", "The mean age was 29.5 years. Twenty women and ten men took part."),
        ("Funding", "This study was funded by Dermalab Inc."),
        ("Conflicts of interest", "J.S. is an employee of Dermalab Inc."),
    ]))
    doc = parse_pdf(path)
    row = CharacteristicsStage()(doc)
    assert row["registration"] == "NCT01234567"
    assert row["funding"] == "This study was funded by Dermalab Inc."
    assert row["conflicts"] == "J.S. is an employee of Dermalab Inc."
    assert row["industry"] == "yes"
    assert row["adverse_events"] == "No serious adverse events occurred."
    assert row["follow_up_weeks"] == 24.0
    assert row["age"] == "mean age was 29.5 years"
    assert row["sex"] == "Twenty women and ten men"
    fields = {span.label for span in doc.layers["characteristics"]}
    assert {"registration", "funding", "conflicts", "adverse_events", "follow_up", "age", "sex"} <= fields


def test_the_characteristics_scorer_counts_found_statements_and_invented_ids():
    from extract.bench.characteristics import score_characteristics
    from extract.corpus.model import CorpusDocument

    gold = {"registration": ["NCT01234567"], "funding": True, "conflicts": False, "adverse_events": False,
            "follow_up_weeks": 12.0, "spans": {"funding": (100, 140)}, "industry": "no", "arms": []}
    doc = CorpusDocument(id="p", labels={"characteristics": gold, "source": "pdfs"})
    row = {"id": "p", "registration": "NCT01234567; NCT07654321", "funding_start": 120, "funding_end": 160,
           "conflicts_start": 10, "conflicts_end": 20, "follow_up_weeks": 12.4, "industry": "unclear"}
    result = score_characteristics([doc], [row])
    fields = result["fields"]
    assert fields["registration"]["mean"] == 0.0 and result["invented_registrations"] == 1
    assert fields["funding"]["mean"] == 1.0 and result["spurious_statements"] == 1
    assert fields["follow_up_weeks"]["mean"] == 1.0 and fields["industry"]["mean"] == 0.0
    assert result["by_source"]["pdfs"]["fields"] == fields
