"""Process one PDF: parse it, run the annotation stages, and build its `studies.csv` columns.

A `Pipeline` is created once per worker process, so stages can load their models once. Each
stage annotates the `Document` in place and contributes its own columns to the row:

    class DesignStage:
        name, version = "design", "1"
        columns = ("design", "design_evidence")
        def __call__(self, doc: Document) -> dict[str, object]: ...

Stages that later issues add are listed in `default_stages()`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from extract import __version__
from extract.document import Document
from extract.errors import InputError
from extract.pdf import parse_pdf
from extract.tables import OutputExport, OutputTable

PARSE_VERSION = "2"  # bump when `parse_pdf` output changes, so cached results are redone
BASE_COLUMNS: tuple[str, ...] = ("file", "doc_id", "title", "doi", "year", "n_pages", "status")
OK = "ok"
DUPLICATE = "duplicate"
INTERNAL_ERROR = "internal_error"


class Stage(Protocol):
    """An annotation step: adds layers to the document and returns its `studies.csv` columns.

    Constructing a stage must be cheap (the main process builds one to read `columns`); load
    models in `load()`, which each worker calls once. Column values should be scalars. A stage
    may also list `tables` (`extract.tables.OutputTable`): extra output files with rows per document.
    """

    name: str
    version: str
    columns: tuple[str, ...]

    def load(self) -> None: ...

    def __call__(self, doc: Document) -> dict[str, Any]: ...


@dataclass
class Result:
    """What processing one file's bytes gave: a status, a row, and the document when it parsed."""

    doc_id: str
    status: str
    message: str = ""
    n_pages: int = 0
    row: dict[str, Any] = field(default_factory=dict)
    signature: str = ""
    document: Document | None = None
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # file name -> rows

    @property
    def ok(self) -> bool:
        return self.status == OK

    @property
    def cacheable(self) -> bool:
        """Keep results of the file's content; internal errors are bugs, so a rerun tries again."""
        return bool(self.doc_id) and self.status != INTERNAL_ERROR

    def to_record(self) -> dict[str, Any]:
        """The JSON record kept per content hash (without the document)."""
        return {
            "doc_id": self.doc_id,
            "status": self.status,
            "message": self.message,
            "n_pages": self.n_pages,
            "row": self.row,
            "signature": self.signature,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Result:
        return cls(**{k: record[k] for k in ("doc_id", "status", "message", "n_pages", "row", "signature")})


def default_stages(ner_model: str = "fast", ner_min_score: float | None = None) -> list[Stage]:
    """The annotation stages run after parsing (entities, design, sample size... plug in here);
    `ner_model` names the entity model ("fast" or "accurate", `extract.ner.recognizer.NER_MODELS`),
    `ner_min_score` overrides its score threshold (None: the one chosen on dev)."""
    from extract.claims import ClaimsStage
    from extract.fields.characteristics import CharacteristicsStage
    from extract.fields.design import DesignStage
    from extract.fields.pico_stage import PicoStage
    from extract.fields.sample_size import SampleSizeStage
    from extract.ner.stage import EntityStage
    from extract.normalize.stage import NormalizationStage

    return [
        EntityStage(model=ner_model, min_score=ner_min_score),
        NormalizationStage(),
        DesignStage(),
        SampleSizeStage(),
        CharacteristicsStage(),
        PicoStage(),
        ClaimsStage(),
    ]


class Pipeline:
    """Turns a file's bytes into a `Result`; build it once per process and reuse it."""

    def __init__(
        self, stages: Sequence[Stage] | None = None, ner_model: str = "fast", ner_min_score: float | None = None
    ) -> None:
        """Use `stages` (default: `default_stages(ner_model, ner_min_score)`); nothing heavy happens before `load()`."""
        self.stages = list(default_stages(ner_model, ner_min_score) if stages is None else stages)

    @property
    def columns(self) -> tuple[str, ...]:
        """The `studies.csv` header: the base columns, then each stage's own."""
        return BASE_COLUMNS + tuple(c for stage in self.stages for c in stage.columns)

    @property
    def tables(self) -> tuple[OutputTable | OutputExport, ...]:
        """The extra output files the stages contribute, in stage order."""
        return tuple(table for stage in self.stages for table in getattr(stage, "tables", ()))

    @property
    def signature(self) -> str:
        """Identifies what this pipeline computes; cached results with another signature are redone."""
        parts = [f"extract={__version__}", f"parse={PARSE_VERSION}"]
        parts += [f"{stage.name}={stage.version}" for stage in self.stages]
        return ";".join(parts)

    def load(self) -> None:
        """Load every stage's models; call once per process before `process`."""
        for stage in self.stages:
            stage.load()

    def process(self, name: str, data: bytes) -> Result:
        """Parse and annotate `data` (the bytes of file `name`); input errors become a status."""
        doc_id = hashlib.sha256(data).hexdigest()
        try:
            doc = parse_pdf(name, data=data)
        except InputError as exc:
            return Result(doc_id, exc.kind, str(exc), signature=self.signature)
        doc.id, doc.file = doc_id, name  # the batch keys everything by content hash
        row: dict[str, Any] = {
            "title": doc.metadata.title,
            "doi": doc.metadata.doi,
            "year": doc.metadata.year,
            "n_pages": len(doc.pages),
        }
        for stage in self.stages:
            row.update(stage(doc))
        tables = {table.filename: list(table.rows(doc)) for table in self.tables}
        return Result(
            doc_id, OK, n_pages=len(doc.pages), row=row, signature=self.signature, document=doc, tables=tables
        )


def parse_only_pipeline() -> Pipeline:
    """Parsing without annotation stages (`extract run --parse-only`; workers import it by name)."""
    return Pipeline(stages=[])
