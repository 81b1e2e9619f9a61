"""Benchmark the shipped entity recognizer: strict/lenient P/R/F1 per corpus and type, and speed.

    python scripts/bench_ner.py --split dev                 # tuning numbers
    python scripts/bench_ner.py --split test --markdown docs/ner.md   # report once
    python scripts/bench_ner.py --speed-only --repeat 5    # speed alone
    python scripts/bench_ner.py --model accurate --split dev   # the accurate (MiniLM) model

Quality comes from `extract bench ner` (the same scorer, `extract.bench.tasks.run_bench`); BC2GM gets
a third row, the official BioCreative II GM score (a prediction is right if it equals the gold mention
or one of its ALTGENE alternatives). Speed is words/s of the recognizer on one core (BLAS and OpenMP
threads pinned to 1 before NumPy loads; CPU time of this process) beside a tokenizer-only pass over the
same texts, the floor.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import platform  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from extract.bench.tasks import score  # noqa: E402
from extract.corpus.catalog import load_corpus  # noqa: E402
from extract.corpus.harmonize import ENTITY_TYPES  # noqa: E402
from extract.corpus.model import CorpusDocument  # noqa: E402
from extract.ner.predictor import predict_entities  # noqa: E402
from extract.ner.recognizer import TASK_ENV, EntityRecognizer  # noqa: E402

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


def quality_rows(split: str, corpora: tuple[str, ...], own_task: bool = False) -> list[tuple]:
    """(corpus, type, strict P, R, F1, tp, fp, fn, lenient F1, target) rows, types in our scope only; with
    `own_task`, each corpus under its own task: its tag (models trained with task tags) and its species
    guideline (`models/ner/guidelines.json`, where it has one)."""
    rows = []
    role_nouns = EntityRecognizer().dictionary.role_nouns  # the dictionary in use ($EXTRACT_NER_DICTIONARY)
    for name in corpora:
        corpus = load_corpus(name)
        if own_task:
            os.environ[TASK_ENV] = name  # read by the predictor's recognizer
        predictions = predict_entities(corpus.split(split))
        result = score("ner", corpus, split, predictions)
        rows += _rows(name, result)
        if "alternatives_metrics" in result:
            rows += [(f"{name}, official (GENE+ALTGENE)", t, m["p"], m["r"], m["f1"], m["tp"], m["fp"], m["fn"], None, None)
                     for t, m in result["alternatives_metrics"].items() if t in ENTITY_TYPES]
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


def speed(max_docs: int = 200, repeat: int = 1) -> tuple[int, float, float, str]:
    """(words, recognizer words/s, tokenizer-only words/s, model name and version) on BioRED test texts, one process.

    Words are whitespace-delimited (the tokenizer splits "IL-6" into three tokens; that is one word).
    The tokenizer pass comes first, once, on a cold cache (as every earlier measurement here); the
    recognizer's time is the best of `repeat` passes (the machine is shared, so the fastest pass is
    the one least slowed by other jobs)."""
    texts = [d.text for d in load_corpus("biored").split("test")[:max_docs]]
    recognizer = EntityRecognizer()
    nlp = recognizer.nlp
    words = sum(len(text.split()) for text in texts)  # whitespace-delimited words, whatever the tokenizer
    started = time.process_time()
    for _doc in nlp.tokenizer.pipe(texts):
        pass
    tokenizer_s = time.process_time() - started
    recognizer_s = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for text in texts:
            recognizer.find(text)
        recognizer_s = min(recognizer_s, time.process_time() - started)
    return words, words / recognizer_s, words / tokenizer_s, f"{nlp.meta['name']} {nlp.meta['version']}"


def markdown(split: str, rows: list[tuple], speed_row: tuple[int, float, float, str]) -> str:
    lines = [
        f"Strict span match (same offsets and type), `{split}` splits; lenient = overlap, same type, one-to-one.",
        "",
        "| corpus | type | P | R | F1 | tp | fp | fn | lenient F1 | target F1 |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, key, p, r, f, tp, fp, fn, lf, target in rows:
        goal = f"{target:.2f}" if target else ""
        lenient = f"{lf:.3f}" if lf is not None else ""
        lines.append(f"| {name} | {key} | {p:.3f} | {r:.3f} | {f:.3f} | {tp} | {fp} | {fn} | {lenient} | {goal} |")
    return "\n".join([*lines, "", speed_line(speed_row)]) + "\n"


def speed_line(speed_row: tuple[int, float, float, str]) -> str:
    """The speed sentence: both rates, their ratio, the model, the machine and its load."""
    words, rate, floor, model = speed_row
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"Speed ({platform.processor() or platform.machine()}, {os.cpu_count()} cores, load average {load}; "
        f"one process, one BLAS thread, CPU time): {rate:,.0f} words/s for the recognizer ({model}: tokenizer, sentencizer, model, abbreviations, dictionary) vs {floor:,.0f} words/s for the tokenizer alone "
        f"(ratio {rate / floor:.3f}), over {words:,} words of BioRED test."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=["dev", "test"])
    parser.add_argument("--corpora", nargs="+", default=list(CORPORA))
    parser.add_argument("--markdown", type=Path, help="also write the tables to this Markdown file")
    parser.add_argument("--speed-only", action="store_true", help="measure speed only, no quality tables")
    parser.add_argument("--repeat", type=int, default=3, help="recognizer passes for speed; the best counts")
    parser.add_argument("--model", help="'fast' (default), 'accurate' or a spaCy pipeline folder ($EXTRACT_NER_MODEL)")
    parser.add_argument("--own-task", action="store_true",
                        help="each corpus under its own task: its tag for a model trained with task tags (AIONER-style) "
                             "and its species guideline (guidelines.json); default: every corpus as BioRED, the "
                             "scheme `extract run` outputs")
    args = parser.parse_args()
    if args.model:
        os.environ["EXTRACT_NER_MODEL"] = args.model  # every recognizer of this run, the predictor's too
    if args.speed_only:
        print(speed_line(speed(repeat=args.repeat)))
        return
    rows = quality_rows(args.split, tuple(args.corpora), args.own_task)
    text = markdown(args.split, rows, speed(repeat=args.repeat))
    print(text)
    if args.markdown:
        args.markdown.write_text(text)


if __name__ == "__main__":
    main()
