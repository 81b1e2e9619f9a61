"""The BioC XML reader on hand-written collections of several valid (and some invalid) shapes."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.corpus.bioc import parse_bioc, read_bioc
from extract.corpus.check import check_corpus
from extract.corpus.errors import CorpusFormatError

COLLECTION = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE collection SYSTEM "BioC.dtd">
<collection><source>hand</source><date>2024</date><key>k</key>
<document><id>D1</id>
  <passage><infon key="type">title</infon><offset>0</offset><text>Ocular and auditory toxicity.</text>
    <annotation id="a1"><infon key="type">Disease</infon><infon key="MESH">D014786|D006311</infon>
      <location offset="0" length="28"/><text>Ocular and auditory toxicity</text></annotation>
    <annotation id="a2"><infon key="type">Disease</infon><infon key="MESH">D014786</infon>
      <infon key="CompositeRole">IndividualMention</infon>
      <location offset="0" length="6"/><location offset="20" length="8"/><text>Ocular toxicity</text></annotation>
  </passage>
  <passage><infon key="type">abstract</infon><offset>40</offset><text>Desferrioxamine in TP53 carriers.</text>
    <annotation id="a3"><infon key="type">Chemical</infon><infon key="identifier">D003676</infon>
      <location offset="40" length="15"/><text>Desferrioxamine</text></annotation>
    <annotation id="a4"><infon key="type">Gene</infon>
      <location offset="59" length="4"/><text>TP53</text></annotation>
  </passage>
  <relation id="R0"><infon key="relation">CID</infon><infon key="Chemical">D003676</infon><infon key="Disease">D014786</infon></relation>
  <relation id="R1"><infon key="type">treats</infon><node refid="a3" role="drug"/><node refid="a1" role="disease"/></relation>
</document>
<document><id>D2</id>
  <passage><infon key="type">paragraph</infon><offset>0</offset>
    <sentence><offset>0</offset><text>Mice were used.</text>
      <annotation id="s1"><infon key="type">OrganismTaxon</infon><infon key="NCBI Taxonomy">10090</infon>
        <location offset="0" length="4"/><text>Mice</text></annotation></sentence>
    <sentence><offset>16</offset><text>HeLa cells too.</text>
      <annotation id="s2"><infon key="type">CellLine</infon><infon key="identifier">CVCL_0030</infon>
        <location offset="16" length="4"/><text>HeLa</text></annotation></sentence>
    <relation id="R9"><infon key="entity1">10090</infon><infon key="entity2">CVCL_0030</infon><infon key="type">none</infon></relation>
  </passage>
</document>
</collection>
"""


def test_passages_locations_infons_and_relations(tmp_path: Path) -> None:
    path = tmp_path / "hand.xml"
    path.write_text(COLLECTION, encoding="utf-8")
    corpus = read_bioc(path)
    first, second = corpus.split("all")
    assert first.text[40:55] == "Desferrioxamine"
    composite, individual, chemical, gene = first.mentions
    assert composite.ids == ("MESH:D014786", "MESH:D006311")
    assert (individual.start, individual.end, individual.attrs["fragments"]) == (0, 28, [[0, 6], [20, 28]])
    assert individual.attrs["CompositeRole"] == "IndividualMention"
    assert chemical.ids == ("MESH:D003676",) and gene.ids == ()
    cid, treats = first.relations
    assert (cid.type, cid.arg1, cid.arg2, cid.attrs["roles"]) == ("CID", "MESH:D003676", "MESH:D014786", ["Chemical", "Disease"])
    assert (treats.type, treats.attrs["roles"]) == ("treats", ["drug", "disease"])
    assert (treats.arg1, treats.arg2) == ("MESH:D003676", "MESH:D014786|MESH:D006311")
    assert [p.text for p in second.passages] == ["Mice were used.", "HeLa cells too."]
    assert [(m.type, m.ids) for m in second.mentions] == [("Species", ("NCBITaxon:10090",)), ("CellLine", ("CVCL_0030",))]
    assert (second.relations[0].arg1, second.relations[0].arg2) == ("NCBITaxon:10090", "CVCL_0030")
    assert all(not result.mismatches for result in check_corpus(corpus))


def test_malformed_xml_names_file_and_line() -> None:
    with pytest.raises(CorpusFormatError, match=r"broken\.xml:3: not well-formed"):
        parse_bioc("<collection>\n<document>\n<id>1</oops>\n", "broken.xml")


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ("<documents/>", "root element must be <collection>"),
        ("<collection><document><id>9</id><passage><offset>x</offset></passage></document></collection>", "document 9: passage offset"),
        (
            "<collection><document><id>9</id><passage><offset>0</offset><text>A</text>"
            "<annotation id='1'><text>A</text></annotation></passage></document></collection>",
            "has no location",
        ),
    ],
)
def test_invalid_shapes_are_reported(xml: str, message: str) -> None:
    with pytest.raises(CorpusFormatError, match=message):
        parse_bioc(xml, "bad.xml")
