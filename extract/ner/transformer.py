"""The accurate entity model: a MiniLM token classifier run by ONNX Runtime, as a spaCy component.

`extract_transformer_ner` tags a spaCy doc's entities from a BERT-style token classifier exported to ONNX
(`model.onnx`, its WordPiece `tokenizer.json` and BIO `labels.json` in the component's folder). Sentences
(from the sentencizer the recognizer puts first) are packed into windows of at most `max_tokens` word
pieces, so context crosses sentence ends but never a paragraph; the pieces' BIO labels are decoded to
character spans widened to whole words (ents cover whole spaCy tokens; exact offsets are kept in
`doc.user_data[EXACT_OFFSETS]`). Trained by
`scripts/train_ner_transformer.py`; the model card is `models/ner-accurate/README.md`.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch

from extract.onnx_models import cpu_session

FACTORY = "extract_transformer_ner"
FILES = ("model.onnx", "tokenizer.json", "labels.json")
TASKS_FILE = "tasks.json"
"""Optional: {corpus: task-tag token} of a model trained with task tags (`train_ner_transformer.py train
--task-tags`, AIONER-style); the tag goes after [CLS] and selects that corpus's annotation guideline."""
DEFAULT_TASK = "biored"
"""The task a tagged model runs as unless told otherwise: BioRED's guideline, the PubTator scheme we output."""
EXACT_OFFSETS = "extract_exact_offsets"
"""`doc.user_data` key: {(ent.start_char, ent.end_char): (start, end)} for entities whose predicted ends
fall inside a spaCy token ("aroF" in "aroF." at a sentence end): the ent covers whole tokens, the
recognizer reports the exact characters."""
PIECE_PROBABILITY = "extract_piece_probability"
"""`doc.user_data` key: {(start, end): p} for every entity (exact character offsets), p = the lowest
probability the model gave the label it chose for any of the entity's word pieces (a mention-confidence
feature, `extract.ner.confidence`)."""
THREADS_ENV = "EXTRACT_NER_THREADS"
"""Environment variable: ONNX Runtime threads per process (default 1: `extract run` runs one process per core)."""


@dataclass
class Window:
    """Word pieces of consecutive sentences of one doc: ids and each piece's doc character offsets."""

    doc: int
    ids: list[int]
    offsets: list[tuple[int, int]]


@Language.factory(FACTORY, default_config={"max_tokens": 256, "batch_size": 16})
def make_transformer_ner(nlp: Language, name: str, max_tokens: int, batch_size: int) -> TransformerNer:
    """spaCy factory of the ONNX token-classifier component (its files are read by `from_disk`)."""
    return TransformerNer(name, max_tokens, batch_size)


class TransformerNer:
    """Sets `doc.ents` from an ONNX BERT token classifier with BIO labels ("B-Gene", "I-Gene", "O")."""

    def __init__(self, name: str, max_tokens: int, batch_size: int) -> None:
        self.name = name
        self.max_tokens = max_tokens
        self.batch_size = batch_size
        self.source: Path | None = None
        self.labels: list[str] = []
        self._session = None
        self._tokenizer = None
        self._cls_sep = (0, 0)
        self.tasks: dict[str, int] = {}
        self._task: str | None = None

    @property
    def task(self) -> str | None:
        """The corpus whose guideline a model trained with task tags follows (None for an untagged model)."""
        return self._task

    @task.setter
    def task(self, name: str | None) -> None:
        if self.tasks and name not in self.tasks:
            raise ValueError(f"{self.name}: unknown task {name!r}; this model knows {', '.join(sorted(self.tasks))}")
        self._task = name if self.tasks else None

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> TransformerNer:
        """Load the ONNX model, tokenizer and labels from the component's folder."""
        from tokenizers import Tokenizer

        path = Path(path)
        threads = int(os.environ.get(THREADS_ENV, "1"))
        self._session = cpu_session(path, FILES, "scripts/train_ner_transformer.py", threads)
        self._tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self._tokenizer.no_truncation()
        self._tokenizer.no_padding()
        self._cls_sep = (self._tokenizer.token_to_id("[CLS]"), self._tokenizer.token_to_id("[SEP]"))
        self.labels = json.loads((path / "labels.json").read_text())
        tasks = json.loads((path / TASKS_FILE).read_text()) if (path / TASKS_FILE).exists() else {}
        self.tasks = {name: self._tokenizer.token_to_id(token) for name, token in tasks.items()}
        self._task = DEFAULT_TASK if DEFAULT_TASK in self.tasks else next(iter(self.tasks), None)
        self.source = path
        return self

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        """Copy the component's files into `path` (the folder spaCy gives it when saving a pipeline)."""
        if self.source is None:
            raise ValueError(f"{self.name} has no model files: load them with from_disk first")
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if path.resolve() != self.source.resolve():
            for name in FILES + ((TASKS_FILE,) if self.tasks else ()):
                shutil.copyfile(self.source / name, path / name)

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        """Tag docs a batch at a time; windows of similar length share a padded model call."""
        if self._session is None:
            raise ValueError(f"{self.name} is not loaded: spacy.load the pipeline folder it was saved in")
        for batch in minibatch(docs, size=batch_size or self.batch_size):
            windows = [window for index, doc in enumerate(batch) for window in self._windows(index, doc)]
            found: list[list[Span]] = [[] for _ in batch]
            windows.sort(key=lambda w: len(w.ids))
            for start in range(0, len(windows), self.batch_size):
                group = windows[start : start + self.batch_size]
                for window, (labels, probabilities) in zip(group, self._predict(group)):
                    doc = batch[window.doc]
                    found[window.doc] += self._spans(doc, window, labels, probabilities)
            for doc, spans in zip(batch, found):
                doc.ents = filter_spans(spans)
                yield doc

    def _windows(self, index: int, doc: Doc) -> Iterator[Window]:
        """Consecutive sentences of `doc` packed into windows of at most `max_tokens` pieces (with [CLS]/[SEP])."""
        room = self.max_tokens - 2 - len(self._prefix)
        sentences = [sent for sent in doc.sents if sent.text.strip()] if doc.has_annotation("SENT_START") else [doc[:]]
        encodings = self._tokenizer.encode_batch([s.text for s in sentences], add_special_tokens=False)
        ids: list[int] = []
        offsets: list[tuple[int, int]] = []
        for sentence, encoding in zip(sentences, encodings):
            pieces = [
                (piece, (sentence.start_char + a, sentence.start_char + b))
                for piece, (a, b) in zip(encoding.ids, encoding.offsets)
            ]
            if ids and len(ids) + len(pieces) > room:
                yield self._window(index, ids, offsets)
                ids, offsets = [], []
            for piece, offset in pieces:
                if len(ids) == room:
                    yield self._window(index, ids, offsets)
                    ids, offsets = [], []
                ids.append(piece)
                offsets.append(offset)
        if ids:
            yield self._window(index, ids, offsets)

    @property
    def _prefix(self) -> list[int]:
        """The task tag's piece, if the model was trained with them."""
        return [self.tasks[self._task]] if self._task is not None else []

    def _window(self, index: int, ids: list[int], offsets: list[tuple[int, int]]) -> Window:
        cls, sep = self._cls_sep
        prefix = self._prefix
        return Window(index, [cls, *prefix, *ids, sep], [(0, 0)] * (1 + len(prefix)) + [*offsets, (0, 0)])

    def _predict(self, windows: list[Window]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Label index of every piece of every window and its probability (one padded model call)."""
        length = max(len(w.ids) for w in windows)
        input_ids = np.zeros((len(windows), length), dtype=np.int64)
        attention = np.zeros_like(input_ids)
        for row, window in enumerate(windows):
            input_ids[row, : len(window.ids)] = window.ids
            attention[row, : len(window.ids)] = 1
        (logits,) = self._session.run(["logits"], {"input_ids": input_ids, "attention_mask": attention})
        logits = logits - logits.max(-1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(-1, keepdims=True)
        return [
            (logits[row, : len(w.ids)].argmax(-1), probabilities[row, : len(w.ids)].max(-1))
            for row, w in enumerate(windows)
        ]

    def _spans(self, doc: Doc, window: Window, labels: np.ndarray, probabilities: np.ndarray) -> list[Span]:
        """A window's entities as spans of whole tokens, widened to whole words (exact character
        offsets in `EXACT_OFFSETS` where the words end inside a token, probabilities in `PIECE_PROBABILITY`)."""
        found = []
        exact = doc.user_data.setdefault(EXACT_OFFSETS, {})
        lowest = doc.user_data.setdefault(PIECE_PROBABILITY, {})
        for start, end, entity_type, probability in self._character_spans(window, labels, probabilities):
            start, end = word_bounds(doc.text, start, end)
            lowest[(start, end)] = probability
            span = doc.char_span(start, end, label=entity_type, alignment_mode="expand")
            if span is not None and span.text.strip():
                found.append(span)
                if (span.start_char, span.end_char) != (start, end):
                    exact[(span.start_char, span.end_char)] = (start, end)
        return found

    def _character_spans(
        self, window: Window, labels: np.ndarray, probabilities: np.ndarray
    ) -> list[tuple[int, int, str, float]]:
        """(start, end, type, lowest piece probability) from the pieces' BIO labels; "I-X" after anything
        but X starts an entity."""
        spans: list[tuple[int, int, str, float]] = []
        inside: str | None = None
        first = 1 + len(self._prefix)
        pieces = zip(window.offsets[first:-1], labels[first:-1], probabilities[first:-1])
        for (start, end), label_index, probability in pieces:
            label = self.labels[int(label_index)]
            if label == "O":
                inside = None
                continue
            prefix, entity_type = label.split("-", 1)
            if prefix == "I" and inside == entity_type:
                spans[-1] = (spans[-1][0], end, entity_type, min(spans[-1][3], float(probability)))
            else:
                spans.append((start, end, entity_type, float(probability)))
                inside = entity_type
        return spans


def word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """`start`/`end` moved outwards to the ends of the letter-or-digit runs they cut ("##F" -> "aroF")."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end
