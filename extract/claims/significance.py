"""Significance as the paper states it: p-values and confidence intervals found in a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"(?:\d+(?:[.·]\d+)?|[.·]\d+)(?:\s*[×x]\s*10\s*[-−–]\s*\d+|\s*[eE][-−–]?\d+)?"
P_VALUE = re.compile(
    rf"(?<![A-Za-z])[pP](?:\s*[-–]?\s*(?:value|for (?:trend|interaction)))?\s*(?P<op>[<>=≤≥]|&lt;|&gt;|<=|>=)\s*(?P<value>{_NUMBER})"
    rf"|(?<![A-Za-z])[pP]\s*(?:=\s*)?(?P<ns>NS\b)"
)
CONFIDENCE_INTERVAL = re.compile(
    rf"(?P<level>\d{{2}}(?:\.\d)?)\s*%\s*(?:CI|confidence intervals?|C\.I\.)[\s,:=]*(?:of\s*)?[\[(]?\s*"
    rf"(?P<low>[-−–]?{_NUMBER})\s*(?:[-−–—]|to|,)\s*(?P<high>[-−–]?{_NUMBER})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PValue:
    """A stated p-value: its text, comparison (`<`, `=`, `>`, ...) and number (None for `NS`)."""

    text: str
    op: str
    value: float | None

    @property
    def significant(self) -> bool | None:
        """Below 0.05 (True), clearly not (False), or not decidable from the statement (None)."""
        if self.value is None:
            return False
        if self.op in ("<", "≤", "<="):
            return self.value <= 0.05
        if self.op == "=":
            return self.value < 0.05
        return False if self.value >= 0.05 else None


@dataclass(frozen=True)
class ConfidenceInterval:
    """A stated confidence interval: its text and bounds."""

    text: str
    low: float
    high: float

    def excludes(self, null: float) -> bool:
        """Whether the interval lies wholly on one side of `null` (0 for differences, 1 for ratios)."""
        return not (min(self.low, self.high) <= null <= max(self.low, self.high))


_SCIENTIFIC = re.compile(r"(?P<mantissa>[-\d.]+)(?:[×x]10(?P<power>-?\d+)|[eE](?P<e>-?\d+))?$")


def _float(raw: str) -> float:
    """`0.05`, `.02`, `0·3`, `−1.2`, `2.1×10-5`, `1e-4` as a float (ValueError otherwise)."""
    clean = raw.replace("·", ".").replace("−", "-").replace("–", "-").replace(" ", "")
    match = _SCIENTIFIC.match(clean)
    if not match:
        raise ValueError(raw)
    exponent = match.group("power") or match.group("e") or "0"
    return float(match.group("mantissa")) * 10 ** int(exponent)


def p_values(sentence: str) -> list[PValue]:
    """Every p-value stated in `sentence`, in order."""
    found = []
    for match in P_VALUE.finditer(sentence):
        if match.group("ns"):
            found.append(PValue(match.group().strip(), "", None))
            continue
        try:
            value = _float(match.group("value"))
        except ValueError:
            continue
        if value <= 1:
            op = {"&lt;": "<", "&gt;": ">"}.get(match.group("op"), match.group("op"))
            found.append(PValue(match.group().strip(), op, value))
    return found


def confidence_intervals(sentence: str) -> list[ConfidenceInterval]:
    """Every confidence interval stated in `sentence` (`95% CI 0.28–5.19`), in order."""
    found = []
    for match in CONFIDENCE_INTERVAL.finditer(sentence):
        try:
            found.append(
                ConfidenceInterval(
                    match.group().strip(), _float(match.group("low")), _float(match.group("high"))
                )
            )
        except ValueError:
            continue
    return found


_NOT_SIGNIFICANT = re.compile(
    r"\b(?:no|not|nor|without|neither)\b[^.;]{0,40}?\b(?:significant(?:ly)?|statistically|differ(?:ed|ences?)?)\b"
    r"|\bdid\snot\s(?:significantly\s)?(?:differ|change|improve|reduce|increase|decrease|affect)\b"
    r"|\b(?:non-?significant(?:ly)?|insignificant|similar|comparable|unchanged)\b|\bn\.?s\.?\b",
    re.IGNORECASE,
)
_SIGNIFICANT = re.compile(r"\bsignificant(?:ly)?\b|\bsignificance\b", re.IGNORECASE)
SIGNIFICANCE = ("significant", "not_significant", "not_stated")


def stated_significance(sentence: str) -> str:
    """Whether `sentence` states its result as significant, not significant, or says nothing of it.

    A negated or null phrase ("no significant difference", "did not differ", "similar") makes it
    `not_significant` unless a p-value below 0.05 is also stated; then a p-value below 0.05, "significant(ly)"
    or a CI excluding both 0 and 1 makes it `significant`; p-values at or above 0.05 or a CI around the
    null, `not_significant`; nothing of these, `not_stated`.
    """
    verdicts = {p.significant for p in p_values(sentence)}
    intervals = confidence_intervals(sentence)
    if _NOT_SIGNIFICANT.search(sentence) and True not in verdicts:
        return "not_significant"
    if True in verdicts or _SIGNIFICANT.search(sentence) or any(ci.excludes(0.0) and ci.excludes(1.0) for ci in intervals):
        return "significant"
    if False in verdicts or any(not ci.excludes(0.0) and not ci.excludes(1.0) for ci in intervals):
        return "not_significant"
    return "not_stated"
