"""Our study-design label set and the one declared mapping from every corpus's design labels onto it.

Some corpora distinguish fewer designs than we do. Each such corpus declares a *scheme*: how our labels
collapse onto what it can tell apart (e.g. StudyTypeTeller files cohort studies under "Remaining").
The `design` scorer maps predictions through the scheme of each gold document before comparing.
"""

from __future__ import annotations

DESIGN_LABELS: tuple[str, ...] = (
    "rct",
    "nrct",
    "single_arm",
    "cohort",
    "case_control",
    "cross_sectional",
    "case_series",
    "case_report",
    "systematic_review",
    "meta_analysis",
    "narrative_review",
    "animal",
    "in_vitro",
    "protocol",
    "other",
)

STUDYTYPETELLER_TO_DESIGN: dict[str, str] = {
    "Human-RCT-drug-intervention": "rct",
    "Human-RCT-non-drug-intervention": "rct",
    "Human-RCT-non-intervention": "rct",
    "Human-non-RCT-drug-intervention": "nrct",
    "Human-non-RCT-non-drug-intervention": "nrct",
    "Human-case-report": "case_report",
    "Human-systematic-review": "systematic_review",
    "Non-systematic-review": "narrative_review",
    "Animal-drug-intervention": "animal",
    "Animal-non-drug-intervention": "animal",
    "Animal-other": "animal",
    "In-vitro-study": "in_vitro",
    "Clinical-study-protocol": "protocol",
    "Remaining": "other",
}
"""StudyTypeTeller's 14 classes. "Remaining" holds observational human studies, so it maps to `other`."""

MANIFEST_TO_DESIGN: dict[str, str] = {
    "rct": "rct",
    "non-randomized trial": "nrct",
    "single-arm": "single_arm",
    "cohort": "cohort",
    "case-control": "case_control",
    "cross-sectional": "cross_sectional",
    "case series": "case_series",
    "case report": "case_report",
    "systematic review": "systematic_review",
    "meta-analysis": "meta_analysis",
    "preclinical animal": "animal",
    "preclinical in-vitro": "in_vitro",
    "other/not a study": "other",
}
"""`design_type` values of `../shared/pdfs/manifest.csv` (a trailing "?" marks an uncertain reading)."""

SCHEMES: dict[str, dict[str, str]] = {
    "full": {label: label for label in DESIGN_LABELS},
    "studytypeteller": {
        **{label: label for label in DESIGN_LABELS},
        "single_arm": "nrct",
        "cohort": "other",
        "case_control": "other",
        "cross_sectional": "other",
        "case_series": "other",
        "meta_analysis": "systematic_review",
    },
}
"""How our labels collapse onto the designs a corpus distinguishes (`labels["design_scheme"]`)."""


def to_scheme(label: str, scheme: str) -> str:
    """Our `label` as the corpus with `scheme` can tell it; unknown labels are an error."""
    if label not in DESIGN_LABELS:
        raise ValueError(f"unknown design label {label!r}; expected one of: {', '.join(DESIGN_LABELS)}")
    return SCHEMES[scheme][label]
