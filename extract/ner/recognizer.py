"""The entity recognizer: the shipped spaCy model plus scispaCy's abbreviation detection.

`EntityRecognizer.find(text)` returns mentions as `Span`s (label = type) with document offsets.
A short form gets its long form's type across the whole text (scispaCy's Schwartz-Hearst matching,
`extract.ner.abbreviations`, pairs "matrix metalloproteinase-1 (MMP1)" and abbreviation-list entries
such as "CIPN, chemotherapy-induced peripheral neuropathy"; every later "MMP1" is then a Gene too; a
listed short form whose long form is no entity, "USP: ultrasound pachymetry", is no entity either).
Species and cell-line names from the shipped dictionary (`extract.ner.dictionary`) fill in where the
model found nothing, and a species word at the start of a gene mention ("mouse
interleukin-2") becomes its own Species mention, as in PubTator. Every mention gets a calibrated
probability of being right, `attrs["score"]` (`extract.ner.confidence`), when a calibration file is there;
mentions scored below the file's threshold for their type are dropped. A calibration file may name a second recognizer
(the accurate model's names the fast CNN) whose agreement with each mention is one of the score's features.
Told to follow another corpus's guideline (`task`), the recognizer also applies that corpus's species and gene-name rules
(`extract.ner.guidelines`) to what it keeps.
"""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from thinc.api import use_ops

from extract.document import Span
from extract.ner.abbreviations import abbreviations, glossary
from extract.ner.cell_line_shapes import with_cell_lines_by_shape
from extract.ner.confidence import CONFIDENCE_ENV, Calibrator, Evidence
from extract.ner.dictionary import CELL_LINE, DEFAULT_DICTIONARY, EntityDictionary
from extract.ner.guidelines import GUIDELINES_FILE, load_guidelines
from extract.ner.punctuation import repair_punctuation
from extract.ner.species_boundaries import redraw_species
# importing these modules registers the components of the fast model (task tags) and the accurate one
from extract.ner.task_tags import DEFAULT_TASK, TaskTagger
from extract.ner.transformer import EXACT_OFFSETS, PIECE_PROBABILITY, TransformerNer
from extract.paths import MODELS_DIR

DEFAULT_MODEL = MODELS_DIR / "ner" / "model"
ACCURATE_MODEL = MODELS_DIR / "ner-accurate" / "model"
NER_MODELS = {"fast": DEFAULT_MODEL, "accurate": ACCURATE_MODEL}
"""The shipped entity models by name: the CNN (default, ~10,000 words/s) and the MiniLM tagger (`extract run --ner`)."""
MODEL_ENV = "EXTRACT_NER_MODEL"
"""Environment variable naming another trained spaCy pipeline to use instead of the shipped one."""
TASK_ENV = "EXTRACT_NER_TASK"
"""Environment variable naming the corpus whose guideline to follow (default: BioRED's, the PubTator scheme):
a model trained with task tags is run under its tag (models without them ignore it), and the corpus's
species and gene-name rules in `guidelines.json` beside the dictionary are applied, if it has some."""
DICTIONARY_ENV = "EXTRACT_NER_DICTIONARY"
"""Environment variable naming another dictionary file (`scripts/build_ner_dictionary.py --out`)."""
ENTITY_LAYER = "entities"
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
CELLS_FOLLOW = re.compile(r"[^.;:()]{0,40}?\bcell(?:s|\s+lines?)?\b")
"""'cells' or 'cell line' closing the list a name is in ("HCT-116, HT29, and SW48 cells")."""
MAX_CHUNK_CHARS = 20_000
REPEATED_TYPES = frozenset({"Chemical"})

@dataclass(frozen=True)
class Chunk:
    """A piece of the text (a paragraph) processed as one spaCy doc."""

    start: int
    text: str


def chunks(text: str) -> Iterator[Chunk]:
    """Paragraphs of `text` (split at blank lines, long ones cut at sentence ends)."""
    position = 0
    for match in [*PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        while end - position > MAX_CHUNK_CHARS:
            cut = text.rfind(". ", position, position + MAX_CHUNK_CHARS) + 1 or position + MAX_CHUNK_CHARS
            yield Chunk(position, text[position:cut])
            position = cut
        if text[position:end].strip():
            yield Chunk(position, text[position:end])
        position = match.end() if match else len(text)


class EntityRecognizer:
    """Finds Gene, Disease, Chemical, Species and CellLine mentions in text."""

    def __init__(
        self,
        model: Path | str | None = None,
        dictionary: Path | None | bool = True,
        confidence: Path | None | bool = True,
        second_opinion: str | None = None,
        min_score: float | None = None,
        task: str | None = None,
    ) -> None:
        """`model`: a name in `NER_MODELS`, a spaCy pipeline folder, or None for `$EXTRACT_NER_MODEL` or the fast one.
        `dictionary`: True for the shipped one (or `$EXTRACT_NER_DICTIONARY`), a path, or None for none.
        `confidence`: the same for the calibration file that scores mentions (default: `confidence.json`
        beside the model folder; no scores without one).
        `second_opinion`: a model name whose mentions are compared with this one's (default: the one the
        calibration file names). `min_score`: mentions scored lower are dropped (default: the file's thresholds per type).
        `task`: the corpus whose guideline to follow (default `$EXTRACT_NER_TASK`, else BioRED's): the tag a
        model trained with task tags runs under, and that corpus's species and gene-name rules from `guidelines.json`
        beside the dictionary, if it has some."""
        model = model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL
        self.model_path = NER_MODELS[model] if isinstance(model, str) and model in NER_MODELS else Path(model)
        self._nlp: Language | None = None
        self.task = task or os.environ.get(TASK_ENV) or None
        if dictionary is True:
            dictionary = Path(os.environ.get(DICTIONARY_ENV) or DEFAULT_DICTIONARY)
        self.dictionary_path = Path(dictionary) if dictionary else None
        self.dictionary = EntityDictionary.load(dictionary) if dictionary else EntityDictionary(binomials=False)
        rules = load_guidelines(self.dictionary_path.parent / GUIDELINES_FILE) if self.dictionary_path else {}
        self.guideline = rules.get(self.task) if self.task else None
        if confidence is True:
            confidence = Path(os.environ.get(CONFIDENCE_ENV) or self.model_path.parent / "confidence.json")
        self.calibrator = Calibrator.load(confidence) if confidence and Path(confidence).exists() else None
        second_opinion = second_opinion or (self.calibrator.second_opinion if self.calibrator else None)
        self.second_opinion = (  # run as the calibration was fitted: as BioRED, whatever this recognizer's task
            EntityRecognizer(second_opinion, self.dictionary_path, confidence=None, task=DEFAULT_TASK)
            if second_opinion
            else None
        )
        self.min_score = min_score

    def threshold(self, label: str) -> float:
        """The score below which `find` drops a mention of type `label`: `min_score` when given, else the
        calibration's dev-chosen threshold for the type (0 without a calibration)."""
        if self.min_score is not None:
            return self.min_score
        return self.calibrator.threshold_for(label) if self.calibrator else 0.0

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded on first use.

        Its layers multiply matrices with NumPy's BLAS rather than thinc's default BLIS: on this
        model's shapes that is about twice as fast on one core, with the same mentions. The
        sentencizer stays: the NER does not let an entity cross a sentence start."""
        if self._nlp is None:
            if not (self.model_path / "meta.json").exists():
                raise FileNotFoundError(
                    f"no entity model at {self.model_path}; train one with scripts/train_ner.py"
                )
            with warnings.catch_warnings(), use_ops("numpy", use_blis=False):
                warnings.simplefilter("ignore", FutureWarning)  # the scispaCy tokenizer's regexes trip one
                nlp = spacy.load(self.model_path)
            nlp.add_pipe("sentencizer", first=True)
            for _name, component in nlp.pipeline:
                if self.task and isinstance(component, (TaskTagger, TransformerNer)) and component.tasks:
                    component.task = self.task
            if self.calibrator is not None:
                second = self.second_opinion.model_path if self.calibrator.second_opinion and self.second_opinion else None
                self.calibrator.check(self.model_path, self.dictionary_path, second)
            if self.second_opinion is not None:
                self.second_opinion.nlp  # noqa: B018  (loads it too)
            self._nlp = nlp
        return self._nlp

    def find(self, text: str) -> list[Span]:
        """All mentions in `text`, sorted by offset, with abbreviation types propagated, scored, those
        scored below their type's `threshold` dropped, and the `task`'s guideline applied."""
        mentions, evidence = self.find_unscored(text)
        if self.calibrator is not None:
            self.calibrator.score(text, mentions, evidence, self.dictionary)
            mentions = [m for m in mentions if m.attrs["score"] >= self.threshold(m.label)]
        return self.guideline.apply(text, mentions, evidence.long_forms) if self.guideline else mentions

    def find_unscored(self, text: str) -> tuple[list[Span], Evidence]:
        """The mentions `find` returns, before scoring and the threshold, and what was learnt on the way
        (abbreviation definitions, the second recognizer's mentions)."""
        pieces = list(chunks(text))
        docs = self.nlp.pipe((c.text for c in pieces), batch_size=32)
        found: dict[tuple[int, int], Span] = {}
        evidence = Evidence()
        for chunk, doc in zip(pieces, docs):
            ents = doc.ents
            exact = doc.user_data.get(EXACT_OFFSETS, {})
            probabilities = doc.user_data.get(PIECE_PROBABILITY, {})
            for ent in ents:
                start, end = exact.get((ent.start_char, ent.end_char), (ent.start_char, ent.end_char))
                attrs = {"source": "model"}
                if (start, end) in probabilities:
                    attrs["model_probability"] = round(probabilities[(start, end)], 4)
                start, end = chunk.start + start, chunk.start + end
                found[(start, end)] = Span(start, end, ent.label_, {"text": text[start:end], **attrs})
            listed = list(glossary(doc))
            for short_form, long_form in [*abbreviations(doc), *listed]:
                evidence.defined.add(short_form)
                evidence.long_forms.setdefault(short_form, (chunk.start + long_form.start_char, chunk.start + long_form.end_char))
                label = _label_of(long_form, ents)
                if label:
                    evidence.short_forms.setdefault(short_form, label)
            for short_form, long_form in listed:
                if not any(e.start < long_form.end and long_form.start < e.end for e in ents):
                    evidence.not_entities.add(short_form)
        _drop_short_forms_of_non_entities(text, found, evidence)
        for mention in _propagate(text, evidence.short_forms, found):
            found.setdefault((mention.start, mention.end), mention)
        for mention in _repeat(text, found):
            found.setdefault((mention.start, mention.end), mention)
        matches = self.dictionary.find(text)
        mentions = repair_punctuation(text, redraw_species(text, list(found.values())))
        mentions = _widen_to_dictionary(_cell_lines_in_context(text, mentions, matches), matches)
        mentions = _split_species_prefixes(text, mentions, matches)
        mentions = with_cell_lines_by_shape(text, mentions, self.dictionary.exact)
        for mention in mentions:
            if mention.label == "Species" and text[mention.start : mention.end].lower() in self.dictionary.role_nouns:
                mention.attrs["role_noun"] = True
        if self.second_opinion is not None:
            evidence.second_opinion = {(m.start, m.end, m.label) for m in self.second_opinion.find_unscored(text)[0]}
        return sorted(mentions, key=lambda s: (s.start, s.end)), evidence


def _drop_short_forms_of_non_entities(text: str, found: dict[tuple[int, int], Span], evidence: Evidence) -> None:
    """Drop mentions of a short form that an abbreviation list defines by a long form overlapping no mention
    ("USP: ultrasound pachymetry", "PGA – Physician Global Assessment"), unless another definition of it was
    tagged. (For definitions in parentheses the same rule cost recall on abstracts, where the model finds
    the short form more often than its long form: NLM-Gene dev 0.841 -> 0.832.)"""
    for key, mention in list(found.items()):
        surface = text[mention.start : mention.end]
        if surface in evidence.not_entities and surface not in evidence.short_forms:
            del found[key]


def _label_of(long_form: spacy.tokens.Span, ents: Iterable[spacy.tokens.Span]) -> str | None:
    """The type of the entity that covers most of `long_form`, if one covers at least half of it."""
    best, best_overlap = None, 0
    for ent in ents:
        overlap = min(ent.end, long_form.end) - max(ent.start, long_form.start)
        if overlap > best_overlap:
            best, best_overlap = ent.label_, overlap
    return best if best_overlap * 2 >= len(long_form) else None


def _split_species_prefixes(text: str, mentions: list[Span], matches: list[Span]) -> list[Span]:
    """`mentions` plus the dictionary `matches` that overlap none of them; a Species match that starts
    a longer Gene mention ("mouse IL-2") splits it into the species and the gene."""
    genes = {m.start: m for m in mentions if m.label == "Gene"}
    kept = list(mentions)
    for match in matches:
        gene = genes.get(match.start)
        if gene is not None and match.label == "Species" and match.end < gene.end and gene in kept:
            start = match.end + len(text[match.end : gene.end]) - len(text[match.end : gene.end].lstrip())
            kept.remove(gene)
            kept += [match, Span(start, gene.end, "Gene", {**gene.attrs, "text": text[start : gene.end]})]
        elif all(match.end <= m.start or match.start >= m.end for m in kept):
            kept.append(match)
    return kept


def _cell_lines_in_context(text: str, mentions: list[Span], matches: list[Span]) -> list[Span]:
    """`mentions` with the cell lines the model took for genes or chemicals: a dictionary cell-line
    match replaces the model mentions inside it when "cells" or "cell line" closes its list, or when it is
    exactly one of them ("U87MG" tagged as a gene: BioRED dev CellLine 0.842 -> 0.900, NLM-Gene 0.841 -> 0.842)."""
    kept = list(mentions)
    for match in matches:
        if match.label != CELL_LINE:
            continue
        inside = [m for m in kept if match.start <= m.start and m.end <= match.end]
        same_span = len(inside) == 1 and (inside[0].start, inside[0].end) == (match.start, match.end)
        if not (same_span or CELLS_FOLLOW.match(text, match.end)):
            continue
        if inside and all(m.label in ("Gene", "Chemical") for m in inside) and not any(
            m.start < match.end and match.start < m.end for m in kept if m not in inside
        ):
            kept = [m for m in kept if m not in inside] + [match]
    return kept


def _widen_to_dictionary(mentions: list[Span], matches: list[Span]) -> list[Span]:
    """`mentions` with dictionary matches in place of the model mentions inside them: of its own type
    and shorter ("Streptococcus" -> "Streptococcus suis", "SY5Y" -> "SH-SY5Y"), or of any type for a Latin
    binomial of NCBI Taxonomy (the model often takes "Streptococcus suis" for a disease). A match that
    overlaps a mention reaching outside it changes nothing."""
    kept = list(mentions)
    for match in matches:
        binomial = match.attrs.get("taxonomy", False)
        overlapping = [m for m in kept if m.start < match.end and match.start < m.end]
        if overlapping and all(
            match.start <= m.start and m.end <= match.end
            and ((binomial and m.label != "Species") or (m.label == match.label and m.end - m.start < match.end - match.start))
            for m in overlapping
        ):
            kept = [m for m in kept if m not in overlapping] + [match]
    return kept


def _repeat(text: str, found: dict[tuple[int, int], Span]) -> Iterator[Span]:
    """Every other whole-word occurrence of a chemical name the model tagged somewhere in the text that no
    found mention overlaps (chemical names are the ones the model misses most often in a second place;
    for genes and diseases, repeating lost precision on dev)."""
    names = {
        text[m.start : m.end]: m.label
        for m in found.values()
        if m.label in REPEATED_TYPES and m.end - m.start >= 4 and m.attrs.get("source") == "model"
    }
    yield from _propagate(text, names, found, source="repeat")


def _propagate(
    text: str, names: dict[str, str], found: dict[tuple[int, int], Span], source: str = "abbreviation"
) -> Iterator[Span]:
    """Every whole-word occurrence of a typed name (a defined short form, a repeated chemical) that no
    found mention overlaps."""
    taken = sorted(found)
    for name, label in names.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            yield Span(start, end, label, {"text": name, "source": source})
