"""`parse_pdf` on real published PDFs from `../shared/pdfs` (skipped when the folder is absent)."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest

from extract.document import Document
from extract.paths import pdfs_dir
from extract.pdf import parse_pdf

pytestmark = pytest.mark.shared


@cache
def manifest() -> dict[str, dict[str, str]]:
    with (pdfs_dir() / "manifest.csv").open(encoding="utf-8") as f:
        return {row["file"]: row for row in csv.DictReader(f)}


@cache
def parsed(name: str) -> Document:
    return parse_pdf(pdfs_dir() / name)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


@pytest.mark.parametrize(
    "name",
    [
        "10.1080_00207454.2016.1185421.pdf",  # Taylor & Francis cover sheet first
        "10.1186_1745-6215-15-486.pdf",  # BMC provisional PDF, title over two blocks
        "PMC2836833.pdf",  # PMC author manuscript with an "HHS Public Access" banner
        "PMC4173437.pdf",  # journal name in the same type size as the title
        "PMC4686705.pdf",  # Hindawi two-column
        "PMC5884950.pdf",  # Frontiers: title only in sane PDF metadata and the citation box
    ],
)
def test_title_matches_the_manifest(name: str) -> None:
    assert _norm(parsed(name).metadata.title) == _norm(manifest()[name]["title"])


def test_taylor_and_francis_cover_sheet_is_dropped() -> None:
    doc = parsed("10.1080_00207454.2016.1185421.pdf")
    assert all(not b.in_text for b in doc.blocks if b.page == 1)
    assert doc.page_of(0) == 2
    assert "To cite this article" not in doc.text
    assert "Submit your article to this journal" not in doc.text
    assert doc.metadata.doi == "10.1080/00207454.2016.1185421"


def test_running_headers_are_not_in_the_text() -> None:
    doc = parsed("10.1186_s13063-014-0529-5.pdf")
    headers = [b for b in doc.blocks if b.kind == "header"]
    assert len(headers) >= 5  # "Mendes et al. Trials (2015) 16:19 Page n of 6" on pages 2-6
    assert "Page 3 of 6" not in doc.text


@pytest.mark.parametrize(
    "name", ["PMC4706941.pdf", "PMC7966905.pdf", "10.1186_s13063-014-0529-5.pdf"]
)
def test_reference_list_is_last_and_kept_out_of_the_body(name: str) -> None:
    doc = parsed(name)
    assert doc.sections[-1].kind == "references"
    reference_section = doc.text[doc.sections[-1].start : doc.sections[-1].end]
    body = _norm(doc.body_text())
    titles = _reference_titles(pdfs_dir() / name.replace(".pdf", ".xml"))
    assert len(titles) >= 10
    found = [t for t in titles if t in _norm(reference_section)]
    assert len(found) >= 0.8 * len(titles)
    assert [t for t in titles if t in body] == []


def _reference_titles(xml_path: Path) -> list[str]:
    """Titles (6+ words) of the cited works in the publisher XML's reference list (JATS or BMC)."""
    raw = re.sub(r"<!DOCTYPE[^>]*>", "", xml_path.read_text(encoding="utf-8"))
    root = ET.fromstring(raw)
    local = {elem: elem.tag.rsplit("}", 1)[-1] for elem in root.iter()}
    ref_list = next(e for e, tag in local.items() if tag in ("ref-list", "refgrp"))
    titles = (
        _norm("".join(e.itertext()))
        for e in ref_list.iter()
        if local[e] in ("article-title", "title")
    )
    return [t for t in titles if len(t.split()) >= 6]


def test_two_column_body_reads_in_order() -> None:
    doc = parsed("PMC4686705.pdf")
    text = doc.text
    # the last words of the left column on page 1 run on into the right column
    assert "fine-tuned mechanism" in text
    kinds = [s.kind for s in doc.sections]
    assert (
        kinds.index("introduction")
        < kinds.index("methods")
        < kinds.index("results")
        < kinds.index("references")
    )


def test_shared_pdfs_parse_into_consistent_documents() -> None:
    """Sections in order and covering the text, references last, block and word offsets exact.

    Every third PDF of the manifest (one- and two-column, several publishers) to keep this file
    fast; `scripts/bench_parsing.py` parses all of them."""
    for name in list(manifest())[::3]:
        doc = parsed(name)
        assert doc.text and doc.sections and doc.segments, name
        assert doc.sections[0].start == 0 and doc.sections[-1].end == len(doc.text), name
        for before, after in zip(doc.sections, doc.sections[1:], strict=False):
            assert before.end <= after.start, name
        kinds = [s.kind for s in doc.sections]
        if "references" in kinds:
            assert set(kinds[kinds.index("references") :]) == {"references"}, name
        for block in doc.blocks:
            assert (
                (doc.text[block.start : block.end] == block.text)
                if block.in_text
                else (block.start == block.end == -1)
            ), name
        previous_end = -1
        for seg in doc.segments:
            word = doc.text[seg.start : seg.end]
            assert seg.start >= previous_end and word and word.strip() == word, name
            previous_end = seg.end
        assert Document.from_json(doc.to_json()) == doc, name
