"""`extract review`: the reviewer's workbench, a local web app over the outputs of `extract run`."""

from __future__ import annotations

import secrets
from pathlib import Path

import typer
from rich.console import Console

from extract.batch.run_info import recorded_input_folder
from extract.cli._app import app
from extract.review.app import create_app
from extract.review.run_outputs import NotARunError
from extract.review.server import is_loopback, make_server

TOKEN_ENV = "EXTRACT_REVIEW_TOKEN"


@app.command()
def review(
    out_dir: Path = typer.Argument(..., help="The output folder of `extract run` (studies.csv, .extract/)."),
    pdfs: Path = typer.Option(
        None,
        "--pdfs",
        help="The folder `extract run` read the PDFs from (to show the pages); default: the folder the run recorded "
        "in OUT_DIR/.extract/run.json.",
    ),
    port: int = typer.Option(8765, "--port", "-p", min=0, max=65535, help="Port to listen on (0: any free port)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; other than loopback needs --allow-remote."),
    allow_remote: bool = typer.Option(
        False, "--allow-remote", help="Allow binding beyond loopback; every browser then needs the access token."
    ),
    token: str = typer.Option(
        None, "--token", envvar=TOKEN_ENV, help=f"Access token for --allow-remote (default: a random one; env {TOKEN_ENV})."
    ),
) -> None:
    """Review the suggested fields of a run: accept, edit or reject each one, compare two reviewers, export.

    Decisions are kept in OUT_DIR/.extract/review.sqlite (an append-only audit trail).
    """
    console = Console(stderr=True)
    loopback = is_loopback(host)
    if not loopback and not allow_remote:
        console.print(f"[red]error:[/] binding to {host} exposes the reviews to the network; add --allow-remote to do it")
        raise typer.Exit(2)
    if pdfs is None and (recorded := recorded_input_folder(out_dir)) is not None:
        if not recorded.is_dir():
            console.print(f"[red]error:[/] the run read its PDFs from {recorded}, which is gone; give their folder with --pdfs")
            raise typer.Exit(2)
        pdfs = recorded
    if pdfs is not None and not pdfs.is_dir():
        console.print(f"[red]error:[/] --pdfs {pdfs} is not a folder")
        raise typer.Exit(2)
    access_token = None if loopback else (token or secrets.token_urlsafe(24))
    try:
        web = create_app(out_dir, pdf_dir=pdfs, access_token=access_token, loopback_only=loopback)
    except NotARunError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    server = make_server(web, host, port)
    url = f"http://{'[' + host + ']' if ':' in host else host}:{server.effective_port}/"
    console.print(f"extract review: [bold]{url}{'?token=' + access_token if access_token else ''}[/]  (Ctrl-C stops)")
    if pdfs is None:
        console.print("[yellow]note:[/] no --pdfs folder given: page images and evidence boxes are not shown")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
