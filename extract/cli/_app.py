"""The typer application every command module registers on."""

import typer

app = typer.Typer(
    name="extract",
    help="From a folder of research-paper PDFs to structured, verifiable rows for evidence synthesis.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)


@app.callback()
def _commands() -> None:
    """From a folder of research-paper PDFs to structured, verifiable rows for evidence synthesis."""
