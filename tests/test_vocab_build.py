"""`extract vocab build` on small files in the official distribution formats the test writes."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.normalize.index import build_index, ensure_index, index_path
from extract.normalize.lexicon import Lexicon
from extract.normalize.sources import file_sources

DESCRIPTORS = """<?xml version="1.0"?>
<DescriptorRecordSet LanguageCode="eng">
 <DescriptorRecord DescriptorClass="1">
  <DescriptorUI>D006528</DescriptorUI>
  <DescriptorName><String>Carcinoma, Hepatocellular</String></DescriptorName>
  <TreeNumberList><TreeNumber>C04.557.470.200.240</TreeNumber></TreeNumberList>
  <ConceptList>
   <Concept PreferredConceptYN="Y"><ConceptUI>M0009800</ConceptUI>
    <TermList>
     <Term><TermUI>T1</TermUI><String>Carcinoma, Hepatocellular</String></Term>
     <Term><TermUI>T2</TermUI><String>Hepatoma</String></Term>
    </TermList>
   </Concept>
   <Concept PreferredConceptYN="N"><ConceptUI>M0009801</ConceptUI>
    <TermList><Term><TermUI>T3</TermUI><String>Liver Cell Carcinoma</String></Term></TermList>
   </Concept>
  </ConceptList>
 </DescriptorRecord>
 <DescriptorRecord DescriptorClass="1">
  <DescriptorUI>D014409</DescriptorUI>
  <DescriptorName><String>Tumor Necrosis Factor-alpha</String></DescriptorName>
  <TreeNumberList><TreeNumber>D12.644.276.374.440.893</TreeNumber></TreeNumberList>
  <ConceptList><Concept PreferredConceptYN="Y"><ConceptUI>M1</ConceptUI>
   <TermList><Term><TermUI>T4</TermUI><String>Tumor Necrosis Factor-alpha</String></Term>
   <Term><TermUI>T5</TermUI><String>TNF-alpha</String></Term></TermList>
  </Concept></ConceptList>
 </DescriptorRecord>
</DescriptorRecordSet>
"""
SUPPLEMENTARY = """<?xml version="1.0"?>
<SupplementalRecordSet LanguageCode="eng">
 <SupplementalRecord SCRClass="1">
  <SupplementalRecordUI>C000001</SupplementalRecordUI>
  <SupplementalRecordName><String>hepatoxin X</String></SupplementalRecordName>
  <HeadingMappedToList><HeadingMappedTo><DescriptorReferredTo>
   <DescriptorUI>*D014409</DescriptorUI><DescriptorName><String>TNF</String></DescriptorName>
  </DescriptorReferredTo></HeadingMappedTo></HeadingMappedToList>
  <ConceptList><Concept PreferredConceptYN="Y"><ConceptUI>M2</ConceptUI>
   <TermList><Term><TermUI>T6</TermUI><String>hepatoxin X</String></Term>
   <Term><TermUI>T7</TermUI><String>HTX-9</String></Term></TermList>
  </Concept></ConceptList>
 </SupplementalRecord>
</SupplementalRecordSet>
"""
GENE_INFO_HEADER = (
    "#tax_id\tGeneID\tSymbol\tLocusTag\tSynonyms\tdbXrefs\tchromosome\tmap_location\tdescription\t"
    "type_of_gene\tSymbol_from_nomenclature_authority\tFull_name_from_nomenclature_authority\t"
    "Nomenclature_status\tOther_designations\tModification_date\tFeature_type\n"
)
GENES = [
    ("9606", "7124", "TNF", "DIF|TNFA|TNFSF2", "tumor necrosis factor", "tumor necrosis factor ligand superfamily member 2"),
    ("10090", "21926", "Tnf", "TNFalpha|Tnfa|Tnfsf2", "tumor necrosis factor", "cachectin"),
    ("9606", "1956", "EGFR", "ERBB|ERBB1|HER1", "epidermal growth factor receptor", "-"),
    ("9606", "2064", "ERBB2", "HER2|NEU|CD340", "erb-b2 receptor tyrosine kinase 2", "-"),
    ("9606", "4869", "NPM1", "B23|NPM", "nucleophosmin 1", "-"),
    ("9606", "8050", "PDHX", "E3BP|PDX1", "pyruvate dehydrogenase complex component X", "-"),
    ("9606", "3651", "PDX1", "IPF1|STF-1", "pancreatic and duodenal homeobox 1", "-"),
    ("9606", "10616", "RBCK1", "HOIL1|PDX1", "RANBP2-type and C3HC4-type zinc finger containing 1", "-"),
    ("9606", "4841", "NONO", "NRB54|P54|NMT55", "non-POU domain containing octamer binding", "-"),
    ("9606", "2113", "ETS1", "ETS-1|EWSR2|p54", "ETS proto-oncogene 1, transcription factor", "-"),
]
NAMES_DMP = (
    "9606\t|\tHomo sapiens\t|\t\t|\tscientific name\t|\n"
    "9606\t|\thuman\t|\t\t|\tgenbank common name\t|\n"
    "9606\t|\tLinnaeus, 1758\t|\t\t|\tauthority\t|\n"
    "10090\t|\tMus musculus\t|\t\t|\tscientific name\t|\n"
    "10090\t|\thouse mouse\t|\t\t|\tgenbank common name\t|\n"
    "10090\t|\tmouse\t|\t\t|\tcommon name\t|\n"
)
CELLOSAURUS = """ID   HeLa
AC   CVCL_0030
SY   HELA; Hela; He La; HeLa-CCL2
OX   NCBI_TaxID=9606; ! Homo sapiens (Human)
//
ID   HEK293
AC   CVCL_0045
SY   HEK-293; 293
OX   NCBI_TaxID=9606; ! Homo sapiens (Human)
//
ID   3T3-L1
AC   CVCL_0123
OX   NCBI_TaxID=10090; ! Mus musculus (Mouse)
//
"""


def write_vocabulary(folder: Path) -> list[Path]:
    """The four official formats, small: MeSH XML, gzipped gene_info, names.dmp, cellosaurus.txt."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "desc2025.xml").write_text(DESCRIPTORS, encoding="utf-8")
    (folder / "supp2025.xml").write_text(SUPPLEMENTARY, encoding="utf-8")
    rows = [
        f"{tax}\t{gene}\t{symbol}\t-\t{synonyms}\t-\t1\t1p\t{description}\tprotein-coding\t{symbol}\t{description}\tO\t{other}\t20240101\t-\n"
        for tax, gene, symbol, synonyms, description, other in GENES
    ]
    with gzip.open(folder / "All_Mammalia.gene_info.gz", "wt", encoding="utf-8") as handle:
        handle.write(GENE_INFO_HEADER + "".join(rows))
    (folder / "names.dmp").write_text(NAMES_DMP, encoding="utf-8")
    (folder / "cellosaurus.txt").write_text(CELLOSAURUS, encoding="utf-8")
    return sorted(folder.iterdir())


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> Lexicon:
    folder = tmp_path_factory.mktemp("vocab")
    sources = file_sources(write_vocabulary(folder / "files"))
    return Lexicon(build_index(sources, folder / "index.sqlite"))


def ids(lexicon: Lexicon, type_: str, name: str) -> list[str]:
    return [c.identifier for c in lexicon.lookup(type_, name)]


def test_mesh_xml_terms_of_all_concepts_with_types_from_trees(lexicon: Lexicon) -> None:
    assert ids(lexicon, "Disease", "hepatoma") == ["MESH:D006528"]
    assert ids(lexicon, "Disease", "liver cell carcinomas") == ["MESH:D006528"]  # non-preferred concept, plural
    assert ids(lexicon, "Disease", "hepatocellular carcinoma") == ["MESH:D006528"]  # word order
    assert ids(lexicon, "Chemical", "hepatoma") == []  # a disease descriptor is not a chemical
    assert ids(lexicon, "Chemical", "TNF-α") == ["MESH:D014409"]
    assert lexicon.name("MESH:D006528", "Disease") == "Carcinoma, Hepatocellular"


def test_supplementary_concepts_take_the_type_of_their_descriptor(lexicon: Lexicon) -> None:
    assert ids(lexicon, "Chemical", "HTX 9") == ["MESH:C000001"]
    assert ids(lexicon, "Disease", "HTX-9") == []


def test_gene_info_symbols_synonyms_and_species(lexicon: Lexicon) -> None:
    candidates = lexicon.lookup("Gene", "TNF")
    assert {(c.identifier, c.taxon) for c in candidates} == {("NCBIGene:7124", 9606), ("NCBIGene:21926", 10090)}
    assert ids(lexicon, "Gene", "HER-2") == ["NCBIGene:2064"]
    assert ids(lexicon, "Gene", "epidermal growth factor receptor") == ["NCBIGene:1956"]
    symbol_first = lexicon.lookup("Gene", "PDX1")
    assert symbol_first[0].identifier == "NCBIGene:3651" and symbol_first[0].priority < symbol_first[1].priority


def test_names_dmp_and_cellosaurus(lexicon: Lexicon) -> None:
    assert ids(lexicon, "Species", "House-Mouse") == ["NCBITaxon:10090"]
    assert ids(lexicon, "Species", "Homo sapiens") == ["NCBITaxon:9606"]
    assert ids(lexicon, "Species", "Linnaeus 1758") == []  # authorities are not names
    assert ids(lexicon, "CellLine", "HEK-293") == ["CVCL_0045"]
    assert ids(lexicon, "CellLine", "hela ccl2") == ["CVCL_0030"]
    assert lexicon.lookup("CellLine", "3T3-L1")[0].taxon == 10090


def test_unknown_files_are_refused(tmp_path: Path) -> None:
    stray = tmp_path / "notes.txt"
    stray.write_text("hello", encoding="utf-8")
    with pytest.raises(ValueError, match="not a known vocabulary file"):
        file_sources([stray])


def test_index_is_rebuilt_when_a_source_changes(tmp_path: Path) -> None:
    files = write_vocabulary(tmp_path / "files")
    sources = file_sources([f for f in files if f.name == "cellosaurus.txt"])
    first = ensure_index(sources, folder=tmp_path / "cache")
    assert ensure_index(sources, folder=tmp_path / "cache") == first
    cellosaurus = tmp_path / "files" / "cellosaurus.txt"
    cellosaurus.write_text(CELLOSAURUS + "ID   Jurkat\nAC   CVCL_0065\n//\n", encoding="utf-8")
    second = ensure_index(sources, folder=tmp_path / "cache")
    assert second != first and not first.exists()
    assert [c.identifier for c in Lexicon(second).lookup("CellLine", "jurkat")] == ["CVCL_0065"]


def test_cli_builds_an_index_from_official_files(tmp_path: Path) -> None:
    files = write_vocabulary(tmp_path / "files")
    runner = CliRunner()
    args = ["vocab", "build", "--only", "--out", str(tmp_path / "index"), *map(str, files)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "built:" in result.output
    built = index_path(file_sources(files), tmp_path / "index")
    assert ids(Lexicon(built), "Gene", "ERBB1") == ["NCBIGene:1956"]
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and "up to date" in again.output


def test_cli_rejects_unknown_files(tmp_path: Path) -> None:
    stray = tmp_path / "data.csv"
    stray.write_text("a,b\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["vocab", "build", "--only", "--out", str(tmp_path), str(stray)])
    assert result.exit_code == 2
