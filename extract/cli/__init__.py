"""The `extract` command line: one module per command, registered on one typer app."""

from extract.cli._app import app
from extract.cli import run as _run  # noqa: F401  (registers `extract run`)
from extract.cli import bench as _bench  # noqa: F401
from extract.cli import vocab as _vocab  # noqa: F401
from extract.cli import review as _review  # noqa: F401


def main() -> None:
    """Entry point of the `extract` console script."""
    app()


__all__ = ["app", "main"]
