"""Sample size of a paper: participants enrolled (randomized, for trials), analysed, per arm; included
studies and pooled participants for reviews; animals for animal studies — each with its sentence.

Counts come from `numbers.find_counts`; what each count means comes from the words around it in its
sentence (enrolled / randomized vs screened / excluded / lost vs analysed), and where the sentence stands
(abstract and methods/results over introduction and discussion). The rule score and, for counts in the
title and abstract, a learned ranker's probability (`sample_size_model`) pick the total; its confidence
says how sure that reading is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from extract.document import Document, Span
from extract.fields.numbers import Count, find_counts
from extract.fields.regions import Paper, Region, paper_of_document
from extract.fields.sample_size_model import SampleSizeRanker, candidate_features, shipped_ranker
from extract.fields.sentences import Sentence, split_sentences

ENROLLED = "enrolled"
TREATED = "treated"
ANALYZED = "analyzed"
SCREENED = "screened"
EXCLUDED = "excluded"
UNKNOWN = "unknown"

_ROLE_CUES: dict[str, re.Pattern[str]] = {
    SCREENED: re.compile(r"\b(?:screened|assessed\sfor\seligibility|approached|invited|contacted|identified|potentially|eligible|were\sasked|planned|needed|required|power|target(?:ed)?|expressed)\b", re.I),
    EXCLUDED: re.compile(r"\b(?:excluded|exclusion|withdr[ea]w\w*|dropped\sout|drop-?outs?|lost|discontinued|declined|refused|died|deaths?|did\snot|failed|ineligible|not\seligible|not\smeet|developed|experienced|had\s(?:a|an)\b|relapsed|recurrences?)\b", re.I),
    ANALYZED: re.compile(r"\b(?:analy[sz]ed|analy[sz]able|evaluable|evaluated|assessable|completed|available\sfor|included\sin\sthe\s(?:final\s)?analys[ie]s|finished|per[- ]protocol)\b", re.I),
    ENROLLED: re.compile(
        r"\b(?:randomi[sz]ed|randomly|randomi[sz]ation|allocated|assigned|enrolled|enrolling|enrolment|enrollment|recruited|recruiting|included|entered|"
        r"registered|participated|took\spart|comprised|consisted|involved|involving|sample\s(?:size\s)?(?:of|was|consisted)|"
        r"population\sconsisted|data\sfrom|cohort\sof|(?:we\s)?(?:report|describe|present)(?:\sof)?|were\sstudied)\b",
        re.I,
    ),
    TREATED: re.compile(r"\b(?:received|underwent|were\s(?:divided|treated|operated|followed|examined|investigated|selected|given|referred|admitted|seen|hospitali[sz]ed))\b", re.I),
}
"""Words near a count that tell what it counts; see `_role`."""

REVIEW_DESIGNS = frozenset({"systematic_review", "meta_analysis", "narrative_review"})
PLANNED = "planned"
_PLANNING = re.compile(
    r"\b(?:power(?:ed)?|calculat\w+|pre-?determined|estimated\ssample|sample\ssize\sof|would\sbe\s(?:needed|required)|"
    r"will\sbe\s(?:required|needed|necessary)|(?:is|are|was|were)\s(?:needed|required)|to\sdetect|target\saccrual|"
    r"will\s(?:include|enrol+|recruit)|designed\sto\s(?:enrol+|include|recruit)|will\sallow)\b",
    re.I,
)
"""A sentence about the planned size (power calculation) gives planned numbers, not the enrolled one."""

ROLE_SCORES = {ENROLLED: 3.0, TREATED: 1.5, UNKNOWN: 1.0, ANALYZED: 0.8, PLANNED: 0.3, SCREENED: 0.0, EXCLUDED: 0.0}
REGION_SCORES = {"title": 2.0, "abstract": 2.0, "methods": 1.6, "results": 1.6, "front": 1.0, "conclusion": 0.8,
                 "other": 0.5, "introduction": 0.2, "discussion": 0.2}
_TOTAL_OF = re.compile(r"\b(?:a\s)?total\sof\s*$|\boverall,?\s*$", re.I)
_SUBSET = re.compile(r"^\s*(?:or|,)\s*\d+(?:\.\d+)?\s?%|^\s*\(\s*\d+(?:\.\d+)?\s?%|^\s*(?:\(\s*\d+(?:\.\d+)?\s?%\s*\)\s*)?of\s(?:the\s)?(?:these|those|them|whom|\s*$)|^\s*from\sthe\s(?:[\w-]+\s){0,4}(?:group|arm)\b", re.I)
_ARM_BEFORE = re.compile(r"\b(?:group|arm|receiv\w*|versus|vs|placebo|control)\b|[;,]\s*$|\b(?:or|and)\s*$", re.I)
_ARM_AFTER = re.compile(
    r"^\s*(?:\w+\s){0,2}?(?:were\s|was\s)?(?:randomi[sz]ed\s|randomly\s|assigned\s|allocated\s|treated\s)*(?:to|in|into|with)\s(?!(?:1|one|either)\sof\b)"
    r"(?:the\s|receive\s)?(?:[\w/-]+\s){0,3}?(?:groups?|arms?)\b|^\s*(?:\w+\s)?(?:in|per)\seach\s(?:group|arm)\b",
    re.I,
)
_ELIGIBLE = re.compile(r"\beligible\b", re.I)
"""In a count's own words ("171 eligible patients were enrolled") eligibility says nothing about its role."""
_BARE_OPEN = re.compile(r"\(\s*$")
_EACH_GROUP = re.compile(r"\s*(?:[\w-]+\s)?(?:per\s(?:group|arm)|in\seach\s(?:group|arm)|each)\b", re.I)
MAX_EQUAL_ARMS = 6
_CITED = re.compile(r"\[\d[\d,\u2013\- ]*\]|\bet\sal\b|\bpreviously\s(?:reported|published|described)\b|^previously\b", re.I)
CITED_FACTOR = 0.3
"""Counts in a sentence that cites or recounts other work ("Previously, ... (14 patients)") count this much."""
_PART_OF_BEFORE = re.compile(r"\b(?:from|of)\swhom\s*$", re.I)
_TO_GROUP_OPEN = re.compile(r"\bto\s(?:receive\s)?(?:the\s)?[A-Za-z][\w-]*(?:\s[A-Za-z][\w-]*)?\s*\(\s*$", re.I)
_SUPERSET_OPENING = re.compile(r"^\s*(?:(?:out\s)?of|among|from)\s(?:the\s|all\s|these\s)?$", re.I)
HUMAN_BEFORE = re.compile(r"\b(?:patients|participants|subjects|women|men|children|individuals|adults|infants|volunteers|cases)\s*\(\s*$", re.I)
_ELIGIBLE_FOR = re.compile(r"^\W*(?:\w+\s){0,3}?(?:were\s)?eligible\sfor\s(?:the\s)?(?:randomi[sz]ation|enrol+ment|inclusion|study|trial)", re.I)
""""120 were eligible for randomization": a screening count, though an enrolment word follows."""
ARMS_SUM_BONUS = 3.0
FIRST_STATED_BONUS = 2.0
"""Added to the summary's first participant count: abstracts state the size before the subsets
(tuned on PICO train+dev and the manifest PDFs; not given for reviews, whose first count is one study's)."""
REPEAT_SHARE = 0.25
"""Further mentions of the same number add this share of their scores (at most the best mention's score
again): the true size is repeated."""
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
    cues: frozenset[str] = frozenset()
    """Which score adjustments fired (`total_of`, `subset`, `cited`, `planning`, `arms_sum`, `pool` ("Of the
    885 patients,"), `part_of_first`, `first_stated`): the learned ranker reads them as features."""

    def adjusted(self, score: float, cue: str | None = None, per_arm: bool | None = None) -> RoleCount:
        """This count with a new score (and the cue that changed it, or a new per-arm flag)."""
        cues = self.cues | {cue} if cue else self.cues
        return RoleCount(self.count, self.role, self.sentence, score, self.per_arm if per_arm is None else per_arm, cues)


@dataclass
class SampleSize:
    """What a paper says about its size; every value comes with the count it was read from."""

    total: RoleCount | None = None
    confidence: float = 0.0
    analyzed: RoleCount | None = None
    arms: list[RoleCount] = field(default_factory=list)
    n_studies: RoleCount | None = None
    n_animals: RoleCount | None = None


def extract_sample_size(
    paper: Paper, design: str | None = None, ranker: SampleSizeRanker | None = None, use_ranker: bool = True
) -> SampleSize:
    """The sample size of `paper`; `design` (a design label) decides what is counted (participants,
    studies and pooled participants, animals; a case report without a count is one patient).

    The total of a study of humans (not a review) is picked by the rules and `ranker` together (default:
    the shipped one, see `_ranked_total`); `use_ranker=False`, or no shipped ranker, leaves it to the rules.
    An analysed number above the total is dropped and the total's confidence halved (the pair is impossible)."""
    counts = _scored_counts(paper, design)
    humans = [c for c in counts if c.count.kind in ("human", "n") and not c.per_arm]
    result = SampleSize()
    if design in REVIEW_DESIGNS or design is None:
        result.n_studies = _best([c for c in counts if c.count.kind == "study" and c.role in (ENROLLED, UNKNOWN)])
    if design in ("animal", None):
        result.n_animals = _best([c for c in counts if c.count.kind == "animal" and c.role in (ENROLLED, UNKNOWN)])
    if design in ("animal", "in_vitro"):
        return result
    ranker = (ranker or shipped_ranker()) if use_ranker and design not in REVIEW_DESIGNS else None
    if ranker is not None:
        result.total, result.confidence = _ranked_total(paper, _total_candidates(counts), ranker)
    else:
        roles = (ENROLLED, TREATED, UNKNOWN, ANALYZED, PLANNED)
        result.total = _best([c for c in humans if c.role in roles and c.score > 0 and c.count.value > 1])
        result.confidence = _rule_confidence(result.total)
    result.arms = _arms(counts, result.total, paper.text)
    analyzed = [c for c in humans if c.role == ANALYZED]
    result.analyzed = _best(analyzed)
    if result.total is not None and result.analyzed is not None and result.analyzed.count.value > result.total.count.value:
        # more analysed than enrolled: one of the two is another study's or another unit's number
        result.analyzed = None
        result.confidence = round(result.confidence / 2, 2)
    if result.total is None and len(result.arms) >= 2:
        first = result.arms[0]
        merged = Count(first.count.start, result.arms[-1].count.end, sum(a.count.value for a in result.arms), "human")
        result.total = RoleCount(merged, ENROLLED, first.sentence, first.score / 2)
        result.confidence = _rule_confidence(result.total)
    if design == "case_report" and (result.total is None or result.total.count.value > 3):
        result.total, result.confidence = RoleCount(Count(0, 0, 1, "human"), ENROLLED, Sentence(0, 0, ""), 1.0), 0.5
    return result


def _scored_counts(paper: Paper, design: str | None) -> list[RoleCount]:
    """Every count with its role and rule score (the summary's first stated size marked, except in reviews)."""
    counts = list(_role_counts(paper))
    return counts if design in REVIEW_DESIGNS else _with_first_stated_bonus(counts, paper)


def _rule_confidence(total: RoleCount | None) -> float:
    return round(min(1.0, total.score / MIN_CONFIDENCE_SCORE), 2) if total is not None else 0.0


def _ranked_total(paper: Paper, candidates: list[RoleCount], ranker: SampleSizeRanker) -> tuple[RoleCount | None, float]:
    """The total and its confidence (see `pick_total`): the ranker's probability for a count in the title
    or abstract, the rule confidence for a count further on."""
    in_summary = _in_summary(paper, candidates)
    probabilities = ranker.probabilities(candidate_features(paper.text, candidates, in_summary))
    best = pick_total(candidates, probabilities, in_summary, ranker.weight)
    if best is None:
        return None, 0.0
    confidence = round(probabilities[best], 2) if in_summary[best] else _rule_confidence(candidates[best])
    return candidates[best], confidence


def pick_total(candidates: list[RoleCount], probabilities: list[float], in_summary: list[bool], weight: float) -> int | None:
    """Which candidate is the total: each scores its rule score plus, in the title and abstract (where
    the ranker was trained), `weight x MIN_CONFIDENCE_SCORE x` its probability, unless `_ranked_out`; the
    best positive score wins (the earliest on ties). None when no score is positive."""
    scores = [
        c.score + weight * MIN_CONFIDENCE_SCORE * p * (inside and not _ranked_out(c, candidates))
        for c, p, inside in zip(candidates, probabilities, in_summary)
    ]
    ranked = [i for i, score in enumerate(scores) if score > 0]
    return max(ranked, key=lambda i: (scores[i], -candidates[i].count.start)) if ranked else None


def _ranked_out(candidate: RoleCount, candidates: list[RoleCount]) -> bool:
    """Counts the ranker may not lift: counts of other work, and a screened or excluded count or a pool
    that parts are taken from ("Of 181 eligible patients, 89 were randomized") when the paper states a
    smaller enrolled count. The PICO gold often takes such a pool (it marks the first number stated);
    the sample size we report is the enrolled one."""
    pool = candidate.role in (SCREENED, EXCLUDED) or "pool" in candidate.cues
    enrolled_after = any(c.role == ENROLLED and c.count.value < candidate.count.value for c in candidates)
    return (pool and enrolled_after) or "cited" in candidate.cues


def _with_first_stated_bonus(counts: list[RoleCount], paper: Paper) -> list[RoleCount]:
    """The summary (title and abstract; a paper that is one undivided text: all of it) states the size
    first: its first participant count that is not a part, a group or a screening/exclusion count gets
    `FIRST_STATED_BONUS`."""
    for c, in_summary in zip(counts, _in_summary(paper, counts)):
        if in_summary and c.count.kind in ("human", "n") and not c.per_arm and c.count.value > 1 and c.role in (ENROLLED, TREATED, UNKNOWN, ANALYZED):
            return [c.adjusted(c.score + FIRST_STATED_BONUS, "first_stated") if other is c else other for other in counts]
    return counts


def _summary_regions(paper: Paper) -> list[Region]:
    """Title and abstract; a paper that is one undivided text: all of it."""
    return [r for r in paper.regions if r.kind in ("title", "abstract")] or list(paper.regions[:1] if len(paper.regions) == 1 else [])


def total_candidates(paper: Paper, design: str | None = None) -> tuple[list[RoleCount], list[dict[str, float]]]:
    """The paper's candidates for the total in text order, with the ranker's features for each (what
    `scripts/train_sample_size.py` learns from)."""
    candidates = _total_candidates(_scored_counts(paper, design))
    return candidates, candidate_features(paper.text, candidates, _in_summary(paper, candidates))


def _in_summary(paper: Paper, counts: list[RoleCount]) -> list[bool]:
    """Whether each count is in the title or abstract."""
    summary = _summary_regions(paper)
    return [any(r.start <= c.count.start < r.end for r in summary) for c in counts]


def _total_candidates(counts: list[RoleCount]) -> list[RoleCount]:
    """Participant counts above one that are not per-arm counts, whatever their role."""
    return [c for c in counts if c.count.kind in ("human", "n") and not c.per_arm and c.count.value > 1]


def _best(candidates: list[RoleCount]) -> RoleCount | None:
    """The best-supported number's highest-scored mention: a number scores its best mention plus a share
    of its other mentions; the earliest mention wins ties (the abstract states the size first)."""
    if not candidates:
        return None
    by_value: dict[int, list[RoleCount]] = {}
    for candidate in candidates:
        by_value.setdefault(candidate.count.value, []).append(candidate)

    def support(mentions: list[RoleCount]) -> float:
        scores = sorted((m.score for m in mentions), reverse=True)
        return scores[0] + REPEAT_SHARE * min(sum(scores[1:]), scores[0])

    best_value = max(by_value, key=lambda v: (support(by_value[v]), -min(m.count.start for m in by_value[v])))
    return max(by_value[best_value], key=lambda c: (c.score, -c.count.start))


def _arms(counts: list[RoleCount], total: RoleCount | None, text: str) -> list[RoleCount]:
    """Per-arm counts stated near the total (its sentence or shortly after) that add up to it, or one
    "30 per group" in the total's sentence that divides it; without a total, the best-scored sentence's
    per-arm counts (two or more)."""
    arms = [c for c in counts if c.per_arm]
    if total is not None:
        near = [c for c in arms if total.sentence.start <= c.sentence.start <= total.sentence.end + 400]
        if len(near) >= 2 and sum(c.count.value for c in near) == total.count.value:
            return near
        for arm in (c for c in near if c.sentence == total.sentence and c.count.value):
            groups, rest = divmod(total.count.value, arm.count.value)
            if not rest and 2 <= groups <= MAX_EQUAL_ARMS and _EACH_GROUP.match(text, arm.count.end):
                return [arm] * groups
        return []
    by_sentence: dict[int, list[RoleCount]] = {}
    for arm in arms:
        by_sentence.setdefault(arm.sentence.start, []).append(arm)
    groups = [group for group in by_sentence.values() if len(group) >= 2]
    return max(groups, key=lambda group: max(c.score for c in group), default=[])


def _role_counts(paper: Paper):
    for region in paper.regions:
        region_score = REGION_SCORES.get(region.kind, 0.5)
        for sentence in split_sentences(paper.text, region.start, region.end):
            yield from _sentence_counts(paper.text, sentence, region_score)


def _sentence_counts(text: str, sentence: Sentence, region_score: float) -> list[RoleCount]:
    counts = find_counts(text, sentence.start, sentence.end)
    planning = bool(_PLANNING.search(sentence.text))
    others_work = bool(_CITED.search(sentence.text))
    found: list[RoleCount] = []
    for i, count in enumerate(counts):
        after_end = counts[i + 1].start if i + 1 < len(counts) else sentence.end
        before_start = counts[i - 1].end if i > 0 else sentence.start
        after = text[count.end : min(after_end, count.end + CONTEXT_CHARS)]
        before = text[max(before_start, count.start - CONTEXT_CHARS) : count.start]
        role = _role(_ELIGIBLE.sub("", text[count.start : count.end]), "") if count.kind != "n" else UNKNOWN
        if role == UNKNOWN:
            role = _role(after, before)
        if planning and role in (ENROLLED, TREATED, UNKNOWN, SCREENED):
            role = PLANNED
        score = ROLE_SCORES[role] * region_score
        cues = {"planning"} if planning else set()
        if _TOTAL_OF.search(before):
            score += 2.0
            cues.add("total_of")
        if _SUBSET.search(after) or _PART_OF_BEFORE.search(before):
            score *= 0.3
            cues.add("subset")
        if others_work:
            score *= CITED_FACTOR
            cues.add("cited")
        opened = text.count("(", sentence.start, count.start) > text.count(")", sentence.start, count.start)
        per_arm = (i > 0 and opened) or _is_per_arm(text, count, i, before, after)
        found.append(RoleCount(count, role, sentence, score, per_arm, frozenset(cues)))
    found = _mark_sibling_groups(text, found)
    if found and found[0].role in (ENROLLED, TREATED, UNKNOWN) and _SUPERSET_OPENING.match(text[sentence.start : found[0].count.start]):
        # "Of the 885 patients, 442 were assigned ...": the later counts are parts of the first
        found = [found[0].adjusted(found[0].score, "pool")] + [c.adjusted(c.score * 0.3, "part_of_first") for c in found[1:]]
    arms = [c for c in found if c.per_arm]
    arm_sum = sum(c.count.value for c in arms)
    if len(arms) >= 2:
        found = [
            c.adjusted(c.score + ARMS_SUM_BONUS, "arms_sum")
            if not c.per_arm and c.count.value == arm_sum and c.role in (ENROLLED, TREATED, UNKNOWN) else c
            for c in found
        ]
    return found


def _mark_sibling_groups(text: str, found: list[RoleCount]) -> list[RoleCount]:
    """Two or more "(n = 55)" in a sentence, the first not right after a participant noun, are arms; a
    first one that the others add up to is the whole ("(N = 228) were randomly assigned to ... (n = 114)
    or ... (n = 114)")."""
    bracketed = [c for c in found if c.count.kind == "n" and text[c.count.start] in "nN" and _BARE_OPEN.search(text[max(0, c.count.start - 3) : c.count.start])]
    if len(bracketed) < 2 or HUMAN_BEFORE.search(text[max(0, bracketed[0].count.start - 30) : bracketed[0].count.start]):
        return found
    if len(bracketed) >= 3 and bracketed[0].count.value == sum(c.count.value for c in bracketed[1:]):
        bracketed = bracketed[1:]
    return [c.adjusted(c.score, per_arm=True) if c in bracketed else c for c in found]


def _role(after: str, before: str) -> str:
    """The role the words after a count give (the nearest cue; a screening or completion word yields to a
    later enrolment word, "eligible patients were randomized", but not "eligible for randomization"), else the
    words before it (the nearest cue)."""
    found = sorted((m.start(), role) for role, pattern in _ROLE_CUES.items() if (m := pattern.search(after)))
    if found:
        roles = [role for _, role in found]
        if roles[0] in (SCREENED, ANALYZED) and ENROLLED in roles and not _ELIGIBLE_FOR.search(after):
            return ENROLLED
        return roles[0]
    found = sorted((m.end(), role) for role, pattern in _ROLE_CUES.items() for m in pattern.finditer(before))
    return found[-1][1] if found else UNKNOWN


def _is_per_arm(text: str, count: Count, index: int, before: str, after: str) -> bool:
    """A group's share: "23 in each group", "two groups of 30 patients each"; or, after another count of
    the sentence, "(349 patients)", "(n = 23)" after a group's name, "442 were assigned to the high-dose group"."""
    if re.match(r"^\s*(?:(?:\w+\s)?(?:in\seach|per|each)\s(?:group|arm)\b|each\b)", after, re.I) or re.search(r"\bgroups\sof\s*$", before, re.I):
        return True
    written_n = count.kind == "n" and text[count.start] in "nN"
    if index == 0:
        return written_n and bool(_TO_GROUP_OPEN.search(before))
    if _BARE_OPEN.search(before) and not HUMAN_BEFORE.search(before):
        return True
    return bool(_ARM_AFTER.search(after)) or (written_n and bool(_ARM_BEFORE.search(before[-30:])))


class SampleSizeStage:
    """Pipeline stage: sample size columns and the `sample_size` layer (one span per value, with its role)."""

    name = "sample_size"
    version = "2"
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
        """Load the shipped ranker once (the rules alone decide when it is missing)."""
        shipped_ranker()

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
