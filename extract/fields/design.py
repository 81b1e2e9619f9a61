"""Study design of a paper: one label, its attributes, a confidence and the sentence that shows it.

The classifier (`design_model`) reads title and abstract and gives coarse probabilities; the cue rules
(`design_rules`) read every sentence of the paper but the references, each hit weighted by where it
stands (title, abstract and methods count most; an introduction's or discussion's mention of other
studies, or a sentence citing others, counts little). A label's score is its coarse probability plus
its saturated cue score, so a stated observational subtype refines the classifier's `other`
(a finer design than the classifier's is only considered when one of its cues is found).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from extract.bench.design_labels import DESIGN_LABELS, SCHEMES
from extract.document import Document, Span
from extract.fields.design_model import DesignClassifier, classifier_input
from extract.fields.design_rules import CueHit, find_attributes, find_cues
from extract.fields.regions import Paper, paper_of_document
from extract.fields.sentences import Sentence, split_sentences

SECTION_WEIGHTS: dict[str, float] = {
    "title": 3.0,
    "abstract": 2.0,
    "methods": 2.0,
    "front": 1.0,
    "results": 1.0,
    "conclusion": 1.0,
    "other": 0.5,
    "introduction": 0.25,
    "discussion": 0.25,
}
"""How much a cue counts by the region its sentence stands in."""

ATTRIBUTE_REGIONS = ("title", "abstract", "methods", "front")
"""Attributes are read where a paper states its own design."""

OTHERS_WORK = re.compile(
    r"\[\d[\d,\u2013\- ]*\]|\(\s*\d[\d,\u2013\- ]*\)|\bet\sal\b|\b(?:previous(?:ly)?|prior|earlier|recent)\b|"
    r"\b(?:have|has)\s(?:been\s)?(?:shown|reported|demonstrated|found|suggested)\b|\bstudies\b",
    re.IGNORECASE,
)
OTHERS_WORK_FACTOR = 0.3
"""A sentence that cites or recounts other studies counts this much."""
SATURATION = 3.0
"""Cue score = 1 - exp(-weighted hits / SATURATION): repeated mentions help, with diminishing returns."""
CLASSIFIER_WEIGHT = 1.0
TITLE_BONUS = 0.6
"""Added to a design that the title states with a strong cue (shared when the title states several)."""
TITLE_CUE_MIN_WEIGHT = 2.5
META_MIN = 6.0
PRECLINICAL_MIN = 8.0
"""Weighted cue totals from which a meta-analysis, or an animal / in-vitro study, takes precedence."""
HUMAN_DESIGNS = frozenset({"rct", "nrct", "single_arm", "cohort", "case_control", "cross_sectional", "case_series", "other"})
RANDOMIZED_DESIGNS = frozenset({"rct", "animal", "in_vitro", "protocol"})
"""Designs that may carry the `randomized` attribute (a single-arm study's "randomly selected patients" does not)."""
NO_CUE_CONFIDENCE = 0.5
"""The most confidence a design gets when no sentence of the paper states it (the classifier alone decided)."""
HUMAN_COUNT = re.compile(
    r"\b(?:\d[\d,]*|[A-Z]?[a-z]+(?:-[a-z]+)?)\s(?:[\w-]+\s){0,3}?(?:patients|participants|volunteers|women|men|adults|"
    r"children|individuals|persons|people)\s(?:were|was|had|received|underwent|completed|with)\b"
)
"""A count of people doing something in the abstract: a paper with an animal part and a human trial is the trial."""
COARSE = SCHEMES["studytypeteller"]


@dataclass
class DesignResult:
    """A paper's design with what supports it; `evidence` is a sentence of the paper's text (or None)."""

    label: str
    confidence: float
    attributes: dict[str, str] = field(default_factory=dict)
    evidence: Sentence | None = None
    cue: CueHit | None = None
    scores: dict[str, float] = field(default_factory=dict)

    def attributes_text(self) -> str:
        """Attributes as one cell: `blinding=double; randomized` (`yes` values by name only)."""
        return "; ".join(k if v == "yes" else f"{k}={v}" for k, v in sorted(self.attributes.items()))


@dataclass(frozen=True)
class _WeightedHit:
    hit: CueHit
    sentence: Sentence
    weight: float
    region: str


def classify_design(paper: Paper, classifier: DesignClassifier) -> DesignResult:
    """The design of `paper`: classifier probabilities on title+abstract combined with weighted cues."""
    probabilities = classifier.probabilities([classifier_input(paper.text_of("title"), paper.text_of("abstract", "front"))])[0]
    hits = list(_weighted_hits(paper))
    cue_totals: dict[str, float] = defaultdict(float)
    for weighted in hits:
        cue_totals[weighted.hit.label] += weighted.weight
    scores = {
        label: CLASSIFIER_WEIGHT * probabilities.get(COARSE[label], 0.0) + 1 - math.exp(-cue_totals[label] / SATURATION)
        for label in DESIGN_LABELS
        if COARSE[label] == label or cue_totals[label] > 0  # a finer design needs a cue of its own
    }
    for weighted in hits:
        if weighted.hit.weight >= TITLE_CUE_MIN_WEIGHT and weighted.region == "title" and weighted.hit.label in scores:
            scores[weighted.hit.label] += TITLE_BONUS / _title_hits(hits)
    stated = defaultdict(float)
    for weighted in hits:
        if weighted.region in ("title", "abstract"):
            stated[weighted.hit.label] += weighted.weight
    humans = bool(HUMAN_COUNT.search(paper.text_of("abstract")))
    label = _precedence(max(scores, key=scores.get), cue_totals, stated, humans)
    best = max((w for w in hits if w.hit.label == label), key=lambda w: w.weight, default=None)
    confidence = scores[label] / sum(scores.values())
    attributes = _attributes(paper)
    if label not in RANDOMIZED_DESIGNS:
        attributes.pop("randomized", None)
    elif label == "rct":
        attributes["randomized"] = "yes"  # also when only a side or site was said to be randomized
    return DesignResult(
        label=label,
        confidence=round(confidence if best else min(confidence, NO_CUE_CONFIDENCE), 3),
        attributes=attributes,
        evidence=best.sentence if best else None,
        cue=best.hit if best else None,
        scores={k: round(v, 4) for k, v in sorted(scores.items(), key=lambda kv: -kv[1]) if v > 0},
    )


def _title_hits(hits: list[_WeightedHit]) -> int:
    return sum(1 for w in hits if w.region == "title" and w.hit.weight >= TITLE_CUE_MIN_WEIGHT) or 1


def _precedence(label: str, cue_totals: dict[str, float], stated: dict[str, float], humans: bool) -> str:
    """Designs that contain another: a systematic review with a meta-analysis is a meta-analysis; a
    randomized (or any) study of animals or of cells and specimens is an animal or in-vitro study,
    unless the abstract also reports people taking part in the stated human design (`humans`: "72
    patients were randomized" beside "25 mice were divided"). `cue_totals` are weighted cue totals over
    the paper, `stated` those of the title and abstract."""
    if label == "systematic_review" and stated["meta_analysis"] >= META_MIN:
        return "meta_analysis"
    if label in HUMAN_DESIGNS and not (humans and stated[label] >= 2 * TITLE_CUE_MIN_WEIGHT):
        preclinical = max(("animal", "in_vitro"), key=lambda k: cue_totals[k])
        if cue_totals[preclinical] >= PRECLINICAL_MIN:
            return preclinical
    return label


def _weighted_hits(paper: Paper):
    for region in paper.regions:
        region_weight = SECTION_WEIGHTS.get(region.kind, 0.5)
        for sentence in split_sentences(paper.text, region.start, region.end):
            hits = find_cues(paper.text, sentence.start, sentence.end)
            if not hits:
                continue
            factor = OTHERS_WORK_FACTOR if OTHERS_WORK.search(sentence.text) else 1.0
            for hit in hits:
                yield _WeightedHit(hit, sentence, hit.weight * region_weight * factor, region.kind)


def _attributes(paper: Paper) -> dict[str, str]:
    found: dict[str, str] = {}
    for region in paper.regions:
        if region.kind in ATTRIBUTE_REGIONS:
            for name, value in find_attributes(paper.text[region.start : region.end]).items():
                found.setdefault(name, value)
    return found


class DesignStage:
    """Pipeline stage: `design*` columns and the `design` layer (the evidence sentence)."""

    name = "design"
    version = "1"
    columns = ("design", "design_attributes", "design_confidence", "design_evidence", "design_page")

    def __init__(self) -> None:
        self.classifier: DesignClassifier | None = None

    def load(self) -> None:
        if self.classifier is None:
            self.classifier = DesignClassifier.load()

    def __call__(self, doc: Document) -> dict[str, Any]:
        self.load()
        paper = paper_of_document(doc)
        result = classify_design(paper, self.classifier)
        evidence, page = "", None
        attrs: dict[str, Any] = {"confidence": result.confidence, "attributes": result.attributes}
        if result.evidence is not None:
            sentence = result.evidence
            evidence, page = sentence.text, doc.page_of(sentence.start)
            attrs["source"] = "cue"
            if result.cue is not None:
                attrs["cue"] = doc.text[result.cue.start : result.cue.end]
            doc.add_spans("design", [Span(sentence.start, sentence.end, result.label, attrs)])
        else:
            # no sentence states the design: the classifier decided from title and abstract, so the span
            # covers the title (or the abstract) and says so; `design_evidence` stays empty
            read = next((r for r in paper.regions if r.kind in ("title", "abstract")), None)
            if read is not None:
                attrs["source"] = "classifier"
                doc.add_spans("design", [Span(read.start, read.end, result.label, attrs)])
        return {
            "design": result.label,
            "design_attributes": result.attributes_text(),
            "design_confidence": result.confidence,
            "design_evidence": evidence,
            "design_page": page,
        }
