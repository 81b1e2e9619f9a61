"""The tagger's spaCy scorer: entity scores plus the token-level P/I/O scores training selects checkpoints by.

Registered as `extract.pico_token_scorer.v1` (`models/pico/config.cfg`); the trained pipeline's config names
it, so this module is imported before the pipeline is loaded. Tokens are the reference doc's, i.e. the
corpus's own (`scripts/train_pico.py` stores them), whitespace tokens left out.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

import spacy
from spacy.scorer import get_ner_prf
from spacy.training import Example

from extract.bench.metrics import Counts, summarize
from extract.bench.pico import token_counts
from extract.pico import PICO_LABELS

SCORE_KEY = "pico_token_f"


def score_pico_tokens(examples: Iterable[Example], **_kwargs: Any) -> dict[str, Any]:
    """spaCy's `ents_*` scores and `pico_token_f` (macro token F1 over P/I/O), `pico_token_p`, `pico_token_r`
    and `pico_token_per_type`."""
    examples = list(examples)
    totals = {label: Counts() for label in PICO_LABELS}
    for example in examples:
        reference = example.reference
        tokens = [(t.idx, t.idx + len(t)) for t in reference if not t.is_space]
        gold = [(e.start_char, e.end_char, e.label_) for e in reference.ents]
        guess = [(e.start_char, e.end_char, e.label_) for e in example.predicted.ents]
        for label, counts in token_counts(tokens, gold, guess, PICO_LABELS).items():
            totals[label] += counts
    metrics = summarize(totals)
    return {
        **get_ner_prf(examples),
        SCORE_KEY: metrics["macro"]["f1"],
        "pico_token_p": metrics["macro"]["p"],
        "pico_token_r": metrics["macro"]["r"],
        "pico_token_per_type": {label: {k: metrics[label][k] for k in ("p", "r", "f1")} for label in PICO_LABELS},
    }


@spacy.registry.scorers("extract.pico_token_scorer.v1")
def make_pico_token_scorer() -> Callable[..., dict[str, Any]]:
    """spaCy registry entry for `score_pico_tokens`."""
    return score_pico_tokens
