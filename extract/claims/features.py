"""Hand-made sentence features shared by the claim models: significance and direction cues, and
the sentence with a prompt's intervention, comparator and outcome words marked.

`mark_prompt("Pain was lower with ibuprofen than placebo", "ibuprofen", "placebo", "pain")` gives
`"_o_ was lower with _i_ than _c_"`, so word n-grams learn "lower with _i_" vs "lower with _c_".
"""

from __future__ import annotations

import re

from extract.claims.significance import confidence_intervals, p_values

WORD = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?|[^\sA-Za-z\d]")
STOPWORDS = frozenset(
    "a an the of in on at to for with and or by from as vs versus than that this these those was were is are be been "
    "group groups arm arms patients patient subjects participants treatment treated therapy between after before "
    "during among compared comparison level levels rate rates score scores total mean change changes".split()
)
_CUES: dict[str, re.Pattern[str]] = {
    "no_difference": re.compile(
        r"\b(no|not|nor|without|neither)\b[^.;]{0,40}\b(significant|significantly|statistically|differ|difference|differences|change|effect|benefit|association)"
        r"|\bdid not (significantly )?(differ|change|improve|reduce|increase|decrease|affect)|\b(similar|comparable|unchanged|equivalent|non-?significant|insignificant)\b"
        r"|\bn\.?s\.?\b|\bfailed to\b",
        re.IGNORECASE,
    ),
    "significant": re.compile(r"\bsignifican(t|tly|ce)\b", re.IGNORECASE),
    "increase": re.compile(
        r"\b(increas\w*|higher|greater|more|improve\w*|elevat\w*|longer|ros[e]|raise\w*|gain\w*|better|enhanc\w*|larger|superior|augment\w*)\b",
        re.IGNORECASE,
    ),
    "decrease": re.compile(
        r"\b(decreas\w*|reduc\w*|lower\w*|less|fewer|declin\w*|shorter|fell|drop\w*|worse|smaller|inferior|attenuat\w*|diminish\w*|suppress\w*|prevent\w*)\b",
        re.IGNORECASE,
    ),
    "than": re.compile(r"\bthan\b", re.IGNORECASE),
    "versus": re.compile(r"\b(vs\.?|versus|compared (with|to)|relative to)\b", re.IGNORECASE),
    "conclude": re.compile(
        r"\b(conclu\w*|suggest\w*|indicat\w*|demonstrat\w*|show\w*|found|find|finding\w*|reveal\w*|support\w*)\b",
        re.IGNORECASE,
    ),
    "hedge": re.compile(r"\b(may|might|could|possibl\w*|potential\w*|likely)\b", re.IGNORECASE),
    "we": re.compile(r"\b(we|our|this study|the present study|this trial)\b", re.IGNORECASE),
    "aim": re.compile(
        r"\b(aim\w*|objective\w*|purpose|to (evaluate|assess|determine|investigate|compare|examine))\b",
        re.IGNORECASE,
    ),
    "number": re.compile(r"\d"),
    "percent": re.compile(r"%"),
}


def cue_features(sentence: str) -> dict[str, float]:
    """Significance and direction cues of `sentence` as named numeric features."""
    features = {f"cue:{name}": 1.0 for name, pattern in _CUES.items() if pattern.search(sentence)}
    stated = p_values(sentence)
    if stated:
        features["p:any"] = 1.0
        verdicts = {p.significant for p in stated}
        if True in verdicts:
            features["p:significant"] = 1.0
        if False in verdicts:
            features["p:not_significant"] = 1.0
    for interval in confidence_intervals(sentence):
        features["ci:any"] = 1.0
        if interval.excludes(0.0) and interval.excludes(1.0):
            features["ci:excludes_null"] = 1.0
        elif not interval.excludes(0.0) and not interval.excludes(1.0):
            features["ci:includes_null"] = 1.0
    features["length"] = min(len(sentence), 600) / 600
    return features


def stem(word: str) -> str:
    """A crude stem for matching prompt words to sentence words (`costs`/`cost`, `reduced`/`reduction`)."""
    return word.lower()[:6]


def content_stems(phrase: str) -> set[str]:
    """Stems of the words of `phrase` that carry meaning (no stopwords, no punctuation; short words
    only when they are numbers or acronyms such as `CQ`)."""
    return {
        stem(w)
        for w in WORD.findall(phrase)
        if (w.isalnum() and w.lower() not in STOPWORDS and (len(w) > 2 or w.isdigit() or w.isupper()))
    }


def initials(phrase: str) -> str:
    """The acronym the two-to-four-word name that opens `phrase` may go by (`conventional
    fractionation (2 Gy per day)` -> `cf`), else ''."""
    name = re.split(r"[(,;]", phrase, maxsplit=1)[0]
    words = [w for w in WORD.findall(name) if w.isalpha() and w.lower() not in STOPWORDS]
    return "".join(w[0] for w in words).lower() if 2 <= len(words) <= 4 else ""


def mark_prompt(
    sentence: str, intervention: str, comparator: str, outcome: str
) -> tuple[str, dict[str, float]]:
    """`sentence` in lower case with runs of intervention/comparator/outcome words replaced by
    `_i_`/`_c_`/`_o_`, and features crossing direction cues with which arm is named first."""
    arms = {
        "_o_": content_stems(outcome),
        "_i_": content_stems(intervention),
        "_c_": content_stems(comparator),
    }
    arms["_i_"] -= arms["_c_"]
    arms["_c_"] -= content_stems(intervention)
    acronyms = {"_i_": initials(intervention), "_c_": initials(comparator)}
    tokens, previous = [], ""
    for word in WORD.findall(sentence):
        tag = next((name for name, stems in arms.items() if stem(word) in stems), "")
        if not tag and word.isupper():
            tag = next((name for name, short in acronyms.items() if short and word.lower() == short), "")
        if tag:
            if tag != previous:
                tokens.append(tag)
        else:
            tokens.append(word.lower())
        previous = tag
    order = _arm_order(tokens)
    cues = cue_features(sentence)
    features = {f"order:{order}": 1.0}
    for name in ("increase", "decrease", "no_difference"):
        if f"cue:{name}" in cues:
            features[f"{name}&{order}"] = 1.0
    return " ".join(tokens), features


def _arm_order(tokens: list[str]) -> str:
    first_i = tokens.index("_i_") if "_i_" in tokens else -1
    first_c = tokens.index("_c_") if "_c_" in tokens else -1
    if first_i < 0 and first_c < 0:
        return "none"
    if first_c < 0:
        return "i_only"
    if first_i < 0:
        return "c_only"
    return "i_first" if first_i < first_c else "c_first"


def overlap(stems: set[str], sentence_stems: set[str]) -> float:
    """Share of `stems` found among `sentence_stems` (0 when `stems` is empty)."""
    return len(stems & sentence_stems) / len(stems) if stems else 0.0
