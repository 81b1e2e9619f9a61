"""Sample size of a paper: participants enrolled (randomized, for trials), analysed, per arm; included
studies and pooled participants for reviews; animals for animal studies — each with its sentence.

Counts come from `numbers.find_counts`; what each count means comes from the words around it in its
sentence (enrolled / randomized vs screened / excluded / lost vs analysed), and where the sentence stands
(abstract and methods/results over introduction and discussion). The best-scored enrolment count is
the sample size; its confidence says how sure that reading is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from extract.document import Document, Span
from extract.fields.numbers import Count, find_counts
from extract.fields.regions import Paper, paper_of_document
from extract.fields.sentences import Sentence, split_sentences

ENROLLED = "enrolled"
ANALYZED = "analyzed"
SCREENED = "screened"
EXCLUDED = "excluded"
UNKNOWN = "unknown"

_ROLE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (SCREENED, re.compile(r"\b(?:screened|assessed\sfor\seligibility|approached|invited|contacted|identified|potentially|eligible|were\sasked|referred|registered|planned|will\sbe|needed|required|power|target(?:ed)?)\b", re.I)),
    (EXCLUDED, re.compile(r"\b(?:excluded|exclusion|withdr[ea]w\w*|dropped\sout|drop-?outs?|lost|discontinued|declined|refused|died|deaths?|did\snot|failed|ineligible|not\seligible|not\smeet)\b", re.I)),
    (ANALYZED, re.compile(r"\b(?:analy[sz]ed|analy[sz]able|evaluable|assessable|completed|available\sfor|included\sin\sthe\s(?:final\s)?analys[ie]s|finished|per[- ]protocol)\b", re.I)),
    (ENROLLED, re.compile(
        r"\b(?:randomi[sz]ed|randomly|randomi[sz]ation|allocated|assigned|enrolled|enrolment|enrollment|recruited|included|entered|"
        r"participated|took\spart|comprised|consisted|involved|involving|including|studied|underwent|received|"
        r"a\stotal\sof|sample\s(?:size\s)?(?:of|was|consisted)|population\sconsisted|data\sfrom|cohort\sof|"
        r"were\s(?:divided|treated|operated|followed|evaluated|examined|investigated|selected)|we\s(?:report|describe|present))\b",
        re.I,
    )),
)
"""The first cue found near a count (after it, then before it) gives its role; earlier entries win ties."""

ROLE_SCORES = {ENROLLED: 3.0, UNKNOWN: 1.0, ANALYZED: 0.8, SCREENED: 0.0, EXCLUDED: 0.0}
REGION_SCORES = {"title": 2.0, "abstract": 2.0, "methods": 1.6, "results": 1.6, "front": 1.0, "conclusion": 0.8,
                 "other": 0.5, "introduction": 0.2, "discussion": 0.2}
_TOTAL_OF = re.compile(r"\b(?:a\s)?total\sof\s*$|\b(?:in\s)?all\s*$|\boverall,?\s*$", re.I)
_ARM = re.compile(r"\b(?:group|arm)s?\b|\bto\s(?:receive|the)\b|\b(?:versus|vs\.?|or)\s*$|\beach\b", re.I)
_EACH = re.compile(r"\b(?:each|per)\s(?:group|arm)\b|\bin\seach\b", re.I)
CONTEXT_CHARS = 70
MIN_CONFIDENCE_SCORE = 6.0
"""A total whose score reaches this is reported with confidence 1 (scores scale confidence below it)."""


@dataclass(frozen=True)
class RoleCount:
    """A count with its role, the sentence it is in, and how much it counts towards being the total."""

    count: Count
    role: str
    sentence: Sentence
    score: float
    per_arm: bool = False


@dataclass
class SampleSize:
    """What a paper says about its size; every value comes with the count it was read from."""

    total: RoleCount | None = None
    confidence: float = 0.0
    analyzed: RoleCount | None = None
    arms: list[RoleCount] = field(default_factory=list)
    n_studies: RoleCount | None = None
    n_animals: RoleCount | None = None


def extract_sample_size(paper: Paper, design: str | None = None) -> SampleSize:
    """The sample size of `paper`; `design` (a design label) decides what is counted (participants,
    studies and pooled participants, animals; a case report without a count is one patient)."""
    counts = list(_role_counts(paper))
    humans = [c for c in counts if c.count.kind in ("human", "n") and not c.per_arm]
    result = SampleSize()
    result.n_studies = _best([c for c in counts if c.count.kind == "study" and c.role in (ENROLLED, UNKNOWN)])
    result.n_animals = _best([c for c in counts if c.count.kind == "animal" and c.role in (ENROLLED, UNKNOWN)])
    if design in ("animal", "in_vitro"):
        return result
    enrolled = [c for c in humans if c.role in (ENROLLED, UNKNOWN) and c.score > 0]
    result.total = _best(enrolled)
    result.arms = _arms(counts, result.total)
    analyzed = [c for c in humans if c.role == ANALYZED]
    result.analyzed = _best(analyzed)
    if result.total is None and len(result.arms) >= 2:
        first = result.arms[0]
        merged = Count(first.count.start, result.arms[-1].count.end, sum(a.count.value for a in result.arms), "human")
        result.total = RoleCount(merged, ENROLLED, first.sentence, first.score / 2)
    if result.total is not None:
        result.confidence = round(min(1.0, result.total.score / MIN_CONFIDENCE_SCORE), 2)
    if design == "case_report" and (result.total is None or result.total.count.value > 3):
        result.total, result.confidence = RoleCount(Count(0, 0, 1, "human"), ENROLLED, Sentence(0, 0, ""), 1.0), 0.5
    return result


def _best(candidates: list[RoleCount]) -> RoleCount | None:
    """The highest-scored count; the earliest one on ties (the abstract states the size first)."""
    return max(candidates, key=lambda c: (c.score, -c.count.start), default=None)


def _arms(counts: list[RoleCount], total: RoleCount | None) -> list[RoleCount]:
    """Per-arm counts stated in the total's sentence (or the next ones) that add up to the total."""
    if total is None:
        return [c for c in counts if c.per_arm][:0]
    near = [c for c in counts if c.per_arm and total.sentence.start <= c.sentence.start <= total.sentence.end + 400]
    if len(near) >= 2 and sum(c.count.value for c in near) == total.count.value:
        return near
    return []


def _role_counts(paper: Paper):
    for region in paper.regions:
        region_score = REGION_SCORES.get(region.kind, 0.5)
        for sentence in split_sentences(paper.text, region.start, region.end):
            counts = find_counts(paper.text, sentence.start, sentence.end)
            for i, count in enumerate(counts):
                after_end = counts[i + 1].start if i + 1 < len(counts) else sentence.end
                before_start = counts[i - 1].end if i > 0 else sentence.start
                after = paper.text[count.end : min(after_end, count.end + CONTEXT_CHARS)]
                before = paper.text[max(before_start, count.start - CONTEXT_CHARS) : count.start]
                role = _role(after, before)
                score = ROLE_SCORES[role] * region_score
                if _TOTAL_OF.search(before):
                    score += 2.0
                per_arm = _is_per_arm(count, before, after, paper.text)
                yield RoleCount(count, role, sentence, score, per_arm)


def _role(after: str, before: str) -> str:
    for context in (after, before):
        for role, pattern in _ROLE_CUES:
            if pattern.search(context):
                return role
    return UNKNOWN


def _is_per_arm(count: Count, before: str, after: str, text: str) -> bool:
    """"(n = 23)" after a group's name, "23 to receive X", "23 in each group"."""
    if _EACH.search(after[:25]):
        return True
    if count.kind == "n":
        return bool(_ARM.search(before[-40:])) or text[max(0, count.start - 1) : count.start] == "("
    return bool(re.match(r"\s*(?:were\s)?(?:randomi[sz]ed\s|assigned\s|allocated\s)?(?:to|in)\s(?:the\s)?\w+(?:\s\w+)?\s(?:group|arm)\b", after, re.I))


class SampleSizeStage:
    """Pipeline stage: sample size columns and the `sample_size` layer (one span per value, with its role)."""

    name = "sample_size"
    version = "1"
    columns = (
        "sample_size",
        "sample_size_analyzed",
        "arms",
        "n_studies",
        "n_animals",
        "sample_size_confidence",
        "sample_size_evidence",
        "sample_size_page",
    )

    def load(self) -> None:
        """Nothing to load: rules only."""

    def __call__(self, doc: Document) -> dict[str, Any]:
        design_spans = doc.layers.get("design", [])
        design = design_spans[0].label if design_spans else None
        result = extract_sample_size(paper_of_document(doc), design)
        spans = [
            _span(found, role, result.confidence if role == "total" else None)
            for role, found in (("total", result.total), ("analyzed", result.analyzed),
                                ("n_studies", result.n_studies), ("n_animals", result.n_animals))
            if found is not None and found.count.end > found.count.start
        ] + [_span(arm, "arm", None) for arm in result.arms]
        doc.add_spans("sample_size", spans)
        evidence = result.total or result.n_studies or result.n_animals
        has_evidence = evidence is not None and evidence.sentence.end > evidence.sentence.start
        return {
            "sample_size": result.total.count.value if result.total else None,
            "sample_size_analyzed": result.analyzed.count.value if result.analyzed else None,
            "arms": "; ".join(str(a.count.value) for a in result.arms),
            "n_studies": result.n_studies.count.value if result.n_studies else None,
            "n_animals": result.n_animals.count.value if result.n_animals else None,
            "sample_size_confidence": result.confidence if result.total else None,
            "sample_size_evidence": evidence.sentence.text if has_evidence else "",
            "sample_size_page": doc.page_of(evidence.sentence.start) if has_evidence else None,
        }


def _span(found: RoleCount, role: str, confidence: float | None) -> Span:
    attrs: dict[str, Any] = {"value": found.count.value, "sentence": [found.sentence.start, found.sentence.end]}
    if confidence is not None:
        attrs["confidence"] = confidence
    return Span(found.count.start, found.count.end, role, attrs)
