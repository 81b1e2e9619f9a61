"""Harmonized types and identifiers from each corpus's own names."""

from __future__ import annotations

import pytest

from extract.corpus.harmonize import ENTITY_TYPES, harmonize_id, harmonize_mention, profile
from extract.corpus.model import Mention


@pytest.mark.parametrize(
    ("raw", "entity_type", "expected"),
    [
        ("4312", "Gene", ("NCBIGene:4312", None)),
        ("12345(Tax:10090)", "Gene", ("NCBIGene:12345", "10090")),
        ("EntrezGene:672", "Gene", ("NCBIGene:672", None)),
        ("9606", "Species", ("NCBITaxon:9606", None)),
        ("D000152", "Disease", ("MESH:D000152", None)),
        ("C012345", "Chemical", ("MESH:C012345", None)),
        ("MeSH:D000152", "Disease", ("MESH:D000152", None)),
        ("OMIM:114500", "Disease", ("OMIM:114500", None)),
        ("CVCL_0006", "CellLine", ("CVCL_0006", None)),
        ("Cellosaurus:CVCL_0030", "CellLine", ("CVCL_0030", None)),
        ("p|SUB|V|600|E", "Variant", ("p|SUB|V|600|E", None)),
        ("-1", "Chemical", (None, None)),
        ("-", "Gene", (None, None)),
        ("", "Disease", (None, None)),
    ],
)
def test_identifiers(raw: str, entity_type: str, expected: tuple) -> None:
    assert harmonize_id(raw, entity_type) == expected


def harmonized(source_type: str, source_id: str | None, corpus: str | None = None) -> Mention:
    mention = Mention(0, 1, "x", source_type, (source_id,) if source_id else ())
    harmonize_mention(mention, profile(corpus))
    return mention


@pytest.mark.parametrize(
    ("corpus", "source_type", "source_id", "entity_type", "ids"),
    [
        ("biored", "GeneOrGeneProduct", "3175,3176", "Gene", ("NCBIGene:3175", "NCBIGene:3176")),
        ("biored", "DiseaseOrPhenotypicFeature", "D003924", "Disease", ("MESH:D003924",)),
        ("biored", "ChemicalEntity", "-", "Chemical", ()),
        ("biored", "OrganismTaxon", "9606", "Species", ("NCBITaxon:9606",)),
        ("biored", "SequenceVariant", "c|DEL|1314_1328|", "Variant", ("c|DEL|1314_1328|",)),
        ("biored", "CellLine", "CVCL_0030", "CellLine", ("CVCL_0030",)),
        ("bc5cdr", "Disease", "D014786|D006311", "Disease", ("MESH:D014786", "MESH:D006311")),
        ("ncbi-disease", "Modifier", "D001943+D018567", "Disease", ("MESH:D001943", "MESH:D018567")),
        ("ncbi-disease", "CompositeMention", "OMIM:114500|D001943", "Disease", ("OMIM:114500", "MESH:D001943")),
        ("nlm-gene", "Gene", "775;776", "Gene", ("NCBIGene:775", "NCBIGene:776")),
        ("nlm-gene", "Cell", None, "Cell", ()),
        ("gnormplus", "FamilyName", "1,2", "FamilyName", ("1", "2")),
        ("bc2gm", "GENE", None, "Gene", ()),
    ],
)
def test_corpus_profiles(corpus: str, source_type: str, source_id: str | None, entity_type: str, ids: tuple) -> None:
    mention = harmonized(source_type, source_id, corpus)
    assert (mention.type, mention.ids) == (entity_type, ids)
    assert (mention.attrs["source_type"], mention.attrs["source_id"]) == (source_type, source_id)


def test_out_of_scope_types_keep_their_name_and_are_not_entity_types() -> None:
    assert harmonized("DomainMotif", None, "gnormplus").type not in ENTITY_TYPES
    assert harmonized("SequenceVariant", "rs123").type not in ENTITY_TYPES


def test_harmonizing_again_starts_from_the_source() -> None:
    mention = harmonized("Modifier", "D001943+D018567")
    assert (mention.type, mention.ids) == ("Modifier", ("D001943+D018567",))
    harmonize_mention(mention, profile("ncbi-disease"))
    assert (mention.type, mention.ids) == ("Disease", ("MESH:D001943", "MESH:D018567"))


def test_gnormplus_taxon_suffix_goes_to_attrs() -> None:
    mention = harmonized("Gene", "12345(Tax:10090),678", "gnormplus")
    assert mention.ids == ("NCBIGene:12345", "NCBIGene:678") and mention.attrs["taxa"] == ["10090"]


def test_unknown_profile_is_an_error() -> None:
    with pytest.raises(KeyError, match="no harmonization profile 'nope'"):
        profile("nope")
