"""Predictors for `extract bench design|sample-size|characteristics`: the shipped extractors on corpus documents.

Documents of the `pdfs` corpus (`labels["pdf"]`) are parsed with `extract.pdf.parse_pdf` and read whole;
other corpora's documents are read from their passages.
"""

from __future__ import annotations

from pathlib import Path

from extract.bench.predictors import predictors
from extract.corpus.model import CorpusDocument
from extract.fields.characteristics import LAYER, CharacteristicsStage
from extract.fields.design import classify_design
from extract.fields.design_model import DesignClassifier
from extract.fields.pico_stage import PicoStage
from extract.fields.regions import Paper, paper_of_corpus_document, paper_of_document
from extract.fields.sample_size import extract_sample_size
from extract.pdf import parse_pdf


def paper_of(doc: CorpusDocument) -> Paper:
    """The paper behind a corpus document: its PDF parsed when it has one, else its passages."""
    pdf = doc.labels.get("pdf")
    return paper_of_document(parse_pdf(Path(pdf))) if pdf else paper_of_corpus_document(doc)


@predictors.register("design")
def predict_design(documents: list[CorpusDocument]) -> list[dict]:
    """`{"id", "design", "design_confidence"}` for every document."""
    classifier = DesignClassifier.load()
    rows = []
    for doc in documents:
        result = classify_design(paper_of(doc), classifier)
        rows.append({"id": doc.id, "design": result.label, "design_confidence": result.confidence})
    return rows


@predictors.register("sample-size")
def predict_sample_size(documents: list[CorpusDocument]) -> list[dict]:
    """`{"id", "sample_size", "sample_size_confidence"}` for every document where a participant count was found."""
    classifier = DesignClassifier.load()
    rows = []
    for doc in documents:
        paper = paper_of(doc)
        design = classify_design(paper, classifier).label
        result = extract_sample_size(paper, design)
        if result.total is not None:
            rows.append({"id": doc.id, "sample_size": result.total.count.value, "sample_size_confidence": result.confidence})
    return rows


@predictors.register("characteristics")
def predict_characteristics(documents: list[CorpusDocument]) -> list[dict]:
    """The characteristics and pico stages on each paper's PDF: their `studies.csv` values, for the
    statements the sentence's offsets (`<field>_start`, `<field>_end`), and the arms."""
    stage, pico = CharacteristicsStage(), PicoStage()
    rows = []
    for doc in documents:
        parsed = parse_pdf(Path(doc.labels["pdf"]))
        row = {"id": doc.id, **stage(parsed), **pico(parsed)}
        for span in parsed.layers.get(LAYER, []):
            row.setdefault(f"{span.label}_start", span.start)
            row.setdefault(f"{span.label}_end", span.end)
        row["arms"] = [{k: span.attrs[k] for k in ("arm", "role", "n")} for span in parsed.layers.get("pico", []) if span.label == "arm"]
        rows.append(row)
    return rows
