"""Cell lines no vocabulary lists, found by where they are written and what they look like.

A name shaped like a cell line (letters and digits with a capital: "HT22", "LLC-PK1", "SJ-GBM2") is taken
where the text says it is one: in the list that "cells" or "cell line(s)" closes ("LLC-PK1, McA-RH7777 and
SW48 cells"), also past a short lower-case description of the cells ("KU7 bladder cancer cells"), and in
the list that "cell line(s)" opens ("the HCC cell line SMMC-7721"). Words that name cell types, mutants
or engineered cells are not taken. A found name replaces the gene, chemical or disease mentions inside it
(the model's pieces of it: "PK1" of "LLC-PK1", "McArdle-" of "McArdle-RH7777"); a word that a species
mention, one reaching outside it or one of the whole word overlaps is not taken (a gene's name before
"cells" is usually the gene's: "PALB2 cell lines"). Of a hyphenated word that is no dictionary name but
starts with one, the line is that name ("BaF3" of "BaF3-EpoR cells", BioID's guideline). Found names get
`source: "pattern"`.

Where the text is most explicit — the list that "cell line(s)" opens, or a list before a description of the
cells ("BEP2D and Het-1A" in "the cell lines BEP2D and Het-1A", "GH4 rat pituitary cells") — a gene,
chemical or disease mention of exactly the name is the model's misreading: it becomes a cell line, and so
do that name's other mentions in the text ("EGF in BEP2D cells"), keeping their source and marked
`relabelled`. In six corpora's train and dev splits, 9 of about 1,000 names in such lists are genes.
"""

from __future__ import annotations

import re
from collections.abc import Container

from extract.document import Span
from extract.ner.dictionary import CELL_LINE

CELLS = re.compile(r"\bcell(?:s|\s+lines?)\b")
LISTED_WORD = re.compile(r"(?:^|(?<=[\s(]))([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])((?:,\s+|,?\s+(?:and|or)\s+)?)$")
"""The last word before a point in a list ("HT22", "LLC-PK1, and"): the word, then the separator after it."""
LINE_SHAPE = re.compile(r"(?=.*\d)(?=.*[A-Z])[A-Za-z0-9.-]{3,20}")
"""A word that looks like a cell-line name: 3-20 letters, digits, dots or hyphens, with a capital and a digit."""
NOT_A_LINE = re.compile(
    r"(?i:^(?:t[hr]\d+\w*|gdt\d+|cd\d+\w*|at[12]|[a-z]\d)$)"  # T-helper, CD-marker, alveolar cell types; cell-cycle phases
    r"|^[A-Za-z][a-z]+\d+[a-z]*D$|^D[a-z]{3}\d+$"  # yeast deletion strains ("atg1D", "Atg19D", "Dapg10" for delta)
    r"|^\d+\.\d"  # measurements ("0.5kPa")
    r"|\d(?:KD|KO)$"  # knockdowns and knockouts ("COX-2KD")
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
    r"|while|when|which|whereas|were|are|be|been|high|low|reporter|receptor|homolog|replicon|inducible|punctate|parental)$"
)
"""Words that end such a description instead: what was done to the cells or the state of a gene in them
("treated", "knockdown", "positive": "LC3 positive cells" are not a line), a gene's product ("NK-3 receptor
homolog cell lines"), auxiliary verbs ("cell types expressing X were mononuclear cells"), articles, prepositions."""
FOLLOWING_WORD = re.compile(r"(,\s+|,?\s+(?:and|or)\s+|\s+)([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])")
"""The next word of a list after "cell line(s)": its separator, then the word."""
REPLACEABLE = ("Gene", "Chemical", "Disease")
"""Types of the model's mentions a cell-line name found here replaces (the model's misreadings of it)."""


def with_cell_lines_by_shape(text: str, mentions: list[Span], known: Container[str] = ()) -> list[Span]:
    """`mentions` with the cell-line names of the lists that "cells" or "cell line(s)" close ("HT22 cells",
    "LLC-PK1 and McA-RH7777 cells") that look like a line's name, in place of the shorter gene, chemical or
    disease mentions inside them; a name any other mention overlaps is left out. Of a hyphenated word that
    is no `known` name but starts with one, the line is that name ("BaF3" of "BaF3-EpoR cells"). Where the
    list is explicit (after "cell line(s)", or before a description of the cells), the gene, chemical or
    disease mentions of exactly a listed name become cell lines, there and everywhere in `text`."""
    kept = list(mentions)
    misread: set[str] = set()
    for listed, explicit in (found for anchor in CELLS.finditer(text) for found in _listed(text, anchor)):
        line = _known_start(listed, known)
        overlapping = [m for m in kept if m.start < listed.end and listed.start < m.end]
        if line is not listed and all(listed.start <= m.start and m.end <= listed.end and m.label in (*REPLACEABLE, CELL_LINE)
                                      for m in overlapping):
            kept = [m for m in kept if m not in overlapping] + [line]  # the model's reading of the whole word, too
        elif all(line.start <= m.start and m.end <= line.end and m.end - m.start < line.end - line.start
                 and m.label in REPLACEABLE for m in overlapping):
            kept = [m for m in kept if m not in overlapping] + [line]
        elif explicit and [(m.start, m.end, m.label in REPLACEABLE) for m in overlapping] == [(line.start, line.end, True)]:
            misread.add(line.attrs["text"])
    return [_relabelled(m) if m.label in REPLACEABLE and text[m.start : m.end] in misread else m for m in kept]


def _known_start(line: Span, known: Container[str]) -> Span:
    """`line`, or the known line's name before its first hyphen when `line` itself is not known: BioID's
    train split labels that name in 64 of the 68 such places ("ME180" of "ME180-YAP", "BaF3" of "BaF3-EpoR")."""
    name = line.attrs["text"]
    start = name.split("-")[0]
    if name in known or start == name or start not in known or not _line_shaped(start):
        return line
    return _pattern(line.start, start)


def _relabelled(mention: Span) -> Span:
    """`mention` as a cell line, its former type kept as `relabelled`."""
    return Span(mention.start, mention.end, CELL_LINE, {**mention.attrs, "relabelled": mention.label})


def _listed(text: str, anchor: re.Match) -> list[tuple[Span, bool]]:
    """The line-shaped words of the list before "cells"/"cell line(s)" (past a short description of the
    cells: "SW480 and HCT116 colon cancer cells") and of the list after "cell line(s)" ("the HCC cell line
    SMMC-7721"), each with whether the text is explicit there (a description, or after "cell line(s)")."""
    description = _description_start(text, anchor.start())
    before = [(span, description < anchor.start()) for span in _listed_before(text, description)]
    return before + ([(span, True) for span in _listed_after(text, anchor.end())] if anchor.group().startswith("cell ") else [])


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
