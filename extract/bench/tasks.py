"""`extract bench` as a function: load gold and predictions, score one task, return the JSON result.

Result schema (all tasks): `{"task", "corpus", "split", "n_docs", "metrics": {"<type or label>":
{"p", "r", "f1", "tp", "fp", "fn"}, "micro": {...}, "macro": {...}}}` plus the task's own keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from extract.bench.characteristics import score_characteristics
from extract.bench.claims import score_claims
from extract.bench.design import score_design
from extract.bench.ner import score_ner
from extract.bench.norm import score_norm
from extract.bench.pico import score_pico
from extract.bench.predictions import read_rows
from extract.bench.predictors import get_predictor
from extract.bench.sample_size import score_sample_size
from extract.corpus.catalog import load_corpus
from extract.corpus.model import Corpus, CorpusDocument

SPAN_TASKS = {"ner": score_ner, "norm": score_norm, "pico": score_pico}
ROW_TASKS: dict[str, Callable[[list[CorpusDocument], list[dict]], dict]] = {
    "design": score_design,
    "sample-size": score_sample_size,
    "claims": score_claims,
    "characteristics": score_characteristics,
}
TASKS = (*SPAN_TASKS, *ROW_TASKS)


def score(task: str, corpus: Corpus, split: str, predictions: list) -> dict:
    """Score `predictions` (documents for ner/norm/pico, rows otherwise) against one split of `corpus`."""
    gold = corpus.split(split)
    if task in SPAN_TASKS:
        scores = SPAN_TASKS[task](gold, predictions, corpus.entity_types)
    elif task in ROW_TASKS:
        scores = ROW_TASKS[task](gold, predictions)
    else:
        raise ValueError(f"unknown task {task!r}; tasks: {', '.join(TASKS)}")
    return {"task": task, "corpus": corpus.name, "split": split, "n_docs": len(gold), **scores}


def load_predictions(task: str, path: Path, format: str | None = None) -> list:
    """A predictions file: a corpus in a gold format for ner/norm/pico (all its splits), rows otherwise."""
    if task in SPAN_TASKS:
        corpus = load_corpus(Path(path), format=format)
        return [doc for docs in corpus.splits.values() for doc in docs]
    return read_rows(Path(path))


def run_bench(
    task: str,
    corpus: str,
    split: str = "test",
    pred: Path | None = None,
    format: str | None = None,
    pred_format: str | None = None,
    data_dir: Path | None = None,
) -> dict:
    """Score `pred` (or the registered predictor's output) on `split` of a catalog name or corpus path."""
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}; tasks: {', '.join(TASKS)}")
    gold = load_corpus(corpus, format=format, data_dir=data_dir)
    if pred is not None:
        predictions = load_predictions(task, pred, pred_format or format)
    else:
        predictions = get_predictor(task)(gold.split(split))
    return score(task, gold, split, predictions)
