"""Explicit cue rules for study design: phrases that state a design, and the design attributes.

Each `Cue` is a regular expression for one design label with a weight (how strongly the phrase
states that design when a paper says it about itself). `design.py` weighs the hits by where the
sentence stands (title, abstract and methods count most; the introduction's and discussion's
mentions of other studies count little) and combines them with the classifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NOT_NEGATED = r"(?<!non-)(?<!non )(?<!quasi-)(?<!quasi )(?<!not )(?<!pseudo-)"
_NUMBER_WORD = r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)"
_BODY_PART = r"(?:side|half|half-face|hemiface|sites?|arm|leg|limb|hand|foot|eye|axilla|lesion|scar|area)s?"
_RANDOM = re.compile(r"\brandom", re.IGNORECASE)


@dataclass(frozen=True)
class Cue:
    """A phrase that states design `label`, with its weight; not a cue in a sentence that `unless` matches."""

    label: str
    pattern: re.Pattern[str]
    weight: float
    unless: re.Pattern[str] | None = None


def _cue(label: str, weight: float, *patterns: str, unless: re.Pattern[str] | None = None) -> Cue:
    return Cue(label, re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE), weight, unless)


CUES: tuple[Cue, ...] = (
    _cue(
        "rct",
        3.0,
        _NOT_NEGATED + r"\brandomi[sz]ed,?\s(?:[\w-]+[\s,]+){0,5}?(?:trial|study|clinical\sstudy)\b",
        _NOT_NEGATED + r"\b(?:were|was|be|being|been)\s(?:then\s)?(?:randomi[sz]ed|randomly\s(?:assigned|allocated|divided|distributed|selected\sto\sreceive))",
        r"\brandomly\s(?:assigned|allocated|divided)\b",
        r"\b(?:underwent|by|using)\s(?:a\s)?(?:computer[- ]generated\s|block\s|simple\s|stratified\s)?randomi[sz]ation\b",
        r"\bRCT\b",
        # within-person randomization is said of the side or site ("one side was randomly selected")
        rf"\b{_BODY_PART}\s(?:[\w-]+\s){{0,6}}?(?:was|were)\s(?:randomly|randomi[sz]ed)\b",
        rf"\brandom(?:ly|i[sz]ed)\s(?:[\w-]+\s){{0,4}}?(?:to|on|into)\s(?:one|either|each|the\s(?:left|right))\s(?:[\w-]+\s){{0,4}}?{_BODY_PART}\b",
        rf"\b(?:one|a|each)\srandom(?:ly)?[- ](?:selected|chosen|assigned|allocated)\s{_BODY_PART}\b",
    ),
    _cue(
        "nrct",
        3.5,
        r"\bnon[- ]?randomi[sz]ed\s(?:[\w-]+\s){0,3}?(?:trial|study|intervention)",
        r"\bquasi[- ](?:experimental|randomi[sz]ed)",
        r"\bcontrolled\sbefore[- ](?:and[- ])?after\b",
        r"\b(?:concurrent|historical|non-?randomi[sz]ed)\scontrol\s(?:group|arm)s?\b",
        r"\bwithout\srandomi[sz]ation\b",
    ),
    _cue(
        "nrct",
        2.5,
        # a controlled or comparative study that never says it was randomized
        r"(?<![-\w])(?<!case )controlled,?\s(?:[\w-]+,?\s){0,3}?(?:study|trial)\b",
        r"\bnon[- ]?inferiority\s(?:[\w-]+\s){0,2}?(?:study|trial)\b",
        r"\bintra-?(?:patient|individual)\s(?:[\w-]+\s){0,2}?(?:study|trial|comparison|design)\b",
        unless=_RANDOM,
    ),
    _cue(
        "single_arm",
        3.0,
        r"\bsingle[- ](?:arm|group|centre,?\s+single[- ]arm)\b",
        r"\buncontrolled\s(?:[\w-]+\s){0,2}?(?:trial|study)\b",
        r"\b(?:open[- ]label,?\s)?non[- ]?comparative\s(?:trial|study)\b",
        r"\bbefore[- ]and[- ]after\s(?:study|design|trial)\b",
        r"\bpre[- ]?(?:test)?[- /]post[- ]?(?:test)?\s(?:study|design)\b",
        r"\bprospective,?\s(?:[\w-]+,?\s){0,2}?interventional\b",
        r"\bphase\s(?:I|II|1|2|I/II|1/2)[ab]?\s(?:[\w-]+\s){0,2}?(?:study|trial)\b",
    ),
    _cue(
        "single_arm",
        4.0,
        # the paper says it had no control group
        r"\b(?:lack|absence)\sof\s(?:a\s)?(?:control|comparison|comparator)\s(?:group|arm)\b",
        r"\b(?:without|no)\s(?:a\s)?(?:control|comparison|comparator)\s(?:group|arm)\b",
    ),
    _cue(
        "single_arm",
        2.5,
        r"\bopen[- ]label,?\s(?:[\w-]+,?\s){0,2}?pilot\b|\bpilot,?\s(?:[\w-]+,?\s){0,2}?open[- ]label\b",
        unless=re.compile(r"\brandom|\bcontrol(?:led)?\b|\bversus\b|\bvs\.?\s|\bcompar|\bplacebo\b", re.IGNORECASE),
    ),
    _cue(
        "cohort",
        2.5,
        r"\bcohort\sstud(?:y|ies)\b",
        r"\b(?:prospective|retrospective|population-based|longitudinal|observational)\s(?:[\w-]+\s){0,2}?cohort\b",
        r"\bretrospective(?:ly)?\s(?:[\w-]+\s){0,2}?(?:review(?:ed)?|analy[sz](?:is|ed)|study|comparison|evaluation)\b",
        r"\b(?:medical\s|patient\s)?(?:chart|records?)\s(?:were\s)?review(?:ed)?\b",
        r"\blongitudinal\s(?:[\w-]+\s){0,2}?study\b",
        r"\breview\sof\sour\sexperience\b|\bour\s(?:institutional\s)?experience\swith\b",
    ),
    _cue(
        "cohort",
        1.0,
        r"\b(?:prospective|observational)\s(?!(?:[\w-]+\s){0,2}?(?:cross-?over|interventional|randomi[sz]ed)\b)(?:[\w-]+\s){0,2}?study\b",
        r"\bfollowed\s(?:up\s)?(?:for|over)\s\d+",
    ),
    _cue(
        "case_control",
        3.5,
        r"\bcase[- ]control(?:led)?\b",
        r"\bcases\sand\s(?:\d+\s)?(?:healthy\s|matched\s)?controls\b",
        r"\b(?:age|sex)[- ](?:and\s(?:sex|age)[- ])?matched\s(?:healthy\s)?controls\b",
        r"\b\d+\s(?:[\w-]+\s){0,3}?(?:patients|cases|subjects|individuals)?\s?and\s\d+\s(?:healthy\s|unrelated\s|matched\s)?controls\b",
    ),
    _cue(
        "cross_sectional",
        3.0,
        r"\bcross[- ]sectional\b",
        r"\bprevalence\s(?:study|survey)\b",
        r"\b(?:online|postal|national|questionnaire)[- ]?(?:based\s)?survey\b",
        r"\bdiagnostic\s(?:yield|accuracy)\sstudy\b",
    ),
    _cue(
        "case_series",
        3.0,
        r"\bcase\sseries\b",
        rf"\b(?:report|describe|present)\s(?:of\s)?(?:the\s)?{_NUMBER_WORD}\s(?:[\w-]+\s){{0,2}}?(?:cases|patients|siblings|members)\b",
        rf"\bseries\sof\s{_NUMBER_WORD}\s(?:consecutive\s)?(?:patients|cases)\b",
        r"\bretrospective\s(?:[\w-]+\s){0,2}?series\b",
    ),
    _cue(
        "case_report",
        3.5,
        r"\bcase\s(?:report|presentation|description)\b",
        r"\b(?:we|here\swe|this\spaper|this\sarticle)\s(?:report|present|describe)\s(?:a|an|the)\s(?:[\w-]+\s){0,4}?case\b",
        r"\ba\s\d{1,3}[- ]year[- ]old\s(?:[\w-]+\s){0,2}?(?:man|woman|male|female|boy|girl|patient|child|infant)\b",
        r"\b(?:we|here(?:in)?,?\swe|this\s(?:paper|article|report))\s(?:report|present|describe)\s(?:a|an|one)\s"
        r"(?:[\w-]+\s){0,3}?(?:patient|man|woman|boy|girl|child|infant)\b",
    ),
    _cue(
        "systematic_review",
        3.5,
        r"\bsystematic(?:ally)?\s(?:[\w-]+\s){0,2}?review",
        r"\bPRISMA\b",
        r"\b(?:searched|search\sof|searches\sof)\s(?:the\s)?(?:[\w-]+\s){0,3}?(?:MEDLINE|PubMed|Embase|Cochrane|Web\sof\sScience|Scopus|CINAHL)",
    ),
    _cue(
        "meta_analysis",
        4.0,
        r"\bmeta-?analys[ie]s\b",
        r"\bpooled\s(?:[\w-]+\s){0,2}?analys[ie]s\sof\s\w+\s(?:[\w-]+\s){0,2}?(?:studies|trials)\b",
        r"\brandom[- ]effects?\smodel\b",
    ),
    _cue(
        "narrative_review",
        2.5,
        r"\b(?:this|the\spresent|in\sthis)\s(?:[\w-]+\s){0,2}?review\b",
        r"\bwe\s(?:review|summari[sz]e|discuss)\s(?:the\s)?(?:current|recent|latest|available)\b",
        r"\b(?:narrative|literature|mini-?)\sreview\b",
        r"\bthis\s(?:article|paper)\s(?:reviews|summari[sz]es|discusses)\b",
    ),
    _cue(
        "animal",
        2.0,
        r"\b(?:mice|mouse|rats?|rabbits?|guinea\spigs|hamsters?|zebrafish|piglets|minipigs|beagles|sheep|"
        r"macaques|primates|C\.\selegans|Caenorhabditis|Drosophila|(?:BALB/c|C57BL/6\w*|Wistar|Sprague[- ]Dawley))\b",
        r"\banimal\s(?:model|study|experiments?|care|ethics)\b",
    ),
    _cue(
        "in_vitro",
        2.0,
        r"\bin\svitro\b",
        r"\bcell\slines?\b",
        r"\b(?:cells|fibroblasts|specimens|samples)\swere\s(?:cultured|seeded|incubated|treated|grown|exposed)\b",
        r"\b(?:extracted|sound|exfoliated)\s(?:human\s)?(?:upper\sand\slower\s)?(?:primary\s|permanent\s)?(?:teeth|molars|premolars)\b",
        r"\b(?:teeth|specimens|samples|discs|blocks)\s(?:[\w-]+\s){0,6}?were\s(?:randomly\s)?(?:divided|assigned|allocated|distributed)\b",
        r"\b(?:crystal\sstructures?|enzyme\skinetics|recombinant\s(?:protein|enzyme))\b",
    ),
    _cue(
        "protocol",
        4.0,
        r"\b(?:study|trial)\sprotocol\b(?!\swas\sapproved)",
        r"\bthis\sprotocol\b",
        r"\bwill\sbe\s(?:randomi[sz]ed|randomly|recruited|enrolled|allocated)\b",
    ),
)
"""Design cues; a label may have a strong and a weak cue, each a set of alternative phrases."""

ATTRIBUTE_CUES: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "randomized": (("yes", re.compile(_NOT_NEGATED + r"\brandomi[sz](?:ed|ation)|\brandomly\s(?:assigned|allocated|divided)", re.I)),),
    "within_subject": (
        ("split-face", re.compile(r"\bsplit[- ]face\b|\bhalf[- ]face\b|\b(?:one|each|other|contralateral)\s(?:side|half)\sof\s(?:the|their|each)\s(?:patient.s\s)?face\b", re.I)),
        ("split-scalp", re.compile(r"\bsplit[- ]scalp\b", re.I)),
        ("split-mouth", re.compile(r"\bsplit[- ]mouth\b", re.I)),
        ("split-body", re.compile(r"\b(?:split[- ]body|half[- ]side|left[- ]right\scomparison)\b", re.I)),
        ("contralateral", re.compile(r"\bcontralateral\s(?:side|eye|limb|control)s?\s(?:served|as)\b", re.I)),
        ("within-subject", re.compile(r"\b(?:within[- ](?:subjects?|patients?)|intra[- ]?(?:individual|patient))\s(?:[\w-]+\s)?(?:design|comparison|control|study|trial)", re.I)),
    ),
    "crossover": (("yes", re.compile(r"\bcross[- ]?over\s(?:[\w-]+\s){0,2}?(?:trial|study|design)\b", re.I)),),
    "cluster": (("yes", re.compile(r"\bcluster[- ](?:randomi[sz]ed|randomi[sz]ation|trial)", re.I)),),
    "blinding": (
        ("triple", re.compile(r"\btriple[- ](?:blind|mask)", re.I)),
        ("double", re.compile(r"\bdouble[- ](?:blind|mask)", re.I)),
        ("single", re.compile(r"\bsingle[- ](?:blind|mask)|\b(?:assessor|observer|evaluator)[- ]blind", re.I)),
        ("open", re.compile(r"\bopen[- ]label\b|\bunblinded\b|\bnot\sblinded\b", re.I)),
    ),
    "placebo_controlled": (("yes", re.compile(r"\b(?:placebo|vehicle|sham)[- ]controlled\b|\bversus\splacebo\b|\bor\splacebo\b|\bplacebo\sgroup\b", re.I)),),
    "timing": (
        ("retrospective", re.compile(r"\bretrospective(?:ly)?\b(?!\s(?:registered|registration))", re.I)),
        ("prospective", re.compile(r"\bprospective(?:ly)?\b", re.I)),
    ),
    "multicentre": (("yes", re.compile(r"\bmulti-?(?:cent(?:re|er)|site|national)\b|\b(?:\d+|two|three|four|five|six|several)\s(?:participating\s)?(?:cent(?:re|er)s|hospitals|sites)\b", re.I)),),
}
"""Attribute name -> (value, pattern) alternatives, first match wins."""


@dataclass(frozen=True)
class CueHit:
    """Cue of `label` matched `text[start:end]`."""

    label: str
    weight: float
    start: int
    end: int


def find_cues(text: str, start: int = 0, end: int | None = None) -> list[CueHit]:
    """Every design cue in `text[start:end]` (offsets into `text`), at most one hit per label."""
    end = len(text) if end is None else end
    hits: list[CueHit] = []
    for cue in CUES:
        found = cue.pattern.search(text, start, end)
        if found and not (cue.unless and cue.unless.search(text, start, end)):
            hits.append(CueHit(cue.label, cue.weight, found.start(), found.end()))
    return hits


def find_attributes(text: str) -> dict[str, str]:
    """The design attributes `text` states (`{"blinding": "double", "crossover": "yes", ...}`)."""
    found: dict[str, str] = {}
    for name, alternatives in ATTRIBUTE_CUES.items():
        for value, pattern in alternatives:
            if pattern.search(text):
                found[name] = value
                break
    return found
