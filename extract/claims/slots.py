"""Outcome, intervention and comparator read from a result sentence by rules (no prompt given).

- arms: "between the X and Y groups", "X compared with/versus/than Y", "in the X group"; `baseline` as
  the comparator of a before-after result ("from baseline", "after three sessions");
- outcome: the phrase after "difference(s) in" / "effect on", else the sentence's subject (the words
  before its first verb such as `was`, `increased`, `did not differ`).
A part that no rule finds is left empty (never guessed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PHRASE = r"[^,;:()\[\]]{2,80}?"
# an arm: words up to punctuation or a word that starts another part of the sentence
_ARM = r"(?:(?!\b(?:in|with|for|by|of|was|were|is|are|than|at|after|during|on|and|or|group|groups|arm|arms)\b)[^,;:()\[\].]){2,60}"
_LABEL = re.compile(r"^[A-Z][A-Za-z &/]{2,40}?\s*:\s+")
_BETWEEN = re.compile(
    rf"\bbetween (?:the )?(?P<i>{_ARM})(?: groups?| arms?)? (?:and|or) (?:the )?(?P<c>{_ARM})", re.IGNORECASE
)
_VERSUS = re.compile(
    rf"(?:\b(?:in|with|for|by|of|receiving) )(?:the )?(?P<i>{_ARM})(?: groups?| arms?)?,? (?:as )?(?:compared (?:with|to)|versus|vs\.?|relative to|than(?: in| with| for)?) (?:the |those (?:in|receiving) (?:the )?)?(?P<c>{_ARM})",
    re.IGNORECASE,
)
_IN_GROUP = re.compile(rf"\bin (?:the )?(?P<i>{_ARM}) (?:group|arm)\b", re.IGNORECASE)
_DIFFERENCE_IN = re.compile(
    rf"\b(?:differences?|changes?|effects?|improvements?|reductions?|increases?|decreases?) (?:in|on|of) (?:the )?(?P<o>{_PHRASE})(?= between| among| in| with| for| at| after| was| were|[,.;(]|$)",
    re.IGNORECASE,
)
_SUBJECT = re.compile(
    r"^(?:(?:the|a|an|overall|mean|median|in addition|moreover|however|similarly|furthermore),?\s+)*(?P<o>.{3,120}?)\s+"
    r"(?:was|were|is|are|did|does|had|has|have|showed|increased|decreased|improved|reduced|declined|rose|fell|remained|differed|tended)\b",
    re.IGNORECASE,
)
_BEFORE_AFTER = re.compile(
    r"\b(?:(?:from|over|since|relative\sto|compared\s(?:with|to)|versus|vs\.?)\s(?:the\s)?baseline|before\sand\safter|"
    r"pre-?\s?(?:and|vs\.?|versus)\s?post-?|(?:before|prior\sto)\s(?:the\s)?(?:treatment|therapy|intervention)|"
    r"after\s(?:the\s)?(?:\w+\s){0,3}(?:treatment|therapy|sessions?|injections?)\b(?![^.]*\b(?:group|arm|side|than)\b))",
    re.IGNORECASE,
)
_EDGE_WORDS = re.compile(
    r"^(?:the|a|an|both|all|patients?|subjects?|participants?|those|receiving|given|treated with)\s+|\s+(?:groups?|arms?|patients?|levels?)$",
    re.IGNORECASE,
)


MAX_OUTCOME_WORDS = 14  # a longer "subject" is a clause, not the measured quantity


@dataclass(frozen=True)
class Slots:
    outcome: str = ""
    intervention: str = ""
    comparator: str = ""

    @property
    def found(self) -> int:
        """How many of the three parts were found."""
        return sum(1 for part in (self.outcome, self.intervention, self.comparator) if part)


def extract_slots(sentence: str) -> Slots:
    """The outcome, intervention and comparator a result sentence names (empty when not found)."""
    text = _LABEL.sub("", sentence.strip())
    intervention = comparator = ""
    for pattern in (_BETWEEN, _VERSUS):
        match = pattern.search(text)
        if match:
            intervention, comparator = _clean(match.group("i")), _clean(match.group("c"))
            break
    if not intervention:
        match = _IN_GROUP.search(text)
        intervention = _clean(match.group("i")) if match else ""
    if not comparator and _BEFORE_AFTER.search(text):
        comparator = "baseline"  # a change within the treated people
    return Slots(_outcome(text), intervention, comparator)


def _outcome(text: str) -> str:
    match = _DIFFERENCE_IN.search(text)
    if match:
        return _clean(match.group("o"))
    match = _SUBJECT.search(text)
    subject = match.group("o") if match else ""
    if len(subject.split()) <= MAX_OUTCOME_WORDS and not re.match(
        r"(?:there|it|this|these|we|they|no|neither)\b", subject, re.IGNORECASE
    ):
        return _clean(subject)
    return ""


def _clean(phrase: str) -> str:
    phrase = phrase.strip(" .,;:")
    previous = None
    while previous != phrase:
        previous, phrase = phrase, _EDGE_WORDS.sub("", phrase).strip(" .,;:")
    return phrase
