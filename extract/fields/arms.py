"""Who was studied, with what and against what, measured how: the study's population, arms and outcome
measures assembled from the P/I/O spans the PICO tagger finds in its title and abstract.

- population: the first Participants span of the abstract that names a condition or people (the
  longest when several start the same sentence);
- arms: the distinct Interventions spans in order of first mention (a span inside a longer one is the
  same arm); placebo, vehicle, saline, sham or no treatment is a `control`, the first active one the
  `intervention`, later active ones `comparator`s. Dose, route and schedule are read from the sentences
  that name the arm, and `n` from "(n = 20)" or "20 patients received X" beside its name;
- outcome measures: the distinct Outcomes spans; `primary` `yes` when the paper names it as its primary
  outcome, `no` in a sentence about secondary outcomes, else `unclear`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.claims.details import TIMEPOINT, first, primary_outcomes, span_text
from extract.claims.features import content_stems
from extract.fields.sentences import Sentence, split_sentences

PicoSpan = tuple[int, int, str]
MAX_ARMS = 4
CONTROL = re.compile(
    r"\b(?:placebo|vehicle|saline|sham|no\s(?:treatment|intervention)|untreated|standard\s(?:of\s)?care|usual\scare|"
    r"control|petrolatum|normal\ssaline)\b",
    re.IGNORECASE,
)
DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:mg|g|µg|mcg|ng|ml|mL|µl|IU|U|units?|%|mg/kg|mg/ml|mg/mL|J/cm2|mJ|W|×\s?10\^?\d+|x\s?10\^?\d+)"
    r"(?:\s?/\s?(?:kg|day|d|ml|mL|cm2|session))?\b"
)
ROUTES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("microneedling", re.compile(r"\bmicro-?needl\w*|\bdermaroll\w*", re.I)),
    ("laser-assisted", re.compile(r"\blaser\b", re.I)),
    ("intradermal", re.compile(r"\bintra-?dermal\w*|\bmesotherapy\b", re.I)),
    ("subcutaneous", re.compile(r"\bsub-?cutaneous\w*", re.I)),
    ("intramuscular", re.compile(r"\bintra-?muscular\w*", re.I)),
    ("intravenous", re.compile(r"\bintra-?venous\w*|\bi\.v\.", re.I)),
    ("oral", re.compile(r"\boral(?:ly)?\b|\btablets?\b|\bcapsules?\b", re.I)),
    ("topical", re.compile(r"\btopical(?:ly)?\b|\bcream\b|\bointment\b|\bgel\b|\blotion\b|\bserum\b|\bapplied\b", re.I)),
    ("injection", re.compile(r"\binject\w*\b", re.I)),
)
SCHEDULE = re.compile(
    r"\b(?:(?:once|twice|thrice|\d+\s(?:times?))\s(?:a\s|per\s)?(?:day|daily|week|weekly|month|monthly)|"
    r"(?:once|twice)\sdaily|daily|weekly|monthly|every\s(?:\d+|two|three|four|other)\s(?:days?|weeks?|months?)|"
    r"(?:\d+|one|two|three|four|five|six|eight|ten|twelve)\s(?:treatment\s)?(?:sessions?|treatments?|injections?|applications?)"
    r"(?:\s(?:at|with)\s(?:\d+|one|two|three|four)[- ](?:week|month)\s?intervals?)?|"
    r"at\s(?:\d+|one|two|three|four|six)[- ](?:to[- ]\d+[- ])?(?:week|month)\s?intervals?)\b",
    re.IGNORECASE,
)
ARM_N_AFTER = re.compile(r"^[^.;]{0,20}?\(\s?n\s?=\s?(\d+)\s?\)")
ARM_N_BEFORE = re.compile(r"(\d+)\s(?:[\w-]+\s){0,2}?(?:patients|participants|subjects|women|men|sides|eyes|lesions|wounds|ulcers)\s(?:were\s)?(?:received|treated\swith|given|in\sthe)[^.;]{0,20}$", re.I)
SECONDARY = re.compile(r"\bsecondary\s(?:outcomes?|end[- ]?points?|measures?)\b", re.IGNORECASE)
KEYWORD_LIST = re.compile(r"^\s*key\s?words?\b|(?:;[^;]+){3,}", re.IGNORECASE)
"""A keyword line ("platelet-rich plasma; laser; ...") names topics, not the study's arms or measures."""
HOW_GIVEN = re.compile(r"\b(?:intravenous(?:ly)?|oral(?:ly)?|topical(?:ly)?|intradermal(?:ly)?|injections?|doses?|daily|bolus)\b", re.I)
MAX_POPULATION_WORDS = 25


@dataclass
class Arm:
    """One arm: its name as written, role, agent and how it was given, its size, and where it is said."""

    arm: str
    role: str
    agent: str
    sentences: list[Sentence] = field(default_factory=list)
    dose: str = ""
    route: str = ""
    schedule: str = ""
    n: int | None = None


@dataclass
class OutcomeMeasure:
    name: str
    primary: str
    timepoints: str
    sentence: Sentence


@dataclass
class Pico:
    """What the tagger found, assembled: the population (with its sentence) and the study's arms and outcomes."""

    population: tuple[str, Sentence] | None
    arms: list[Arm]
    outcomes: list[OutcomeMeasure]


def assemble(text: str, parts: list[tuple[int, int]], spans: list[PicoSpan]) -> Pico:
    """Population, arms and outcome measures of the summary (`parts`: the title's and abstract's
    (start, end) in `text`), whose tagged spans are `spans` (offsets into `text`)."""
    sentences = [s for start, end in parts for s in split_sentences(text, start, end) if not KEYWORD_LIST.search(s.text)]
    by_label: dict[str, list[PicoSpan]] = {"Participants": [], "Interventions": [], "Outcomes": []}
    for span in spans:
        if _sentence_of(sentences, span[0]) is not None:
            by_label.setdefault(span[2], []).append(span)
    population = _population(text, by_label["Participants"], sentences)
    arms = _arms(text, by_label["Interventions"], sentences)
    primary = [content_stems(p) for p in primary_outcomes(text)]
    outcomes = _outcomes(text, by_label["Outcomes"], sentences, primary)
    return Pico(population, arms, outcomes)


def _sentence_of(sentences: list[Sentence], offset: int) -> Sentence | None:
    return next((s for s in sentences if s.start <= offset < s.end), None)


def _population(text: str, spans: list[PicoSpan], sentences: list[Sentence]) -> tuple[str, Sentence] | None:
    for s, e, _ in spans:
        sentence = _sentence_of(sentences, s)
        if sentence is not None and 2 <= len(text[s:e].split()) <= MAX_POPULATION_WORDS:
            return " ".join(text[s:e].split()), sentence
    if spans:
        s, e, _ = spans[0]
        sentence = _sentence_of(sentences, s)
        return (" ".join(text[s:e].split()), sentence) if sentence else None
    return None


def _arms(text: str, spans: list[PicoSpan], sentences: list[Sentence]) -> list[Arm]:
    arms: list[Arm] = []
    for s, e, _ in spans:
        name = span_text(text[s:e])
        words = content_stems(name)
        if not words or not content_stems(HOW_GIVEN.sub(" ", DOSE.sub(" ", name))):
            continue  # "intravenous 1 g": how an arm is given, not an arm
        sentence = _sentence_of(sentences, s)
        same = next((a for a in arms if _same_arm(words, content_stems(a.arm))), None)
        if same is not None:
            if sentence is not None and sentence not in same.sentences:
                same.sentences.append(sentence)
            same.n = same.n or _arm_n(text, s, e)
            continue
        if len(arms) == MAX_ARMS:
            continue
        arms.append(Arm(name, "", name, [sentence] if sentence else [], n=_arm_n(text, s, e)))
    active = 0
    for arm in arms:
        if CONTROL.search(arm.arm):
            arm.role = "control"
        else:
            arm.role = "intervention" if active == 0 else "comparator"
            active += 1
        said = " ".join(s.text for s in arm.sentences)
        arm.dose = first(DOSE, said)
        arm.route = next((route for route, pattern in ROUTES if pattern.search(arm.arm)), "") or next(
            (route for route, pattern in ROUTES if pattern.search(said)), ""
        )
        arm.schedule = first(SCHEDULE, said)
    return arms


def _same_arm(words: set[str], other: set[str]) -> bool:
    """Two names of one arm (or one measure): one's content words inside the other's."""
    return words <= other or other <= words


def _arm_n(text: str, start: int, end: int) -> int | None:
    after = ARM_N_AFTER.match(text[end : end + 40])
    before = ARM_N_BEFORE.search(text[max(0, start - 60) : start])
    found = after or before
    return int(found.group(1)) if found else None


def _outcomes(text: str, spans: list[PicoSpan], sentences: list[Sentence], primary: list[set[str]]) -> list[OutcomeMeasure]:
    found: list[OutcomeMeasure] = []
    for s, e, _ in spans:
        name = span_text(text[s:e])
        words = content_stems(name)
        sentence = _sentence_of(sentences, s)
        if not words or sentence is None or any(_same_arm(content_stems(o.name), words) for o in found):
            continue
        if any(stems and len(words & stems) * 2 >= len(stems) for stems in primary):
            status = "yes"
        else:
            status = "no" if SECONDARY.search(sentence.text) else "unclear"
        found.append(OutcomeMeasure(name, status, first(TIMEPOINT, sentence.text), sentence))
    return found
