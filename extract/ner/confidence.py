"""A calibrated probability that an entity mention is right (same offsets and type as a gold mention).

spaCy's greedy transition NER gives no per-entity probability, so each mention the recognizer returns
is scored by a small logistic regression over cheap features: where the mention came from (the model,
abbreviation propagation, the dictionary), its type, length and character shape, whether the same
surface was tagged elsewhere in the text and how consistently, whether it is a defined short form or a
dictionary name, whether it sits in parentheses, and the length of the text; for the accurate model also
its own probability (the lowest of the mention's word pieces) and whether a second recognizer (the CNN)
found the same mention. The weights are learnt by `scripts/train_ner_confidence.py` from the recognizer's
predictions on the corpora's dev splits and shipped as JSON (`models/ner/confidence.json`) together with
the fingerprint of the model they were calibrated for (loaded beside another model, the scores are still
given, with a warning) and thresholds chosen on dev (one per type): the recognizer drops mentions scored below them.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from extract.document import Span
from extract.ner.dictionary import EntityDictionary
from extract.paths import MODELS_DIR

DEFAULT_CONFIDENCE = MODELS_DIR / "ner" / "confidence.json"
CONFIDENCE_ENV = "EXTRACT_NER_CONFIDENCE"
"""Environment variable naming another calibration file (`scripts/train_ner_confidence.py --out`)."""
WEIGHT_FILES = ("tok2vec/model", "ner/model", "vocab/vectors", "extract_transformer_ner/model.onnx")
"""The files of a spaCy pipeline that hold its weights (static vectors included), hashed as its fingerprint."""
LENGTH_BINS = (2, 3, 5, 9, 19)
"""Upper bounds of the character-length bins (a last bin holds longer mentions)."""
PROBABILITY_BINS = (0.5, 0.7, 0.9, 0.97, 0.99)
"""Upper bounds of the bins of the model's own (lowest word-piece) probability, when the model gives one."""


WORD = re.compile(r"[^\W_]+")
"""Runs of letters and digits: the words before, at the start and end of, and after a mention."""
DIGIT = re.compile(r"\d")
OTHER_PUNCT = re.compile(r"[^\w\s-]|_")


class CalibrationMismatchWarning(UserWarning):
    """The confidence weights were calibrated for another model or dictionary: scores are less reliable."""


@dataclass
class Evidence:
    """What the recognizer learnt from the text besides the mentions: its abbreviation definitions."""

    defined: set[str] = field(default_factory=set)
    """Every short form defined in the text ("MMP1" in "matrix metalloproteinase-1 (MMP1)")."""
    short_forms: dict[str, str] = field(default_factory=dict)
    """Short forms whose long form was tagged, with that type (what abbreviation propagation used)."""
    long_forms: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Where each defined short form's long form stands in the text (its first definition)."""
    not_entities: set[str] = field(default_factory=set)
    """Short forms an abbreviation list defines by a long form that overlaps no mention ("USP: ultrasound
    pachymetry")."""
    second_opinion: set[tuple[int, int, str]] | None = None
    """(start, end, type) of the mentions a second recognizer found in the same text, when one was asked."""


def model_fingerprint(model_path: Path) -> dict[str, str]:
    """Name and version from a spaCy pipeline's meta.json, and a SHA-256 over its weight files."""
    meta = json.loads((Path(model_path) / "meta.json").read_text(encoding="utf-8"))
    return {"name": meta.get("name", ""), "version": meta.get("version", ""), "weights_sha256": _sha256(model_path, WEIGHT_FILES)}


def dictionary_fingerprint(path: Path | None) -> str | None:
    """SHA-256 of a dictionary file (None when the recognizer runs without one)."""
    return _sha256(Path(path).parent, (Path(path).name,)) if path and Path(path).exists() else None


def _sha256(folder: Path, names: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for name in names:
        path = Path(folder) / name
        if path.exists():
            digest.update(name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def mention_features(text: str, mentions: list[Span], evidence: Evidence, dictionary: EntityDictionary) -> list[dict[str, float]]:
    """One dict of active features per mention (in order); `crossed` adds their copies per type."""
    surfaces = [text[m.start : m.end] for m in mentions]
    per_surface = Counter(surfaces)
    per_surface_type = Counter(zip(surfaces, (m.label for m in mentions)))
    in_text = {s: text.count(s) for s in per_surface}
    log_length = math.log10(len(text) + 1) / 5
    short_forms = evidence.short_forms
    features = []
    for i, (mention, surface) in enumerate(zip(mentions, surfaces)):
        start, end, label = mention.start, mention.end, mention.label
        words = WORD.findall(surface) or [""]
        before = WORD.findall(text[max(0, start - 30) : start]) or [""]
        after = WORD.search(text, end, end + 30)
        active = dict.fromkeys((
            f"source={mention.attrs.get('source', 'model')}",
            f"chars<={next((b for b in LENGTH_BINS if len(surface) <= b), 'more')}",
            f"words={min(surface.count(' ') + 1, 4)}",
            f"shape={_case(surface)}",
            f"first={words[0].lower()}",
            f"last={words[-1].lower()}",
            f"previous={before[-1].lower()}",
            f"next={after.group().lower() if after else ''}",
        ), 1.0)
        facts = (
            ("digit", DIGIT.search(surface)),
            ("hyphen", "-" in surface),
            ("other_punct", OTHER_PUNCT.search(surface)),
            ("non_ascii", not surface.isascii()),
            ("plural", surface[-1:] == "s" and not surface.isupper()),
            ("in_parentheses", _char(text, start - 1) in "([" and _char(text, end) in ")]"),
            ("before_parenthesis", text[end : end + 2] == " ("),
            ("after_sentence_end", text[max(0, start - 10) : start].rstrip()[-1:] in ("", ".")),
            ("touches_previous", i > 0 and start - mentions[i - 1].end <= 1),
            ("touches_next", i + 1 < len(mentions) and mentions[i + 1].start - end <= 1),
            ("defined_short_form", surface in evidence.defined),
            ("short_form_same_type", short_forms.get(surface) == label),
            ("short_form_other_type", short_forms.get(surface, label) != label),
            ("role_noun", mention.attrs.get("role_noun")),
        )
        for name, true in facts:
            if true:
                active[name] = 1.0
        probability = mention.attrs.get("model_probability")
        if probability is not None:
            active["model_probability"] = probability
            active[f"model_probability<={next((b for b in PROBABILITY_BINS if probability <= b), 1)}"] = 1.0
        if evidence.second_opinion is not None:
            active[f"second_opinion={_agreement(mention, evidence.second_opinion)}"] = 1.0
        listed = dictionary.exact.get(surface) or dictionary.case_insensitive.get(surface.lower())
        if listed:
            active["dictionary_same_type" if listed == label else "dictionary_other_type"] = 1.0
        if per_surface[surface] > 1:
            active["repeats"] = math.log1p(per_surface[surface] - 1)
        active["same_type_share"] = per_surface_type[surface, label] / per_surface[surface]
        active["tagged_share"] = min(1.0, per_surface[surface] / max(in_text[surface], 1))
        active["text_length"] = log_length
        features.append(active)
    return features


def _agreement(mention: Span, others: set[tuple[int, int, str]]) -> str:
    """How a second recognizer's mentions relate to `mention`: the same span and type, an overlapping
    mention of the same type, overlapping mentions of other types only, or none."""
    if (mention.start, mention.end, mention.label) in others:
        return "same"
    types = {label for start, end, label in others if start < mention.end and mention.start < end}
    return "same_type_overlap" if mention.label in types else "other_type" if types else "none"


def crossed(label: str, features: dict[str, float]) -> dict[str, float]:
    """The features as the weights see them: the type, each feature, and each feature crossed with the type."""
    return {f"type={label}": 1.0, **features, **{f"{label}|{k}": v for k, v in features.items()}}


def _char(text: str, i: int) -> str:
    """The character at `i`, or a space outside the text."""
    return text[i] if 0 <= i < len(text) else " "


def _case(surface: str) -> str:
    """upper ("IL-6"), lower, capitalized ("Interleukin-6", "Tumor necrosis factor") or other ("HeLa")."""
    if surface.isupper():
        return "upper"
    if surface.islower():
        return "lower"
    return "capitalized" if surface[:1].isupper() and surface[1:].islower() else "other"


@dataclass
class Calibrator:
    """Logistic-regression weights over `mention_features`, with what they were calibrated for."""

    weights: dict[str, float]
    intercept: float
    model: dict[str, str] = field(default_factory=dict)
    """`model_fingerprint` of the pipeline the weights were learnt on."""
    dictionary_sha256: str | None = None
    info: dict[str, Any] = field(default_factory=dict)
    """Training facts (corpora, counts, cross-validated scores), for readers of the file."""
    threshold: float = 0.0
    """Mentions scored below it are dropped (chosen on dev to maximize F1; 0 keeps every mention)."""
    second_opinion: str | None = None
    """The recognizer (a name in `NER_MODELS`) whose mentions the weights compare each mention with, if any."""
    second_opinion_model: dict[str, str] = field(default_factory=dict)
    """`model_fingerprint` of that recognizer's pipeline."""
    type_thresholds: dict[str, float] = field(default_factory=dict)
    """Per type, a threshold in place of `threshold` (also chosen on dev)."""

    @classmethod
    def load(cls, path: Path) -> "Calibrator":
        """A calibration file written by `save`."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(data["weights"], data["intercept"], data.get("model", {}), data.get("dictionary_sha256"),
                   data.get("info", {}), data.get("threshold", 0.0), data.get("second_opinion"),
                   data.get("second_opinion_model", {}), data.get("type_thresholds", {}))

    def save(self, path: Path) -> None:
        """Write the weights and fingerprints as JSON."""
        data = {"model": self.model, "dictionary_sha256": self.dictionary_sha256, "info": self.info,
                "threshold": self.threshold, "type_thresholds": self.type_thresholds, "second_opinion": self.second_opinion,
                "second_opinion_model": self.second_opinion_model,
                "intercept": self.intercept, "weights": dict(sorted(self.weights.items()))}
        Path(path).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    def threshold_for(self, label: str) -> float:
        """The score below which a mention of type `label` is dropped."""
        return self.type_thresholds.get(label, self.threshold)

    @cached_property
    def _per_type(self) -> dict[str, tuple[float, dict[str, float]]]:
        """Per type: intercept plus the type's weight, and each feature's weight plus its crossed weight."""
        labels = {k.split("|", 1)[0] for k in self.weights if "|" in k} | {k[5:] for k in self.weights if k.startswith("type=")}
        shared = {k: w for k, w in self.weights.items() if "|" not in k and not k.startswith("type=")}
        out = {}
        for label in labels:
            own = {k[len(label) + 1 :]: w for k, w in self.weights.items() if k.startswith(f"{label}|")}
            combined = {k: shared.get(k, 0.0) + own.get(k, 0.0) for k in shared.keys() | own.keys()}
            out[label] = (self.intercept + self.weights.get(f"type={label}", 0.0), combined)
        return out

    def probability(self, label: str, features: dict[str, float]) -> float:
        """P(the mention is right) for a mention of type `label` with these `mention_features`
        (the same as the logistic regression over `crossed(label, features)`)."""
        intercept, weights = self._per_type.get(label) or (self.intercept, self.weights)
        z = intercept + sum(weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0

    def score(self, text: str, mentions: list[Span], evidence: Evidence, dictionary: EntityDictionary) -> None:
        """Set `attrs["score"]` (rounded to 3 decimals) on every mention."""
        for mention, features in zip(mentions, mention_features(text, mentions, evidence, dictionary)):
            mention.attrs["score"] = round(self.probability(mention.label, features), 3)

    def check(self, model_path: Path, dictionary_path: Path | None, second_opinion_path: Path | None = None) -> bool:
        """True if the weights were calibrated for this model, dictionary (and second-opinion model); else
        warn and return False."""
        pairs = ((model_path, self.model), (second_opinion_path, self.second_opinion_model))
        problems = [_model_problem(path, expected) for path, expected in pairs
                    if path is not None and model_fingerprint(path) != expected]
        if dictionary_fingerprint(dictionary_path) != self.dictionary_sha256:
            problems.append(f"dictionary {dictionary_path} is not the one calibrated for")
        if problems:
            warnings.warn(
                "mention scores are less reliable: " + "; ".join(problems)
                + "; retrain with `python scripts/train_ner_confidence.py`",
                CalibrationMismatchWarning,
                stacklevel=2,
            )
        return not problems


def _model_problem(model_path: Path, expected: dict[str, str]) -> str:
    fingerprint = model_fingerprint(model_path)
    return (
        f"model {fingerprint['name']} {fingerprint['version']} (weights {fingerprint['weights_sha256'][:12]}) "
        f"is not the one calibrated for ({expected.get('name')} {expected.get('version')}, "
        f"weights {str(expected.get('weights_sha256'))[:12]})"
    )
