"""The PICO span tagger: the shipped spaCy pipeline (`models/pico/model`, trained by `scripts/train_pico.py`).

`PicoTagger.load().tag(texts)` gives, per text, its `(start, end, label)` character spans, label one of
`Participants`, `Interventions`, `Outcomes`. The pipeline is loaded on first use.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import use_ops

from extract.paths import MODELS_DIR
from extract.pico import spacy_scorer  # noqa: F401  (registers the scorer the pipeline's config names)

DEFAULT_MODEL = MODELS_DIR / "pico" / "model"
BATCH_SIZE = 32

PicoSpan = tuple[int, int, str]


class PicoTagger:
    """Participants, Interventions and Outcomes spans in abstracts (or any English text)."""

    def __init__(self, path: Path = DEFAULT_MODEL) -> None:
        self.path = Path(path)
        self._nlp: Language | None = None

    @classmethod
    def load(cls, path: Path = DEFAULT_MODEL) -> PicoTagger:
        """The tagger of the pipeline at `path` (the shipped one by default), read on first use."""
        return cls(path)

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded on first use (NumPy's BLAS, faster than BLIS on one core)."""
        if self._nlp is None:
            if not (self.path / "meta.json").exists():
                raise FileNotFoundError(f"no PICO model at {self.path}; train one with scripts/train_pico.py")
            with warnings.catch_warnings(), use_ops("numpy", use_blis=False):
                warnings.simplefilter("ignore", FutureWarning)  # the scispaCy tokenizer's regexes trip one
                self._nlp = spacy.load(self.path)
        return self._nlp

    def tag(self, texts: list[str]) -> list[list[PicoSpan]]:
        """The spans of each text, in text order."""
        return [
            [(span.start_char, span.end_char, span.label_) for span in doc.ents]
            for doc in self.nlp.pipe(texts, batch_size=BATCH_SIZE)
        ]
