"""The recognizer's tokenizer: scispaCy's rule tokenizer, also split inside words at - / + and brackets.

scispaCy keeps "haloperidol-induced", "p62/SQSTM1" and "anti-PTHrP" as one token, so about one in ten
BioRED and BC5CDR mentions ("haloperidol", "SQSTM1", "PTHrP") cannot be a token span at all: the model
could never predict them exactly, and training taught it the wrong boundaries. Splitting at every
hyphen, slash, plus sign and bracket between non-space characters makes those boundaries available;
multi-token names ("TNF - alpha") are still one entity span.
"""

from __future__ import annotations

import re
import warnings

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

WORD_INTERNAL_SPLITS = r"(?<=\S)[-\u2010\u2011\u2012\u2013\u2014/+()\[\]](?=\S)"
"""Characters split off inside a word (hyphens and dashes, slash, plus, brackets)."""


def entity_tokenizer(nlp: Language) -> Tokenizer:
    """scispaCy's `combined_rule_tokenizer` with the word-internal splits added to its infixes."""
    from scispacy.custom_tokenizer import combined_rule_tokenizer

    with warnings.catch_warnings():  # scispaCy's regexes trip a FutureWarning in `re`
        warnings.simplefilter("ignore", FutureWarning)
        tokenizer = combined_rule_tokenizer(nlp)
        infixes = tokenizer.infix_finditer.__self__.pattern
        tokenizer.infix_finditer = re.compile(f"{infixes}|{WORD_INTERNAL_SPLITS}").finditer
    return tokenizer


@spacy.registry.callbacks("extract.entity_tokenizer")
def use_entity_tokenizer():
    """spaCy `[initialize.before_init]` callback that installs `entity_tokenizer`."""

    def replace(nlp: Language) -> Language:
        nlp.tokenizer = entity_tokenizer(nlp)
        return nlp

    return replace
