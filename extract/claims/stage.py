"""The `claims` stage of `extract run`: a `claims` layer per document and `OUT/claims.csv`."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from extract.claims.extractor import CLAIMS_LAYER, find_claims
from extract.claims.models import DEFAULT_MODEL, ClaimModels
from extract.document import Document
from extract.tables import OutputTable

CLAIM_COLUMNS = (
    "doc_id",
    "outcome",
    "timepoint",
    "intervention",
    "comparator",
    "direction",
    "significance",
    "values",
    "effect",
    "p_value",
    "ci",
    "primary",
    "harm",
    "evidence",
    "page",
    "section",
    "also_evidence",
    "confidence",
)


def claim_rows(doc: Document) -> Iterator[dict[str, Any]]:
    """One `claims.csv` row per span of the document's `claims` layer; `also_evidence` lists the body
    sentences that restate an abstract claim, each with its page."""
    for span in doc.layers.get(CLAIMS_LAYER, []):
        row = {"doc_id": doc.id, **{column: span.attrs.get(column, "") for column in CLAIM_COLUMNS[1:]}}
        row["also_evidence"] = " | ".join(f"p. {also['page']}: {also['evidence']}" for also in span.attrs.get("also", []))
        yield row


CLAIMS_TABLE = OutputTable("claims.csv", CLAIM_COLUMNS, claim_rows)


class ClaimsStage:
    """Finds outcome claims; `studies.csv` gets their count and the most confident one's sentence."""

    name = "claims"
    version = "4"  # 2: retrained direction model, shared sentence splitter; 3: per-annotator direction labels;
    # 4: structured-abstract zones, the claim selector, significance, timepoint, values, effect, primary, harm
    columns = ("n_claims", "top_claim")
    tables = (CLAIMS_TABLE,)

    def __init__(self, model: Path = DEFAULT_MODEL) -> None:
        self.model_path = Path(model)
        self.models: ClaimModels | None = None

    def load(self) -> None:
        if self.models is None:
            self.models = ClaimModels.load(self.model_path, reranker=False)

    def __call__(self, doc: Document) -> dict[str, Any]:
        self.load()
        spans = find_claims(doc, self.models)
        doc.add_spans(CLAIMS_LAYER, spans)
        top = max(spans, key=lambda s: s.attrs["confidence"], default=None)
        return {"n_claims": len(spans), "top_claim": top.attrs["evidence"] if top else ""}
