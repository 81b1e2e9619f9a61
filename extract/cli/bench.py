"""`extract bench TASK`: score a task on an annotated corpus, from a predictions file or a shipped model."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from extract.bench.predictors import NoPredictorError
from extract.bench.report import print_result
from extract.bench.tasks import TASKS, run_bench
from extract.cli._app import app

Task = Enum("Task", {name.replace("-", "_"): name for name in TASKS}, type=str)


@app.command("bench")
def bench(
    task: Task = typer.Argument(..., help="ner, norm, pico, design, sample-size, characteristics or claims."),
    corpus: str = typer.Option(..., "--corpus", help="A catalog name (corpus/catalog/) or a corpus file/folder."),
    format: Optional[str] = typer.Option(None, "--format", help="Reader of --corpus (pubtator, bioc, brat, ...); detected if omitted."),
    split: str = typer.Option("test", "--split", help="Which split of the corpus to score."),
    pred: Optional[Path] = typer.Option(None, "--pred", help="Predictions to score instead of running the pipeline (see docs/benchmarks.md)."),
    pred_format: Optional[str] = typer.Option(None, "--pred-format", help="Reader of --pred for ner/norm/pico (default: --format, else detected)."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Also write the numbers to this JSON file."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", help="Folder the catalog paths are relative to (default: the shared corpora)."),
) -> None:
    """Score TASK on a corpus split: P/R/F1 with counts per type or label, micro and macro."""
    try:
        result = run_bench(task.value, corpus, split, pred, format, pred_format, data_dir)
    except (NoPredictorError, FileNotFoundError, KeyError, ValueError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from None
    print_result(result, Console())
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
