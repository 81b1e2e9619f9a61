"""The learned fallback: names the lexicon lacks go to the most similar name seen in training data.

Mentions with IDs from the TRAINING splits of the annotated corpora become (type, name, ID) examples.
A name is compared by character n-gram TF-IDF (2- to 4-grams inside space-padded words, sublinear
counts, cosine), so the model is just arrays: the n-grams with their IDF weights, the examples' vectors
and their IDs; no pickles, and nothing heavier than NumPy/SciPy to import. `FallbackModel.match` returns
the ID of the nearest example and its cosine similarity; exact matches (similarity 1) also serve as a
memory of how annotators normalize frequent generic names ("patients" -> human).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterable

import numpy as np
import scipy.sparse as sp

from extract.normalize.text import tokens
from extract.paths import MODELS_DIR

DEFAULT_MODEL_DIR = MODELS_DIR / "norm"
NGRAM_SIZES = (2, 3, 4)
LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


def surface(name: str) -> str:
    """The form names are compared in: lower-case words, Greek spelled out, letters apart from
    digits ("MCF7" = "MCF-7"), single spaces."""
    return LETTER_DIGIT.sub(" ", " ".join(tokens(name)))


def ngrams(text: str) -> Counter[str]:
    """Character n-grams of each space-padded word of `text`, counted."""
    grams: Counter[str] = Counter()
    for word in text.split():
        padded = f" {word} "
        for n in NGRAM_SIZES:
            grams.update(padded[i : i + n] for i in range(max(len(padded) - n + 1, 1)))
    return grams


def covers(name: str, example: str, prefix: int = 5) -> bool:
    """Whether every word of `example` is a word of `name` (or shares its first `prefix` letters
    with one): "inflammatory acne lesions" covers "acne lesions" but not "inflammatory brain lesions"."""
    words = surface(name).split()
    return all(any(w == v or (len(w) >= prefix and w[:prefix] == v[:prefix]) for v in words) for w in example.split())


@dataclass(frozen=True)
class Match:
    identifier: str
    similarity: float
    example: str


class FallbackModel:
    """Nearest training example by character n-gram TF-IDF cosine, per entity type."""

    def __init__(
        self,
        grams: list[str],
        idf: np.ndarray,
        examples: dict[str, tuple[list[str], list[str], sp.csr_matrix]],
        seen: dict[str, list[dict[str, int]]] | None = None,
    ) -> None:
        self.grams = grams
        self.column = {g: i for i, g in enumerate(grams)}
        self.idf = idf
        self.unseen_idf = float(idf.max()) if len(idf) else 1.0  # n-grams no training name has
        self.examples = examples  # type -> (names, IDs, L2-normalized TF-IDF rows)
        self.seen = seen or {}  # type -> per name, every ID annotators gave it, with counts

    @cached_property
    def row(self) -> dict[str, dict[str, int]]:
        """Per type, each training name's row."""
        return {type_: {name: i for i, name in enumerate(names)} for type_, (names, _, _) in self.examples.items()}

    def vectors(self, names: list[str]) -> sp.csr_matrix:
        """L2-normalized TF-IDF rows; n-grams unseen in training count in the norm only."""
        rows, cols, values, norms = [], [], [], []
        for row, name in enumerate(names):
            squared = 0.0
            for gram, count in ngrams(name).items():
                column = self.column.get(gram)
                weight = float(np.log1p(count)) * (self.idf[column] if column is not None else self.unseen_idf)
                squared += weight * weight
                if column is not None:
                    rows.append(row), cols.append(column), values.append(weight)
            norms.append(np.sqrt(squared) or 1.0)
        values = np.asarray(values, dtype=np.float32) / np.asarray(norms, dtype=np.float32)[np.asarray(rows, dtype=int)]
        return sp.csr_matrix((values, (rows, cols)), shape=(len(names), len(self.grams)), dtype=np.float32)

    def match(self, type_: str, name: str) -> Match | None:
        """The nearest training example of `type_` to `name` (None when the type has none)."""
        nearest = self.matches(type_, name, 1)
        return nearest[0] if nearest else None

    def matches(self, type_: str, name: str, k: int = 5) -> list[Match]:
        """The `k` nearest training examples of `type_` to `name`, most similar first."""
        if type_ not in self.examples or not surface(name):
            return []
        names, ids, matrix = self.examples[type_]
        scores = (matrix @ self.vectors([surface(name)]).T).toarray().ravel()
        nearest = np.argsort(-scores, kind="stable")[:k]
        return [Match(ids[i], float(scores[i]), names[i]) for i in nearest]

    def annotated(self, type_: str, name: str) -> dict[str, int]:
        """Every ID annotators gave `name` (compared as `surface`) in training, with counts."""
        row = self.row.get(type_, {}).get(surface(name))
        return self.seen[type_][row] if row is not None and type_ in self.seen else {}

    @classmethod
    def train(cls, examples: Iterable[tuple[str, str, str]]) -> FallbackModel:
        """Train on (type, name, ID) examples; a name seen with several IDs keeps its most frequent."""
        counts: Counter[tuple[str, str, str]] = Counter((t, surface(n), i) for t, n, i in examples if surface(n))
        chosen: dict[tuple[str, str], tuple[int, str]] = {}
        for (type_, name, identifier), count in sorted(counts.items()):
            if (type_, name) not in chosen or count > chosen[(type_, name)][0]:
                chosen[(type_, name)] = (count, identifier)
        all_names = sorted({name for _, name in chosen})
        document_frequency: Counter[str] = Counter(g for name in all_names for g in ngrams(name))
        grams = sorted(document_frequency)
        frequency = np.array([document_frequency[g] for g in grams], dtype=np.float64)
        idf = (np.log((1 + len(all_names)) / (1 + frequency)) + 1).astype(np.float32)
        seen: dict[tuple[str, str], dict[str, int]] = {}
        for (type_, name, identifier), count in sorted(counts.items()):
            seen.setdefault((type_, name), {})[identifier] = count
        model = cls(grams, idf, {})
        for type_ in sorted({t for t, _ in chosen}):
            names = sorted(n for t, n in chosen if t == type_)
            ids = [chosen[(type_, n)][1] for n in names]
            model.examples[type_] = (names, ids, model.vectors(names))
            model.seen[type_] = [seen[(type_, n)] for n in names]
        return model

    def save(self, folder: Path) -> None:
        """Write `ngrams.json` + `idf.npy`, and per type `<type>.npz` (vectors) and `<type>.json` (names, IDs)."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "ngrams.json").write_text(json.dumps(self.grams, ensure_ascii=False), encoding="utf-8")
        np.save(folder / "idf.npy", self.idf)
        for type_, (names, ids, matrix) in self.examples.items():
            sp.save_npz(folder / f"{type_}.npz", matrix.astype(np.float32))
            data = {"names": names, "ids": ids, "seen": self.seen.get(type_, [])}
            (folder / f"{type_}.json").write_text(json.dumps(data), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path = DEFAULT_MODEL_DIR) -> FallbackModel:
        """The model saved in `folder`."""
        examples, seen = {}, {}
        for matrix_file in sorted(folder.glob("*.npz")):
            data = json.loads(matrix_file.with_suffix(".json").read_text(encoding="utf-8"))
            examples[matrix_file.stem] = (data["names"], data["ids"], sp.load_npz(matrix_file).tocsr())
            seen[matrix_file.stem] = data.get("seen", [])
        grams = json.loads((folder / "ngrams.json").read_text(encoding="utf-8"))
        return cls(grams, np.load(folder / "idf.npy"), examples, seen)
