"""Task tags for the fast recognizer, the CNN version of AIONER's: every token carries, as its LEMMA,
the name of the corpus whose annotation guideline to follow, and the tok2vec embeds it like any other
token attribute. One model then learns BC2GM's gene boundaries, S800's virus names and BioRED's
scheme side by side instead of averaging them, and the guideline is chosen at run time.

Training docs carry their corpus's tag (`tag_docs`); the `extract.tagged_corpus.v1` reader keeps it on
the docs the model reads (spaCy's own reader re-tokenizes the text and loses it); the
`extract_task_tag` component gives every token that has no tag yet (all text at run time) the
pipeline's `task`, BioRED's by default: the PubTator scheme `extract run` outputs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Corpus, Example
from spacy.util import registry

FACTORY = "extract_task_tag"
DEFAULT_TASK = "biored"


def tag_of(task: str) -> str:
    """The LEMMA value that stands for `task`."""
    return f"task:{task}"


def tag_docs(docs: Iterable[Doc], task: str) -> Iterator[Doc]:
    """The docs with every token tagged as `task`."""
    tag = tag_of(task)
    for doc in docs:
        for token in doc:
            token.lemma_ = tag
        yield doc


class TaskTagger:
    """Tags each untagged token with the pipeline's task (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, tasks: list[str], task: str) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.tasks = tuple(tasks)
        self._task = ""
        self.task = task

    @property
    def task(self) -> str:
        """The corpus whose guideline the model follows."""
        return self._task

    @task.setter
    def task(self, name: str) -> None:
        if self.tasks and name not in self.tasks:
            raise ValueError(f"{self.name}: unknown task {name!r}; this model knows {', '.join(sorted(self.tasks))}")
        self._task = name

    def __call__(self, doc: Doc) -> Doc:
        tag = self.vocab.strings.add(tag_of(self._task))
        for token in doc:
            if not token.lemma:
                token.lemma = tag
        return doc


@Language.factory(FACTORY, default_config={"tasks": [], "task": DEFAULT_TASK})
def make_task_tagger(nlp: Language, name: str, tasks: list[str], task: str) -> TaskTagger:
    """The `extract_task_tag` component: `tasks` the model was trained with, `task` the one it runs as."""
    return TaskTagger(nlp, name, tasks, task)


class TaggedCorpus(Corpus):
    """spaCy's DocBin reader, but the docs the model reads keep the reference's tokens and task tags."""

    def _make_example(self, nlp: Language, reference: Doc, gold_preproc: bool) -> Example:
        predicted = Doc(
            nlp.vocab,
            words=[token.text for token in reference],
            spaces=[bool(token.whitespace_) for token in reference],
        )
        for token, tagged in zip(predicted, reference):
            token.lemma = tagged.lemma
        return Example(predicted, reference)


@registry.readers("extract.tagged_corpus.v1")
def tagged_corpus(path: Path | None, max_length: int = 0, limit: int = 0) -> TaggedCorpus:
    """The `[corpora]` reader of a config whose pipeline has an `extract_task_tag` component."""
    return TaggedCorpus(path, max_length=max_length, limit=limit)
