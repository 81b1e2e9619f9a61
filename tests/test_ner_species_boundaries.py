"""Species mentions cut to the name: authorities, nomenclature acts and common names around Latin names."""

from __future__ import annotations

from extract.document import Span
from extract.ner.species_boundaries import redraw_species


def _model_mentions(text: str, *surfaces: str, label: str = "Species") -> list[Span]:
    return [Span(text.index(s), text.index(s) + len(s), label, {"source": "model"}) for s in surfaces]


def _surfaces(text: str, mentions: list[Span]) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.attrs["source"]) for m in mentions]


def test_authorities_nomenclature_acts_and_full_stops_are_trimmed() -> None:
    text = ("In Megaphorura arctica Tullberg 1876, B. megaterium de Bary, B.pumilus Meyer and Gottheil, "
            "Anoxybacillus eryuanensis sp. nov. and Debaryomyces hansenii. Heliothis virescens (Hv) too. "
            "Oramoeba fumarolia gen. nov., sp. nov.")
    mentions = _model_mentions(text, "Megaphorura arctica Tullberg 1876", "B. megaterium de Bary", "B.pumilus Meyer",
                               "Anoxybacillus eryuanensis sp. nov.", "Debaryomyces hansenii.", "Heliothis virescens (Hv",
                               "Oramoeba fumarolia gen")
    assert _surfaces(text, redraw_species(text, mentions)) == [
        ("Megaphorura arctica", "boundary"), ("B. megaterium", "boundary"), ("B.pumilus", "boundary"),
        ("Anoxybacillus eryuanensis", "boundary"), ("Debaryomyces hansenii", "boundary"),
        ("Heliothis virescens", "boundary"), ("Oramoeba fumarolia", "boundary"),
    ]


def test_a_common_name_and_the_latin_name_after_it_become_two_mentions() -> None:
    text = "We followed the white-throated dipper Cinclus cinclus for 31 years."
    mentions = redraw_species(text, _model_mentions(text, "white-throated dipper Cinclus cinclus"))
    assert _surfaces(text, mentions) == [("white-throated dipper", "boundary"), ("Cinclus cinclus", "boundary")]


def test_names_already_cut_right_and_other_mentions_are_left_alone() -> None:
    text = "Stachyamoeba sp. grew beside E. coli K-12, Homo sapiens and the gene Tullberg Abc1."
    species = _model_mentions(text, "Stachyamoeba sp.", "E. coli K-12", "Homo sapiens")
    gene = _model_mentions(text, "Tullberg Abc1", label="Gene")
    dictionary = [Span(0, 12, "Species", {"source": "dictionary"})]
    assert redraw_species(text, species + gene + dictionary) == species + gene + dictionary
