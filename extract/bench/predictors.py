"""The hook through which `extract bench TASK` runs the shipped pipeline: predictors by task name.

A later issue that ships a model registers a predictor for its task, in a module listed in
`PREDICTOR_MODULES` (imported before lookup) or through the `extract_bench_predictors` entry point:

    @predictors.register("design")
    def predict_design(documents: list[CorpusDocument]) -> list[dict]: ...

`ner`/`norm`/`pico` predictors return documents with predicted mentions (same ids, same text); the other
tasks return prediction rows in the format of `extract.bench.predictions`.
"""

from __future__ import annotations

import importlib
from typing import Callable

import catalogue

from extract.corpus.model import CorpusDocument

predictors = catalogue.create("extract", "bench_predictors", entry_points=True)

PREDICTOR_MODULES: tuple[str, ...] = (
    "extract.ner.predictor",
    "extract.normalize.bench",
    "extract.fields.bench",
    "extract.claims.bench",
    "extract.pico.bench",
)
"""Modules that register predictors on import."""

Predictor = Callable[[list[CorpusDocument]], list]


class NoPredictorError(LookupError):
    """No predictor is registered for a task: score a predictions file with `--pred` instead."""


def get_predictor(task: str) -> Predictor:
    """The registered predictor of `task`, or `NoPredictorError` saying to pass `--pred`."""
    for module in PREDICTOR_MODULES:
        importlib.import_module(module)
    if task not in predictors.get_all():
        raise NoPredictorError(
            f"no predictor is registered for task {task!r} yet (the model is not shipped); "
            f"score a predictions file instead: extract bench {task} --corpus ... --pred FILE"
        )
    return predictors.get(task)
