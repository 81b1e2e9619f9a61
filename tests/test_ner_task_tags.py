"""Task tags for the CNN recognizer: tagging, the reader that keeps tags, and a tiny tagged training run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest
import spacy
from spacy.tokens import DocBin

from extract.ner.recognizer import EntityRecognizer
from extract.ner.task_tags import TaggedCorpus, tag_docs, tag_of


def test_the_component_tags_untagged_tokens_with_its_task_and_keeps_other_tags() -> None:
    nlp = spacy.blank("en")
    tagger = nlp.add_pipe("extract_task_tag", config={"tasks": ["biored", "bc2gm"], "task": "biored"})
    assert [t.lemma_ for t in nlp("BRCA1 binds DNA")] == [tag_of("biored")] * 3
    tagger.task = "bc2gm"
    assert {t.lemma_ for t in nlp("BRCA1 binds DNA")} == {tag_of("bc2gm")}
    [tagged] = tag_docs([nlp.make_doc("IL-2 protein")], "s800")
    assert {t.lemma_ for t in tagger(tagged)} == {tag_of("s800")}  # a training doc's own tag stays
    with pytest.raises(ValueError, match="unknown task 'linnaeus'"):
        tagger.task = "linnaeus"


def test_the_reader_keeps_tokens_and_tags_that_re_tokenizing_would_lose(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    doc = nlp.make_doc("mouse IL-2 protein")
    doc.set_ents([doc.char_span(6, 18, label="Gene")])
    docbin = DocBin(attrs=["ENT_IOB", "ENT_TYPE", "LEMMA"], docs=tag_docs([doc], "bc2gm"))
    docbin.to_disk(tmp_path / "train.spacy")
    [example] = list(TaggedCorpus(tmp_path / "train.spacy")(nlp))
    assert [t.text for t in example.predicted] == [t.text for t in doc]
    assert {t.lemma_ for t in example.predicted} == {tag_of("bc2gm")}
    assert not example.predicted.ents and [e.text for e in example.reference.ents] == ["IL-2 protein"]


@pytest.mark.shared
def test_tiny_tagged_training_run_learns_a_task_per_corpus(tmp_path: Path, train_tiny_ner: Callable[..., Path]) -> None:
    out = train_tiny_ner(["biored", "bc2gm"], "config.cfg")
    assert json.loads((out / "meta.json").read_text())["task_tags"] is True
    train = list(DocBin().from_disk(tmp_path / "work" / "train.spacy").get_docs(spacy.blank("en").vocab))
    assert {d[0].lemma_ for d in train} == {tag_of("biored"), tag_of("bc2gm")}
    assert all(len({t.lemma for t in d}) == 1 for d in train)
    recognizer = EntityRecognizer(out, confidence=None, task="bc2gm")
    assert recognizer.nlp.get_pipe("task_tag").task == "bc2gm"
    assert {t.lemma_ for t in recognizer.nlp("BRCA1 is a gene.")} == {tag_of("bc2gm")}
    with pytest.raises(ValueError, match="unknown task"):
        EntityRecognizer(out, confidence=None, task="no-such-corpus").nlp  # noqa: B018
