"""Terminal tables of a `extract bench` result (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

METRICS_TITLES = {
    "ner": "strict (same offsets and type)",
    "norm": "document-level concept sets (type, ID)",
    "design": "per design label",
    "sample-size": "exact total",
    "pico": "token level (a token inside a span of the label)",
}
TITLES = {
    "direction_metrics": "direction given intervention/comparator/outcome",
    "claim_metrics": "claim sentences (overlap, one-to-one)",
    "lenient_metrics": "lenient (overlap, same type, one-to-one)",
    "alternatives_metrics": "official BioCreative II GM (gold or accepted alternative boundaries, one-to-one)",
    "mention_metrics": "mention level (span, type and IDs)",
}


def metrics_table(title: str, metrics: dict[str, dict]) -> Table:
    """One row per type/label, then micro and macro: P, R, F1 (percent) and tp, fp, fn."""
    table = Table(title=title, title_justify="left")
    table.add_column("")
    for header in ("P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(header, justify="right")
    for name, row in metrics.items():
        if name in ("micro", "macro"):
            continue
        table.add_row(escape(name), *_cells(row))
    for name in ("micro", "macro"):
        if name in metrics:
            table.add_row(f"[bold]{name}[/bold]", *_cells(metrics[name]))
    return table


def _cells(row: dict) -> list[str]:
    return [f"{100 * row[k]:.2f}" for k in ("p", "r", "f1")] + [str(row[k]) for k in ("tp", "fp", "fn")]


def print_result(result: dict, console: Console | None = None) -> None:
    """Print every metrics block of `result` and its task-specific numbers."""
    console = console or Console()
    head = escape(f"{result['task']} on {result['corpus']} ({result['split']} split, {result['n_docs']} documents)")
    blocks = [(key, result.get(key)) for key in TITLES if result.get(key)]
    if result["metrics"] and not any(block is result["metrics"] for _, block in blocks):
        blocks.insert(0, ("metrics", result["metrics"]))
    for key, block in blocks:
        title = METRICS_TITLES.get(result["task"], "") if key == "metrics" else TITLES[key]
        console.print(metrics_table(f"{head}: {title}", block))
    if "accuracy" in result:
        console.print(f"accuracy {100 * result['accuracy']:.2f}")
        console.print(confusion_table(result["confusion"]))
    if result.get("confident") and result["confident"]["n"]:
        confident = result["confident"]
        console.print(f"confidence >= {confident['threshold']}: {confident['n']} values, accuracy {100 * confident['accuracy']:.2f}")
    for key in ("exact", "within_5pct"):
        if key in result:
            row = result[key]
            console.print(f"{key}: P {100 * row['p']:.2f}  R {100 * row['r']:.2f}  F1 {100 * row['f1']:.2f}")
    if result.get("evidence"):
        evidence = result["evidence"]
        console.print(f"evidence hit rate {100 * evidence['hit_rate']:.2f} ({evidence['hits']}/{evidence['n']})")
    if "by_source" in result and result["task"] == "claims":
        console.print(paper_claims_table(result))
    elif "by_source" in result:
        console.print(fields_table(result))
    if result.get("ignored_predictions"):
        console.print(f"{result['ignored_predictions']} predicted mentions of types the corpus does not annotate were ignored")


def confusion_table(confusion: dict[str, dict[str, int]]) -> Table:
    """Gold labels down, predicted labels across."""
    predicted = sorted({guess for row in confusion.values() for guess in row})
    table = Table(title="confusion (rows gold, columns predicted)", title_justify="left")
    table.add_column("gold")
    for guess in predicted:
        table.add_column(guess, justify="right")
    for truth, row in confusion.items():
        table.add_row(truth, *(str(row.get(guess, "")) for guess in predicted))
    return table


PAPER_CLAIM_FIELDS = (
    "direction", "significance", "outcome_f1", "intervention", "comparator", "p_value_exact", "ci_exact", "primary", "harm"
)


def paper_claims_table(result: dict) -> Table:
    """Claims of whole papers, one column per source: recall, precision, boilerplate and the fields of
    found claims (mean, with how many claims it is over)."""
    blocks = [("all", result), *result["by_source"].items()]
    table = Table(title="claims of whole papers (fields on found claims; n in brackets)", title_justify="left")
    table.add_column("")
    for name, _ in blocks:
        table.add_column(escape(name), justify="right")
    table.add_row("papers", *(str(b["n_docs"]) for _, b in blocks))
    table.add_row("rows", *(str(b["rows"]) for _, b in blocks))
    for key in ("recall", "precision", "boilerplate_rate"):
        table.add_row(key, *(f"{b[key]:.3f}" for _, b in blocks))
    for field in PAPER_CLAIM_FIELDS:
        table.add_row(
            field,
            *(f"{b['fields'][field]['mean']:.3f} ({b['fields'][field]['n']})" if field in b["fields"] else "-" for _, b in blocks),
        )
    return table


def fields_table(result: dict) -> Table:
    """Field-level scores (mean, with how many papers it is over), one column per source."""
    blocks = [("all", result), *result["by_source"].items()]
    table = Table(title=f"{result['task']} field by field (n papers in brackets)", title_justify="left")
    table.add_column("")
    for name, _ in blocks:
        table.add_column(escape(name), justify="right")
    names = sorted({field for _, block in blocks for field in block["fields"]})
    for field in names:
        table.add_row(field, *(
            f"{b['fields'][field]['mean']:.3f} ({b['fields'][field]['n']})" if field in b["fields"] else "-" for _, b in blocks
        ))
    for key in ("invented_registrations", "spurious_statements"):
        if key in result:
            table.add_row(key, *(str(b[key]) for _, b in blocks))
    return table
