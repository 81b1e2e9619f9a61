"""Our own annotations of whole papers (`corpus/annotations/claims.*.jsonl`, `characteristics.*.jsonl`):
every result claim and the study's characteristics, for primary human studies of `../shared/pdfs` and the
papers of `../shared/domain-dev` (guidelines: `corpus/annotations/claims.md`, `characteristics.md`).

The reader parses each paper's PDF with our parser and finds every anchored evidence sentence in its
text (`extract.corpus.anchors`), so gold spans are offsets into the same text the pipeline reads. A
sentence the parser no longer gives is counted in `Corpus.issues` and left out of that claim's spans.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from extract.corpus.anchors import Anchor, AnchoredText
from extract.corpus.model import Corpus, CorpusDocument, Passage
from extract.corpus.registry import readers
from extract.corpus.studyfields.splits import hash_split
from extract.document import Document
from extract.paths import REPO_ROOT

ANNOTATIONS_DIR = REPO_ROOT / "corpus" / "annotations"
SPLIT = (60, 40)
"""`hash_split(paper, dev_percent=60, test_percent=40)`: buckets 0-39 test, 40-99 dev; fixed before any error was read."""
STATEMENT_FIELDS = ("funding", "conflicts", "adverse_events")
"""Characteristics kept only as "stated" plus the anchored sentence (no text of the paper in the repository)."""
BOILERPLATE_BLOCKS = frozenset({"title", "authors", "caption", "table", "footnote", "header", "footer", "reference"})
BOILERPLATE_SECTIONS = re.compile(
    r"acknowledg|funding|financial|conflicts?\b|competing|ethic|consent|abbreviation|key ?words?|registration|"
    r"availability|contribution|disclosure|licen[cs]e|copyright|supplementa|publisher|declaration",
    re.IGNORECASE,
)


def paper_split(paper: str) -> str:
    return hash_split(paper, *SPLIT)


def paper_source(paper: str) -> str:
    """`pdfs` for the shared PDFs (file names are DOIs or PMC ids), `domain-dev` for the seed-domain papers."""
    return "pdfs" if paper.startswith(("PMC", "10.")) else "domain-dev"


def pdf_path(shared: Path, paper: str) -> Path:
    return shared / "pdfs" / f"{paper}.pdf" if paper_source(paper) == "pdfs" else shared / "domain-dev" / "pdfs" / f"{paper}.pdf"


@readers.register("annotated-papers")
def read_annotated_papers(path: Path, **_options) -> Corpus:
    """One document per annotated paper (text = our parser's text of its PDF under `path`, the shared
    folder), `labels["claims"]` with `spans` and `labels["characteristics"]` with `spans`, splits dev/test."""
    from extract.pdf import parse_pdf

    shared = Path(path)
    corpus = Corpus(name="annotated-papers", splits={"dev": [], "test": []})
    for split in corpus.splits:
        claims = _records(ANNOTATIONS_DIR / f"claims.{split}.jsonl")
        characteristics = _records(ANNOTATIONS_DIR / f"characteristics.{split}.jsonl")
        for paper in sorted(set(claims) | set(characteristics)):
            pdf = pdf_path(shared, paper)
            doc = parse_pdf(pdf)
            text = AnchoredText(doc.text)
            labels: dict = {"pdf": str(pdf), "source": paper_source(paper), "boilerplate": boilerplate_spans(doc)}
            if paper in claims:
                labels["claims"] = [_locate_claim(c, text, corpus, paper) for c in claims[paper]["claims"]]
            if paper in characteristics:
                labels["characteristics"] = _locate_characteristics(characteristics[paper], text, corpus, paper)
            corpus.splits[split].append(CorpusDocument(id=paper, passages=[Passage("paper", 0, doc.text)], labels=labels))
    return corpus


def boilerplate_spans(doc: Document) -> list[tuple[int, int]]:
    """Where no result of the study can stand: front matter, captions, tables, footnotes, running heads,
    references, and the parts about keywords, registration, funding, ethics, acknowledgements."""
    from extract.claims.zones import document_sentences

    spans = [(b.start, b.end) for b in doc.blocks if b.in_text and b.kind in BOILERPLATE_BLOCKS]
    spans += [
        (s.start, s.end)
        for s in doc.sections
        if s.kind in ("front", "references") or (s.kind == "other" and BOILERPLATE_SECTIONS.search(s.title))
    ]
    spans += [(z.sentence.start, z.sentence.end) for z in document_sentences(doc) if z.zone == "abstract:other"]
    return sorted(spans)


def _records(path: Path) -> dict[str, dict]:
    if not path.exists():
        return {}
    return {r["paper"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def _find(text: AnchoredText, raw: dict, corpus: Corpus, paper: str) -> tuple[int, int] | None:
    span = text.find(Anchor.from_dict(raw))
    if span is None:
        corpus.issues.append(f"{paper}: an evidence sentence is no longer in the parsed text")
    return span


def _locate_claim(claim: dict, text: AnchoredText, corpus: Corpus, paper: str) -> dict:
    spans = [span for raw in claim["evidence"] if (span := _find(text, raw, corpus, paper))]
    return {**{k: v for k, v in claim.items() if k != "evidence"}, "spans": spans}


def _locate_characteristics(record: dict, text: AnchoredText, corpus: Corpus, paper: str) -> dict:
    out = {k: v for k, v in record.items() if k not in ("evidence", "arms", "outcome_measures")}
    out["spans"] = {field: span for field, raw in record["evidence"].items() if (span := _find(text, raw, corpus, paper))}
    for key in ("arms", "outcome_measures"):
        out[key] = [
            {**{k: v for k, v in item.items() if k != "evidence"},
             "span": _find(text, item["evidence"], corpus, paper) if item.get("evidence") else None}
            for item in record.get(key, [])
        ]
    return out
