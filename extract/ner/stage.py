"""The `entities` stage of `extract run`: every mention with offsets, page, type, section and score
(the recognizer's calibrated probability that the mention is right, `extract.ner.confidence`).

Mentions go to the document's `entities` layer; `mentions.jsonl` lists them, and `annotations.pubtator`
and `annotations.bioc.xml` export them (with identifiers, after normalization). Mentions in
the reference list are kept but flagged (`in_references`), so counts reflect the paper itself.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Iterable

from extract.document import Document, Span
from extract.ner.exports import BIOC_EXPORT, PUBTATOR_EXPORT
from extract.ner.confidence import model_fingerprint
from extract.ner.recognizer import ENTITY_LAYER, MODEL_ENV, NER_MODELS, TASK_ENV, EntityRecognizer
from extract.pdf.headings import title_key
from extract.tables import OutputTable

MENTION_COLUMNS = (
    "doc_id",
    "start",
    "end",
    "text",
    "type",
    "identifier",
    "score",
    "source",
    "page",
    "section",
    "in_references",
    "role_noun",
)


def mention_rows(doc: Document) -> Iterable[dict[str, Any]]:
    """One `mentions.jsonl` row per mention of the document's `entities` layer."""
    for span in doc.layers.get(ENTITY_LAYER, []):
        yield {
            "doc_id": doc.id,
            "start": span.start,
            "end": span.end,
            "text": doc.text[span.start : span.end],
            "type": span.label,
            "identifier": span.attrs.get("identifier"),
            "score": span.attrs.get("score"),
            "source": span.attrs.get("source"),
            "page": span.attrs.get("page"),
            "section": span.attrs.get("section"),
            "in_references": span.attrs.get("in_references", False),
            "role_noun": span.attrs.get("role_noun", False),
        }


NOT_ENTITY_BLOCKS = frozenset({"authors"})
"""Block kinds whose words are never entities (people's names tagged as genes or cell lines)."""
NOT_ENTITY_SECTIONS = re.compile(
    r"(acknowledge?ments?|funding|sources? of (funding|support)|conflicts? of interests?|competing interests?"
    r"|declarations? of interests?|disclosures?"
    r"|(authors?|authors'|authors’)\W{0,2} ?(contributions?|details|information|roles)"
    r"|contributions|description of authors)\b"
)
"""Back-matter section titles (matched on `title_key`): their words are people, grants and companies, not the
paper's entities ("PG" and "Anna" in "Authors' contributions")."""
NOT_ENTITY_TEXT = re.compile(r"doi|https?:|www\.", re.IGNORECASE)
MEASUREMENT = re.compile(
    r"[<>≤≥]?\d+(?:[.,]\d+)?\s?(?:[kMGmµμunp](?:Pa|g|L|l|M|mol|Da|Hz|V|W|J|Gy)|Pa|Da|Hz|Gy|mol|min)"  # "4GPa", "10mg"
    r"|\d+[.,]\d+[a-e]"  # a value with its table footnote's letter ("0.001d")
)
"""Whole mentions that are a quantity, not a name: no gold mention of the nine training corpora is one."""


def plausible(doc: Document, span: Span) -> bool:
    """False for mentions that cannot be entities: no letter ("−2.8"), a quantity ("4GPa", "0.001d"), a DOI or
    URL, a name in the author list or in a back-matter section (acknowledgements, funding, competing
    interests, author contributions)."""
    text = doc.text[span.start : span.end]
    if not any(c.isalpha() for c in text) or NOT_ENTITY_TEXT.search(text) or MEASUREMENT.fullmatch(text):
        return False
    section = doc.section_at(span.start)
    if section is not None and NOT_ENTITY_SECTIONS.match(title_key(section.title)):
        return False
    return not any(b.start <= span.start < b.end for b in doc.blocks if b.kind in NOT_ENTITY_BLOCKS)


class EntityStage:
    """Tags genes, diseases, chemicals, species and cell lines in the parsed paper."""

    name = "entities"
    version = "15"  # 4: calibrated score; 5: mentions below the dev-chosen threshold dropped; 6: species names cut to the name, a threshold per type; 7: fast model 0.3.0 (teacher labels); 8: fast model 0.4.0 (task tags); 9: fast model 0.4.1 (8,000 steps); 10: a corpus guideline's species rules under $EXTRACT_NER_TASK; 11: no entities in back matter, abbreviation lists; 12: cell-line names tagged exactly, brackets repaired, a final full stop cut; 13: a guideline's names inside other types and starting hyphenated words, gene words, cell lines by shape replace pieces; 14: NCBI Taxonomy virus names; a species guideline drops its unlabelled names, adds Taxonomy names and the short forms species names define; 15: names an explicit cell-line list gives relabelled as lines throughout, a known line before a hyphen, auxiliary verbs end a description, knockdown names; quantities ("4GPa") are not entities
    columns: tuple[str, ...] = ()
    tables = (OutputTable("mentions.jsonl", MENTION_COLUMNS, mention_rows), PUBTATOR_EXPORT, BIOC_EXPORT)

    def __init__(
        self, recognizer: EntityRecognizer | None = None, model: str = "fast", min_score: float | None = None
    ) -> None:
        """`model`: a name in `NER_MODELS` ("fast" or "accurate"), used when no `recognizer` is given;
        `$EXTRACT_NER_MODEL` (a trained pipeline folder) replaces the fast one, `$EXTRACT_NER_TASK` picks the
        guideline of a model trained with task tags. `min_score`: mentions scored lower are dropped
        (default: the threshold chosen on dev for the model)."""
        replacement = os.environ.get(MODEL_ENV) if model == "fast" and recognizer is None else None
        self.recognizer = recognizer or EntityRecognizer(replacement or NER_MODELS[model], min_score=min_score)
        if model != "fast":
            self.version = f"{EntityStage.version}-{model}"  # cached results of the other model are redone
        if replacement:
            folder = Path(replacement)
            weights = model_fingerprint(folder)["weights_sha256"][:12] if (folder / "meta.json").exists() else folder
            self.version = f"{self.version}-model-{weights}"
        if os.environ.get(TASK_ENV):
            self.version = f"{self.version}-task-{os.environ[TASK_ENV]}"
        if min_score is not None:
            self.version = f"{self.version}-min{min_score:g}"

    def load(self) -> None:
        """Load the spaCy model once per worker."""
        self.recognizer.nlp  # noqa: B018  (the property loads it)

    def __call__(self, doc: Document) -> dict[str, Any]:
        spans = [span for span in self.recognizer.find(doc.text) if plausible(doc, span)]
        for span in spans:
            section = doc.section_at(span.start)
            span.attrs.update(
                page=doc.page_of(span.start),
                section=section.kind if section else None,
                in_references=bool(section and section.kind == "references"),
            )
        doc.layers[ENTITY_LAYER] = spans
        return {}
