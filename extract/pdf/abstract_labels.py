"""Structured-abstract labels ("Background:", "METHODS", "Main outcome measures", "Trial registration")
and the part of the abstract each one opens.

A label may stand alone (a heading line, with or without a colon, any case) or run in before the text
("Results: The scar score fell", "RESULTS The scar score fell"). `label_kind` names the part a label opens:
`introduction`, `methods`, `results`, `conclusion`, or `other` for the abstract's non-content parts
(keywords, registration, level of evidence, funding) — text under those is never a result.
"""

from __future__ import annotations

import re

ABSTRACT_PARTS = ("introduction", "methods", "results", "conclusion", "other")

_LABELS: dict[str, tuple[str, ...]] = {
    "introduction": (
        "introduction", "background", "backgrounds", "background and aims?", "background and objectives?",
        "background and purpose", "context", "rationale", "objectives?", "aims?", "aims? and objectives?",
        "purpose", "goals?", "importance", "hypothesis", "study objectives?", "study aims?",
    ),
    "methods": (
        "methods?", "methodology", "materials? and methods?", "patients and methods?", "subjects and methods?",
        "participants and methods?", "design", "study design", "design and methods?", "design, setting,? and "
        "participants", "setting", "settings?", "participants", "patients", "subjects", "population",
        "interventions?", "main outcome measures?", "outcome measures?", "main outcomes? and measures?",
        "measurements?", "evidence acquisition", "data sources?", "study selection", "data extraction",
        "review methods", "eligibility criteria", "search methods", "selection criteria",
        "data collection and analysis", "methods and materials", "objectives? and methods?", "procedures?",
        "experimental design", "statistical analysis",
    ),
    "results": ("results?", "findings", "main results", "key results", "observations?", "evidence synthesis"),
    "conclusion": (
        "conclusions?", "conclusions? and relevance", "interpretation", "authors'? conclusions?",
        "discussion", "discussion and conclusions?", "implications", "clinical relevance", "significance",
        "summary",
    ),
    "other": (
        "key ?words?", "trial registration", "clinical trial registration", "registration",
        "trial registry", "level of evidence", "levels? of evidence", "funding", "abbreviations",
        "clinicaltrials\\.gov", "study registration", "prospero registration", "ethics", "keywords?",
    ),
}
_ALTERNATIVES = "|".join(f"(?P<{kind}>{'|'.join(words)})" for kind, words in _LABELS.items())
_WHOLE = re.compile(rf"^(?:{_ALTERNATIVES})\s*[:.]?$", re.IGNORECASE)
_RUN_IN = re.compile(rf"^(?:{_ALTERNATIVES})\s*[:.]\s+(?=\S)", re.IGNORECASE)
_UPPER_RUN_IN = re.compile(rf"^(?:{_ALTERNATIVES})\s+(?=[A-Z0-9a-z(])", re.IGNORECASE)


def label_kind(text: str) -> str | None:
    """The abstract part `text` opens when the whole of it is a label ("Results:", "METHODS"), else None."""
    match = _WHOLE.match(" ".join(text.split()))
    return match.lastgroup if match else None


def run_in_label(text: str) -> tuple[str, int] | None:
    """(part, length of the label) when `text` starts with a run-in label followed by its text:
    "Results: The score fell" (any case, with a colon or a full stop), "RESULTS The score fell"
    (upper case, no colon). None otherwise."""
    match = _RUN_IN.match(text)
    if match is None:
        candidate = _UPPER_RUN_IN.match(text)
        label = candidate.group(0).strip() if candidate else ""
        match = candidate if label.isupper() and len(label) > 3 else None
    return (match.lastgroup, match.end()) if match else None
