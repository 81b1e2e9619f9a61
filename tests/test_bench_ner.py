"""`ner` scoring: strict and lenient (one-to-one overlap) counts on a small corpus with known errors."""

from __future__ import annotations

import pytest

from extract.bench.ner import score_ner
from extract.bench.spans import overlap_matches
from extract.corpus.catalog import load_corpus
from extract.corpus.model import CorpusDocument, Mention, Passage

TEXTS = {
    "d1": "BRCA1 mutations cause breast cancer in women treated with tamoxifen .",
    "d2": "TP53 loss in lung cancer ; cisplatin caused nausea .",
    "d3": "fever and rash after sodium chloride infusion .",
}


def mention(doc_id: str, phrase: str, type_: str) -> Mention:
    start = TEXTS[doc_id].index(phrase)
    return Mention(start, start + len(phrase), phrase, type_)


def corpus(spans: dict[str, list[tuple[str, str]]]) -> list[CorpusDocument]:
    return [
        CorpusDocument(id=doc_id, passages=[Passage("text", 0, text)], mentions=[mention(doc_id, p, t) for p, t in spans.get(doc_id, [])])
        for doc_id, text in TEXTS.items()
    ]


GOLD = corpus(
    {
        "d1": [("BRCA1", "Gene"), ("breast cancer", "Disease"), ("tamoxifen", "Chemical")],
        "d2": [("TP53", "Gene"), ("lung cancer", "Disease"), ("cisplatin", "Chemical"), ("nausea", "Disease")],
        "d3": [("fever", "Disease"), ("rash", "Disease"), ("sodium chloride", "Chemical")],
    }
)
PRED = corpus(
    {
        # boundary shifted one token right; tamoxifen dropped; a Gene false positive; a type not in the corpus
        "d1": [("BRCA1", "Gene"), ("mutations", "Gene"), ("cancer in", "Disease"), ("women", "Species")],
        # "lung cancer" with the wrong type
        "d2": [("TP53", "Gene"), ("lung cancer", "Chemical"), ("cisplatin", "Chemical"), ("nausea", "Disease")],
        # one prediction covering two gold mentions; two predictions inside one gold mention
        "d3": [("fever and rash", "Disease"), ("sodium", "Chemical"), ("chloride", "Chemical")],
    }
)


def counts(block: dict) -> tuple[int, int, int]:
    return block["tp"], block["fp"], block["fn"]


def test_gold_against_itself_is_perfect() -> None:
    result = score_ner(GOLD, GOLD)
    for block in ("metrics", "lenient_metrics"):
        assert all(row["f1"] == 1.0 for row in result[block].values())
    assert result["metrics"]["micro"]["tp"] == 10


def test_strict_counts_of_known_errors() -> None:
    strict = score_ner(GOLD, PRED)["metrics"]
    assert counts(strict["Gene"]) == (2, 1, 0)
    assert counts(strict["Disease"]) == (1, 2, 4)  # only nausea is exact
    assert counts(strict["Chemical"]) == (1, 3, 2)  # only cisplatin is exact
    assert counts(strict["micro"]) == (4, 6, 6)
    assert strict["micro"]["p"] == pytest.approx(0.4)
    assert strict["macro"]["f1"] == pytest.approx((0.8 + 0.25 + 2 / 7) / 3)


def test_lenient_matching_is_one_to_one() -> None:
    result = score_ner(GOLD, PRED)
    lenient = result["lenient_metrics"]
    assert counts(lenient["Gene"]) == (2, 1, 0)
    # "cancer in" ~ "breast cancer"; "fever and rash" satisfies only one of fever / rash
    assert counts(lenient["Disease"]) == (3, 0, 2)
    # "sodium" ~ "sodium chloride", then "chloride" has nothing left; the mistyped "lung cancer" stays wrong
    assert counts(lenient["Chemical"]) == (2, 2, 1)
    assert counts(lenient["micro"]) == (7, 3, 3)
    assert result["ignored_predictions"] == 1  # the Species mention: the corpus has no Species


def test_greedy_matching_prefers_the_largest_overlap() -> None:
    # pred 0 overlaps gold 0 by 2 and gold 1 by 6: it goes to gold 1, and pred 1 can still take gold 0
    assert sorted(overlap_matches([(0, 4), (2, 10)], [(2, 8), (0, 3)])) == [(0, 1), (1, 0)]


def test_predictions_for_unknown_documents_are_ignored() -> None:
    stray = CorpusDocument(id="elsewhere", mentions=[Mention(0, 5, "BRCA1", "Gene")])
    assert score_ner(GOLD, [*GOLD, stray])["metrics"]["micro"]["fp"] == 0


@pytest.mark.shared
def test_dropping_every_tenth_mention_of_a_real_corpus() -> None:
    gold = load_corpus("pico-corpus-breast-cancer").split("dev")
    pred, dropped = [], {}
    index = 0
    for doc in gold:
        kept = []
        for m in doc.mentions:
            if index % 10 == 0:
                dropped[m.type] = dropped.get(m.type, 0) + 1
            else:
                kept.append(m)
            index += 1
        pred.append(CorpusDocument(id=doc.id, passages=doc.passages, mentions=kept))
    total = index
    result = score_ner(gold, pred)
    for block in ("metrics", "lenient_metrics"):
        assert counts(result[block]["micro"]) == (total - sum(dropped.values()), 0, sum(dropped.values()))
        for type_, n in dropped.items():
            assert result[block][type_]["fn"] == n
