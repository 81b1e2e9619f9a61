"""The normalizer on small vocabularies the tests write: real-text spellings, abbreviations, gene
species from context, ambiguity, and the learned fallback."""

from __future__ import annotations

import re

import pytest

from extract.normalize.fallback import FallbackModel, covers
from extract.normalize.index import build_index
from extract.normalize.normalizer import MentionInput, Normalizer
from extract.normalize.sources import file_sources
from extract.normalize.text import bag_key, composite_parts, exact_key
from test_vocab_build import write_vocabulary


@pytest.fixture(scope="module")
def normalizer(tmp_path_factory: pytest.TempPathFactory) -> Normalizer:
    folder = tmp_path_factory.mktemp("norm")
    index = build_index(file_sources(write_vocabulary(folder / "files")), folder / "index.sqlite")
    model = FallbackModel.train(
        [
            ("CellLine", "MCF-7", "CVCL_0031"),
            ("CellLine", "MCF7 cells", "CVCL_0031"),
            ("Species", "patients", "NCBITaxon:9606"),
            ("Disease", "liver cancer", "MESH:D008113"),
        ]
    )
    model.save(folder / "model")
    return Normalizer(index=index, model_dir=folder / "model")


def mentions_of(text: str, *found: tuple[str, str]) -> list[MentionInput]:
    """Every occurrence of each (surface, type) in `text`."""
    return [
        MentionInput(m.start(), m.end(), type_, surface)
        for surface, type_ in found
        for m in re.finditer(re.escape(surface), text)
    ]


def identifiers(normalizer: Normalizer, text: str, *found: tuple[str, str]) -> dict[str, set[str]]:
    mentions = mentions_of(text, *found)
    out: dict[str, set[str]] = {}
    for mention, resolution in zip(mentions, normalizer.normalize(text, mentions)):
        out.setdefault(mention.text, set()).add(resolution.identifier)
    return out


def test_keys_fold_spellings_real_text_uses() -> None:
    assert exact_key("TNF-α") == exact_key("TNF alpha") == exact_key("tnfalpha")
    assert exact_key("IL-6") == exact_key("IL 6") == exact_key("il6")
    assert exact_key("Cell Lines") == exact_key("cell line")
    assert exact_key("carcinomas") == exact_key("carcinoma") and exact_key("pancreas") == "pancreas"
    assert bag_key("Carcinoma, Hepatocellular") == bag_key("hepatocellular carcinoma")
    assert exact_key("β-catenin") == exact_key("beta catenin")
    assert exact_key("--") == ""


def test_lexicon_matches_survive_case_word_order_and_greek(normalizer: Normalizer) -> None:
    text = "Patients with HEPATOCELLULAR CARCINOMA had high TNF-α levels in HeLa cells."
    found = identifiers(normalizer, text, ("HEPATOCELLULAR CARCINOMA", "Disease"), ("TNF-α", "Chemical"), ("HeLa", "CellLine"))
    assert found == {"HEPATOCELLULAR CARCINOMA": {"MESH:D006528"}, "TNF-α": {"MESH:D014409"}, "HeLa": {"CVCL_0030"}}


def test_a_defined_abbreviation_goes_by_its_long_form(normalizer: Normalizer) -> None:
    text = "We studied liver cell carcinoma (LCC) in 40 livers. LCC was frequent."
    assert identifiers(normalizer, text, ("LCC", "Disease")) == {"LCC": {"MESH:D006528"}}
    assert identifiers(normalizer, "LCC was frequent.", ("LCC", "Disease")) == {"LCC": {""}}


def test_gene_species_comes_from_the_papers_species_mentions(normalizer: Normalizer) -> None:
    mouse = "Tnf expression rose in house mouse macrophages; Tnf knockout house mouse strains were used."
    assert identifiers(normalizer, mouse, ("Tnf", "Gene"), ("house mouse", "Species"))["Tnf"] == {"NCBIGene:21926"}
    human = "TNF expression rose in macrophages of human donors."
    assert identifiers(normalizer, human, ("TNF", "Gene"), ("human", "Species"))["TNF"] == {"NCBIGene:7124"}
    no_species = "TNF expression rose in macrophages."
    assert identifiers(normalizer, no_species, ("TNF", "Gene"))["TNF"] == {"NCBIGene:7124"}  # human by default


def test_a_symbol_beats_an_alias(normalizer: Normalizer) -> None:
    text = "PDX1 binds the insulin promoter."
    assert identifiers(normalizer, text, ("PDX1", "Gene"))["PDX1"] == {"NCBIGene:3651"}  # not PDHX/RBCK1's alias


def test_an_ambiguous_alias_takes_the_candidate_the_paper_supports_or_none(normalizer: Normalizer) -> None:
    supported = "The non-POU domain containing octamer binding protein binds RNA. Here p54 was cleaved."
    assert identifiers(normalizer, supported, ("p54", "Gene"))["p54"] == {"NCBIGene:4841"}
    text = "Here p54 was cleaved."
    (resolution,) = normalizer.normalize(text, mentions_of(text, ("p54", "Gene")))
    assert resolution.identifier == ""
    assert set(resolution.candidates) == {"NCBIGene:4841", "NCBIGene:2113"}


def test_learned_fallback_for_names_the_lexicon_lacks(normalizer: Normalizer) -> None:
    text = "MCF-7 and MCF7 breast cancer cells from patients; HeLa too."
    found = identifiers(normalizer, text, ("MCF-7", "CellLine"), ("MCF7", "CellLine"), ("patients", "Species"))
    assert found == {"MCF-7": {"CVCL_0031"}, "MCF7": {"CVCL_0031"}, "patients": {"NCBITaxon:9606"}}
    assert identifiers(normalizer, "zzqx cells", ("zzqx", "CellLine")) == {"zzqx": {""}}


def test_type_decides_the_scope(normalizer: Normalizer) -> None:
    text = "Hepatoma in TNF-alpha treated mice."
    found = identifiers(normalizer, text, ("Hepatoma", "Chemical"), ("TNF-alpha", "Disease"))
    assert found == {"Hepatoma": {""}, "TNF-alpha": {""}}


def test_a_short_form_follows_the_mention_its_long_form_ends_with(normalizer: Normalizer) -> None:
    text = "We saw ribavirin-induced liver cell carcinoma (RLCC) in 3 patients. RLCC regressed."
    found = identifiers(normalizer, text, ("liver cell carcinoma", "Disease"), ("RLCC", "Disease"))
    assert found == {"liver cell carcinoma": {"MESH:D006528"}, "RLCC": {"MESH:D006528"}}


def test_a_gene_takes_the_organism_named_in_its_own_sentence(normalizer: Normalizer) -> None:
    text = "TNF was high in human serum. House mouse cells, house mouse tissue and house mouse blood made TNF."
    found = mentions_of(text, ("TNF", "Gene"), ("human", "Species"), ("house mouse", "Species"))
    genes = [r.identifier for m, r in zip(found, normalizer.normalize(text, found)) if m.type == "Gene"]
    assert genes == ["NCBIGene:7124", "NCBIGene:21926"]  # the paper's majority (mouse) only for the second


def test_yeast_two_hybrid_names_a_technique_not_the_organism(normalizer: Normalizer) -> None:
    text = "A yeast two-hybrid screen and yeast 2-hybrid assays showed that TNF binds its receptor."
    assert identifiers(normalizer, text, ("TNF", "Gene"))["TNF"] == {"NCBIGene:7124"}
    rat = "In rats, TNF rose; rat serum TNF stayed high."
    assert identifiers(normalizer, rat, ("TNF", "Gene"))["TNF"] == {""}  # no rat genes indexed: no human ortholog


def test_an_organism_prefix_names_the_genes_species(normalizer: Normalizer) -> None:
    text = "House mouse cells were given hTNF; house mouse Tnf did not change."
    found = identifiers(normalizer, text, ("hTNF", "Gene"), ("Tnf", "Gene"), ("house mouse", "Species"))
    assert found["hTNF"] == {"NCBIGene:7124"} and found["Tnf"] == {"NCBIGene:21926"}


@pytest.fixture(scope="module")
def trained(normalizer: Normalizer, tmp_path_factory: pytest.TempPathFactory) -> Normalizer:
    """The same index with a fallback that has seen annotated gene and disease names."""
    folder = tmp_path_factory.mktemp("trained")
    model = FallbackModel.train(
        [
            ("Gene", "p54", "NCBIGene:2113"),
            ("Gene", "TNF", "NCBIGene:24835"),  # rat Tnf, an organism the index lacks
            ("Disease", "inflammatory brain lesions", "MESH:D004660"),
            ("Disease", "liver cancer", "MESH:D008113"),
            ("Disease", "breast cancer", "MESH:D001943"),
            ("Disease", "ovarian cancer", "MESH:D010051"),
        ]
    )
    model.save(folder)
    return Normalizer(index=normalizer.index_path, model_dir=folder)


def test_training_annotations_settle_an_ambiguous_symbol(trained: Normalizer) -> None:
    assert identifiers(trained, "Here p54 was cleaved.", ("p54", "Gene"))["p54"] == {"NCBIGene:2113"}


def test_genes_of_organisms_the_index_lacks_take_ids_seen_in_training(trained: Normalizer) -> None:
    rat = "In rats, TNF rose; rat serum TNF stayed high."
    assert identifiers(trained, rat, ("TNF", "Gene"))["TNF"] == {"NCBIGene:24835"}
    human = "In patients, TNF rose; patient serum TNF stayed high."
    assert identifiers(trained, human, ("TNF", "Gene"))["TNF"] == {"NCBIGene:7124"}


def test_fallback_links_only_names_whose_words_the_mention_covers(trained: Normalizer) -> None:
    assert covers("inflammatory acne lesions", "acne") and covers("acne lesions", "acne lesion")
    assert not covers("inflammatory acne lesions", "inflammatory brain lesions")
    text = "Inflammatory acne lesions and inflammatory brain lesions; metastatic liver cancers."
    found = identifiers(
        trained, text, ("Inflammatory acne lesions", "Disease"), ("inflammatory brain lesions", "Disease"),
        ("metastatic liver cancers", "Disease"),
    )
    assert found["Inflammatory acne lesions"] == {""}  # not encephalitis
    assert found["inflammatory brain lesions"] == {"MESH:D004660"}
    assert found["metastatic liver cancers"] == {"MESH:D008113"}


def test_a_coordinated_mention_names_each_of_its_concepts(trained: Normalizer) -> None:
    assert composite_parts("brain, breast, and prostate cancer") == ["brain cancer", "breast cancer", "prostate cancer"]
    assert composite_parts("breast/ovarian cancer") == ["breast cancer", "ovarian cancer"]
    assert composite_parts("Carcinoma, Hepatocellular") == [] and composite_parts("liver cancer") == []
    text = "Carriers develop breast and ovarian cancer."
    (resolution,) = trained.normalize(text, mentions_of(text, ("breast and ovarian cancer", "Disease")))
    assert resolution.all_identifiers == ["MESH:D001943", "MESH:D010051"]
    (single,) = trained.normalize("liver cancer", mentions_of("liver cancer", ("liver cancer", "Disease")))
    assert single.all_identifiers == ["MESH:D008113"] and single.identifiers == []
