"""A teacher's mentions on training text: another recognizer run over the corpora the CNN learns from.

`scripts/train_ner.py --teacher accurate` uses them to fill in the types a corpus does not annotate
(`TrainingSource.teacher`): the accurate MiniLM model, with its dictionary, rules and threshold, labels
every training document once; the labels are cached as JSON lines (one document per line) so a rerun
or a second training configuration reuses them.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterator

from rich.progress import track

from extract.corpus.model import CorpusDocument

TeacherMentions = dict[str, list[tuple[int, int, str]]]
"""Document key ("corpus/id") -> (start, end, type) mentions."""

_recognizer = None


def _init_worker(model: str) -> None:
    global _recognizer
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from extract.ner.recognizer import EntityRecognizer

    _recognizer = EntityRecognizer(model)


def _label(job: tuple[str, str]) -> tuple[str, list[tuple[int, int, str]]]:
    key, text = job
    return key, [(m.start, m.end, m.label) for m in _recognizer.find(text)]


def _read_cache(cache: Path) -> TeacherMentions:
    labels: TeacherMentions = {}
    if cache.exists():
        for line in cache.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                labels[row["key"]] = [tuple(m) for m in row["mentions"]]
    return labels


def teacher_mentions(
    documents: dict[str, list[CorpusDocument]], model: str, cache: Path, workers: int = 2
) -> dict[str, TeacherMentions]:
    """Per corpus name, document id -> the `model` recognizer's mentions on that document's text.

    Documents already in `cache` are not labelled again; new ones are appended to it as they finish,
    so an interrupted run resumes."""
    labels = _read_cache(cache)
    jobs = [
        (f"{name}/{doc.id}", doc.text)
        for name, docs in documents.items()
        for doc in docs
        if f"{name}/{doc.id}" not in labels
    ]
    if jobs:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("a", encoding="utf-8") as out, ProcessPoolExecutor(
            max_workers=workers, initializer=_init_worker, initargs=(model,)
        ) as pool:
            done = pool.map(_label, jobs, chunksize=8)
            for key, mentions in track(done, total=len(jobs), description=f"teacher ({model})"):
                out.write(json.dumps({"key": key, "mentions": mentions}) + "\n")
                labels[key] = mentions
    return {name: dict(_by_id(labels, name)) for name in documents}


def _by_id(labels: TeacherMentions, name: str) -> Iterator[tuple[str, list[tuple[int, int, str]]]]:
    prefix = f"{name}/"
    for key, mentions in labels.items():
        if key.startswith(prefix):
            yield key[len(prefix) :], mentions
