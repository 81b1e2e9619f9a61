"""Every study-field corpus reads back with the counts its SOURCE.md publishes."""

from __future__ import annotations

from collections import Counter

import pytest

from extract.corpus.catalog import load_corpus, reader
from extract.corpus.model import Corpus
from extract.paths import corpora_dir

pytestmark = pytest.mark.shared

STUDYTYPETELLER = """\
Remaining 514 172 172 514 172 172
Non-systematic-review 192 64 65 222 74 75
Human-non-RCT-non-drug-intervention 93 31 32 123 41 42
Human-non-RCT-drug-intervention 77 26 26 107 36 36
Human-case-report 69 23 23 99 33 33
Animal-other 63 21 21 93 31 31
Animal-drug-intervention 58 19 20 88 29 30
Human-systematic-review 36 12 12 66 22 22
In-vitro-study 32 11 11 62 21 21
Human-RCT-non-drug-intervention 22 8 8 52 18 18
Animal-non-drug-intervention 16 5 6 46 15 16
Human-RCT-drug-intervention 13 5 5 43 15 15
Clinical-study-protocol 4 2 2 34 12 12
Human-RCT-non-intervention 2 1 1 32 11 11"""

CONSORT_ITEMS = """17a 719 6a 661 22 650 12a 272 5 270 18 225 20 208 17b 197 19 194 15 190 4a 160 13a 126 25 126
13b 116 7a 113 16 103 2a 102 3a 74 2b 72 12b 72 23 60 11a 59 10 57 14a 52 8b 50 1b 49 4b 48 21 44 8a 43 1a 40 9 22
7b 21 11b 18 3b 10 14b 9 24 8 6b 6"""


def docs(corpus: Corpus, split: str | None = None) -> list:
    return corpus.split(split) if split else [d for part in corpus.splits.values() for d in part]


@pytest.mark.parametrize("version, column", [("studytypeteller-study-design", 0), ("studytypeteller-study-design-enriched", 3)])
def test_studytypeteller(version: str, column: int) -> None:
    corpus = load_corpus(version)
    for split, offset in (("train", 0), ("dev", 1), ("test", 2)):
        expected = {line.split()[0]: int(line.split()[1 + column + offset]) for line in STUDYTYPETELLER.splitlines()}
        assert Counter(d.labels["source_label"] for d in corpus.split(split)) == expected


def test_pico_has_the_688_abstracts_in_a_stable_split() -> None:
    corpus = load_corpus("pico-corpus-breast-cancer")
    assert {split: len(d) for split, d in corpus.splits.items()} == {"train": 428, "dev": 133, "test": 127}
    with_total = [d for d in docs(corpus) if any(m.type == "total-participants" for m in d.mentions)]
    assert all("sample_size" in d.labels for d in with_total)


def test_consort_tm() -> None:
    corpus = load_corpus("consort-tm")
    all_docs = docs(corpus)
    assert (len(corpus.split("train")), len(corpus.split("test"))) == (38, 12)
    assert sum(len(d.passages) for d in all_docs) == 10_709
    labelled = sum(len({m.start for m in d.mentions}) for d in all_docs)
    assert (labelled, 10_709 - labelled) == (4_845, 5_864)
    pairs = CONSORT_ITEMS.split()
    expected = {f"consort:{item}": int(n) for item, n in zip(pairs[::2], pairs[1::2])}
    assert Counter(m.type for d in all_docs for m in d.mentions) == expected


def test_spirit_consort_tm() -> None:
    corpus = load_corpus("spirit-consort-tm")
    expected = {"train": (70, 70, 1626, 1424, 169, 89, 56, 52), "dev": (10, 10, 189, 173, 14, 14, 9, 5), "test": (20, 20, 416, 389, 41, 29, 14, 16)}
    for split, numbers in expected.items():
        got = []
        for key in ("docs", "spans", "14a_Sample_size", "8a_Design_Type"):
            for kind in ("protocol", "results"):
                part = [d for d in corpus.split(split) if d.labels["kind"] == kind]
                got.append(len(part) if key == "docs" else sum(len(d.mentions) for d in part) if key == "spans" else sum(m.type == key for d in part for m in d.mentions))
        assert tuple(got) == numbers
    results = [d for d in docs(corpus) if d.labels["kind"] == "results"]
    assert sum(d.labels["reported"]["14a_Sample_size"] for d in results) == 85


def test_evidence_inference() -> None:
    corpus = load_corpus("evidence-inference-2.0")
    expected = {"train": (3898, 1954, 732, 1899, 923, 1076), "dev": (468, 233, 90, 192, 132, 144), "test": (510, 257, 93, 216, 160, 134)}
    for split, numbers in expected.items():
        prompts = [p for d in corpus.split(split) for p in d.labels["prompts"]]
        rows = [a for p in prompts for a in p["annotations"]]
        labels = Counter(a["label"] for a in rows)
        got = (len(rows), len(prompts), len(corpus.split(split)), labels["no significant difference"], labels["significantly decreased"], labels["significantly increased"])
        assert got == numbers
    # evidence offsets are end-exclusive and every span has text
    assert all(m.text.strip() for d in corpus.split("test") for m in d.mentions)


def test_evidencemap() -> None:
    corpus = load_corpus("evidencemap")
    expected = {"general": (229, 2996, 2858, 1889, 1275, 403, 4812, 2045, 2050), "covid-19": (80, 1006, 985, 541, 562, 209, 1552, 586, 574)}
    for split, numbers in expected.items():
        part = corpus.split(split)
        types = Counter(m.type for d in part for m in d.mentions)
        links = Counter()
        for d in part:
            type_of = {m.attrs["annotation_id"]: m.type for m in d.mentions}
            links.update((type_of[r.arg1], type_of[r.arg2]) for r in d.relations)
        got = (len(part), *(types[t] for t in ("Intervention", "Outcome", "Observation", "Participant", "Count")), sum(links.values()), links["Intervention", "Observation"], links["Observation", "Outcome"])
        assert got == numbers


@pytest.mark.parametrize(
    "subset, type_, expected",
    [
        ("reported", "reported-outcome", {"p1": (980, 1077), "p2": (960, 1174)}),
        ("primary", "primary-outcome", {"p1": (1000, 848), "p2": (1000, 846)}),
        ("primary-secondary", "primary-outcome", {"p1": (1000, 848), "p2": (1000, 847)}),
        # SOURCE.md counts B- tags; one `I-Sec` after `O` in each p1 file opens one more span
        ("primary-secondary", "secondary-outcome", {"p1": (1000, 136 + 1), "p2": (1000, 145)}),
        ("secondary", "secondary-outcome", {"p1": (1000, 984 + 1), "p2": (1000, 992)}),
    ],
)
def test_despin_outcome_spans(subset: str, type_: str, expected: dict) -> None:
    corpus = reader("despin-outcomes-significance")(corpora_dir() / "despin-outcomes-significance", subset=subset)
    for split, (sentences, spans) in expected.items():
        part = corpus.split(split)
        assert (len(part), sum(m.type == type_ for d in part for m in d.mentions)) == (sentences, spans)


def test_despin_significance_pairs() -> None:
    corpus = reader("despin-outcomes-significance")(corpora_dir() / "despin-outcomes-significance", subset="significance")
    sentences = corpus.split("all")
    labels = Counter(r.attrs["label"] for d in sentences for r in d.relations)
    assert (len(sentences), len({d.labels["source"] for d in sentences}), labels[1], labels[0]) == (663, 297, 1372, 1180)


def test_scientific_claims() -> None:
    corpus = load_corpus("scientific-claims-achakulvisut")
    expected = {"train": (750, 5823, 1120), "dev": (375, 2946, 585), "test": (375, 2933, 571)}
    for split, numbers in expected.items():
        part = corpus.split(split)
        sentences = sum(p.kind == "sentence" for d in part for p in d.passages)
        assert (len(part), sentences, sum(len(d.mentions) for d in part)) == numbers
        assert all(d.text[m.start : m.end] == m.text for d in part for m in d.mentions)


def test_oncology_positive_negative() -> None:
    trials = load_corpus("oncology-rct-positive-negative").split("all")
    assert Counter(d.labels["primary_endpoint"] for d in trials) == {"positive": 146, "negative": 104}
    assert sum(d.labels["annotators_disagreed"] for d in trials) == 7


def test_pdf_manifest() -> None:
    pdfs = load_corpus("pdfs").split("test")
    assert len(pdfs) == 37
    assert Counter(d.labels.get("design") for d in pdfs)["rct"] == 10  # 9 "rct" + 1 "rct?"
