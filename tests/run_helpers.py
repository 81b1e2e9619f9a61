"""Helpers for the batch tests: a parse-only pipeline, so they test the batch, not the stages' models."""

from __future__ import annotations

import pytest

from extract.pipeline import parse_only_pipeline


def use_parse_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `extract run` in this process use `parse_only_pipeline`."""
    from extract.cli import run as run_command  # not at the top: workers import this module too

    monkeypatch.setattr(run_command, "Pipeline", parse_only_pipeline)  # the command's default pipeline


# `extract run` in a subprocess with the parse-only pipeline (run with `python -c`, tests/ on sys.path)
PARSE_ONLY_CLI = (
    "import extract.cli.run as command\n"
    "from extract.pipeline import parse_only_pipeline\n"
    "command.Pipeline = parse_only_pipeline\n"
    "from extract.cli import main\n"
    "main()\n"
)
