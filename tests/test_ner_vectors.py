"""The recognizer's vectors learn only from train-split text that no benchmark scores."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from extract.corpus.model import Corpus, CorpusDocument, Passage

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import build_ner_vectors  # noqa: E402


def _doc(doc_id: str, text: str) -> CorpusDocument:
    return CorpusDocument(doc_id, [Passage("abstract", 0, text)], [])


def test_text_of_documents_held_out_anywhere_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    corpora = {
        "biored": Corpus("biored", {"train": [_doc("1", "Train abstract one.")], "test": [_doc("2", "Scored abstract.")]}),
        "bc5cdr": Corpus("bc5cdr", {"train": [_doc("2", "Scored abstract."), _doc("3", "Line a.\n\nLine b.")], "dev": []}),
        "evidence-inference-2.0": Corpus("ei", {"train": [_doc("1", "Train abstract one."), _doc("PMC9", "Full text.")]}),
    }
    monkeypatch.setattr(build_ner_vectors, "load_corpus", lambda name: corpora.get(name, Corpus(name, {})))
    lines = list(build_ner_vectors.training_lines())
    assert lines == ["Train abstract one.", "Line a.", "Line b.", "Full text."]  # "2" is a biored test doc; "1" once


def test_tokenized_text_uses_the_recognizer_tokens(tmp_path: Path) -> None:
    path = tmp_path / "text.txt"
    tokens = build_ner_vectors.write_tokenized(iter(["haloperidol-induced IL-6 rise.", "Second  line"]), path)
    assert path.read_text().splitlines() == ["haloperidol - induced IL - 6 rise .", "Second line"]
    assert tokens == 10
