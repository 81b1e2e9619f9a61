"""What a result sentence states besides its direction, as written: the timepoint, the group values,
the effect size; whether it is a harm; and the paper's primary outcome, to flag the claims about it."""

from __future__ import annotations

import re

_UNIT = r"(?:days?|weeks?|months?|years?|hours?|h|wk|mo)"
_NUMBER_WORD = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four)"
TIMEPOINT = re.compile(
    rf"\b(?:(?:at|after|by|over|within|during|until|up\sto|through)\s(?:the\s)?(?:end\sof\s)?(?:{_UNIT}\s{_NUMBER_WORD}\b|{_NUMBER_WORD}[\s-]{_UNIT}\b(?:\s(?:of\s)?(?:follow[- ]up|treatment|therapy))?)"
    rf"|\b(?:week|month|day|year)\s\d+\b"
    rf"|\b(?:at|after)\s(?:the\s)?end\sof\s(?:the\s)?(?:treatment|study|trial|therapy|follow[- ]up)\b)",
    re.IGNORECASE,
)
_VALUE = r"[-−]?\d+(?:[.,·]\d+)?\s*%?(?:\s*(?:±|\+/-)\s*\d+(?:[.,·]\d+)?\s*%?)?(?:\s*\((?![pP]\s*[<=>≤])[^()]{1,30}\))?"
GROUP_VALUES = re.compile(rf"{_VALUE}\s*(?:vs\.?|versus|compared\swith|compared\sto|and)\s*{_VALUE}", re.IGNORECASE)
EFFECT = re.compile(
    r"\b(?:a?OR|RR|HR|IRR|SMD|MD|WMD|RD|ARR|NNT|odds\sratio|(?:relative|absolute)\srisk(?:\s(?:ratio|reduction))?|hazard\sratio|"
    r"incidence\srate\sratio|(?:standardi[sz]ed\s|weighted\s)?mean\sdifference|risk\sdifference)\s*(?:\([^()]{1,20}\)\s*)?"
    r"(?:[=:,]|of|was)?\s*[-−]?\d+(?:[.·]\d+)?"
)
HARM = re.compile(
    r"\b(?:adverse|side[- ]effects?|complications?|safety|safe|toxicit\w*|tolerat\w*|harms?|serious|"
    r"irritation|infection|necrosis|allerg\w*|hypersensitivity|withdr\w*\sbecause)\b",
    re.IGNORECASE,
)
PRIMARY_STATEMENT = re.compile(
    r"\bprimary\s(?:efficacy\s)?(?:outcomes?|end[- ]?points?|variables?|measures?)(?:\smeasures?)?\s(?:was|were|is|are|included|consisted\sof|:)\s"
    r"(?:the\s|a\s)?(?P<outcome>[^.;]{3,160})",
    re.IGNORECASE,
)


def first(pattern: re.Pattern[str], sentence: str) -> str:
    """The first stretch of `sentence` that `pattern` matches, as written ("" when none)."""
    match = pattern.search(sentence)
    return " ".join(match.group().split()) if match else ""


def every(pattern: re.Pattern[str], sentence: str) -> str:
    """Every stretch `pattern` matches, as written, joined by "; "."""
    return "; ".join(" ".join(m.group().split()) for m in pattern.finditer(sentence))


def primary_outcomes(text: str) -> list[str]:
    """What the paper names as its primary outcome(s) ("The primary outcome was the change in ECCA score"),
    without the timepoint it was measured at."""
    return [TIMEPOINT.sub("", m.group("outcome")).strip() for m in PRIMARY_STATEMENT.finditer(text)]


_DANGLING = re.compile(r"^(?:(?:versus|vs\.?|and|or|with|to|of|the|compared\swith)\s+)+|(?:\s+(?:versus|vs\.?|and|or|with|to|of|the|compared\swith))+$", re.I)


def span_text(text: str) -> str:
    """A tagged span's words, without the connectors a span boundary often takes ("azelaic acid versus")."""
    return _DANGLING.sub("", " ".join(text.split()).strip(" ,.;:")).strip(" ,.;:")
