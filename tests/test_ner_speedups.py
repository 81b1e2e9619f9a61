"""The recognizer's faster parts give what the slower originals give: abbreviation definitions as
scispaCy's `AbbreviationDetector` finds them, and the model's entities with NumPy's BLAS as with BLIS."""

from __future__ import annotations

import random
import warnings

import pytest
import spacy
from scispacy.abbreviation import AbbreviationDetector
from spacy.attrs import ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc

from extract.corpus.catalog import load_corpus
from extract.ner.abbreviations import MAX_INSIDE, abbreviations, parenthesis_matches
from extract.ner.recognizer import EntityRecognizer, chunks
from extract.ner.tokenizer import entity_tokenizer


def scispacy_pairs(detector: AbbreviationDetector, doc: Doc) -> set[tuple[str, int, int]]:
    doc._.abbreviations = []  # the extension's default list is shared between docs
    with warnings.catch_warnings():  # W036: its second matcher is empty when a doc defines nothing
        warnings.simplefilter("ignore", UserWarning)
        detector(doc)
    return {(short.text, short._.long_form.start, short._.long_form.end) for short in doc._.abbreviations}


def our_pairs(doc: Doc) -> set[tuple[str, int, int]]:
    return {(text, long.start, long.end) for text, long in abbreviations(doc)}


def test_parentheses_come_in_the_order_of_spacys_matcher() -> None:
    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab)
    matcher.add("parenthesis", [[{"ORTH": "("}, {"OP": "+"}, {"ORTH": ")"}]])
    rng = random.Random(4)
    for _ in range(2000):
        doc = Doc(nlp.vocab, words=[rng.choice("()ab") for _ in range(rng.randint(0, 30))])
        expected = [(s, e) for _, s, e in matcher(doc) if e - s - 2 <= MAX_INSIDE]
        assert parenthesis_matches(doc.to_array(ORTH), nlp.vocab.strings["("], nlp.vocab.strings[")"]) == expected


def test_definitions_and_other_spellings_of_a_short_form() -> None:
    nlp = spacy.blank("en")
    words = "the nuclear factor kappa beta ( NF kb ) binds ; NF kb and NF kb rise , as does tumour necrosis factor ( TNF )".split()
    spaces = [True] * len(words)
    spaces[words.index("NF", 10)] = False  # the second occurrence is written "NFkb"
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    found = {(text, long.text) for text, long in abbreviations(doc)}
    assert found == {("NF kb", "nuclear factor kappa beta"), ("NFkb", "nuclear factor kappa beta"), ("TNF", "tumour necrosis factor")}
    assert our_pairs(doc) == scispacy_pairs(AbbreviationDetector(nlp), doc)
    assert list(abbreviations(nlp("no parentheses here, NF kb"))) == []


@pytest.mark.shared
def test_same_definitions_as_scispacy_on_biored_dev() -> None:
    nlp = spacy.blank("en")
    nlp.tokenizer = entity_tokenizer(nlp)
    detector = AbbreviationDetector(nlp)
    docs = [nlp(chunk.text) for d in load_corpus("biored").split("dev") for chunk in chunks(d.text)]
    expected = [scispacy_pairs(detector, doc) for doc in docs]
    assert sum(map(len, expected)) > 100
    assert [our_pairs(doc) for doc in docs] == expected


@pytest.mark.shared
def test_numpy_blas_gives_the_entities_blis_gives_on_biored_dev() -> None:
    recognizer = EntityRecognizer()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        blis = spacy.load(recognizer.model_path)  # thinc's default ops: BLIS
    blis.add_pipe("sentencizer", first=True)
    assert recognizer.nlp.get_pipe("tok2vec").model.ops.use_blis is False
    texts = [chunk.text for d in load_corpus("biored").split("dev")[:40] for chunk in chunks(d.text)]
    ours = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in recognizer.nlp.pipe(texts)]
    theirs = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in blis.pipe(texts)]
    assert sum(map(len, ours)) > 300
    assert ours == theirs
