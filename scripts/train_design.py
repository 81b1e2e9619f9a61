"""Train the design classifier on StudyTypeTeller (base) train, pick C on its dev split, save it.

    python scripts/train_design.py              # grid on dev, refit with the best C, save
    python scripts/train_design.py --c 3        # skip the grid
    python scripts/train_design.py --no-extra   # base train only

Training data: the base version's train split plus, by default, the enriched version's 650 added
minority-class abstracts (those whose PMID is in no split of the base version, so none of them is a
base dev or test abstract; the base test split's IDs are read only to keep them out). Nothing is
trained or scored on the base test split here. Writes
`models/design/classifier.joblib` and `training.json`.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from extract.corpus import load_corpus
from extract.corpus.model import CorpusDocument
from extract.fields.design_model import MODEL_PATH, DesignClassifier, build_classifier, classifier_input

C_GRID = (1.0, 3.0, 10.0, 30.0, 100.0)


def _texts(docs: list[CorpusDocument]) -> list[str]:
    return [classifier_input(*(p.text for p in doc.passages[:2])) for doc in docs]


def enriched_only(base_ids: set[str]) -> list[CorpusDocument]:
    """The enriched version's abstracts that the base version does not have (all its splits)."""
    enriched = load_corpus("studytypeteller-study-design-enriched")
    return [doc for split in ("train", "dev", "test") for doc in enriched.split(split) if doc.id not in base_ids]


def _accuracy(pipeline, docs: list[CorpusDocument]) -> float:
    guesses = pipeline.predict(_texts(docs))
    return sum(g == d.labels["design"] for g, d in zip(guesses, docs)) / len(docs)


def main(
    c: float = typer.Option(None, help="regularization; default: best of the grid on dev"),
    extra: bool = typer.Option(True, help="add the enriched version's abstracts that the base version lacks"),
    out: Path = MODEL_PATH,
) -> None:
    corpus = load_corpus("studytypeteller-study-design")
    train, dev = corpus.split("train"), corpus.split("dev")
    base_ids = {doc.id for split in corpus.splits.values() for doc in split}
    added = enriched_only(base_ids) if extra else []
    train = train + added
    labels = [doc.labels["design"] for doc in train]
    grid = {}
    for value in (c,) if c is not None else C_GRID:
        pipeline = build_classifier(c=value).fit(_texts(train), labels)
        grid[value] = _accuracy(pipeline, dev)
        print(f"C={value:g}  dev accuracy={grid[value]:.4f}")
    best = max(grid, key=grid.get)
    pipeline = build_classifier(c=best).fit(_texts(train), labels)
    DesignClassifier(pipeline).save(out)
    config = {
        "corpus": "studytypeteller-study-design (base, 6-2-2_all_classes)",
        "train_split": "train",
        "extra": "studytypeteller-study-design-enriched abstracts not in the base version (any split)" if extra else None,
        "n_extra": len(added),
        "n_train": len(train),
        "tuned_on": "dev",
        "c_grid": list(grid),
        "dev_accuracy_by_c": {str(k): round(v, 4) for k, v in grid.items()},
        "c": best,
        "features": "TF-IDF word 1-2 grams + char_wb 3-5 grams, sublinear tf, min_df 2",
        "classifier": "LogisticRegression(class_weight=balanced, max_iter=3000)",
        "labels": sorted(set(labels)),
    }
    (out.parent / "training.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    print(f"saved {out} (C={best:g})")


if __name__ == "__main__":
    typer.run(main)
