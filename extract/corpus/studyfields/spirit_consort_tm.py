"""SPIRIT-CONSORT-TM: 100 RCT protocols + their 100 results articles (full text, brat term spans)."""

from __future__ import annotations

import csv
import zipfile
from collections import defaultdict
from pathlib import Path

from extract.corpus.brat import parse_brat
from extract.corpus.model import Corpus, CorpusDocument
from extract.corpus.registry import readers

SPLIT_NAMES = {"train": "train", "valid": "dev", "test": "test"}


@readers.register("spirit-consort-tm")
def read_spirit_consort_tm(path: Path, **_options) -> Corpus:
    """Term spans (e.g. `14a_Sample_size`, `8a_Design_Type`) as `Mention`s, read from `raw_data.zip`.

    `labels["kind"]` is `protocol` or `results`, `labels["pair_id"]` links the two articles of a trial and
    `labels["reported"]` maps each of the 83 checklist items to True/False. Splits are the official ones
    (`train`, `valid` -> `dev`, `test`, by article pair).
    """
    data = Path(path) / "data"
    articles = _article_rows(data / "articles.csv")
    splits: dict[str, list[CorpusDocument]] = defaultdict(list)
    with zipfile.ZipFile(data / "terms" / "raw_data" / "raw_data.zip") as archive:
        for name in sorted(n for n in archive.namelist() if n.endswith(".txt")):
            pmcid = Path(name).stem
            text = archive.read(name).decode("utf-8")
            ann_lines = archive.read(name[:-4] + ".ann").decode("utf-8").splitlines()
            info = articles[pmcid]
            doc = parse_brat(pmcid, text, ann_lines, f"raw_data.zip:{name[:-4]}.ann")
            doc.labels.update(info["labels"])
            splits[info["split"]].append(doc)
    return Corpus(name="spirit-consort-tm", splits=dict(splits))


def _article_rows(csv_path: Path) -> dict[str, dict]:
    articles: dict[str, dict] = {}
    with csv_path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            article = articles.setdefault(
                row["PMCID"],
                {
                    "split": SPLIT_NAMES[row["Split"]],
                    "labels": {"kind": row["Protocol/Results"].lower(), "pair_id": row["PairID"], "reported": {}},
                },
            )
            article["labels"]["reported"][row["ChecklistItem"]] = row["Reported"] == "1"
    return articles
