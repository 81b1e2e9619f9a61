"""The learned fallback: names the lexicon lacks go to the most similar name seen in training data.

Mentions with IDs from the TRAINING splits of the annotated corpora become (type, name, ID) examples.
A name is compared by character n-gram TF-IDF (hashed n-grams, so the model is just arrays: IDF
weights, the examples' vectors and their IDs; no pickles). `FallbackModel.match` returns the ID of
the nearest example and its cosine similarity; exact matches (similarity 1) also serve as a memory of
how annotators normalize frequent generic names ("patients" -> human).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

import numpy as np
import scipy.sparse as sp

from extract.normalize.text import tokens

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import HashingVectorizer
from extract.paths import MODELS_DIR

DEFAULT_MODEL_DIR = MODELS_DIR / "norm"
N_FEATURES = 1 << 18


@lru_cache(maxsize=1)
def vectorizer() -> HashingVectorizer:
    """Character 2- to 4-grams within word boundaries, hashed (imported on first use: sklearn is slow to import)."""
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(analyzer="char_wb", ngram_range=(2, 4), n_features=N_FEATURES, alternate_sign=False, norm=None)


LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


def surface(name: str) -> str:
    """The form names are compared in: lower-case words, Greek spelled out, letters apart from
    digits ("MCF7" = "MCF-7"), single spaces."""
    return LETTER_DIGIT.sub(" ", " ".join(tokens(name)))


@dataclass(frozen=True)
class Match:
    identifier: str
    similarity: float
    example: str


class FallbackModel:
    """Nearest training example by character n-gram TF-IDF cosine, per entity type."""

    def __init__(self, idf: np.ndarray, examples: dict[str, tuple[list[str], list[str], sp.csr_matrix]]) -> None:
        self.idf = idf
        self.examples = examples  # type -> (names, IDs, L2-normalized TF-IDF rows)

    def vectors(self, names: list[str]) -> sp.csr_matrix:
        from sklearn.preprocessing import normalize as l2_normalize

        counts = vectorizer().transform(names)
        counts.data = np.log1p(counts.data)
        return l2_normalize(counts.multiply(self.idf).tocsr())

    def match(self, type_: str, name: str) -> Match | None:
        """The nearest training example of `type_` to `name` (None when the type has none)."""
        if type_ not in self.examples or not surface(name):
            return None
        names, ids, matrix = self.examples[type_]
        scores = (matrix @ self.vectors([surface(name)]).T).toarray().ravel()
        best = int(scores.argmax())
        return Match(ids[best], float(scores[best]), names[best])

    @classmethod
    def train(cls, examples: Iterable[tuple[str, str, str]]) -> FallbackModel:
        """Train on (type, name, ID) examples; a name seen with several IDs keeps its most frequent."""
        counts: Counter[tuple[str, str, str]] = Counter((t, surface(n), i) for t, n, i in examples if surface(n))
        chosen: dict[tuple[str, str], tuple[int, str]] = {}
        for (type_, name, identifier), count in sorted(counts.items()):
            if (type_, name) not in chosen or count > chosen[(type_, name)][0]:
                chosen[(type_, name)] = (count, identifier)
        all_names = sorted({name for _, name in chosen})
        document_frequency = (vectorizer().transform(all_names) > 0).sum(axis=0).A1
        idf = (np.log((1 + len(all_names)) / (1 + document_frequency)) + 1).astype(np.float32)
        model = cls(idf, {})
        for type_ in sorted({t for t, _ in chosen}):
            names = sorted(n for t, n in chosen if t == type_)
            ids = [chosen[(type_, n)][1] for n in names]
            model.examples[type_] = (names, ids, model.vectors(names))
        return model

    def save(self, folder: Path) -> None:
        """Write `idf.npy`, and per type `<type>.npz` (vectors) and `<type>.json` (names, IDs)."""
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / "idf.npy", self.idf)
        for type_, (names, ids, matrix) in self.examples.items():
            sp.save_npz(folder / f"{type_}.npz", matrix.astype(np.float32))
            (folder / f"{type_}.json").write_text(json.dumps({"names": names, "ids": ids}), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path = DEFAULT_MODEL_DIR) -> FallbackModel:
        """The model saved in `folder`."""
        examples = {}
        for matrix_file in sorted(folder.glob("*.npz")):
            data = json.loads(matrix_file.with_suffix(".json").read_text(encoding="utf-8"))
            examples[matrix_file.stem] = (data["names"], data["ids"], sp.load_npz(matrix_file).tocsr())
        return cls(np.load(folder / "idf.npy"), examples)
