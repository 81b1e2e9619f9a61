"""Readers for the study-field corpora (design, sample size, outcome claims), registered on import.

Each registers under its corpus folder name in `extract.corpus.registry.readers`.
"""

from extract.corpus.studyfields import (  # noqa: F401  (registers the readers)
    consort_tm,
    despin,
    domain_dev,
    ebm_nlp,
    evidence_inference,
    evidencemap,
    oncology_rct,
    pdf_manifest,
    pico,
    scientific_claims,
    spirit_consort_tm,
    studytypeteller,
)
