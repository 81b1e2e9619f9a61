"""Benchmark the shipped entity recognizer: strict/lenient P/R/F1 per corpus and type, and speed.

    python scripts/bench_ner.py --split dev                 # tuning numbers
    python scripts/bench_ner.py --split test --markdown docs/ner.md   # report once

Quality comes from `extract bench ner` (the same scorer, `extract.bench.tasks.run_bench`); speed is
words/s of the recognizer on one core beside a scispaCy-tokenizer-only pass over the same texts.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

from extract.bench.tasks import score
from extract.corpus.catalog import load_corpus
from extract.corpus.harmonize import ENTITY_TYPES
from extract.corpus.model import CorpusDocument
from extract.ner.predictor import predict_entities
from extract.ner.recognizer import EntityRecognizer

WITHOUT_ROLE_NOUNS = ("linnaeus", "s800")
"""Corpora whose guidelines never label people by role ("patients", "women") as Homo sapiens, while
BioRED always does: for them a second row scores the mentions our recognizer flags `role_noun` as
unlabelled (the corpus's own guideline), beside the plain strict row."""

CORPORA = ("biored", "bc5cdr", "ncbi-disease", "nlm-gene", "gnormplus", "bc2gm", "linnaeus", "s800", "bioid")
TARGETS = {
    ("biored", "Gene"): 0.85, ("biored", "Disease"): 0.80, ("biored", "Chemical"): 0.82,
    ("biored", "Species"): 0.90, ("biored", "CellLine"): 0.70, ("bc5cdr", "micro"): 0.85,
    ("ncbi-disease", "micro"): 0.83, ("linnaeus", "micro"): 0.88, ("s800", "micro"): 0.75,
    ("bc2gm", "micro"): 0.78, ("bioid", "micro"): 0.70,
}


def quality_rows(split: str, corpora: tuple[str, ...]) -> list[tuple]:
    """(corpus, type, strict P, R, F1, tp, fp, fn, lenient F1, target) rows, types in our scope only."""
    rows = []
    role_nouns = EntityRecognizer().dictionary.role_nouns  # the dictionary in use ($EXTRACT_NER_DICTIONARY)
    for name in corpora:
        corpus = load_corpus(name)
        predictions = predict_entities(corpus.split(split))
        rows += _rows(name, score("ner", corpus, split, predictions))
        if name in WITHOUT_ROLE_NOUNS:
            kept = [_without(doc, role_nouns) for doc in predictions]
            rows += [(f"{name} (own guideline: role nouns unlabelled)", *row[1:])
                     for row in _rows(name, score("ner", corpus, split, kept))]
    return rows


def _without(doc: CorpusDocument, role_nouns: frozenset[str]) -> CorpusDocument:
    mentions = [m for m in doc.mentions if not (m.type == "Species" and m.text.lower() in role_nouns)]
    return CorpusDocument(doc.id, doc.passages, mentions)


def _rows(name: str, result: dict) -> list[tuple]:
    rows = []
    strict, lenient = result["metrics"], result["lenient_metrics"]
    types = [t for t in strict if t in ENTITY_TYPES]
    tp = sum(strict[t]["tp"] for t in types)
    fp = sum(strict[t]["fp"] for t in types)
    fn = sum(strict[t]["fn"] for t in types)
    for key in [*types, "micro"] if len(types) > 1 else types:
        if key == "micro":
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            lf = _micro_f1(lenient, types)
            rows.append((name, "micro", p, r, f, tp, fp, fn, lf, TARGETS.get((name, "micro"))))
        else:
            m = strict[key]
            target = TARGETS.get((name, key)) or (TARGETS.get((name, "micro")) if len(types) == 1 else None)
            rows.append((name, key, m["p"], m["r"], m["f1"], m["tp"], m["fp"], m["fn"], lenient[key]["f1"], target))
    return rows


def _micro_f1(metrics: dict, types: list[str]) -> float:
    tp = sum(metrics[t]["tp"] for t in types)
    fp = sum(metrics[t]["fp"] for t in types)
    fn = sum(metrics[t]["fn"] for t in types)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def speed(max_docs: int = 200) -> tuple[int, float, float]:
    """(words, recognizer words/s, tokenizer-only words/s) on BioRED test texts, one process.

    Words are whitespace-delimited (the tokenizer splits "IL-6" into three tokens; that is one word)."""
    texts = [d.text for d in load_corpus("biored").split("test")[:max_docs]]
    recognizer = EntityRecognizer()
    nlp = recognizer.nlp
    words = sum(len(text.split()) for text in texts)  # whitespace-delimited words, whatever the tokenizer
    started = time.process_time()
    for _doc in nlp.tokenizer.pipe(texts):
        pass
    tokenizer_s = time.process_time() - started
    started = time.process_time()
    for text in texts:
        recognizer.find(text)
    recognizer_s = time.process_time() - started
    return words, words / recognizer_s, words / tokenizer_s


def markdown(split: str, rows: list[tuple], speed_row: tuple[int, float, float]) -> str:
    lines = [
        f"Strict span match (same offsets and type), `{split}` splits; lenient = overlap, same type, one-to-one.",
        "",
        "| corpus | type | P | R | F1 | tp | fp | fn | lenient F1 | target F1 |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, key, p, r, f, tp, fp, fn, lf, target in rows:
        goal = f"{target:.2f}" if target else ""
        lines.append(f"| {name} | {key} | {p:.3f} | {r:.3f} | {f:.3f} | {tp} | {fp} | {fn} | {lf:.3f} | {goal} |")
    words, rate, floor = speed_row
    lines += [
        "",
        f"Speed ({platform.processor() or platform.machine()}, {os.cpu_count()} cores, one process, CPU time): "
        f"{rate:,.0f} words/s for the recognizer (scispaCy tokenizer, CNN NER, sentencizer, abbreviation "
        f"detector) vs {floor:,.0f} words/s for the tokenizer alone, over {words:,} words of BioRED test.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=["dev", "test"])
    parser.add_argument("--corpora", nargs="+", default=list(CORPORA))
    parser.add_argument("--markdown", type=Path, help="also write the tables to this Markdown file")
    args = parser.parse_args()
    rows = quality_rows(args.split, tuple(args.corpora))
    text = markdown(args.split, rows, speed())
    print(text)
    if args.markdown:
        args.markdown.write_text(text)


if __name__ == "__main__":
    main()
