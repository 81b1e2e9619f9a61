"""Learn the mention-confidence weights (`extract.ner.confidence`) from the recognizer's dev predictions.

    python scripts/train_ner_confidence.py               # cross-validate on dev, fit, write models/ner/confidence.json
    python scripts/train_ner_confidence.py --evaluate-test   # once: the shipped weights on the test splits
    EXTRACT_NER_MODEL=accurate python scripts/train_ner_confidence.py --second-opinion fast \
        --out models/ner-accurate/confidence.json         # the accurate model, checked against the CNN

The recognizer (the model in `$EXTRACT_NER_MODEL` or `models/ner/model`, with its dictionary) tags the
dev split of every entity corpus; a prediction is right (label 1) when a gold mention has the same offsets
and type. Predictions of a type the corpus does not annotate are left out (a Chemical in a gene-only
corpus is neither right nor wrong), and so are role nouns ("patients") in LINNAEUS and S800, whose
guidelines never label them. The regularization strength is chosen by cross-validation grouped by
document; the script prints Brier score, log loss, ROC AUC and a reliability table for the chosen
weights and for two baselines. The threshold below which the recognizer drops a mention is the one that
maximizes the mean over corpora of dev F1 with the out-of-fold scores (a table shows each corpus); then each
type gets its own, the one with the best mean F1 of that type over the corpora that annotate it (Species and
Gene pull apart: S800 wants a higher one, BC2GM a lower one). Predictions are cached per model and dictionary (`extract.paths.cache_dir`),
so a rerun after changing features takes seconds; a new model is predicted afresh.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402

from extract.corpus.catalog import load_corpus  # noqa: E402
from extract.document import Span  # noqa: E402
from extract.ner.confidence import (  # noqa: E402
    DEFAULT_CONFIDENCE,
    Calibrator,
    Evidence,
    dictionary_fingerprint,
    crossed,
    mention_features,
    model_fingerprint,
)
import extract.ner  # noqa: E402
from extract.ner.recognizer import EntityRecognizer  # noqa: E402
from extract.paths import cache_dir  # noqa: E402

CORPORA = ("biored", "bc5cdr", "ncbi-disease", "nlm-gene", "gnormplus", "bc2gm", "linnaeus", "s800", "bioid")
ROLE_NOUNS_UNLABELLED = ("linnaeus", "s800")
"""Corpora whose guidelines never label people by role as Homo sapiens (as in `scripts/bench_ner.py`)."""
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 5
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(15))
MIN_COUNT = 5
"""Features seen in fewer dev predictions are dropped (rare words before or after a mention)."""
BINS = 10
WORD_FEATURE = re.compile(r"(^|\|)(first|last|previous|next)=")


@dataclass
class Examples:
    """Feature dicts (`mention_features`), types, labels (1 = exact match), each example's corpus and document."""

    features: list[dict[str, float]] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    corpora: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    gold: Counter = field(default_factory=Counter)
    """Gold mentions per corpus (of the types it annotates): the denominator of recall."""
    gold_by_type: Counter = field(default_factory=Counter)
    """The same per (corpus, type)."""


def recognizer_code_fingerprint() -> str:
    """A hash of the code of every module of `extract.ner` (model component, rules, dictionary matching),
    so cached predictions are redone when anything after the model changes, a new module included."""
    sources = sorted(Path(extract.ner.__file__).parent.glob("*.py"))
    return hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()[:16]


def predictions(recognizer: EntityRecognizer, name: str, split: str) -> list[dict]:
    """The recognizer's unscored mentions and evidence per document, cached per model (and second opinion)."""
    second = recognizer.second_opinion
    key = json.dumps([model_fingerprint(recognizer.model_path), dictionary_fingerprint(recognizer.dictionary_path),
                      recognizer_code_fingerprint(), name, split] + ([model_fingerprint(second.model_path)] if second else []))
    path = cache_dir() / "ner-confidence" / f"{name}-{split}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    started = time.perf_counter()
    rows = []
    for doc in load_corpus(name).split(split):
        mentions, evidence = recognizer.find_unscored(doc.text)
        rows.append({
            "id": doc.id,
            "mentions": [[m.start, m.end, m.label, m.attrs.get("source"), bool(m.attrs.get("role_noun")),
                          m.attrs.get("model_probability")] for m in mentions],
            "defined": sorted(evidence.defined),
            "short_forms": evidence.short_forms,
            "second_opinion": None if evidence.second_opinion is None else sorted(evidence.second_opinion),
        })
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows), encoding="utf-8")
    print(f"  predicted {name} {split}: {len(rows)} documents in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return rows


def examples(recognizer: EntityRecognizer, corpora: tuple[str, ...], split: str) -> Examples:
    """One example per prediction of a type the corpus annotates (see the module docstring)."""
    out = Examples()
    for name in corpora:
        corpus = load_corpus(name)
        types = set(corpus.entity_types)
        docs = {doc.id: doc for doc in corpus.split(split)}
        for row in predictions(recognizer, name, split):
            doc = docs[row["id"]]
            text = doc.text
            gold = {(m.start, m.end, m.type) for m in doc.mentions if m.type in types}
            out.gold[name] += len(gold)
            out.gold_by_type.update((name, label) for _, _, label in gold)
            mentions = [Span(s, e, label, _attrs(source, role, probability))
                        for s, e, label, source, role, probability in row["mentions"]]
            second = row["second_opinion"]
            evidence = Evidence(set(row["defined"]), row["short_forms"], None if second is None else {tuple(m) for m in second})
            for mention, features in zip(mentions, mention_features(text, mentions, evidence, recognizer.dictionary)):
                if mention.label not in types or (name in ROLE_NOUNS_UNLABELLED and mention.attrs.get("role_noun")):
                    continue
                out.features.append(features)
                out.types.append(mention.label)
                out.labels.append(int((mention.start, mention.end, mention.label) in gold))
                out.corpora.append(name)
                out.groups.append(f"{name}/{doc.id}")
    return out


def _attrs(source: str, role_noun: bool, probability: float | None) -> dict:
    """A cached mention's attributes, as the recognizer set them."""
    attrs: dict = {"source": source}
    if role_noun:
        attrs["role_noun"] = True
    if probability is not None:
        attrs["model_probability"] = probability
    return attrs


def f1_by_corpus(ex: Examples, y: np.ndarray, p: np.ndarray, threshold: float | np.ndarray) -> dict[str, float]:
    """Strict F1 per corpus when the mentions scored below `threshold` (one, or one per example) are dropped."""
    corpora = np.array(ex.corpora)
    out = {}
    for name in ex.gold:
        kept = (corpora == name) & (p >= threshold)
        tp = int(y[kept].sum())
        out[name] = 2 * tp / (kept.sum() + ex.gold[name]) if tp else 0.0
    return out


def choose_threshold(ex: Examples, y: np.ndarray, p: np.ndarray) -> float:
    """The threshold in `THRESHOLDS` with the highest mean over corpora of dev F1; prints the table."""
    table = {t: f1_by_corpus(ex, y, p, t) for t in THRESHOLDS}
    best = max(THRESHOLDS, key=lambda t: (round(np.mean(list(table[t].values())), 4), -t))
    names = list(ex.gold)
    print("\nDev F1 per corpus if mentions scored below the threshold are dropped (out-of-fold scores)\n")
    print("| threshold | " + " | ".join(names) + " | mean |")
    print("|---:|" + "---:|" * (len(names) + 1))
    for t, row in table.items():
        mark = "**" if t == best else ""
        print(f"| {mark}{t:.2f}{mark} | " + " | ".join(f"{row[n]:.3f}" for n in names) + f" | {np.mean(list(row.values())):.3f} |")
    return best


def choose_type_thresholds(ex: Examples, y: np.ndarray, p: np.ndarray, shared: float) -> dict[str, float]:
    """Per type, the threshold in `THRESHOLDS` with the highest mean dev F1 of that type over the corpora
    that annotate it (ties go to the one nearest `shared`); prints the table and returns the types whose
    threshold differs from `shared`."""
    types, corpora = np.array(ex.types), np.array(ex.corpora)

    def mean_f1(label: str, threshold: float) -> float:
        f1 = []
        for (name, gold_type), gold in ex.gold_by_type.items():
            if gold_type == label:
                kept = (corpora == name) & (types == label) & (p >= threshold)
                f1.append(2 * int(y[kept].sum()) / (kept.sum() + gold))
        return round(float(np.mean(f1)), 4)

    print("\nOne threshold per type: mean dev F1 of the type over the corpora that annotate it (out-of-fold scores)\n")
    print(f"| type | corpora | F1 at {shared:.2f} | threshold | F1 |\n|---|---:|---:|---:|---:|")
    chosen = {}
    for label in sorted(set(ex.types)):
        chosen[label] = max(THRESHOLDS, key=lambda t: (mean_f1(label, t), -abs(t - shared)))
        count = sum(1 for _, t in ex.gold_by_type if t == label)
        print(f"| {label} | {count} | {mean_f1(label, shared):.3f} | {chosen[label]:.2f} | {mean_f1(label, chosen[label]):.3f} |")
    return {label: t for label, t in chosen.items() if t != shared}


def frequent(features: list[dict[str, float]], min_count: int = MIN_COUNT) -> list[dict[str, float]]:
    """The features without those that occur in fewer than `min_count` examples (labels are not looked at)."""
    counts = Counter(k for f in features for k in f)
    return [{k: v for k, v in f.items() if counts[k] >= min_count} for f in features]


def type_and_source_only(features: list[dict[str, float]]) -> list[dict[str, float]]:
    """The baseline's features: the mention's type, its source, and the two crossed."""
    return [{k: v for k, v in f.items() if k.startswith("type=") or "source=" in k} for f in features]


def without_words(features: list[dict[str, float]]) -> list[dict[str, float]]:
    """The features without the words (first, last, previous, next): what the rest is worth alone."""
    return [{k: v for k, v in f.items() if not WORD_FEATURE.search(k)} for f in features]


def cross_validated(features: list[dict[str, float]], y: np.ndarray, groups: list[str], c: float) -> np.ndarray:
    """Out-of-fold probabilities, folds grouped by document."""
    x = DictVectorizer().fit_transform(features)
    out = np.zeros(len(y))
    for train, held in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        model = LogisticRegression(C=c, max_iter=3000).fit(x[train], y[train])
        out[held] = model.predict_proba(x[held])[:, 1]
    return out


def fit(features: list[dict[str, float]], y: np.ndarray, c: float) -> tuple[dict[str, float], float]:
    """Weights per feature name and the intercept."""
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=c, max_iter=3000).fit(vectorizer.fit_transform(features), y)
    weights = {name: round(float(w), 5) for name, w in zip(vectorizer.feature_names_, model.coef_[0]) if abs(w) > 1e-6}
    return weights, float(model.intercept_[0])


def scores(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    """Brier score, log loss, ROC AUC and expected calibration error (10 equal-width bins)."""
    bins = np.minimum((p * BINS).astype(int), BINS - 1)
    ece = sum(abs(p[bins == b].mean() - y[bins == b].mean()) * (bins == b).sum() for b in range(BINS) if (bins == b).any()) / len(y)
    return {"brier": brier_score_loss(y, p), "log_loss": log_loss(y, p, labels=[0, 1]),
            "auc": roc_auc_score(y, p) if 0 < y.sum() < len(y) else float("nan"), "ece": ece}


def print_scores(title: str, rows: dict[str, tuple[np.ndarray, np.ndarray]]) -> None:
    print(f"\n{title}\n")
    print("| predictions | n | right | precision | mean score | Brier | log loss | ROC AUC | ECE |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, (y, p) in rows.items():
        s = scores(y, p)
        print(f"| {name} | {len(y)} | {int(y.sum())} | {y.mean():.3f} | {p.mean():.3f} | {s['brier']:.4f} | "
              f"{s['log_loss']:.4f} | {s['auc']:.3f} | {s['ece']:.3f} |")


def print_reliability(title: str, y: np.ndarray, p: np.ndarray) -> None:
    print(f"\n{title}\n")
    print("| score bin | n | mean score | observed precision |")
    print("|---|---:|---:|---:|")
    bins = np.minimum((p * BINS).astype(int), BINS - 1)
    for b in range(BINS):
        inside = bins == b
        if inside.any():
            print(f"| {b / BINS:.1f}-{(b + 1) / BINS:.1f} | {int(inside.sum())} | {p[inside].mean():.3f} | {y[inside].mean():.3f} |")


def per_corpus(ex: Examples, y: np.ndarray, p: np.ndarray, label: str) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    corpora = np.array(ex.corpora)
    rows = {label: (y, p)}
    rows.update({f"{label}: {name}": (y[corpora == name], p[corpora == name]) for name in dict.fromkeys(ex.corpora)})
    return rows


def train(recognizer: EntityRecognizer, corpora: tuple[str, ...], out: Path, second_name: str | None = None) -> Calibrator:
    """Choose C and the threshold by grouped cross-validation on dev, print the tables, fit on all dev, write `out`."""
    ex = examples(recognizer, corpora, "dev")
    features = frequent([crossed(label, f) for label, f in zip(ex.types, ex.features)])
    y = np.array(ex.labels)
    print(f"dev: {len(y)} predictions of annotated types, {int(y.sum())} right ({y.mean():.3f}), "
          f"{len(set(ex.groups))} documents, {len(corpora)} corpora")
    by_c = {c: cross_validated(features, y, ex.groups, c) for c in C_GRID}
    print("\n| C | Brier (CV) | log loss (CV) |\n|---:|---:|---:|")
    for c, p in by_c.items():
        print(f"| {c} | {brier_score_loss(y, p):.4f} | {log_loss(y, p):.4f} |")
    best = min(C_GRID, key=lambda c: log_loss(y, by_c[c]))
    chosen = by_c[best]
    baseline = cross_validated(type_and_source_only(features), y, ex.groups, 1.0)
    no_words = cross_validated(without_words(features), y, ex.groups, best)
    constant = np.full(len(y), y.mean())  # the dev precision, fitted on all of dev: a lower bound for the others
    print_scores(
        f"Dev, {FOLDS}-fold cross-validation grouped by document (C = {best})",
        {"constant (dev precision)": (y, constant), "type x source only": (y, baseline),
         "all but the words": (y, no_words), **per_corpus(ex, y, chosen, "all features")},
    )
    print_reliability("Reliability (dev, cross-validated, all features)", y, chosen)
    threshold = choose_threshold(ex, y, chosen)
    type_thresholds = choose_type_thresholds(ex, y, chosen, threshold)
    weights, intercept = fit(features, y, best)
    cv = scores(y, chosen)
    second = recognizer.second_opinion
    command = "python scripts/train_ner_confidence.py" + (f" --second-opinion {second_name}" if second else "")
    calibrator = Calibrator(
        weights, round(intercept, 5), model_fingerprint(recognizer.model_path),
        dictionary_fingerprint(recognizer.dictionary_path),
        {"trained_on": "dev splits", "corpora": list(corpora), "predictions": len(y), "right": int(y.sum()), "C": best,
         "cv_brier": round(cv["brier"], 4), "cv_log_loss": round(cv["log_loss"], 4), "cv_auc": round(cv["auc"], 4),
         "command": command},
        threshold, second_name if second else None, model_fingerprint(second.model_path) if second else {},
        type_thresholds,
    )
    calibrator.save(out)
    print(f"\nwrote {out} ({len(weights)} weights) for model {calibrator.model['name']} {calibrator.model['version']} "
          f"(weights {calibrator.model['weights_sha256'][:12]})")
    return calibrator


def evaluate(recognizer: EntityRecognizer, corpora: tuple[str, ...], split: str, calibrator: Calibrator) -> None:
    """The calibration's scores and reliability on `split` (no fitting)."""
    ex = examples(recognizer, corpora, split)
    y = np.array(ex.labels)
    p = np.array([calibrator.probability(label, f) for label, f in zip(ex.types, ex.features)])
    print_scores(f"{split} splits, weights from {calibrator.info.get('trained_on')}", per_corpus(ex, y, p, "all features"))
    print_reliability(f"Reliability ({split})", y, p)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", nargs="+", default=list(CORPORA))
    parser.add_argument("--out", type=Path, default=DEFAULT_CONFIDENCE, help="where to write the weights")
    parser.add_argument("--evaluate-test", action="store_true", help="score the weights in --out on the test splits (once)")
    parser.add_argument("--second-opinion", choices=["fast", "accurate"],
                        help="compare each mention with this recognizer's (a feature of the score)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    second = args.second_opinion
    if args.evaluate_test:
        second = second or Calibrator.load(args.out).second_opinion
    recognizer = EntityRecognizer(confidence=None, second_opinion=second)
    if args.evaluate_test:
        calibrator = Calibrator.load(args.out)
        recognizer.calibrator = calibrator
        recognizer.nlp  # noqa: B018  (loads the model; warns if the weights were calibrated for another)
        evaluate(recognizer, tuple(args.corpora), "test", calibrator)
    else:
        train(recognizer, tuple(args.corpora), args.out, second)
    print(f"\n{time.perf_counter() - started:.0f} s (load average {', '.join(f'{x:.1f}' for x in os.getloadavg())})")


if __name__ == "__main__":
    main()
