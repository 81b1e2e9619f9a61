"""DeSpin (Koroleva et al.): outcome mentions in RCT sentences and outcome-significance pairs."""

from __future__ import annotations

import csv
from pathlib import Path

from extract.corpus.model import Corpus, CorpusDocument, Mention, Passage, Relation
from extract.corpus.registry import readers

TAGGED_FILES = {
    "reported": "Reported_Outcomes/rep_sent_marked_{part}_col.txt",
    "primary": "Primary_Outcomes/po_sent_marked_col_{part}_coord.txt",
    "primary-secondary": "Primary_Secondary_Outcomes/po_sent_marked_col_{part}_coord.txt",
    "secondary": "Primary_Secondary_Outcomes/so_sent_marked_col_{part}_coord.txt",
}
TAG_TYPES = {"Rep": "reported-outcome", "Prim": "primary-outcome", "Sec": "secondary-outcome"}
SIGNIFICANCE_FILE = "Outcome_significance_relation/significance_relations_marked_all.txt"
SUBSET_OF_FOLDER = {
    "Reported_Outcomes": "reported",
    "Primary_Outcomes": "primary",
    "Primary_Secondary_Outcomes": "primary-secondary",
    "Outcome_significance_relation": "significance",
}


@readers.register("despin-outcomes-significance")
def read_despin(path: Path, subset: str | None = None, **_options) -> Corpus:
    """One sentence per document, splits `p1` and `p2` (the two disjoint halves; no official split).

    `subset` picks the file set: `reported`, `primary`, `primary-secondary`, `secondary` (BIO-tagged
    outcome spans -> `Mention`s of type `reported-outcome` / `primary-outcome` / `secondary-outcome`;
    tokens joined by single spaces) or `significance` (split `all`: each sentence with its outcome and
    significance spans as `Mention`s and a `Relation` `significance` per pair, `attrs["label"]` 1/0).
    `path` is the corpus folder (default subset `reported`) or one subset's folder under `data/`.
    """
    data = Path(path)
    if data.name in SUBSET_OF_FOLDER:
        subset, data = subset or SUBSET_OF_FOLDER[data.name], data.parent
    else:
        subset, data = subset or "reported", data / "data"
    if subset == "significance":
        return Corpus(name="despin-outcomes-significance", splits={"all": _significance_documents(data / SIGNIFICANCE_FILE)})
    pattern = TAGGED_FILES[subset]
    splits = {part: _tagged_documents(data / pattern.format(part=part), f"{subset}-{part}") for part in ("p1", "p2")}
    return Corpus(name="despin-outcomes-significance", splits=splits)


def _tagged_documents(conll: Path, prefix: str) -> list[CorpusDocument]:
    docs: list[CorpusDocument] = []
    sentence: list[tuple[str, str]] = []
    for line in [*conll.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            token, tag = line.rsplit(" ", 1)
            sentence.append((token, tag))
        elif sentence:
            docs.append(_sentence_document(f"{prefix}-{len(docs) + 1}", sentence))
            sentence = []
    return docs


def _sentence_document(doc_id: str, tagged: list[tuple[str, str]]) -> CorpusDocument:
    text, mentions = "", []
    open_span: list | None = None  # [start, end, type]; an I- tag without its B- opens a span
    for token, tag in tagged:
        start = len(text) + (1 if text else 0)
        text = f"{text} {token}" if text else token
        if tag.startswith("B-") or (tag.startswith("I-") and (open_span is None or open_span[2] != TAG_TYPES[tag[2:]])):
            open_span = [start, len(text), TAG_TYPES[tag[2:]]]
            mentions.append(open_span)
        elif tag.startswith("I-"):
            open_span[1] = len(text)
        else:
            open_span = None
    spans = [Mention(s, e, text[s:e], t) for s, e, t in mentions]
    return CorpusDocument(id=doc_id, passages=[Passage("sentence", 0, text)], mentions=spans)


def _significance_documents(tsv: Path) -> list[CorpusDocument]:
    docs: dict[tuple[str, str], CorpusDocument] = {}
    with tsv.open(newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            source, sentence, _outcome, o_start, o_end, _significance, s_start, s_end = row[:8]
            label = row[-1]  # one row has an empty extra column before the label
            doc = docs.setdefault(
                (source, sentence),
                CorpusDocument(id=f"{source}#{len(docs) + 1}", passages=[Passage("sentence", 0, sentence)], labels={"source": source}),
            )
            out = _add_mention(doc, int(o_start), int(o_end), "outcome")
            sig = _add_mention(doc, int(s_start), int(s_end), "significance")
            doc.relations.append(Relation("significance", out, sig, attrs={"label": int(label)}))
    return list(docs.values())


def _add_mention(doc: CorpusDocument, start: int, end: int, type_: str) -> str:
    """The id of the mention at (start, end, type), added on first sight."""
    for mention in doc.mentions:
        if (mention.start, mention.end, mention.type) == (start, end, type_):
            return mention.attrs["id"]
    mention_id = f"{type_}-{len(doc.mentions) + 1}"
    doc.mentions.append(Mention(start, end, doc.passages[0].text[start:end], type_, attrs={"id": mention_id}))
    return mention_id
