"""`design` scoring: accuracy, per-label counts, macro-F1, confusion, and the corpus label mappings."""

from __future__ import annotations

import csv

import pytest

from extract.bench.design import score_design
from extract.bench.design_labels import DESIGN_LABELS, MANIFEST_TO_DESIGN, SCHEMES, STUDYTYPETELLER_TO_DESIGN
from extract.corpus.catalog import load_corpus
from extract.corpus.model import CorpusDocument
from extract.paths import pdfs_dir


def doc(doc_id: str, design: str, scheme: str = "full") -> CorpusDocument:
    return CorpusDocument(id=doc_id, labels={"design": design, "design_scheme": scheme})


GOLD = [
    doc("a", "rct"),
    doc("b", "cohort"),
    doc("c", "case_report"),
    doc("d", "other", "studytypeteller"),
    doc("e", "nrct", "studytypeteller"),
    doc("f", "animal"),
    CorpusDocument(id="g"),  # no design label: not scored
]
ROWS = [
    {"id": "a", "design": "rct"},
    {"id": "b", "design": "case_control"},
    # c: no prediction
    {"id": "d", "design": "cohort"},  # StudyTypeTeller files cohorts under "Remaining" = other
    {"id": "e", "design": "single_arm"},  # ... and single-arm trials under non-RCT
    {"id": "f", "design": "in_vitro"},
    {"id": "z", "design": "rct"},  # not in the corpus
]


def test_gold_against_itself_is_perfect() -> None:
    result = score_design(GOLD, [{"id": d.id, "design": d.labels["design"]} for d in GOLD if d.labels])
    assert result["accuracy"] == 1.0
    assert result["metrics"]["macro"]["f1"] == 1.0
    assert result["n_docs"] == 6


def test_known_errors() -> None:
    result = score_design(GOLD, ROWS)
    metrics = result["metrics"]
    assert result["accuracy"] == 0.5
    assert {k: (v["tp"], v["fp"], v["fn"]) for k, v in metrics.items() if k not in ("micro", "macro")} == {
        "rct": (1, 0, 0),
        "cohort": (0, 0, 1),
        "case_control": (0, 1, 0),
        "case_report": (0, 0, 1),
        "other": (1, 0, 0),
        "nrct": (1, 0, 0),
        "animal": (0, 0, 1),
        "in_vitro": (0, 1, 0),
    }
    assert metrics["macro"]["f1"] == pytest.approx(3 / 8)
    assert result["confusion"] == {
        "animal": {"in_vitro": 1},
        "case_report": {"(none)": 1},
        "cohort": {"case_control": 1},
        "nrct": {"nrct": 1},
        "other": {"other": 1},
        "rct": {"rct": 1},
    }


def test_labels_outside_our_set_are_rejected() -> None:
    with pytest.raises(ValueError, match="unknown design label"):
        score_design(GOLD, [{"id": "a", "design": "RCT-ish"}])


def test_every_mapping_lands_in_our_label_set() -> None:
    assert len(STUDYTYPETELLER_TO_DESIGN) == 14
    for mapping in (STUDYTYPETELLER_TO_DESIGN, MANIFEST_TO_DESIGN, *SCHEMES.values()):
        assert set(mapping.values()) <= set(DESIGN_LABELS)
    assert set(SCHEMES["studytypeteller"].values()) == set(STUDYTYPETELLER_TO_DESIGN.values())


@pytest.mark.shared
def test_manifest_design_types_are_all_mapped() -> None:
    with (pdfs_dir() / "manifest.csv").open(newline="", encoding="utf-8") as handle:
        values = {row["design_type"].rstrip("?") for row in csv.DictReader(handle) if row["design_type"]}
    assert values <= set(MANIFEST_TO_DESIGN)


@pytest.mark.shared
def test_every_fourth_abstract_mislabelled_on_studytypeteller() -> None:
    gold = load_corpus("studytypeteller-study-design").split("test")
    rows = []
    for i, d in enumerate(gold):
        wrong = "in_vitro" if d.labels["design"] != "in_vitro" else "animal"
        rows.append({"id": d.id, "design": wrong if i % 4 == 0 else d.labels["design"]})
    wrong = len(range(0, len(gold), 4))
    result = score_design(gold, rows)
    assert result["accuracy"] == pytest.approx((len(gold) - wrong) / len(gold))
    assert (result["metrics"]["micro"]["fp"], result["metrics"]["micro"]["fn"]) == (wrong, wrong)
