"""The BioCreative II GM score: gold mentions or their accepted alternative boundaries, one-to-one."""

from __future__ import annotations

import pytest

from extract.bench.ner import score_ner
from extract.bench.spans import alternative_counts
from extract.corpus.catalog import load_corpus
from extract.corpus.model import CorpusDocument, Mention, Passage

TEXT = "Antilymphocyte globulin (ALG) lowered IgE antibodies but not mouse interleukin 2 in the serum ."


def mention(phrase: str, type_: str = "Gene") -> Mention:
    start = TEXT.index(phrase)
    return Mention(start, start + len(phrase), phrase, type_)


def document(phrases: list[str], alternatives: list[str] | None = None) -> CorpusDocument:
    doc = CorpusDocument("s1", [Passage("sentence", 0, TEXT)], [mention(p) for p in phrases])
    if alternatives is not None:
        doc.labels["alternatives"] = [mention(p) for p in alternatives]
    return doc


GOLD = document(
    ["Antilymphocyte globulin", "ALG", "IgE antibodies", "mouse interleukin 2"],
    ["Antilymphocyte globulin (ALG)", "IgE", "interleukin 2"],
)


def official(pred: list[str]) -> tuple[int, int, int]:
    block = score_ner([GOLD], [document(pred)])["alternatives_metrics"]["Gene"]
    return block["tp"], block["fp"], block["fn"]


def test_a_prediction_matching_an_alternative_is_a_true_positive() -> None:
    result = score_ner([GOLD], [document(["IgE", "interleukin 2"])])
    assert result["metrics"]["Gene"]["tp"] == 0  # strict: neither is a gold span
    assert official(["IgE", "interleukin 2"]) == (2, 0, 2)


def test_two_predictions_on_one_gene_count_one_true_positive() -> None:
    # "IgE antibodies" (the gold span) and "IgE" (its alternative): one tp, the other is a false positive
    assert official(["IgE antibodies", "IgE"]) == (1, 1, 3)


def test_a_prediction_matching_nothing_is_a_false_positive() -> None:
    assert official(["serum", "lowered IgE"]) == (0, 2, 4)


def test_an_alternative_spanning_two_genes_credits_one_and_the_matching_is_maximal() -> None:
    # the combined span is accepted for both genes but satisfies one; "ALG" takes the other
    assert official(["Antilymphocyte globulin (ALG)"]) == (1, 0, 3)
    assert official(["ALG", "Antilymphocyte globulin (ALG)"]) == (2, 0, 2)
    assert alternative_counts([(0, 4), (6, 9)], [(0, 9)], [(6, 9), (0, 9)]).tp == 2


def test_gold_against_itself_is_perfect_and_corpora_without_alternatives_get_no_block() -> None:
    assert official(["Antilymphocyte globulin", "ALG", "IgE antibodies", "mouse interleukin 2"]) == (4, 0, 0)
    assert "alternatives_metrics" not in score_ner([document(["ALG"])], [document(["ALG"])])


@pytest.mark.shared
def test_bc2gm_dev_alternatives_as_predictions() -> None:
    gold = load_corpus("bc2gm").split("dev")
    itself = score_ner(gold, gold)["alternatives_metrics"]["Gene"]
    assert (itself["tp"], itself["fp"], itself["fn"]) == (3061, 0, 0)  # GENE.eval lines of devel-split/devel
    # predicting exactly the ALTGENE spans: strict finds few of them; the official score credits most of
    # the genes that have an alternative, at most once each (several alternatives of one gene are surplus)
    pred = [CorpusDocument(d.id, d.passages, list(d.labels["alternatives"])) for d in gold]
    result = score_ner(gold, pred)
    strict, alternatives = result["metrics"]["Gene"], result["alternatives_metrics"]["Gene"]
    assert alternatives["tp"] + alternatives["fp"] == strict["tp"] + strict["fp"] == 2337
    with_alternative = sum(
        any(a.start < g.end and g.start < a.end for a in d.labels["alternatives"]) for d in gold for g in d.mentions
    )
    assert strict["tp"] < 100 < 1500 < alternatives["tp"] <= with_alternative
