"""The normalization stage on parsed PDFs: span attrs and the `entities.csv` table."""

from __future__ import annotations

import re
from pathlib import Path

import pymupdf
import pytest

from extract.document import Document, Span
from extract.normalize.index import build_index
from extract.normalize.normalizer import Normalizer
from extract.normalize.sources import file_sources
from extract.normalize.stage import ENTITIES_TABLE, ENTITY_COLUMNS, NormalizationStage, entity_rows
from extract.paths import pdfs_dir
from extract.pdf import parse_pdf
from tests.test_vocab_build import write_vocabulary

PAGES = [
    [
        ("Tumour necrosis factor in liver cancer", 16),
        ("Introduction", 12),
        ("Hepatocellular carcinoma is common. In human hepatoma tissue, TNF levels rise.", 10),
        ("We used HeLa cells and HEK-293 cells from human donors.", 10),
    ],
    [
        ("Results", 12),
        ("TNF was high in every hepatoma. Liver cell carcinomas grew in HeLa cells.", 10),
        ("References", 12),
        ("1. Smith J. Hepatoma and TNF in HeLa cells. J Liver 2001;1:1-9.", 10),
    ],
]
MENTIONS = {
    "Hepatocellular carcinoma": "Disease",
    "hepatoma": "Disease",
    "Liver cell carcinomas": "Disease",
    "Hepatoma": "Disease",
    "TNF": "Gene",
    "HeLa": "CellLine",
    "HEK-293": "CellLine",
    "human": "Species",
}


def write_pdf(path: Path) -> Path:
    pdf = pymupdf.open()
    for lines in PAGES:
        page = pdf.new_page(width=595, height=842)
        y = 72
        for text, size in lines:
            page.insert_text((72, y), text, fontsize=size, fontname="hebo" if size > 10 else "helv")
            y += size * 2.2
    pdf.save(path)
    return path


def annotate(doc: Document) -> None:
    """Entity spans where the recognizer would put them (it is trained separately)."""
    spans = [
        Span(m.start(), m.end(), type_, {"text": surface})
        for surface, type_ in MENTIONS.items()
        for m in re.finditer(rf"\b{re.escape(surface)}\b", doc.text)
    ]
    doc.add_spans("entities", sorted(spans, key=lambda s: s.start))


@pytest.fixture(scope="module")
def stage(tmp_path_factory: pytest.TempPathFactory) -> NormalizationStage:
    folder = tmp_path_factory.mktemp("stage")
    index = build_index(file_sources(write_vocabulary(folder / "files")), folder / "index.sqlite")
    stage = NormalizationStage(Normalizer(index=index, model_dir=folder / "no-model"))
    stage.load()
    return stage


@pytest.fixture(scope="module")
def document(stage: NormalizationStage, tmp_path_factory: pytest.TempPathFactory) -> Document:
    doc = parse_pdf(write_pdf(tmp_path_factory.mktemp("pdf") / "paper.pdf"))
    annotate(doc)
    assert stage(doc) == {}
    return doc


def test_spans_carry_identifier_candidates_and_name(document: Document) -> None:
    by_text = {document.text[s.start : s.end]: s.attrs for s in document.layers["entities"]}
    assert by_text["Hepatocellular carcinoma"]["identifier"] == "MESH:D006528"
    assert by_text["Hepatocellular carcinoma"]["preferred_name"] == "Carcinoma, Hepatocellular"
    assert by_text["TNF"]["identifier"] == "NCBIGene:7124"  # human paper
    assert by_text["TNF"]["candidates"] == ["NCBIGene:7124"]  # the mouse gene is not a candidate here
    assert by_text["HEK-293"]["identifier"] == "CVCL_0045"


def test_entities_table_one_row_per_concept_counted_in_the_body(document: Document) -> None:
    references = next(s for s in document.sections if s.kind == "references")
    assert any(s.start >= references.start for s in document.layers["entities"])  # the reference list has mentions
    rows = {(r["type"], r["identifier"]): r for r in entity_rows(document)}
    assert ENTITIES_TABLE.filename == "entities.csv" and ENTITIES_TABLE.columns == ENTITY_COLUMNS
    assert all(tuple(r) == ENTITY_COLUMNS for r in rows.values())
    hepatoma = rows[("Disease", "MESH:D006528")]
    assert hepatoma["mentions"] == 4  # the reference list's "Hepatoma" is not counted
    assert hepatoma["aliases"] == "Hepatocellular carcinoma; Liver cell carcinomas; hepatoma"
    assert hepatoma["pages"] == "1,2"
    assert rows[("Gene", "NCBIGene:7124")]["mentions"] == 2
    assert rows[("CellLine", "CVCL_0030")]["pages"] == "1,2"
    assert rows[("Species", "NCBITaxon:9606")]["preferred_name"] == "Homo sapiens"
    assert {r["doc_id"] for r in rows.values()} == {document.id}


@pytest.mark.shared
def test_stage_on_a_real_paper(stage: NormalizationStage) -> None:
    pdf = sorted(pdfs_dir().glob("*.pdf"))[0]
    doc = parse_pdf(pdf)
    words = [(m.start(), m.end()) for m in re.finditer(r"\b(HeLa|human|TNF)\b", doc.text)]
    doc.add_spans("entities", [Span(s, e, "Species" if doc.text[s:e] == "human" else "CellLine") for s, e in words])
    stage(doc)
    for span in doc.layers.get("entities", []):
        assert set(span.attrs) >= {"identifier", "candidates", "preferred_name"}
    for row in entity_rows(doc):
        assert row["mentions"] >= 1 and row["pages"]


def test_a_coordinated_mention_counts_for_each_concept_it_names(tmp_path: Path) -> None:
    doc = parse_pdf(write_pdf(tmp_path / "paper.pdf"))
    start = doc.text.index("Hepatocellular carcinoma")
    both = {"identifier": "MESH:D006528", "identifiers": ["MESH:D006528", "MESH:D008113"],
            "preferred_name": "Carcinoma, Hepatocellular", "preferred_names": ["Carcinoma, Hepatocellular", "Liver Neoplasms"]}
    doc.add_spans("entities", [Span(start, start + len("Hepatocellular carcinoma"), "Disease", both)])
    rows = {r["identifier"]: r for r in entity_rows(doc)}
    assert set(rows) == {"MESH:D006528", "MESH:D008113"}
    assert rows["MESH:D008113"]["preferred_name"] == "Liver Neoplasms" and rows["MESH:D008113"]["mentions"] == 1
