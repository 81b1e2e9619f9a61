"""`norm` scoring: mention level (span + ID set) and document-level concept sets, composite IDs."""

from __future__ import annotations

import pytest

from extract.bench.norm import score_norm
from extract.corpus.catalog import load_corpus
from extract.corpus.model import CorpusDocument, Mention, Passage

TEXTS = {
    "d1": "BRCA1 carriers with breast cancer take tamoxifen ; breast and ovarian cancer risk ; the tumour grew .",
    "d2": "TP53 status ; cisplatin dose ; cisplatin again .",
}


def mention(doc_id: str, phrase: str, type_: str, ids: tuple[str, ...] = (), nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = TEXTS[doc_id].index(phrase, start + 1)
    return Mention(start, start + len(phrase), phrase, type_, ids)


def documents(mentions: dict[str, list[Mention]]) -> list[CorpusDocument]:
    return [CorpusDocument(id=d, passages=[Passage("text", 0, t)], mentions=mentions[d]) for d, t in TEXTS.items()]


GOLD = documents(
    {
        "d1": [
            mention("d1", "BRCA1", "Gene", ("NCBIGene:672",)),
            mention("d1", "breast cancer", "Disease", ("MESH:D001943",)),
            mention("d1", "tamoxifen", "Chemical", ("MESH:D013629",)),
            mention("d1", "breast and ovarian cancer", "Disease", ("MESH:D001943", "MESH:D010051")),
            mention("d1", "tumour", "Disease"),  # annotated without an identifier
        ],
        "d2": [
            mention("d2", "TP53", "Gene", ("NCBIGene:7157",)),
            mention("d2", "cisplatin", "Chemical", ("MESH:D002945",)),
            mention("d2", "cisplatin", "Chemical", ("MESH:D002945",), nth=1),
        ],
    }
)
PRED = documents(
    {
        "d1": [
            mention("d1", "BRCA1", "Gene", ("NCBIGene:672",)),
            mention("d1", "breast cancer", "Disease", ("MESH:D001943",)),
            mention("d1", "tamoxifen", "Chemical", ("MESH:D000001",)),  # wrong ID
            mention("d1", "breast and ovarian cancer", "Disease", ("MESH:D010051",)),  # half the composite
            mention("d1", "tumour", "Disease", ("MESH:D009369",)),  # gold has no ID here
        ],
        "d2": [
            mention("d2", "TP53", "Gene", ("NCBIGene:7158",)),  # wrong ID
            mention("d2", "cisplatin", "Chemical", ("MESH:D002945",)),  # second cisplatin dropped
        ],
    }
)


def counts(block: dict) -> tuple[int, int, int]:
    return block["tp"], block["fp"], block["fn"]


def test_gold_against_itself_is_perfect() -> None:
    result = score_norm(GOLD, GOLD)
    for block in ("metrics", "mention_metrics"):
        assert all(row["f1"] == 1.0 for row in result[block].values())


def test_mention_level_needs_span_type_and_the_whole_id_set() -> None:
    mentions = score_norm(GOLD, PRED)["mention_metrics"]
    assert counts(mentions["Gene"]) == (1, 1, 1)
    # the half composite is wrong; the prediction on the ID-less gold "tumour" is ignored
    assert counts(mentions["Disease"]) == (1, 1, 1)
    assert counts(mentions["Chemical"]) == (1, 1, 2)
    assert counts(mentions["micro"]) == (3, 3, 4)


def test_document_level_concept_sets() -> None:
    concepts = score_norm(GOLD, PRED)["metrics"]
    assert counts(concepts["Gene"]) == (1, 1, 1)
    # D001943 and D010051 are both in d1's set; the tumour ID is a concept gold does not have
    assert counts(concepts["Disease"]) == (2, 1, 0)
    # one cisplatin mention suffices for the document's set
    assert counts(concepts["Chemical"]) == (1, 1, 1)
    assert concepts["micro"]["f1"] == pytest.approx(2 * (4 / 7) * (4 / 6) / (4 / 7 + 4 / 6))


@pytest.mark.shared
def test_changing_ids_of_a_real_corpus() -> None:
    """EvidenceMap spans with one made-up ID each as gold; the prediction changes every 5th ID."""
    gold = load_corpus("evidencemap").split("covid-19")
    with_ids = [
        CorpusDocument(id=d.id, passages=d.passages, mentions=[Mention(m.start, m.end, m.text, m.type, (f"X:{i}",)) for i, m in enumerate(d.mentions)])
        for d in gold
    ]
    changed = 0
    pred = []
    for doc in with_ids:
        mentions = []
        for i, m in enumerate(doc.mentions):
            if i % 5 == 0:
                changed += 1
                m = Mention(m.start, m.end, m.text, m.type, ("X:changed",))
            mentions.append(m)
        pred.append(CorpusDocument(id=doc.id, mentions=mentions))
    total = sum(len(d.mentions) for d in with_ids)
    result = score_norm(with_ids, pred)
    assert counts(result["mention_metrics"]["micro"]) == (total - changed, changed, changed)
    # per document, the changed mentions lose their own IDs and all share one new concept per type
    new_concepts = len({(d.id, m.type) for d in pred for m in d.mentions if m.ids == ("X:changed",)})
    assert counts(result["metrics"]["micro"]) == (total - changed, new_concepts, changed)
