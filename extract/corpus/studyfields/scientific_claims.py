"""Achakulvisut et al. 2019: PubMed abstracts with expert-labelled claim sentences."""

from __future__ import annotations

import json
from pathlib import Path

from extract.corpus.model import Corpus, CorpusDocument, Mention, Passage
from extract.corpus.registry import readers

SPLIT_FILES = {"train": "train_labels.json", "dev": "validation_labels.json", "test": "test_labels.json"}


@readers.register("scientific-claims-achakulvisut")
def read_scientific_claims(path: Path, **_options) -> Corpus:
    """Official splits (`validation` -> `dev`). The document text is the title, then the given sentences
    joined by single spaces (one `Passage` each); claim sentences are `Mention`s of type `claim`."""
    dataset = Path(path) / "dataset"
    splits = {split: _read_jsonl(dataset / name) for split, name in SPLIT_FILES.items()}
    return Corpus(name="scientific-claims-achakulvisut", splits=splits)


def _read_jsonl(jsonl: Path) -> list[CorpusDocument]:
    with jsonl.open(encoding="utf-8") as handle:
        return [_document(json.loads(line)) for line in handle if line.strip()]


def _document(record: dict) -> CorpusDocument:
    title = record.get("title") or ""
    passages, mentions = [Passage("title", 0, title)], []
    offset = len(title) + 1
    for sentence, label in zip(record["sentences"], record["labels"], strict=True):
        passages.append(Passage("sentence", offset, sentence))
        if label == "1":
            mentions.append(Mention(offset, offset + len(sentence), sentence, "claim"))
        offset += len(sentence) + 1
    return CorpusDocument(id=str(record["paper_id"]), passages=passages, mentions=mentions, labels={"journal": record.get("journal")})
