"""Parsing quality on the shared PDFs: titles for all, text measures against the publisher XML.

Usage: python scripts/bench_parsing.py [--markdown docs/parsing.md] [--only NAME]

Measures (see docs/parsing.md for the definitions):
- title: normalized exact match with the manifest's human-read title (all PDFs);
- for the PDFs with publisher XML (JATS, or BMC's article.dtd): abstract token F1; section-heading
  precision/recall; body token P/R/F1; reading-order agreement; reference-list leakage into the body.

"Body" on both sides: the paper's sections after the abstract, including back-matter sections
(acknowledgements, conflicts, notes) but not the reference list, without figure/table captions,
table cells and footnotes. Tokens are NFKC-normalized, lower-cased `\\w+` runs.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench_parse_speed import write_between_markers
from rapidfuzz.distance import LCSseq

from extract.bench.metrics import Counts, count_sets
from extract.document import Document
from extract.paths import pdfs_dir
from extract.pdf import parse_pdf
from extract.pdf.headings import title_key

NOT_BODY_KINDS = ("front", "abstract", "references")
FLOAT_BLOCKS = ("caption", "table", "footnote")
LEAK_NGRAM = 6
_TOKEN = re.compile(r"\w+")

# Element names in JATS and in BMC's article.dtd.
JATS = {
    "title": "article-title",
    "abstract": "abstract",
    "body": "body",
    "back": "back",
    "sec": "sec",
    "sec_title": "title",
    "refs": "ref-list",
    "skip": {
        "fig",
        "table-wrap",
        "supplementary-material",
        "fig-group",
        "table-wrap-group",
        "ref-list",
        "label",
        "fn-group",
        "fn",
    },
}
BMC = {
    "title": "title",
    "abstract": "abs",
    "body": "bdy",
    "back": "bm",
    "sec": "sec",
    "sec_title": "st",
    "refs": "refgrp",
    "skip": {"fig", "tbl", "figure", "table", "suppl", "refgrp", "fn"},
}


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).lower())


def norm_title(text: str) -> str:
    return " ".join(tokens(text))


@dataclass
class Gold:
    """What the publisher's XML says the paper contains."""

    abstract: list[str]
    body: list[str]
    headings: list[str]
    references: list[str]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(elem: ET.Element | None, skip: set[str]) -> str:
    """Text of `elem` without the subtrees named in `skip`; block elements end in a space."""
    if elem is None:
        return ""
    parts: list[str] = []

    def walk(node: ET.Element) -> None:
        if _local(node.tag) in skip:
            if node.tail:
                parts.append(node.tail)
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if _local(node.tag) in ("p", "title", "st", "sec"):
            parts.append(" ")
        if node.tail and node is not elem:
            parts.append(node.tail)

    walk(elem)
    return "".join(parts)


def read_gold(path: Path) -> Gold:
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"<!DOCTYPE[^>]*>", "", raw)
    root = ET.fromstring(raw)
    names = BMC if _local(root.tag) == "art" else JATS
    find = {
        _local(e.tag): e
        for e in root.iter()
        if _local(e.tag) in (names["body"], names["back"], names["refs"])
    }
    abstracts = [
        e
        for e in root.iter()
        if _local(e.tag) == names["abstract"] and e.get("abstract-type") is None
    ]
    abstract = _text(abstracts[0], names["skip"]) if abstracts else ""
    body_parts = [
        _text(find.get(names["body"]), names["skip"]),
        _text(find.get(names["back"]), names["skip"]),
    ]
    headings = []
    for section_root in (find.get(names["body"]), find.get(names["back"])):
        if section_root is None:
            continue
        for node in section_root.iter():
            if _local(node.tag) == names["sec"]:
                title = next((c for c in node if _local(c.tag) == names["sec_title"]), None)
                if title is not None and "".join(title.itertext()).strip():
                    headings.append("".join(title.itertext()))
            elif _local(node.tag) in ("ack", "glossary", "notes", "app"):
                title = next((c for c in node if _local(c.tag) == "title"), None)
                if title is not None:
                    headings.append("".join(title.itertext()))
    return Gold(
        abstract=tokens(abstract),
        body=tokens(" ".join(body_parts)),
        headings=[heading_key(h) for h in headings],
        references=tokens(_text(find.get(names["refs"]), set())),
    )


def heading_key(text: str) -> str:
    return " ".join(tokens(title_key(text)))


@dataclass
class Predicted:
    abstract: list[str]
    body: list[str]
    headings: list[str]


def predicted(doc: Document) -> Predicted:
    """Our side, in the same terms: abstract, body without floats, headings of body sections."""
    body_blocks = _blocks_in(doc, [s for s in doc.sections if s.kind not in NOT_BODY_KINDS])
    abstract_blocks = _blocks_in(doc, [s for s in doc.sections if s.kind == "abstract"])
    headings = [heading_key(b.text) for b in body_blocks if b.kind == "heading"]
    return Predicted(
        tokens(" ".join(b.text for b in abstract_blocks)),
        tokens(" ".join(b.text for b in body_blocks)),
        headings,
    )


def _blocks_in(doc: Document, sections: list) -> list:  # type: ignore[type-arg]
    """The in-text blocks of these sections, floats (captions, tables, footnotes) left out."""
    ranges = [(s.start, s.end) for s in sections]
    found = [
        b
        for b in doc.blocks
        if b.in_text and b.kind not in FLOAT_BLOCKS and any(s <= b.start < e for s, e in ranges)
    ]
    return sorted(found, key=lambda b: b.start)


def order_agreement(pred: list[str], gold: list[str]) -> float:
    """LCS of the two word sequences over the words they share (multiset): 1.0 = same order."""
    shared = sum((Counter(pred) & Counter(gold)).values())
    return LCSseq.similarity(pred, gold) / shared if shared else 0.0


def leakage(pred: list[str], gold: Gold) -> float:
    """Fraction of body words covered by a 6-gram of the XML reference list absent from the XML body."""

    def grams(seq: list[str]) -> set[tuple[str, ...]]:
        return {tuple(seq[i : i + LEAK_NGRAM]) for i in range(len(seq) - LEAK_NGRAM + 1)}

    ref_only = grams(gold.references) - grams(gold.body)
    leaked = [False] * len(pred)
    for i in range(len(pred) - LEAK_NGRAM + 1):
        if tuple(pred[i : i + LEAK_NGRAM]) in ref_only:
            leaked[i : i + LEAK_NGRAM] = [True] * LEAK_NGRAM
    return sum(leaked) / len(pred) if pred else 0.0


@dataclass
class FileScore:
    """One PDF's measures; the text measures only where publisher XML exists."""

    file: str
    layout: str
    pages: int
    title_ok: bool
    abstract: Counts | None = None
    headings: Counts | None = None
    body: Counts | None = None
    order: float = 0.0
    leak: float = 0.0


def score_file(row: dict[str, str], folder: Path, show: bool) -> tuple[FileScore, float]:
    """Parse one PDF and score it; returns the score and the parse time in seconds."""
    started = time.perf_counter()
    doc = parse_pdf(folder / row["file"])
    seconds = time.perf_counter() - started
    ok = norm_title(doc.metadata.title) == norm_title(row["title"])
    score = FileScore(row["file"], row["layout"], len(doc.pages), ok)
    if show and not ok:
        print(f"TITLE {row['file']}: got {doc.metadata.title!r}\n      want {row['title']!r}")
    if row["gold_xml_file"]:
        gold = read_gold(folder / row["gold_xml_file"])
        pred = predicted(doc)
        score.abstract = count_sets(gold.abstract, pred.abstract)
        score.headings = count_sets(gold.headings, pred.headings)
        score.body = count_sets(gold.body, pred.body)
        score.order = order_agreement(pred.body, gold.body)
        score.leak = leakage(pred.body, gold)
        missing = Counter(gold.headings) - Counter(pred.headings)
        extra = Counter(pred.headings) - Counter(gold.headings)
        if show and (missing or extra):
            print(f"HEADINGS {row['file']}: missing {sorted(missing)}\n   extra {sorted(extra)}")
    return score, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", type=Path, help="write the tables into this Markdown file")
    parser.add_argument("--only", help="only files whose name contains this")
    parser.add_argument("--show", action="store_true", help="print wrong titles and headings")
    args = parser.parse_args()
    folder = pdfs_dir()
    with (folder / "manifest.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if not args.only or args.only in r["file"]]
    results = [score_file(row, folder, args.show) for row in rows]
    scores = [score for score, _ in results]
    lines = ["Per file:", ""] + per_file_table(scores) + ["", "Summary:", ""]
    lines += summary_table(scores, sum(s for _, s in results))
    print("\n".join(lines))
    if args.markdown:
        write_between_markers(args.markdown, "bench_parsing", lines)
    return 0


def per_file_table(scores: list[FileScore]) -> list[str]:
    head = "| file | layout | pages | title | abstract F1 | heading P | heading R | body P | body R"
    out = [head + " | body F1 | order | leak % |", "|---|---|---:|:---:|" + "---:|" * 8]
    for s in scores:
        cells = [s.file, s.layout, str(s.pages), "ok" if s.title_ok else "WRONG"]
        if s.abstract and s.headings and s.body:
            values = [s.abstract.f1, s.headings.p, s.headings.r, s.body.p, s.body.r, s.body.f1]
            cells += [f"{v:.3f}" for v in values] + [f"{s.order:.3f}", f"{100 * s.leak:.2f}"]
        else:
            cells += ["-"] * 8
        out.append("| " + " | ".join(cells) + " |")
    return out


def summary_table(scores: list[FileScore], seconds: float) -> list[str]:
    xml = [s for s in scores if s.body is not None]
    n = len(xml) or 1
    right = sum(s.title_ok for s in scores)
    out = ["| measure | value | target |", "|---|---:|---:|"]
    out.append(f"| titles right (all PDFs) | {right} / {len(scores)} | >= 35 / 37 |")
    for label, name, target in (
        ("abstract tokens", "abstract", ""),
        ("body tokens", "body", "F1 >= 0.95"),
        ("section headings", "headings", "R >= 0.90"),
    ):
        c = sum((getattr(s, name) for s in xml), Counts())
        counts = f"tp {c.tp}, fp {c.fp}, fn {c.fn}"
        out.append(
            f"| {label} P / R / F1 (micro over {len(xml)} XML pairs; {counts}) "
            f"| {c.p:.3f} / {c.r:.3f} / {c.f1:.3f} | {target} |"
        )
    orders = [s.order for s in xml]
    leaks = [100 * s.leak for s in xml]
    out.append(
        f"| reading-order agreement (mean LCS / shared words) "
        f"| {sum(orders) / n:.3f} (min {min(orders, default=0):.3f}) | >= 0.95 |"
    )
    out.append(
        f"| reference-list leakage into body (mean % of body words) "
        f"| {sum(leaks) / n:.2f} (max {max(leaks, default=0):.2f}) | < 1 |"
    )
    pages = sum(s.pages for s in scores)
    out.append(f"| parse time (wall, this run) | {pages} pages in {seconds:.1f} s | |")
    wrong = [s.file for s in scores if not s.title_ok]
    if wrong:
        out += ["", "Titles not matched: " + ", ".join(wrong)]
    return out


if __name__ == "__main__":
    sys.exit(main())
