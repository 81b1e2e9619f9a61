"""EvidenceMap: RCT abstracts with Intervention -> Observation -> Outcome evidence propositions (brat)."""

from __future__ import annotations

from pathlib import Path

from extract.corpus.model import Corpus, CorpusDocument, Passage
from extract.corpus.registry import readers
from extract.corpus.studyfields.brat import parse_ann

SUBCORPORA = {"general": "General", "covid-19": "COVID-19"}


@readers.register("evidencemap")
def read_evidencemap(path: Path, **_options) -> Corpus:
    """Two splits, one per sub-corpus (`general`, `covid-19`; no official split).

    Entities (`Intervention`, `Outcome`, `Participant`, `Count`, `Observation`) are `Mention`s with their
    brat id in `attrs["id"]`; `to` relations are `Relation`s between those ids.
    """
    root = Path(path) / "Corpora"
    splits = {split: [_document(txt) for txt in sorted((root / folder).glob("*.txt"))] for split, folder in SUBCORPORA.items()}
    return Corpus(name="evidencemap", splits=splits)


def _document(txt: Path) -> CorpusDocument:
    text = txt.read_text(encoding="utf-8")
    mentions, relations = parse_ann(txt.with_suffix(".ann").read_text(encoding="utf-8"), text)
    return CorpusDocument(id=txt.stem, passages=[Passage("abstract", 0, text)], mentions=mentions, relations=relations)
