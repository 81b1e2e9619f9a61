"""Where a sentence sits: its zone (`abstract:results`, `results`, `discussion`, ...).

Zones come from a `Document`'s sections, refined inside the abstract by its structured-abstract labels
(`Results:` on a line of its own or run in before the text, `RESULTS`, `Trial registration`), or from the `ABSTRACT.RESULTS:` / `BODY.METHODS:` heading lines of
Evidence Inference texts. Claims are looked for only in `CLAIM_ZONES`: the paper's own results and
conclusions, not the introduction's summary of other work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.fields.sentences import Sentence, split_sentences
from extract.document import Document
from extract.pdf.abstract_labels import label_kind, run_in_label
from extract.pdf.headings import section_kind

CLAIM_ZONES = ("abstract:results", "abstract:conclusion", "abstract", "results", "conclusion")
_EI_HEADING = re.compile(r"^(ABSTRACT|BODY)\.([^\n]*?):?$")
_LINE = re.compile(r"[^\n]+")
_MAJOR = ("introduction", "methods", "results", "discussion", "conclusion")


@dataclass(frozen=True)
class ZonedSentence:
    """A sentence and the zone it sits in."""

    sentence: Sentence
    zone: str

    @property
    def text(self) -> str:
        return self.sentence.text


def document_sentences(doc: Document) -> list[ZonedSentence]:
    """The sentences of every non-reference section of `doc`, with their zones."""
    out: list[ZonedSentence] = []
    for section in doc.sections:
        if section.kind == "references":
            continue
        abstract_kind = ""
        for sentence in split_sentences(doc.text, section.start, section.end):
            if section.kind == "abstract":
                label = label_kind(sentence.text)
                if label is not None:  # a label on its own line opens the next part
                    abstract_kind = label
                    continue
                run_in = run_in_label(sentence.text)
                abstract_kind = run_in[0] if run_in else abstract_kind
                zone = f"abstract:{abstract_kind}" if abstract_kind else "abstract"
            else:
                zone = section.kind
            out.append(ZonedSentence(sentence, zone))
    return out


def headed_text_sentences(text: str) -> list[ZonedSentence]:
    """Sentences of an Evidence Inference text, each line split on its own (heading lines such as
    `BODY.RESULTS:` set the zone)."""
    out: list[ZonedSentence] = []
    zone, body_kind = "front", "other"
    lines = (split_sentences(text, line.start(), line.end()) for line in _LINE.finditer(text))
    for sentence in (s for line in lines for s in line):
        heading = _EI_HEADING.match(sentence.text)
        if heading:
            kind = section_kind(heading.group(2).split(".")[-1])
            if heading.group(1) == "ABSTRACT":
                zone = f"abstract:{kind}" if kind in _MAJOR else "abstract"
            else:
                body_kind = (
                    kind if kind in _MAJOR or kind == "references" else body_kind if kind is None else "other"
                )
                zone = body_kind
            continue
        if zone != "references":
            out.append(ZonedSentence(sentence, zone))
    return out
