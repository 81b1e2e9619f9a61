"""CONSORT-TM: 50 full-text RCT articles, sentences labelled with CONSORT 2010 items."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path

from extract.corpus.model import Corpus, CorpusDocument, Mention, Passage
from extract.corpus.registry import readers


@readers.register("consort-tm")
def read_consort_tm(path: Path, **_options) -> Corpus:
    """Whole articles from `data/50_XML`; one `Mention` per (sentence, item), type `consort:<item>`.

    Every sentence is a `Passage` of kind `sentence` (with its section in `attrs` of the mentions).
    Splits follow the official article split of `Methods_{train,test}.csv` (38 / 12 articles).
    """
    data = Path(path) / "data"
    split_of = {pmcid: split for split in ("train", "test") for pmcid in _article_ids(data / f"Methods_{split}.csv")}
    splits: dict[str, list[CorpusDocument]] = {"train": [], "test": []}
    for xml_path in sorted((data / "50_XML").glob("*.xml")):
        doc = _document(xml_path)
        splits[split_of[doc.id]].append(doc)
    return Corpus(name="consort-tm", splits=splits)


def _article_ids(csv_path: Path) -> set[str]:
    with csv_path.open(newline="", encoding="utf-8") as handle:
        return {row["PMCID"] for row in csv.DictReader(handle)}


def _document(xml_path: Path) -> CorpusDocument:
    root = ET.parse(xml_path).getroot()
    text = root.findtext("text") or ""
    sections = [(_span(s.get("textSpan", "0-0")), s.get("title", "")) for s in root.iter("section")]
    passages: list[Passage] = []
    mentions: list[Mention] = []
    for sentence in root.iter("sentence"):
        start, end = _span(sentence.get("charOffset", ""))
        passages.append(Passage("sentence", start, text[start:end]))
        section = _innermost_section(sections, start)
        for item in (i.strip() for i in (sentence.get("selection") or "").split(",")):
            if item:
                attrs = {"sentence_id": sentence.get("id"), "section": section}
                mentions.append(Mention(start, end, text[start:end], f"consort:{item}", attrs=attrs))
    return CorpusDocument(id=root.get("id", xml_path.stem), passages=passages, mentions=mentions)


def _span(value: str) -> tuple[int, int]:
    start, end = value.split("-")
    return int(start), int(end)


def _innermost_section(sections: list[tuple[tuple[int, int], str]], offset: int) -> str:
    containing = [(end - start, title) for (start, end), title in sections if start <= offset < end]
    return min(containing)[1] if containing else ""
