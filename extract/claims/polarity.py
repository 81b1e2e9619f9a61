"""Direction words that say how good a result is rather than which way the measure moved.

"PASI improved" means the PASI score fell; "hair density improved" means it rose. A claim's direction is
that of the outcome measure, so an evaluative verb (improve, better, worsen) is read through the measure's
polarity: whether a lower value of it is the better one. Associations are read from their sign
("inversely related" = decreased). When the sentence also names the way the measure moved ("reduced",
"higher"), the direction model's reading stands.
"""

from __future__ import annotations

import re

LOWER_IS_BETTER = re.compile(
    r"\b(?:time\sto|duration|pain|vas|pasi|esi|pga|scorad|o?scorad|easi|m?masi|ecca|goodman|vss|vancouver|posas|"
    r"severity|erythema|redness|wrinkles?|scars?|scarring|lesions?|acne|melasma|pigmentation|hyperpigmentation|melanin|"
    r"tewl|transepidermal|roughness|depth|glucose|fpg|hba1c|cholesterol|ldl|triglycerides?|weight|bmi|waist|"
    r"blood\spressure|mortality|deaths?|complications?|infections?|adverse|side\seffects?|recurrence|relapse|"
    r"hair\sloss|shedding|itch(?:ing)?|pruritus|inflammation|o?edema|crusting|symptoms?|disability|fatigue|"
    r"depression|anxiety|bleeding|blood\sloss|transfusion|length\sof\s(?:hospital\s)?stay|ulcer\s(?:size|area)|"
    r"wound\s(?:size|area)|size|area|sagging|laxity|pore)s?\b",
    re.IGNORECASE,
)
HIGHER_IS_BETTER = re.compile(
    r"\b(?:density|hair\scount|hair\snumber|thickness|diameter|elasticity|firmness|hydration|moisture|collagen|"
    r"elastin|satisfaction|quality\sof\slife|healing(?:\srate)?|closure|re-?epitheliali[sz]ation|success|response|"
    r"remission|survival|take|gais|function|strength|texture|tightness|brightness|radiance|improvement)\b",
    re.IGNORECASE,
)
_EVALUATIVE = re.compile(r"\b(?P<good>improv\w*|better|benefi\w*|amelior\w*)\b|\b(?P<bad>wors\w*|deteriorat\w*)\b", re.IGNORECASE)
_MOVED = re.compile(
    r"\b(?:increas\w*|decreas\w*|higher|lower|reduc\w*|ris(?:e|es|ing)|rose|fell|fall\w*|drop\w*|declin\w*|gain\w*|"
    r"less|fewer|greater|elevat\w*|shorter|longer|larger|smaller)\b",
    re.IGNORECASE,
)
_MORE_IMPROVEMENT = re.compile(
    r"\bimprovement\b[^.;]{0,80}?\b(?:better|greater|more|larger|superior)\b|\b(?:better|greater|more|larger)\s(?:[\w-]+\s)?improvement\b",
    re.IGNORECASE,
)
_INVERSE = re.compile(r"\b(?:inverse(?:ly)?|negative(?:ly)?)\s(?:[\w-]+\s){0,2}?(?:associat|correlat|relat)", re.IGNORECASE)
_POSITIVE = re.compile(r"\b(?:positive(?:ly)?|direct(?:ly)?)\s(?:[\w-]+\s){0,2}?(?:associat|correlat|relat)", re.IGNORECASE)


def lower_is_better(measure: str) -> bool | None:
    """Whether a lower value of `measure` is the better one (None when the words do not say)."""
    low, high = LOWER_IS_BETTER.search(measure), HIGHER_IS_BETTER.search(measure)
    if low and high:
        return low.start() <= high.start()
    return True if low else False if high else None


def read_direction(sentence: str, outcome: str, model_direction: str) -> str:
    """The direction of the outcome measure: from the sign of an association, from a comparison of the
    amount of improvement, from an evaluative verb read through the measure's polarity, else the
    direction model's."""
    inverse, positive = _INVERSE.search(sentence), _POSITIVE.search(sentence)
    if inverse and not positive:
        return "decreased"
    if positive and not inverse:
        return "increased"
    if _MORE_IMPROVEMENT.search(sentence):
        return "increased"  # the amount of improvement is the measure compared ("improvement was better with A")
    evaluative = _EVALUATIVE.search(sentence)
    if evaluative is None or _MOVED.search(sentence) or model_direction == "no_difference":
        return model_direction
    polarity = lower_is_better(outcome) if outcome else None
    if polarity is None:
        polarity = lower_is_better(sentence)
    if polarity is None:
        return model_direction
    good = evaluative.group("good") is not None
    return "decreased" if polarity == good else "increased"
