"""Writers: read -> write -> read gives the same corpus (PubTator and BioC XML)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from extract.corpus.bioc import parse_bioc, write_bioc
from extract.corpus.catalog import load_corpus
from extract.corpus.harmonize import DEFAULT, harmonize_document
from extract.corpus.model import CorpusDocument, Mention, Passage, Relation
from extract.corpus.pubtator import parse_pubtator, write_pubtator


def essentials(documents: list[CorpusDocument], fragments: bool = True) -> list[tuple]:
    """What a writer must keep: IDs, passages, text, mentions (with IDs), relations.

    Trailing spaces of passages are ignored: PubTator pads a passage to reach the next one's offset.
    """
    return [
        (
            d.id,
            d.text.rstrip(),
            [(p.kind, p.offset, p.text.rstrip()) for p in sorted(d.passages, key=lambda p: p.offset)],
            sorted(
                (m.start, m.end, m.text, m.type, m.ids, str(m.attrs.get("fragments")) if fragments else "")
                for m in d.mentions
            ),
            [(r.type, r.arg1, r.arg2) for r in d.relations],
        )
        for d in documents
    ]


def pubtator_round_trip(documents: list[CorpusDocument]) -> list[CorpusDocument]:
    out = io.StringIO()
    write_pubtator(documents, out)
    read = parse_pubtator(out.getvalue().splitlines())
    for document in read:
        harmonize_document(document, DEFAULT)
    return read


def bioc_round_trip(documents: list[CorpusDocument]) -> list[CorpusDocument]:
    out = io.BytesIO()
    write_bioc(documents, out)
    read = parse_bioc(out.getvalue())
    for document in read:
        harmonize_document(document, DEFAULT)
    return read


def predictions() -> list[CorpusDocument]:
    """Predictions as our pipeline would make them: harmonized types and IDs, a gap between passages."""
    title = "EGFR inhibitors in lung cancer."
    body = "Gefitinib and erlotinib were given to mice and HeLa cells."
    return [
        CorpusDocument(
            id="PMC1",
            passages=[Passage("title", 0, title), Passage("paragraph", 40, body)],
            mentions=[
                Mention(0, 4, "EGFR", "Gene", ("NCBIGene:1956",)),
                Mention(19, 30, "lung cancer", "Disease", ("MESH:D008175",)),
                Mention(40, 49, "Gefitinib", "Chemical", ("MESH:D000077156",)),
                Mention(54, 63, "erlotinib", "Chemical", ()),
                Mention(78, 82, "mice", "Species", ("NCBITaxon:10090",)),
                Mention(87, 91, "HeLa", "CellLine", ("CVCL_0030", "CVCL_0031")),
            ],
            relations=[Relation("Association", "NCBIGene:1956", "MESH:D008175")],
        ),
        CorpusDocument(id="PMC2", passages=[Passage("title", 0, "No entities at all.")]),
    ]


@pytest.mark.parametrize("round_trip", [pubtator_round_trip, bioc_round_trip])
def test_predictions_survive_a_round_trip(round_trip) -> None:
    documents = predictions()
    again = round_trip(documents)
    assert essentials(again) == essentials(documents)
    assert again[0].text[40:49] == "Gefitinib"


def test_bioc_keeps_discontinuous_mentions() -> None:
    document = CorpusDocument(
        id="1",
        passages=[Passage("title", 0, "Ocular and auditory toxicity.")],
        mentions=[Mention(0, 28, "Ocular toxicity", "Disease", ("MESH:D014786",), {"fragments": [[0, 6], [20, 28]]})],
    )
    assert essentials(bioc_round_trip([document])) == essentials([document])


def test_pubtator_writer_refuses_overlapping_passages() -> None:
    document = CorpusDocument(id="1", passages=[Passage("title", 0, "Long title"), Passage("abstract", 3, "x")])
    with pytest.raises(ValueError, match="overlap"):
        write_pubtator([document], io.StringIO())


@pytest.mark.shared
@pytest.mark.parametrize(("corpus", "split"), [("biored", "dev"), ("ncbi-disease", "test")])
def test_real_corpora_survive_both_writers(corpus: str, split: str) -> None:
    documents = load_corpus(corpus).split(split)
    assert essentials(pubtator_round_trip(documents), fragments=False) == essentials(documents, fragments=False)
    assert essentials(bioc_round_trip(documents)) == essentials(documents)


@pytest.mark.shared
def test_bioc_file_survives_its_writer(tmp_path: Path) -> None:
    from extract.paths import corpora_dir

    corpus = load_corpus(corpora_dir() / "bc5cdr" / "CDR_DevelopmentSet.BioC.xml")
    documents = corpus.split("all")
    assert any("fragments" in m.attrs for d in documents for m in d.mentions)
    assert essentials(bioc_round_trip(documents)) == essentials(documents)
