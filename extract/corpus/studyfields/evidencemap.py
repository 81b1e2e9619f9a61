"""EvidenceMap: RCT abstracts with Intervention -> Observation -> Outcome evidence propositions (brat)."""

from __future__ import annotations

from pathlib import Path

from extract.corpus.brat import parse_brat
from extract.corpus.model import Corpus, CorpusDocument
from extract.corpus.registry import readers

SUBCORPORA = {"general": "General", "covid-19": "COVID-19"}


@readers.register("evidencemap")
def read_evidencemap(path: Path, **_options) -> Corpus:
    """Two splits, one per sub-corpus (`general`, `covid-19`; no official split).

    Entities (`Intervention`, `Outcome`, `Participant`, `Count`, `Observation`) are `Mention`s with their
    brat id in `attrs["annotation_id"]`; `to` relations are `Relation`s between those ids.
    """
    root = Path(path) / "Corpora"
    splits = {split: [_document(txt) for txt in sorted((root / folder).glob("*.txt"))] for split, folder in SUBCORPORA.items()}
    return Corpus(name="evidencemap", splits=splits)


def _document(txt: Path) -> CorpusDocument:
    ann_lines = txt.with_suffix(".ann").read_text(encoding="utf-8").splitlines()
    return parse_brat(txt.stem, txt.read_text(encoding="utf-8"), ann_lines, str(txt))
