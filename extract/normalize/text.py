"""Lookup keys for names: the same key for the spellings real text uses for one name.

`exact_key` folds case, Unicode forms, Greek letters (TNF-α = TNF-alpha), hyphens and spaces
(IL-6 = IL 6 = IL6), British spellings (anaemia = anemia) and plurals ("cell lines" = "cell line"). `bag_key` also ignores word order
and filler words ("carcinoma, hepatocellular" = "hepatocellular carcinoma").
"""

from __future__ import annotations

import re
import unicodedata

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta", "η": "eta",
    "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi",
    "ο": "omicron", "π": "pi", "ρ": "rho", "σ": "sigma", "ς": "sigma", "τ": "tau", "υ": "upsilon",
    "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega", "µ": "mu",
}
FILLER_WORDS = frozenset({"of", "the", "and", "in", "with", "to", "for", "by", "on", "type", "nos"})
WORD = re.compile(r"[^\W_]+")
KEEP_FINAL_S = ("ss", "us", "is", "eas")


def tokens(name: str) -> list[str]:
    """The lower-case words and numbers of `name`, Greek letters spelled out."""
    text = unicodedata.normalize("NFKC", name).lower()
    text = "".join(f" {GREEK[c]} " if c in GREEK else c for c in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return WORD.findall(text)


BRITISH = re.compile(r"(ae|oe)(?=[a-z])")
"""anaemia = anemia, oedema = edema, haemorrhage = hemorrhage (digraphs inside a word)."""


def american(word: str) -> str:
    """British spellings as American ones: "ae"/"oe" inside a word become "e", -our becomes -or."""
    word = BRITISH.sub("e", word)
    return word[:-3] + "or" if word.endswith("our") and len(word) > 5 else word


def singular(word: str) -> str:
    """An English plural's singular, conservatively ("mice" stays: irregular forms live in lexicons)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(KEEP_FINAL_S):
        return word[:-1]
    return word


def exact_key(name: str) -> str:
    """Case-, hyphen-, space-, Greek- and plural-insensitive key of `name` ('' when it has no word)."""
    return "".join(american(singular(t)) for t in tokens(name))


def bag_key(name: str) -> str:
    """Like `exact_key`, but word order and filler words do not matter."""
    words = sorted(american(singular(t)) for t in tokens(name) if t not in FILLER_WORDS)
    return " ".join(words)


CONJUNCTION = re.compile(r"\s*(?:,\s*(?:and/or|and|or)\b|\band/or\b|\band\b|\bor\b|,|/)\s*")


def composite_parts(name: str) -> list[str]:
    """The names a coordinated mention stands for, the shared head distributed over single-word
    parts ("breast and ovarian cancer" -> "breast cancer", "ovarian cancer"); [] when it is not one."""
    parts = CONJUNCTION.split(name.strip())
    last = parts[-1].split()
    if len(parts) < 2 or len(last) < 2 or not all(part.strip() for part in parts):
        return []
    head = " ".join(last[1:])
    return [part if " " in part else f"{part} {head}" for part in parts[:-1]] + [parts[-1]]
