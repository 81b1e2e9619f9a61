"""Counts in running text: "Twenty-four patients", "1,094 women", "n = 45", "31 studies", "24 rats".

Every `Count` keeps its offsets and what it counts (`kind`): human participants, animals, studies, or a
bare "n = 45" whose meaning the context must give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.corpus.studyfields.numbers import parse_count

_WORD_UNITS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand"
).split()
_WORD_NUMBER = rf"(?:{'|'.join(_WORD_UNITS)})(?:(?:[\s-]+|\s+and\s+)(?:{'|'.join(_WORD_UNITS)}))*"
_DIGITS = r"\d{1,3}(?:[,\u00a0\u2009\u202f ]\d{3})+(?!\d|[.,]\d)|\d+"
_HUMAN = (
    r"patients?|participants?|subjects?|individuals?|persons?|people|women|men|males?|females?|adults?|children|"
    r"child|infants?|neonates?|newborns?|babies|adolescents?|girls?|boys?|volunteers?|mothers?|pregnancies|"
    r"students?|physicians?|doctors?|nurses?|residents?|smokers?|survivors?|respondents?|outpatients?|"
    r"inpatients?|veterans?|athletes?|workers?|couples?|families|cases?|controls?|users?|donors?|recipients?|"
    r"members?|elderly|pairs?|twins?|singletons?|dyads?|employees?|carriers?|caregivers?|surgeons?|radiologists?|"
    r"clinicians?|practitioners?|pharmacists?|dentists?"
)
_ANIMAL = (
    r"rats?|mice|mouse|rabbits?|animals?|dogs?|pigs?|piglets?|sheep|monkeys?|macaques?|hamsters?|guinea\spigs?|"
    r"zebrafish|cats?|horses?|cows?|calves|goats?|ewes?|worms?"
)
_STUDY = r"studies|study|trials?|RCTs?|articles?|publications?|papers?|reports?|cohorts"
_MODIFIER = (
    r"(?!(?:with|in|from|at|on|per|who|were|was|had|than|for|by|after|of|to|the|a|an|years?|months?|weeks?|days?|"
    r"mg|ml|kg|cent(?:er|re)s?|sites?|hospitals?|countries|clinics?|institutions?|practices|groups?|arms?|cycles?|"
    r"doses?|times|study|studies|trials?|phase)\b)[A-Za-z][\w'/-]*"
)
_COUNTED = re.compile(
    rf"\b(?P<number>{_DIGITS}|{_WORD_NUMBER})\b(?P<gap>(?:\s(?:{_MODIFIER},?|and|or)){{0,8}})\s"
    rf"(?P<noun>(?P<human>{_HUMAN})|(?P<animal>{_ANIMAL})|(?P<study>{_STUDY}))\b(?!-)",
    re.IGNORECASE,
)
_BARE_N = re.compile(
    rf"\b[nN]\s?[=:]\s?(?P<number>{_DIGITS})\b(?![-\u2013])|"
    rf"\b(?P<verbed>{_DIGITS}|{_WORD_NUMBER})\s(?=(?:(?-i:[A-Z]{{2,}}s?)\s)?(?:were|was|had\sbeen)\s(?:then\s|finally\s|subsequently\s)?"
    rf"(?:randomi[sz]ed|randomly|enrolled|included|recruited|allocated|assigned|analy[sz]ed|excluded|eligible|lost|"
    rf"evaluable|assessable|treated|withdrawn|identified|screened|completed))|"
    rf"\b(?P<grouped>{_DIGITS})(?=\s(?:per\s|in\seach\s|(?:were\s)?(?:to|in)\s(?:the\s)?(?:[\w-]+\s){{0,3}}?)(?:group|arm)\b)|"
    rf"(?<![\d.,])\b(?P<did>{_DIGITS})(?=\s(?:completed|finished|withdrew|dropped\sout|discontinued)\b)",
    re.IGNORECASE,
)


_LISTED = re.compile(
    rf"\b(?P<list>(?:\d+,\s)+\d+,?\s(?:and|or)\s\d+)\s(?:{_HUMAN})\s(?:were|was)\s(?:randomly\s)?"
    rf"(?:randomi[sz]ed|allocated|assigned|enrolled|included|recruited)\b(?=[^.]*\brespectively\b|\sto\s)",
    re.IGNORECASE,
)
""""23, 16 and 21 patients were randomized to placebo, pioglitazone and metformin": arms listed in one go."""


@dataclass(frozen=True)
class Count:
    """`value` things of `kind` (`human`, `animal`, `study` or `n`) stated at `text[start:end]`."""

    start: int
    end: int
    value: int
    kind: str


def find_counts(text: str, start: int = 0, end: int | None = None) -> list[Count]:
    """The counts in `text[start:end]` in text order (offsets into `text`)."""
    end = len(text) if end is None else end
    found: list[Count] = []
    for match in _COUNTED.finditer(text, start, end):
        value = parse_count(match.group("number"))
        if value is None or _looks_like_measure(text, match.start()) or _is_dated_year(text, match):
            continue
        kind = next(k for k in ("human", "animal", "study") if match.group(k))
        found.append(Count(match.start(), match.end(), value, kind))
    for match in _BARE_N.finditer(text, start, end):
        value = parse_count(match.group("number") or match.group("verbed") or match.group("grouped") or match.group("did"))
        if value is not None and not _looks_like_measure(text, match.start()) and not _is_year(match.group("verbed")):
            found.append(Count(match.start(), match.start() + len(match.group(0).rstrip()), value, "n"))
    for match in _LISTED.finditer(text, start, end):
        values = [int(v) for v in re.findall(r"\d+", match.group("list"))]
        found = [c for c in found if not match.start() <= c.start < match.end()]
        found.append(Count(match.start(), match.end(), sum(values), "human"))
    found.sort(key=lambda c: c.start)
    return found


_LABEL_BEFORE = re.compile(r"\b(?:phase|grade|stage|type|level|day|week|month|year|cycle|version|figure|fig\.|table|arm|group)\s$", re.I)


def _is_year(number: str | None) -> bool:
    """"2013 were enrolled" after "between September 2012 and June": a year, not a count."""
    return bool(number and re.fullmatch(r"(?:19|20)\d\d", number))


_MONTH_BEFORE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s(?:\d{1,2},?\s)?$", re.I
)


def _is_dated_year(text: str, match: re.Match[str]) -> bool:
    """"from October 2016 to January 2018 analyzed patients": a year after a month, not a count."""
    return _is_year(match.group("number")) and bool(_MONTH_BEFORE.search(text[max(0, match.start() - 16) : match.start()]))


def _looks_like_measure(text: str, start: int) -> bool:
    """A number right after a decimal point, a minus, a "/" or "%"-style context is not a count."""
    if _LABEL_BEFORE.search(text[max(0, start - 12) : start]) or re.search(r"\d\s(?:in|out\sof)\s$", text[max(0, start - 10) : start]):
        return True
    before = text[max(0, start - 2) : start]
    return bool(re.search(r"[.\-/×x±]\s?$|\d\s?$", before)) and not before.endswith(". ")
