"""Run every benchmark that can run now and write `docs/benchmarks.md`, published numbers beside ours.

A benchmark runs when a predictions file for it is in `--pred-dir` (named
`<task>__<corpus>__<split>.<ext>`, e.g. `claims__evidence-inference-2.0__test.jsonl` or
`ner__bc5cdr__test.pubtator`) or a predictor for its task is registered
(`extract.bench.predictors`); otherwise its row says why it was skipped. Scores only: no training,
no tuning, and test splits are only ever scored.

    python scripts/run_benchmarks.py [--pred-dir DIR] [--out docs/benchmarks.md] [--json-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from extract.bench.predictors import NoPredictorError, get_predictor
from extract.bench.tasks import load_predictions, score
from extract.corpus.catalog import load_corpus
from extract.paths import REPO_ROOT


@dataclass(frozen=True)
class Row:
    """One number of a benchmark: where it is in the result, and the published anchor beside it."""

    label: str
    path: tuple[str, ...]
    anchor: float | None = None
    anchor_source: str = ""


@dataclass(frozen=True)
class Benchmark:
    task: str
    corpus: str
    split: str
    rows: tuple[Row, ...]


SCISPACY = "scispaCy en_ner_bc5cdr_md (Neumann et al. 2019), strict entity F1"
AIONER = "AIONER (Luo et al. 2023), BioRED test"
PUBTATOR = "PubTator Central (Wei et al. 2019), normalization F1"
EI = "BioMed RoBERTa pipeline, Evidence Inference 2.0 (DeYoung et al. 2020)"
EXACT = "ExaCT (Kiritchenko et al. 2010), exact match on its own corpus"
PICO = "PubMedBERT (Gu et al. 2021, BLURB), EBM-NLP test, trained on ~4x more abstracts"

BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark("ner", "bc5cdr", "test", (
        Row("micro F1, strict", ("metrics", "micro", "f1"), 84.28, SCISPACY),
        Row("micro F1, lenient", ("lenient_metrics", "micro", "f1")),
    )),
    Benchmark("ner", "biored", "test", tuple(
        Row(f"{type_} F1, strict", ("metrics", type_, "f1"), anchor, AIONER)
        for type_, anchor in (("Gene", 92.40), ("Disease", 88.07), ("Chemical", 90.98), ("Species", 97.50), ("CellLine", 90.53))
    )),
    Benchmark("norm", "gnormplus", "test", (Row("Gene concept F1, gold mentions (test = BC2GN test)", ("metrics", "Gene", "f1"), 86.7, PUBTATOR + ", BC2GN"),)),
    Benchmark("norm", "ncbi-disease", "test", (Row("Disease concept F1, gold mentions", ("metrics", "Disease", "f1"), 83.7, PUBTATOR + ", NCBI-disease"),)),
    Benchmark("norm", "bc5cdr", "test", (Row("Chemical concept F1, gold mentions", ("metrics", "Chemical", "f1"), 89.5, PUBTATOR + ", BC5CDR"),)),
    Benchmark("norm", "linnaeus", "test", (Row("Species concept F1, gold mentions", ("metrics", "Species", "f1"), 85.4, PUBTATOR + ", LINNAEUS"),)),
    Benchmark("norm", "bioid", "test", (Row("CellLine concept F1, gold mentions", ("metrics", "CellLine", "f1"), 83.1, PUBTATOR + ", BioID"),)),
    Benchmark("design", "studytypeteller-study-design", "test", (
        Row("accuracy", ("accuracy",)),
        Row("macro F1", ("metrics", "macro", "f1")),
    )),
    Benchmark("design", "pdfs", "test", (Row("accuracy", ("accuracy",)),)),
    Benchmark("sample-size", "pdfs", "test", (
        Row("exact P", ("exact", "p"), 89.0, EXACT),
        Row("exact R", ("exact", "r"), 87.0, EXACT),
        Row("within 5% F1", ("within_5pct", "f1")),
    )),
    Benchmark("sample-size", "pico-corpus-breast-cancer", "test", (
        Row("exact P", ("exact", "p"), 89.0, EXACT),
        Row("exact R", ("exact", "r"), 87.0, EXACT),
    )),
    Benchmark("pico", "ebm-nlp-pico", "test", (
        Row("token macro F1", ("metrics", "macro", "f1"), 73.4, PICO),
        *(Row(f"{label} token F1", ("metrics", label, "f1")) for label in ("Participants", "Interventions", "Outcomes")),
    )),
    Benchmark("claims", "evidence-inference-2.0", "test", (
        Row("direction macro F1", ("direction_metrics", "macro", "f1"), 78.0, EI),
        Row("evidence hit rate", ("evidence", "hit_rate")),
    )),
    Benchmark("claims", "scientific-claims-achakulvisut", "test", (Row("claim sentence F1", ("claim_metrics", "claim", "f1")),)),
)


def prediction_file(pred_dir: Path | None, bench: Benchmark) -> Path | None:
    """The predictions file of `bench` in `pred_dir`, if there is one."""
    if pred_dir is None:
        return None
    found = sorted(pred_dir.glob(f"{bench.task}__{bench.corpus}__{bench.split}.*"))
    return found[0] if found else None


def run(bench: Benchmark, pred_dir: Path | None, use_predictors: bool = True) -> tuple[dict | None, str]:
    """The result of one benchmark and where its predictions came from (or why it did not run)."""
    pred = prediction_file(pred_dir, bench)
    if pred is None and not use_predictors:
        return None, "skipped: no predictions file (shipped models not run: --files-only)"
    try:
        predictor = None if pred else get_predictor(bench.task)
    except NoPredictorError:
        return None, "skipped: no predictor registered and no predictions file"
    try:
        corpus = load_corpus(bench.corpus)
    except (FileNotFoundError, KeyError) as error:
        return None, f"skipped: corpus not available ({error})"
    predictions = load_predictions(bench.task, pred) if pred else predictor(corpus.split(bench.split))
    source = f"predictions `{pred.name}`" if pred else f"predictor `{bench.task}`"
    return score(bench.task, corpus, bench.split, predictions), source


def value(result: dict | None, path: tuple[str, ...]) -> float | None:
    for key in path:
        if not isinstance(result, dict) or key not in result:
            return None
        result = result[key]
    return result


def percent(number: float | None) -> str:
    return "—" if number is None else f"{100 * number:.2f}"


def markdown(results: list[tuple[Benchmark, dict | None, str]]) -> str:
    """The benchmark table and how it was made."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True).stdout.strip()
    lines = [
        "# Benchmarks",
        "",
        "Generated by `python scripts/run_benchmarks.py` — do not edit by hand.",
        f"Commit `{commit or 'unknown'}`, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, "
        f"Python {platform.python_version()} on {platform.machine()} ({platform.system()}).",
        "",
        "All numbers in percent. *Ours* is `—` where the benchmark could not run yet (see the last column).",
        "Published anchors come from other systems and, where noted, other corpora or splits: they are",
        "targets to compare against, not the same experiment.",
        "",
        "| Task | Corpus (split) | Metric | Ours | Published | Anchor | Ran from |",
        "|---|---|---|---:|---:|---|---|",
    ]
    for bench, result, source in results:
        for row in bench.rows:
            ours = value(result, row.path)
            published = "—" if row.anchor is None else f"{row.anchor:.2f}"
            lines.append(
                f"| {bench.task} | {bench.corpus} ({bench.split}) | {row.label} | {percent(ours)} | {published} "
                f"| {row.anchor_source or '—'} | {source} |"
            )
    return "\n".join(lines) + "\n\n" + HOW_TO


HOW_TO = """## Reproduce and extend

```
extract bench TASK --corpus NAME|PATH [--format F] [--split test] [--pred FILE] [--json OUT.json] [--data-dir DIR]
python scripts/run_benchmarks.py --pred-dir predictions/   # files named TASK__CORPUS__SPLIT.EXT
```

Tasks and how they count:

- `ner`: strict (same offsets and type) and lenient (overlap, same type) P/R/F1 per type, micro and
  macro. Lenient matching is greedy and one-to-one: overlapping (gold, predicted) pairs are taken by
  decreasing overlap, each span used once, so one prediction covering two gold mentions is 1 tp + 1 fn.
  Predicted types the corpus does not annotate are ignored (and counted).
- `norm`: `metrics` = per-document concept sets of (type, ID), as PubTator/BioCreative report
  normalization; `mention_metrics` = offsets, type and the whole ID set right. A composite mention
  (several IDs) adds each ID to the document's set. Gold mentions without an ID take no part.
- `design`: accuracy, per-label P/R/F1, macro-F1 and a confusion matrix over `rct, nrct, single_arm,
  cohort, case_control, cross_sectional, case_series, case_report, systematic_review, meta_analysis,
  narrative_review, animal, in_vitro, protocol, other`. Corpus labels are mapped in one place,
  `extract/bench/design_labels.py`; a corpus that tells fewer designs apart (StudyTypeTeller) declares a
  scheme, and predictions are collapsed through it before comparing (e.g. `cohort` -> `other`).
- `sample-size`: total participants, exact and within ±5%; P over predictions, R over gold documents.
- `claims`: direction macro-F1 given intervention/comparator/outcome (Evidence Inference), evidence hit
  rate (predicted evidence overlaps a gold evidence span of the prompt), claim-sentence P/R/F1.
- `pico`: token-level P/R/F1 per Participants, Interventions, Outcomes, micro and macro (EBM-NLP's metric):
  a corpus token is positive for a label when a span of that label overlaps it; tp/fp/fn count tokens.

Predictions for `ner`/`norm`/`pico` are corpus files in the gold formats (PubTator, BioC, brat). For the other
tasks: JSON Lines or CSV, one flat row per prediction, `id` = the document id of the corpus reader:

| task | fields |
|---|---|
| `design` | `design` |
| `sample-size` | `sample_size` |
| `claims` | `prompt_id` + `label` and/or `evidence_start`, `evidence_end` (end exclusive); or `claim_start`, `claim_end` per claim sentence |

JSON written by `--json`: `{"task", "corpus", "split", "n_docs", "metrics": {"<type or label>": {"p", "r",
"f1", "tp", "fp", "fn"}, "micro": {...}, "macro": {...}}}` plus `lenient_metrics` (ner),
`mention_metrics` (norm), `accuracy` and `confusion` (design), `exact` and `within_5pct` (sample-size),
`direction_metrics`, `evidence`, `claim_metrics` (claims), `tokens` (pico).

A model that ships registers a predictor for its task (`extract/bench/predictors.py`); from then on
`extract bench TASK --corpus ...` without `--pred` runs it, and this script picks it up.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pred-dir", type=Path, help="folder with TASK__CORPUS__SPLIT.EXT predictions files")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--json-dir", type=Path, help="also write each result as JSON here")
    parser.add_argument("--files-only", action="store_true", help="score predictions files only; do not run the shipped models")
    args = parser.parse_args(argv)
    results = []
    for bench in BENCHMARKS:
        result, source = run(bench, args.pred_dir, use_predictors=not args.files_only)
        print(f"{bench.task:12} {bench.corpus:32} {bench.split:5} {source}", file=sys.stderr)
        if result is not None and args.json_dir:
            args.json_dir.mkdir(parents=True, exist_ok=True)
            target = args.json_dir / f"{bench.task}__{bench.corpus}__{bench.split}.json"
            target.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        results.append((bench, result, source))
    text = markdown(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
