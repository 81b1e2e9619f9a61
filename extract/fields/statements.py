"""The characteristics a paper states in set phrases: trial registration, funding and conflicts of
interest, the adverse-event summary, follow-up, age and sex. Each value comes with its sentence.

Every finder reads `Paper` regions (the reference list is never read) and returns the first fitting
sentence in the order the regions are preferred: a funding statement is looked for in a section named
for it before anywhere else, an age in the abstract and methods before the results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.fields.regions import Paper
from extract.fields.sentences import Sentence, split_sentences

REGISTRY_ID = re.compile(
    r"\b(?:NCT\s?\d{8}|ISRCTN\s?\d{8}|ChiCTR[-\w]{0,4}\d{6,}|KCT\d{7}|IRCT\d{8,}N\d{1,3}|IRCT\d{10,}|"
    r"CTRI/\d{4}/\d{2,3}/\d{6}|ACTRN\d{14}|DRKS\d{8}|EudraCT\s(?:No\.?\s|number\s)?\d{4}-\d{6}-\d{2}|"
    r"\d{4}-\d{6}-\d{2}|UMIN\d{9}|NTR\d{3,5}|JPRN-\w+|PACTR\d{15}|TCTR\d{11}|RBR-\w{6,8}|"
    r"CRD\d{11}|SLCTR/\d{4}/\d{3})\b"
)
"""Trial registry identifiers (ClinicalTrials.gov, ISRCTN, ChiCTR, CRIS, IRCT, CTRI, ANZCTR, DRKS, EudraCT,
UMIN, the Netherlands register, jRCT/JPRN, PACTR, TCTR, ReBEC, PROSPERO, SLCTR)."""
_EUDRACT_BARE = re.compile(r"^\d{4}-\d{6}-\d{2}$")
_EUDRACT_CONTEXT = re.compile(r"EudraCT", re.IGNORECASE)

FUNDING_SECTION = re.compile(r"\bfunding|financial support|grants?\b|sources? of (?:funding|support)|acknowledg", re.IGNORECASE)
FUNDING_LABEL = re.compile(r"(?:^|[.,;]\s)\s*(?:funding|financial support|sources? of (?:funding|support)|grant support)\b", re.IGNORECASE)
CONFLICT_LABEL = re.compile(r"(?:^|[.,;]\s)\s*(?:conflicts? of interests?|competing interests?|disclosures?|declaration of interests?)\b", re.IGNORECASE)
CONFLICT_SECTION = re.compile(r"conflicts? of interests?|competing interests?|disclosures?|declaration of interests?|declarations", re.IGNORECASE)
FUNDING = re.compile(
    r"\b(?:funded|supported|sponsored|financed)\s(?:in\spart\s)?by\b|\bfunding\b|\bgrants?\s(?:no\.?|number|from)|"
    r"\bsources?\sof\s(?:support|funding)\b|\bfinancial\ssupport\b|\bno\s(?:external\s)?funding\b",
    re.IGNORECASE,
)
CONFLICT = re.compile(
    r"\bconflicts?\sof\sinterests?\b|\bcompeting\s(?:financial\s)?interests?\b|\bnothing\sto\sdisclose\b|"
    r"\b(?:financial|commercial)\s(?:interests?|relationships?)\b|\bdisclos(?:e|es|ed|ure)\b",
    re.IGNORECASE,
)
NONE_DECLARED = re.compile(
    r"\b(?:no|none|nil|not\sany|nothing)\b[^.;]{0,50}?(?:conflicts?|competing|disclos|financial|declared|interest)|"
    r"\b(?:conflicts?\sof\sinterests?|competing\sinterests?|source\sof\ssupport)\s*[:.]?\s*(?:none|nil|no)\b|"
    r"\bdeclare[sd]?\s(?:that\s)?(?:they\shave\s)?no\b",
    re.IGNORECASE,
)
INDUSTRY = re.compile(
    r"\b(?:Inc|Ltd|LLC|GmbH|Corp(?:oration)?|Co\.|S\.?A|AG|plc|Pharma\w*|pharmaceuticals?|company|companies|"
    r"employees?|employed|consultan\w*|honorari\w*|remuneration|fees|royalt\w*|patents?|advisory\sboards?|stock|shares|"
    r"speaker'?s?\sbureau)\b"
)
ADVERSE = re.compile(
    r"\b(?:adverse\s(?:events?|effects?|reactions?|drug\sreactions?)|side[- ]effects?|complications?|"
    r"safety|tolerated|toxicit\w*|allergic\sreactions?|hypersensitivity)\b",
    re.IGNORECASE,
)
ADVERSE_SUMMARY = re.compile(
    r"\b(?:no|none|not|any|were|was|occurred|observed|reported|experienced|developed|mild|transient|serious|"
    r"well[- ]tolerated|safe)\b",
    re.IGNORECASE,
)
_DURATION = r"(?P<n>\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|twenty-four)[\s-](?P<unit>days?|weeks?|months?|years?)"
FOLLOW_UP = (
    re.compile(rf"\bfollow(?:ed)?[- ]?up\b[^.;]{{0,60}}?\b{_DURATION}", re.IGNORECASE),
    re.compile(rf"{_DURATION}\b[^.;]{{0,20}}?\bfollow[- ]?up\b", re.IGNORECASE),
    re.compile(rf"\bfollowed\s(?:up\s)?(?:for|over)\s(?:a\s(?:mean|median)\s(?:of\s)?)?{_DURATION}", re.IGNORECASE),
)
TREATMENT_PERIOD = re.compile(rf"\b(?:for|over|during)\s(?:a\s(?:period|total)\sof\s)?{_DURATION}\b", re.IGNORECASE)
AGE_MEAN = re.compile(
    r"\b(?:(?:mean|median|average)\s(?:\(\s?(?:±\s?)?SD\s?\)\s)?age\b[^.;]{0,40}?\d+(?:\.\d+)?(?:\s?(?:±|\+/-)\s?\d+(?:\.\d+)?)?"
    r"(?:\syears)?(?:\s?\((?:range|SD|IQR|±)[^()]{0,25}\))?)",
    re.IGNORECASE,
)
AGE_RANGE = re.compile(
    r"\b(?:aged\s(?:between\s)?\d+\s?(?:-|–|to|and)\s?\d+\s?(?:years)?|"
    r"age(?:s|d)?\s(?:range\s)?(?:from\s)?\d+\s?(?:-|–|to)\s?\d+\s?years)",
    re.IGNORECASE,
)
_COUNT = r"(?:\d[\d,]*|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve|[Tt]hirty|[Tt]wenty|[Ff]orty|[Ff]ifty)"
_SEX_WORD = r"(?:women|females?|men|males?|girls|boys)"
SEX = re.compile(
    rf"\b{_COUNT}\s(?:\(\d+(?:\.\d+)?\s?%\)\s)?(?:(?:adult|healthy|consecutive)\s)?{_SEX_WORD}(?:\s(?:patients|participants|subjects|volunteers))?\b"
    rf"(?:\s?(?:and|,)\s{_COUNT}\s(?:\(\d+(?:\.\d+)?\s?%\)\s)?{_SEX_WORD}\b)?"
    rf"|\b{_SEX_WORD}\s\(\d+\)\s(?:and|,)\s{_SEX_WORD}\s\(\d+\)"
    rf"|\b\d+(?:\.\d+)?\s?%\s(?:\([^()]{{1,20}}\)\s)?(?:were\s)?(?:female|male|women|men)\b"
    rf"|\b{_COUNT}\s\(\d+(?:\.\d+)?\s?%\)\swere\s(?:female|male|women|men)\b"
    rf"|\b\d+\sof\s(?:the\s)?\d+\s(?:participants|patients|subjects)\swere\s(?:women|female|men|male)\b",
)
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "twelve": 12, "eighteen": 18, "twenty-four": 24}
WEEKS_PER = {"day": 1 / 7, "week": 1.0, "month": 4.345, "year": 52.18}
MAX_FOLLOW_UP_YEARS = 20
"""Longer "follow-up ... N years" is an age or a calendar span read by mistake."""
BODY_KINDS = ("abstract", "methods", "results", "front", "title", "other", "conclusion")
"""Where a paper states its own characteristics (the introduction and discussion recount others')."""


@dataclass(frozen=True)
class Statement:
    """A value as written and the sentence it was read from."""

    value: str
    sentence: Sentence


def sentences_in(paper: Paper, kinds: tuple[str, ...] = BODY_KINDS):
    """Sentences of the paper's regions of these kinds, in the order of `kinds`."""
    for kind in kinds:
        for region in paper.regions:
            if region.kind == kind:
                yield from split_sentences(paper.text, region.start, region.end)


def registrations(paper: Paper) -> list[Statement]:
    """Every registry identifier the paper gives for itself, once each, exactly as written."""
    found: dict[str, Statement] = {}
    for sentence in sentences_in(paper):
        for match in REGISTRY_ID.finditer(sentence.text):
            value = match.group()
            if _EUDRACT_BARE.match(value) and not _EUDRACT_CONTEXT.search(sentence.text):
                continue
            found.setdefault(value.replace(" ", ""), Statement(value, sentence))
    return list(found.values())


def named_section_statement(
    paper: Paper,
    titles: dict[int, str],
    section_titles: re.Pattern[str],
    phrase: re.Pattern[str],
    blocks: list[tuple[str, int, int]],
    label: re.Pattern[str],
) -> Statement | None:
    """The statement in a section named for it (`titles`: region start -> its section's title), else in a
    block that carries its label (`labelled_block`), else the first sentence anywhere that `phrase` matches."""
    for region in paper.regions:
        title = titles.get(region.start, "")
        if section_titles.search(title):
            sentences = [
                s for s in split_sentences(paper.text, region.start, region.end) if s.text.strip(" :.") != title.strip(" :.")
            ]
            own = sentences[0] if sentences and label.search(title) else None  # "Funding: None." under "Funding"
            chosen = next((s for s in sentences if phrase.search(s.text) and len(s.text.split()) > 3), own)
            if chosen is not None:
                return Statement(chosen.text, chosen)
    labelled = labelled_block(blocks, label, paper.text)
    if labelled is not None:
        return labelled
    for sentence in sentences_in(paper, ("front", "other", "abstract", "methods", "title", "conclusion")):
        if phrase.search(sentence.text) and len(sentence.text.split()) > 3:
            return Statement(sentence.text, sentence)
    return None


def industry(funding: Statement | None, conflicts: Statement | None) -> str:
    """`yes` when a company funded the work or an author declares ties to one, `no` when the conflicts
    statement declares none and no company is named, else `unclear`."""
    texts = [s.sentence.text for s in (funding, conflicts) if s is not None]
    if any(INDUSTRY.search(t) and not NONE_DECLARED.search(t) for t in texts):
        return "yes"
    if conflicts is not None and NONE_DECLARED.search(conflicts.sentence.text):
        return "no"
    return "unclear"


AIM = re.compile(
    r"\b(?:aim(?:ed|s)?|objectives?|purpose|to\s(?:evaluate|assess|determine|investigate|compare|examine|explore)|"
    r"(?:were|was)\s(?:also\s)?(?:monitored|assessed|recorded|evaluated|collected|documented|graded|conducted|performed)|"
    r"literature|previous(?:ly)?|rare\sbut)\b",
    re.IGNORECASE,
)


def labelled_block(blocks: list[tuple[str, int, int]], label: re.Pattern[str], text: str) -> Statement | None:
    """A block that opens with a statement's label ("Source of Support: Nil, Conflict of Interest: None
    declared."), wherever the parser put it (a footnote, or after the reference list): (kind, start, end) blocks."""
    for _, start, end in blocks:
        if label.search(text[start:end]) and len(text[start:end].split()) > 2:
            return Statement(" ".join(text[start:end].split()), Sentence(start, end, text[start:end]))
    return None


def adverse_events(paper: Paper) -> Statement | None:
    """The paper's own summary of adverse events: the first such statement in the abstract, else the
    results (not an aim that names safety)."""
    for sentence in sentences_in(paper, ("abstract", "results", "conclusion")):
        text = sentence.text
        if ADVERSE.search(text) and ADVERSE_SUMMARY.search(text) and not AIM.search(text) and len(text.split()) >= 4:
            return Statement(sentence.text, sentence)
    return None


def follow_up(paper: Paper) -> tuple[Statement, float] | None:
    """The longest follow-up the abstract or methods state (else the treatment period), with it in weeks."""
    best: tuple[Statement, float] | None = None
    for patterns in (FOLLOW_UP, (TREATMENT_PERIOD,)):
        for sentence in sentences_in(paper, ("abstract", "methods", "results")):
            for match in (m for pattern in patterns for m in pattern.finditer(sentence.text)):
                weeks = _weeks(match.group("n"), match.group("unit"))
                if weeks is not None and (best is None or weeks > best[1]):
                    best = (Statement(" ".join(match.group().split()), sentence), weeks)
        if best is not None:
            return best
    return None


def first_stated(paper: Paper, pattern: re.Pattern[str]) -> Statement | None:
    """The first stretch `pattern` matches in the abstract, methods or results, as written."""
    for sentence in sentences_in(paper, ("abstract", "methods", "results")):
        match = pattern.search(sentence.text)
        if match:
            return Statement(" ".join(match.group().split()), sentence)
    return None


def _weeks(number: str, unit: str) -> float | None:
    value = WORD_NUMBERS.get(number.lower()) if not number[0].isdigit() else float(number)
    if value is None or (unit.lower().startswith("year") and value > MAX_FOLLOW_UP_YEARS):
        return None
    return round(value * WEEKS_PER[unit.lower().rstrip("s")], 1)
