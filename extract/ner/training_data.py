"""Turn annotated corpora into spaCy training docs for one multi-type recognizer.

The corpora annotate different subsets of types: a word left unlabelled in a gene-only corpus is
not evidence that it is not a chemical. We handle that with *masked missing labels*: in a corpus
that does not annotate type T, every occurrence of a surface form that some other training corpus
labels as T is marked as missing (neither entity nor outside), so the model gets no false negative
there; all other tokens stay "outside". Mentions of types outside our scope (Variant, NLM-Gene's
`Cell`, ...) are masked the same way. A source may also carry a *teacher's* mentions (another
recognizer's output on its text, `TrainingSource.teacher`): those of a type the corpus does not annotate
become entities, so a chemical in a gene-only corpus is taught as a chemical instead of left masked, or
taught as "outside" when no vocabulary knows it.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from extract.corpus.harmonize import ENTITY_TYPES
from extract.corpus.model import Corpus, CorpusDocument

MAX_CHUNK_TOKENS = 300
"""Long documents (full texts) are cut at sentence ends into chunks of about this many tokens."""


@dataclass(frozen=True)
class TrainingSource:
    """One corpus split used for training, with the types it annotates completely."""

    corpus: Corpus
    split: str
    types: tuple[str, ...]
    teacher: Mapping[str, list[tuple[int, int, str]]] | None = None
    """Document id -> a teacher recognizer's (start, end, type) mentions; used for the types not in `types`."""

    @property
    def documents(self) -> list[CorpusDocument]:
        return self.corpus.split(self.split)


def surface_lexicon(sources: Iterable[TrainingSource], min_count: int = 1) -> dict[str, set[str]]:
    """Lower-cased surface forms seen as each type in the sources (at least `min_count` times).

    A form that is labelled as one type far more often than as another belongs to that type only,
    so that e.g. "insulin" (mostly a gene in BioRED) is not masked as a chemical everywhere.
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for source in sources:
        for doc in source.documents:
            for mention in doc.mentions:
                if mention.type in source.types:
                    counts[mention.text.lower()][mention.type] += 1
    lexicon: dict[str, set[str]] = {t: set() for t in ENTITY_TYPES}
    for form, by_type in counts.items():
        if len(form) < 3:
            continue
        top = by_type.most_common(1)[0][1]
        for entity_type, n in by_type.items():
            if n >= min_count and n * 4 >= top:
                lexicon[entity_type].add(form)
    return lexicon


def _matcher(nlp: Language, entity_type: str, forms: set[str]) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add(entity_type, list(nlp.tokenizer.pipe(sorted(forms), batch_size=4096)))
    return matcher


def _chunks(doc: Doc, max_tokens: int) -> Iterator[tuple[int, int]]:
    """Token ranges of at most ~`max_tokens`, cut after a sentence-final period when possible."""
    start = 0
    while start < len(doc):
        end = min(start + max_tokens, len(doc))
        if end < len(doc):
            cut = next(
                (i + 1 for i in range(end - 1, start + max_tokens // 3, -1) if doc[i].text in {".", "?", "!"}),
                end,
            )
            end = cut
        yield start, end
        start = end


class DocConverter:
    """Converts corpus documents of one source into spaCy docs with entities and masks."""

    def __init__(self, nlp: Language, lexicon: dict[str, set[str]]) -> None:
        self.nlp = nlp
        self.lexicon = lexicon
        self._matchers: dict[str, PhraseMatcher] = {}

    def _mask_matchers(self, annotated: tuple[str, ...]) -> list[PhraseMatcher]:
        """One phrase matcher per type the source does not annotate (each built once)."""
        for entity_type, forms in self.lexicon.items():
            if entity_type not in annotated and entity_type not in self._matchers:
                self._matchers[entity_type] = _matcher(self.nlp, entity_type, forms)
        return [self._matchers[t] for t in self.lexicon if t not in annotated]

    def convert(
        self, document: CorpusDocument, annotated: tuple[str, ...], teacher: Iterable[tuple[int, int, str]] = ()
    ) -> list[Doc]:
        """spaCy docs (chunks) of `document`: labels for `annotated` types, the `teacher`'s mentions of the
        other types where they overlap no label, masks elsewhere."""
        doc = self.nlp.make_doc(document.text)
        entities: list[Span] = []
        masked: list[Span] = []
        for mention in sorted(document.mentions, key=lambda m: (m.start, -m.end)):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not span.text.strip():
                continue
            if mention.type in annotated:
                entities.append(Span(doc, span.start, span.end, label=mention.type))
            else:
                masked.append(span)
        entities = _without_overlaps(entities)
        taken = {i for e in entities for i in range(e.start, e.end)}
        taught = _without_overlaps(_teacher_spans(doc, teacher, annotated, taken))
        entities = sorted(entities + taught, key=lambda e: e.start)
        taken |= {i for e in taught for i in range(e.start, e.end)}
        for matcher in self._mask_matchers(annotated):
            masked.extend(doc[start:end] for _match_id, start, end in matcher(doc))
        masked_tokens = {i for m in masked for i in range(m.start, m.end)} - taken
        doc.set_ents(entities, missing=_runs(doc, masked_tokens), default="outside")
        if len(doc) <= MAX_CHUNK_TOKENS:
            return [doc]
        return [doc[a:b].as_doc() for a, b in _chunks(doc, MAX_CHUNK_TOKENS)]


def _teacher_spans(
    doc: Doc, teacher: Iterable[tuple[int, int, str]], annotated: tuple[str, ...], taken: set[int]
) -> list[Span]:
    """The teacher's mentions of types the corpus does not annotate, as token spans clear of `taken`."""
    spans = []
    for start, end, label in teacher:
        span = doc.char_span(start, end, alignment_mode="expand")
        if label in annotated or span is None or not span.text.strip():
            continue
        if not taken.intersection(range(span.start, span.end)):
            spans.append(Span(doc, span.start, span.end, label=label))
    return spans


def _runs(doc: Doc, tokens: set[int]) -> list[Span]:
    """The token indices as contiguous, non-overlapping spans."""
    runs: list[Span] = []
    for i in sorted(tokens):
        if runs and runs[-1].end == i:
            runs[-1] = doc[runs[-1].start : i + 1]
        else:
            runs.append(doc[i : i + 1])
    return runs


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """Keep the longest of overlapping entity spans (nested mentions cannot be IOB-tagged)."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def training_docs(
    nlp: Language, sources: list[TrainingSource], lexicon: dict[str, set[str]], keep_empty: float = 1.0
) -> Iterator[Doc]:
    """All training docs of all sources, converted with masks.

    Only a `keep_empty` share of docs without any entity is kept (chosen by a hash of the text, so the
    choice is the same on every machine): BC2GM sentences and BioID captions are mostly empty.
    """
    converter = DocConverter(nlp, lexicon)
    for source in sources:
        teacher = source.teacher or {}
        for document in source.documents:
            for doc in converter.convert(document, source.types, teacher.get(document.id, ())):
                if doc.ents or stable_fraction(doc.text) < keep_empty:
                    yield doc


def stable_fraction(text: str) -> float:
    """A number in [0, 1) fixed by `text`."""
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16) / 16**8
