"""The `claims` stage with the shipped models: on a PDF the test writes, and on the shared PDFs."""

from __future__ import annotations

import csv
from pathlib import Path

import pymupdf
import pytest

from extract.claims import CLAIMS_LAYER, CLAIMS_TABLE, ClaimsStage
from extract.claims.models import DEFAULT_MODEL
from extract.paths import pdfs_dir
from extract.pdf import parse_pdf

pytestmark = pytest.mark.skipif(
    not DEFAULT_MODEL.exists(), reason="claim models not trained (scripts/train_claims.py)"
)

CSS = "body{font-family:serif;font-size:10pt} h1{font-size:16pt;font-weight:bold} h2{font-size:12pt;font-weight:bold;margin-top:8pt} p{margin:0 0 4pt 0}"
PAPER = """<h1>Ibuprofen versus placebo for postoperative pain: a randomized controlled trial</h1>
<p>Anna Berg, Jonas Holm</p>
<h2>Abstract</h2>
<p>Background: Pain after knee surgery is common. Methods: We randomized 120 adults to ibuprofen or placebo.
Results: Pain scores at 24 hours were significantly lower in the ibuprofen group compared with placebo (p = 0.003).
There was no significant difference in nausea between the ibuprofen and placebo groups (p = 0.41).
Conclusions: Ibuprofen reduces pain after knee surgery.</p>
<h2>Introduction</h2>
<p>Earlier trials reported that morphine significantly reduced pain compared with placebo (p &lt; 0.01) [1].
Whether ibuprofen helps is unknown.</p>
<h2>Methods</h2>
<p>Adults undergoing knee surgery were randomly assigned to ibuprofen 400 mg or placebo. The primary outcome was pain at 24 hours.</p>
<h2>Results</h2>
<p>Mean pain scores were significantly lower in the ibuprofen group than in the placebo group (3.1 vs 4.6; 95% CI -2.1 to -0.9; p &lt; 0.001).
Length of stay did not differ between the ibuprofen and placebo groups (p = 0.52).
Patient satisfaction was significantly higher in the ibuprofen group compared with placebo (p = 0.01).</p>
<h2>Discussion</h2>
<p>Our findings agree with earlier work.</p>
<h2>References</h2>
<p>1. Smith J. Morphine for pain. Pain. 2001;1:1-10.</p>
"""


@pytest.fixture(scope="module")
def stage() -> ClaimsStage:
    stage = ClaimsStage()
    stage.load()
    return stage


@pytest.fixture(scope="module")
def paper(stage: ClaimsStage):
    pdf = pymupdf.open()
    pdf.new_page().insert_htmlbox(pymupdf.Rect(56, 56, 540, 790), PAPER, css=CSS)
    doc = parse_pdf("trial.pdf", data=pdf.tobytes())
    doc.id = "trial"
    row = stage(doc)
    return doc, row


def claim_at(doc, start: str):
    found = [s for s in doc.layers[CLAIMS_LAYER] if s.attrs["evidence"].startswith(start)]
    assert found, (
        f"no claim starting {start!r}; claims: {[s.attrs['evidence'] for s in doc.layers[CLAIMS_LAYER]]}"
    )
    return found[0]


def test_result_sentences_become_claims_with_direction_arms_and_significance(paper) -> None:
    doc, _ = paper
    pain = claim_at(doc, "Mean pain scores")
    assert pain.attrs["direction"] == "decreased"
    assert (pain.attrs["outcome"], pain.attrs["intervention"], pain.attrs["comparator"]) == (
        "pain scores",
        "ibuprofen",
        "placebo",
    )
    assert pain.attrs["p_value"] == "p < 0.001" and pain.attrs["ci"] == "95% CI -2.1 to -0.9"
    assert pain.attrs["page"] == 1 and pain.attrs["section"] == "Results"
    assert doc.text[pain.start : pain.end] == pain.attrs["evidence"]
    assert claim_at(doc, "Length of stay").attrs["direction"] == "no_difference"
    assert claim_at(doc, "Patient satisfaction").attrs["direction"] == "increased"
    assert (
        claim_at(doc, "There was no significant difference in nausea").attrs["direction"] == "no_difference"
    )
    assert all(0.0 <= s.attrs["confidence"] <= 1.0 for s in doc.layers[CLAIMS_LAYER])


def test_no_claims_from_the_introduction_methods_or_references(paper) -> None:
    doc, _ = paper
    kinds = {doc.section_at(s.start).kind for s in doc.layers[CLAIMS_LAYER]}
    assert kinds <= {"abstract", "results", "conclusion"}
    assert not any("morphine" in s.attrs["evidence"] for s in doc.layers[CLAIMS_LAYER])


def test_studies_columns_and_claims_csv_rows(paper, tmp_path: Path) -> None:
    doc, row = paper
    assert row["n_claims"] == len(doc.layers[CLAIMS_LAYER]) >= 4
    assert row["top_claim"] in {s.attrs["evidence"] for s in doc.layers[CLAIMS_LAYER]}
    rows = list(CLAIMS_TABLE.rows(doc))
    assert len(rows) == row["n_claims"] and all(set(r) == set(CLAIMS_TABLE.columns) for r in rows)
    out = tmp_path / CLAIMS_TABLE.filename
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, CLAIMS_TABLE.columns)
        writer.writeheader()
        writer.writerows(rows)
    with out.open(newline="", encoding="utf-8") as handle:
        back = list(csv.DictReader(handle))
    assert {r["direction"] for r in back} == {"increased", "decreased", "no_difference"}
    assert all(r["doc_id"] == "trial" for r in back)


@pytest.mark.shared
def test_claims_on_real_pdfs_stay_in_results_and_conclusions(stage: ClaimsStage) -> None:
    pdfs = sorted(pdfs_dir().glob("*.pdf"))[:6]
    assert pdfs
    total = 0
    for path in pdfs:
        doc = parse_pdf(path)
        row = stage(doc)
        spans = doc.layers.get(CLAIMS_LAYER, [])
        total += row["n_claims"]
        for span in spans:
            assert doc.section_at(span.start).kind in {"abstract", "results", "conclusion"}
            assert span.attrs["direction"] in {"increased", "decreased", "no_difference"}
            assert span.attrs["page"] is not None and span.attrs["page"] >= 1
    assert total > 0
