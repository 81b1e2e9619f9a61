"""The catalog, `load_corpus` (names and paths, format detection), derived dev splits, and real corpus counts."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from extract.corpus.catalog import CatalogEntry, DevSplit, carve_dev_split, catalog, load_corpus, load_entry, reader
from extract.corpus.check import check_corpus, compare_expected
from extract.corpus.detect import detect_format
from extract.corpus.model import Corpus, CorpusDocument

ENTITY_CORPORA = ("biored", "bc5cdr", "ncbi-disease", "nlm-gene", "gnormplus", "bc2gm", "linnaeus", "s800", "bioid")


def pubtator_block(doc_id: int) -> str:
    return f"{doc_id}|t|Title {doc_id} about asthma.\n{doc_id}|a|\n{doc_id}\t{len(str(doc_id)) + 13}\t{len(str(doc_id)) + 19}\tasthma\tDiseaseOrPhenotypicFeature\tD001249\n\n"


@pytest.fixture
def tiny_catalog(tmp_path: Path) -> tuple[Path, Path]:
    """A data folder with a 200/10-document PubTator corpus and a catalog naming it."""
    data, entries = tmp_path / "data", tmp_path / "catalog"
    (data / "tiny").mkdir(parents=True)
    entries.mkdir()
    (data / "tiny" / "train.txt").write_text("".join(pubtator_block(i) for i in range(1000, 1200)), encoding="utf-8")
    (data / "tiny" / "test.txt").write_text("".join(pubtator_block(i) for i in range(2000, 2010)), encoding="utf-8")
    (entries / "tiny.toml").write_text(
        'name = "tiny"\ntask = "ner"\nreader = "pubtator"\npath = "tiny"\nharmonize = "biored"\n'
        '[splits]\ntrain = "train.txt"\ntest = "test.txt"\n[dev_split]\nfrom = "train"\nfraction = 0.2\n'
        "[expected]\ntrain = { documents = 200, mentions = 200 }\n",
        encoding="utf-8",
    )
    return data, entries


def test_catalog_entry_loads_with_a_deterministic_dev_split(tiny_catalog: tuple[Path, Path]) -> None:
    data, entries = tiny_catalog
    corpus = load_corpus("tiny", data_dir=data, catalog_dir=entries)
    again = load_corpus("tiny", data_dir=data, catalog_dir=entries)
    train, dev, test = ({d.id for d in corpus.split(name)} for name in ("train", "dev", "test"))
    assert train | dev == {str(i) for i in range(1000, 1200)} and not train & dev
    assert test == {str(i) for i in range(2000, 2010)}
    assert 20 <= len(dev) <= 60  # about 20% of 200
    assert dev == {d.id for d in again.split("dev")}
    assert corpus.entity_types == ("Disease",)
    assert corpus.split("dev")[0].mentions[0].ids == ("MESH:D001249",)
    assert compare_expected(check_corpus(corpus), catalog(entries)["tiny"]) == {"train": []}


def test_dev_split_depends_on_the_document_id_only() -> None:
    rule = DevSplit(fraction=0.5)
    picked = {str(i) for i in range(200) if rule.takes(str(i))}
    assert 70 < len(picked) < 130
    assert picked == {str(i) for i in reversed(range(200)) if rule.takes(str(i))}


def test_dev_split_never_comes_from_test_or_replaces_dev() -> None:
    corpus = Corpus("c", splits={"test": [CorpusDocument("1")], "dev": []})
    with pytest.raises(ValueError, match="must not come from test"):
        carve_dev_split(corpus, DevSplit(source="test"))
    with pytest.raises(ValueError, match="already has a dev split"):
        carve_dev_split(corpus, DevSplit(source="train"))


def test_paths_load_with_detected_or_given_format(tmp_path: Path) -> None:
    pubtator = tmp_path / "predictions.out"
    pubtator.write_text(pubtator_block(7), encoding="utf-8")
    bioc = tmp_path / "x.xml"
    bioc.write_text(
        "<collection><document><id>1</id><passage><offset>0</offset><text>p53</text>"
        "<annotation id='1'><infon key='type'>Gene</infon><location offset='0' length='3'/><text>p53</text></annotation>"
        "</passage></document></collection>",
        encoding="utf-8",
    )
    brat = tmp_path / "brat"
    brat.mkdir()
    (brat / "1.txt").write_text("p53", encoding="utf-8")
    (brat / "1.ann").write_text("T1\tGene 0 3\tp53\n", encoding="utf-8")
    assert [detect_format(p) for p in (pubtator, bioc, brat)] == ["pubtator", "bioc", "brat"]
    for path in (pubtator, bioc, brat):
        [document] = load_corpus(path).split("all")
        assert document.mentions and document.mentions[0].type in ("Disease", "Gene")
    assert load_corpus(brat / "1.ann", format="brat").split("all")[0].id == "1"


def test_unknown_name_and_undetectable_file_give_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="neither a catalog corpus"):
        load_corpus("no-such-corpus", catalog_dir=tmp_path)
    odd = tmp_path / "notes.md"
    odd.write_text("# hello\n", encoding="utf-8")
    with pytest.raises(ValueError, match="pass the format"):
        load_corpus(odd)
    with pytest.raises(KeyError, match="no corpus reader 'nope'"):
        reader("nope")


def test_catalog_entry_without_required_keys_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text('name = "bad"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="lacks task, reader, path"):
        catalog(tmp_path)


def test_every_catalog_entry_names_a_registered_reader() -> None:
    entries = catalog()
    assert set(ENTITY_CORPORA) <= set(entries)
    for entry in entries.values():
        assert callable(reader(entry.reader)), entry.name
        assert entry.file is not None and entry.file.stem == entry.name


@pytest.mark.shared
@pytest.mark.parametrize("name", ENTITY_CORPORA)
def test_entity_corpus_counts_equal_source_md(name: str) -> None:
    entry: CatalogEntry = catalog()[name]
    started = time.perf_counter()
    corpus = load_entry(entry)
    assert time.perf_counter() - started < 10
    results = check_corpus(corpus)
    assert compare_expected(results, entry) == {split: [] for split in entry.expected}
    assert set(corpus.entity_types) == set(entry.entity_types)
    if entry.dev_split:
        assert "dev" in corpus.splits and corpus.split("dev")
        assert not {d.id for d in corpus.split("dev")} & {d.id for d in corpus.split("train")}


@pytest.mark.shared
def test_catalog_corpus_in_another_format_and_relative_paths() -> None:
    bioc = load_corpus("biored", format="bioc")
    assert {split: len(documents) for split, documents in bioc.splits.items()} == {"train": 400, "dev": 100, "test": 100}
    pubtator_test = load_corpus("biored/Test.PubTator").split("all")
    assert [m.ids for m in bioc.split("test")[0].mentions] == [m.ids for m in pubtator_test[0].mentions]


def test_xml_that_is_not_bioc_is_not_detected_as_bioc(tmp_path: Path) -> None:
    other = tmp_path / "article.xml"
    other.write_text('<?xml version="1.0"?>\n<document id="PMC1"><text>Title</text></document>\n', encoding="utf-8")
    with pytest.raises(ValueError, match="pass the format"):
        detect_format(other)
