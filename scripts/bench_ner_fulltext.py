"""Entity recognition on text read from real PDFs: our own annotated sample of the shared papers.

    python scripts/bench_ner_fulltext.py --split dev             # score the fast model (strict P/R/F1)
    python scripts/bench_ner_fulltext.py --split test --model accurate   # report once per model version
    python scripts/bench_ner_fulltext.py sample --split dev --out DIR    # how a sample was drawn (files to annotate)
    python scripts/bench_ner_fulltext.py import DIR --split dev  # marked-up files -> the split's annotation file
    python scripts/bench_ner_fulltext.py agree A.jsonl B.jsonl   # agreement of two annotators

The corpora the models are trained and tested on are abstracts, figure captions and a few PMC full
texts; what `extract run` reads is text our parser took from PDFs: body paragraphs with hyphenation and
line-break repairs, captions, tables read cell by cell. This measures the recognizer there.

A sample (`sample`; test: seed 0, dev: seed 1 without the test passages): passages of the parsed PDFs in
`$EXTRACT_SHARED_DIR/pdfs` outside the reference list, at least 200 characters: 30 paragraphs (abstract or
body), 10 captions and 6 tables (a run of table cells), at most 2 per paper. Each passage is written to DIR as NN.txt; an annotator copies it to
NN.ann.txt and marks every mention inline as `[[text|Type]]` (Gene, Disease, Chemical, Species,
CellLine; BioRED's guideline, see corpus/annotations/README.md). `import` checks that each marked-up file
is its passage with marks added and writes `corpus/annotations/fulltext_entities.SPLIT.jsonl`: per passage
the PDF, page, kind, the SHA-256 of its text (the text itself stays in ../shared) and the mentions as
character offsets with type and surface text.

Scoring parses each annotated PDF, finds every passage by its hash (a passage the parser now reads
differently is reported and skipped), runs the recognizer over the whole paper text as `extract run` does
(abbreviations and repeats cross passages) and scores the mentions that fall inside the passages.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from extract.bench.metrics import Counts, count_sets
from extract.corpus.harmonize import ENTITY_TYPES
from extract.document import Document
from extract.ner.recognizer import ENTITY_LAYER, MODEL_ENV, EntityRecognizer
from extract.ner.stage import EntityStage
from extract.paths import pdfs_dir
from extract.pdf.parse import parse_pdf

ANNOTATIONS = Path(__file__).resolve().parents[1] / "corpus" / "annotations"
SEEDS = {"test": 0, "dev": 1}
"""The sample of each split; dev leaves out the test passages."""


def annotation_file(split: str) -> Path:
    """The adjudicated annotations of a split."""
    return ANNOTATIONS / f"fulltext_entities.{split}.jsonl"


def read_records(path: Path) -> list[dict]:
    """The passages of an annotation file (none if it does not exist)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def counts_by_type(gold: set[tuple], predicted: set[tuple]) -> dict[str, Counts]:
    """Strict counts per type of (start, end, type) mentions."""
    types = {t for *_, t in gold | predicted}
    return {t: count_sets((m for m in gold if m[2] == t), (m for m in predicted if m[2] == t)) for t in types}
QUOTAS = {"paragraph": 30, "caption": 10, "table": 6}
PER_PAPER = 2
MIN_CHARS = 200
MARK = re.compile(r"\[\[([^\[\]|]+)\|(" + "|".join(ENTITY_TYPES) + r")\]\]")


@dataclass
class Passage:
    """A stretch of a parsed paper's text: one block, or a run of table cells."""

    pdf: str
    kind: str
    page: int
    start: int
    end: int
    sha256: str


def passages(doc: Document) -> list[Passage]:
    """The paper's paragraphs (abstract or body), captions and table runs outside the reference list."""
    found: list[Passage] = []
    run: list = []

    def add(kind: str, start: int, end: int, page: int) -> None:
        section = doc.section_at(start)
        text = doc.text[start:end]
        if len(text.strip()) >= MIN_CHARS and not (section and section.kind in ("references", "front")):
            found.append(Passage(Path(doc.file).name, kind, page, start, end, hashlib.sha256(text.encode()).hexdigest()))

    for block in (b for b in doc.blocks if b.in_text):
        if block.kind == "table":
            if run and run[-1].page != block.page:
                add("table", run[0].start, run[-1].end, run[0].page)
                run = []
            run.append(block)
            continue
        if run:
            add("table", run[0].start, run[-1].end, run[0].page)
            run = []
        if block.kind in ("paragraph", "abstract", "caption"):
            add("caption" if block.kind == "caption" else "paragraph", block.start, block.end, block.page)
    if run:
        add("table", run[0].start, run[-1].end, run[0].page)
    return found


def sample(pdfs: list[Path], seed: int, exclude: set[str] = frozenset()) -> list[tuple[Passage, str]]:
    """The seeded sample: `QUOTAS` passages per kind, at most `PER_PAPER` from one paper, none of the
    passages in `exclude` (SHA-256), with their text."""
    pool: dict[str, list[tuple[Passage, str]]] = defaultdict(list)
    for path in pdfs:
        doc = parse_pdf(path)
        for passage in passages(doc):
            if passage.sha256 not in exclude:
                pool[passage.kind].append((passage, doc.text[passage.start : passage.end]))
    rng = random.Random(seed)
    per_paper: Counter = Counter()
    chosen = []
    for kind, quota in QUOTAS.items():
        candidates = sorted(pool[kind], key=lambda item: (item[0].pdf, item[0].start))
        rng.shuffle(candidates)
        taken = 0
        for passage, text in candidates:
            if taken == quota:
                break
            if per_paper[passage.pdf] < PER_PAPER:
                per_paper[passage.pdf] += 1
                chosen.append((passage, text))
                taken += 1
    return chosen


def read_marks(marked: str) -> tuple[str, list[list]]:
    """The text without `[[text|Type]]` marks, and the marked mentions as [start, end, type, text]."""
    plain, mentions, position = [], [], 0
    offset = 0
    for match in MARK.finditer(marked):
        plain.append(marked[position : match.start()])
        offset += match.start() - position
        name, entity_type = match.group(1), match.group(2)
        mentions.append([offset, offset + len(name), entity_type, name])
        plain.append(name)
        offset += len(name)
        position = match.end()
    plain.append(marked[position:])
    return "".join(plain), mentions


def import_annotations(folder: Path, out: Path) -> int:
    """`folder`'s NN.ann.txt files (checked against NN.txt and index.json) -> `out` (JSON lines, atomically)."""
    index = json.loads((folder / "index.json").read_text())
    records = []
    for entry in index:
        name = entry["file"]
        text = (folder / name).read_text(encoding="utf-8")
        marked_path = folder / name.replace(".txt", ".ann.txt")
        plain, mentions = read_marks(marked_path.read_text(encoding="utf-8"))
        if plain != text:
            raise ValueError(f"{marked_path}: with its marks removed it is not {name} (the text was changed)")
        records.append({k: entry[k] for k in ("pdf", "kind", "page", "sha256")} | {"mentions": mentions})
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.with_suffix(".tmp")
    staging.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    staging.replace(out)
    return len(records)


def score(annotations: Path, pdf_dir: Path, recognizer: EntityRecognizer) -> tuple[dict, dict, list[str], int]:
    """Strict counts per type and per passage kind ("all" too), the passages not found, and the words scored."""
    records = read_records(annotations)
    by_type: dict[str, Counts] = defaultdict(Counts)
    by_kind: dict[str, Counts] = defaultdict(Counts)
    missing, words = [], 0
    by_pdf: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        by_pdf[record["pdf"]].append(record)
    for pdf, wanted in sorted(by_pdf.items()):
        doc = parse_pdf(pdf_dir / pdf)
        located = {p.sha256: p for p in passages(doc)}
        EntityStage(recognizer)(doc)  # as `extract run` tags a paper
        found = doc.layers[ENTITY_LAYER]
        for record in wanted:
            passage = located.get(record["sha256"])
            if passage is None:
                missing.append(f"{pdf} p.{record['page']} {record['kind']}")
                continue
            words += len(doc.text[passage.start : passage.end].split())
            gold = {(passage.start + a, passage.start + b, t) for a, b, t, _ in record["mentions"]}
            predicted = {(s.start, s.end, s.label) for s in found if passage.start <= s.start and s.end <= passage.end}
            for entity_type, counts in counts_by_type(gold, predicted).items():
                by_type[entity_type] += counts
                by_kind[record["kind"]] += counts
                by_kind["all"] += counts
    return dict(by_type), dict(by_kind), missing, words


def agreement(first: Path, second: Path) -> dict[str, Counts]:
    """Strict agreement per type of two annotation files of the same passages (`first` as the reference)."""
    def mentions(path: Path) -> dict[str, set[tuple]]:
        return {r["sha256"]: {(a, b, t) for a, b, t, _ in r["mentions"]} for r in read_records(path)}

    reference, other = mentions(first), mentions(second)
    if reference.keys() != other.keys():
        raise ValueError(f"{first} and {second} do not annotate the same passages")
    by_type: dict[str, Counts] = defaultdict(Counts)
    for key, gold in reference.items():
        for entity_type, counts in counts_by_type(gold, other[key]).items():
            by_type[entity_type] += counts
    return dict(by_type)


def table(rows: dict[str, Counts], title: str) -> str:
    """A Markdown table of strict P/R/F1 with counts."""
    lines = [f"| {title} | P | R | F1 | tp | fp | fn |", "|---|---:|---:|---:|---:|---:|---:|"]
    for key, c in rows.items():
        lines.append(f"| {key} | {c.p:.3f} | {c.r:.3f} | {c.f1:.3f} | {c.tp} | {c.fp} | {c.fn} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", nargs="?", default="score", choices=["score", "sample", "import", "agree"])
    parser.add_argument("paths", nargs="*", type=Path,
                        help="import: the folder of marked-up files; agree: two annotation files")
    parser.add_argument("--out", type=Path, help="sample: where to write the passages to annotate")
    parser.add_argument("--split", default="dev", choices=sorted(SEEDS), help="the sample to score, draw or import")
    parser.add_argument("--annotations", type=Path, help="another annotation file (default: the split's)")
    parser.add_argument("--model", help="'fast' (default), 'accurate' or a spaCy pipeline folder")
    args = parser.parse_args(argv)
    pdf_dir = pdfs_dir()
    if args.step in ("score", "sample") and not pdf_dir.is_dir():
        parser.error(f"no PDF folder at {pdf_dir}: set EXTRACT_SHARED_DIR to the shared data folder")
    annotations = args.annotations or annotation_file(args.split)
    if args.step == "sample":
        if args.out is None:
            parser.error("sample needs --out DIR")
        args.out.mkdir(parents=True, exist_ok=True)
        index = []
        exclude = {r["sha256"] for split in SEEDS if split != args.split for r in read_records(annotation_file(split))}
        for number, (passage, text) in enumerate(sample(sorted(pdf_dir.glob("*.pdf")), SEEDS[args.split], exclude)):
            name = f"{number:02d}.txt"
            (args.out / name).write_text(text, encoding="utf-8")
            index.append({"file": name, **passage.__dict__})
        (args.out / "index.json").write_text(json.dumps(index, indent=1))
        print(f"{len(index)} passages -> {args.out}")
        return 0
    if args.step == "import":
        if len(args.paths) != 1:
            parser.error("import needs the folder of marked-up files")
        print(f"{import_annotations(args.paths[0], annotations)} passages -> {annotations}")
        return 0
    if args.step == "agree":
        if len(args.paths) != 2:
            parser.error("agree needs two annotation files")
        by_type = agreement(*args.paths)
        rows = {t: by_type[t] for t in ENTITY_TYPES if t in by_type} | {"micro": sum(by_type.values(), Counts())}
        print(table(rows, f"type ({args.paths[0].name} as reference)"))
        return 0
    if args.model:
        os.environ[MODEL_ENV] = args.model
    recognizer = EntityRecognizer()
    started = time.time()
    by_type, by_kind, missing, words = score(annotations, pdf_dir, recognizer)
    total = sum(by_type.values(), Counts())
    print(table({t: by_type[t] for t in ENTITY_TYPES if t in by_type} | {"micro": total}, "type"))
    print()
    print(table(by_kind, "passage kind"))
    print(f"\n{recognizer.nlp.meta['name']} {recognizer.nlp.meta['version']}; {words:,} words in the passages; "
          f"{time.time() - started:.0f} s (parsing and tagging whole papers)")
    if missing:
        print(f"{len(missing)} passages not found (the parser reads them differently now): {', '.join(missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
