"""Cell lines no vocabulary lists, found by where they are written and what they look like.

A name shaped like a cell line (letters and digits with a capital: "HT22", "LLC-PK1", "SJ-GBM2") is taken
where the text says it is one: in the list that "cells" or "cell line(s)" closes ("LLC-PK1, McA-RH7777 and
SW48 cells"), also past a short lower-case description of the cells ("KU7 bladder cancer cells"), and in
the list that "cell line(s)" opens ("the HCC cell line SMMC-7721"). Words that name cell types, mutants
or engineered cells are not taken. A found name replaces the gene, chemical or disease mentions inside it
(the model's pieces of it: "PK1" of "LLC-PK1", "McArdle-" of "McArdle-RH7777"); a word that a species
mention, one reaching outside it or one of the whole word overlaps is not taken (a gene's name before
"cells" is usually the gene's: "PALB2 cell lines"). Found names get `source: "pattern"`.
"""

from __future__ import annotations

import re

from extract.document import Span
from extract.ner.dictionary import CELL_LINE

CELLS = re.compile(r"\bcell(?:s|\s+lines?)\b")
LISTED_WORD = re.compile(r"(?:^|(?<=[\s(]))([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])((?:,\s+|,?\s+(?:and|or)\s+)?)$")
"""The last word before a point in a list ("HT22", "LLC-PK1, and"): the word, then the separator after it."""
LINE_SHAPE = re.compile(r"(?=.*\d)(?=.*[A-Z])[A-Za-z0-9.-]{3,20}")
"""A word that looks like a cell-line name: 3-20 letters, digits, dots or hyphens, with a capital and a digit."""
NOT_A_LINE = re.compile(
    r"(?i:^(?:t[hr]\d+\w*|gdt\d+|cd\d+\w*|at[12]|[a-z]\d)$)"  # T-helper, CD-marker, alveolar cell types; cell-cycle phases
    r"|^[a-z]+\d+[a-z]*D$|^D[a-z]{3}\d+$"  # yeast deletion strains ("atg1D", "Dapg10" for delta)
    r"|^\d+\.\d"  # measurements ("0.5kPa")
    r"|(?i:gfp|yfp|rfp|tumou?r|mut\d)"  # reporter constructs and mutants
    r"|(?i:-(?:expressing|depleted|deficient|labell?ed|producing|positive|negative|null|ko|knockout|knockdown|treated"
    r"|transfected|derived|infected|like|type|mutant|specific|resistant|sensitive)$)"
)
"""Words of that shape that name cell types, mutants or engineered cells, not lines."""
DESCRIPTION = re.compile(r"((?:\s+[a-z][a-z-]*[a-z]){1,3})\s*$")
"""Up to three lower-case words between a line's name and "cells" ("KU7 bladder cancer cells")."""
NOT_DESCRIPTION = re.compile(
    # what was done, a gene's state ("treated", "overexpression", "dependent", "positive", "null", "mutant",
    # "knockout", "knockdown", "control", "wild-type"); verbs and plurals ("arrests")
    r"(?:ed|ing|ion|ent|ive|ull|ant|out|own|ol|type|s)$"
    r"|^(?:in|of|from|the|with|and|or|to|by|on|for|as|at|into|than|that|these|those|other|all|both|double|single|ko|kd"
    r"|while|when|which|whereas|high|low|reporter|replicon|inducible|punctate|parental)$"
)
"""Words that end such a description instead: what was done to the cells or the state of a gene in them
("treated", "knockdown", "positive": "LC3 positive cells" are not a line), articles, prepositions."""
FOLLOWING_WORD = re.compile(r"(,\s+|,?\s+(?:and|or)\s+|\s+)([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])")
"""The next word of a list after "cell line(s)": its separator, then the word."""
REPLACEABLE = ("Gene", "Chemical", "Disease")
"""Types of the model's mentions a cell-line name found here replaces (the model's misreadings of it)."""


def with_cell_lines_by_shape(text: str, mentions: list[Span]) -> list[Span]:
    """`mentions` with the cell-line names of the lists that "cells" or "cell line(s)" close ("HT22 cells",
    "LLC-PK1 and McA-RH7777 cells") that look like a line's name, in place of the shorter gene, chemical or
    disease mentions inside them; a name any other mention overlaps is left out."""
    kept = list(mentions)
    for line in (span for anchor in CELLS.finditer(text) for span in _listed(text, anchor)):
        overlapping = [m for m in kept if m.start < line.end and line.start < m.end]
        if all(line.start <= m.start and m.end <= line.end and m.end - m.start < line.end - line.start
               and m.label in REPLACEABLE for m in overlapping):
            kept = [m for m in kept if m not in overlapping] + [line]
    return kept


def _listed(text: str, anchor: re.Match) -> list[Span]:
    """The line-shaped words of the list before "cells"/"cell line(s)" (past a short description of the
    cells: "SW480 and HCT116 colon cancer cells") and of the list after "cell line(s)" ("the HCC cell line
    SMMC-7721")."""
    found = _listed_before(text, _description_start(text, anchor.start()))
    return found + (_listed_after(text, anchor.end()) if anchor.group().startswith("cell ") else [])


def _description_start(text: str, end: int) -> int:
    """Where the lower-case words that describe the cells before `end` start (`end` if there are none)."""
    window = max(0, end - 60)
    description = DESCRIPTION.search(text[window:end])
    if description is None or any(NOT_DESCRIPTION.search(word) for word in description.group(1).split()):
        return end
    return window + description.start(1)


def _listed_after(text: str, start: int) -> list[Span]:
    """The line-shaped words of the list that starts at `start`, read until a word is not one."""
    spans = []
    while (following := FOLLOWING_WORD.match(text, start)) and (bool(spans) or following.group(1).strip() == ""):
        if not _line_shaped(following.group(2)):
            break
        spans.append(_pattern(following.start(2), following.group(2)))
        start = following.end(2)
    return spans


def _listed_before(text: str, end: int) -> list[Span]:
    """The line-shaped words of the list that ends at `end`, read backwards until a word is not one."""
    spans, last = [], True
    while True:
        window = max(0, end - 40)
        listed = LISTED_WORD.search(text[window:end].rstrip(" ") if last else text[window:end])
        if listed is None or bool(listed.group(2)) == last:
            return spans  # no word, or a separator missing between the list's words (or one before "cells")
        start, word = window + listed.start(1), listed.group(1)
        if not _line_shaped(word):
            return spans
        spans.append(_pattern(start, word))
        end, last = start, False


def _line_shaped(word: str) -> bool:
    return bool(LINE_SHAPE.fullmatch(word)) and not NOT_A_LINE.search(word)


def _pattern(start: int, word: str) -> Span:
    return Span(start, start + len(word), CELL_LINE, {"text": word, "source": "pattern"})
