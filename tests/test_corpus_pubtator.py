"""The PubTator reader on hand-written files of several valid (and some invalid) shapes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.corpus.check import check_corpus
from extract.corpus.errors import CorpusFormatError
from extract.corpus.pubtator import parse_pubtator, read_pubtator

TITLE = "BRCA1 mutations in breast cancer."
ABSTRACT = "Tamoxifen\twas given to mice with BRCA1 loss."


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_title_abstract_annotations_relations_and_ids(tmp_path: Path) -> None:
    abstract_start = len(TITLE) + 1
    lines = [
        f"100|t|{TITLE}",
        f"100|a|{ABSTRACT}",
        "100\t0\t5\tBRCA1\tGeneOrGeneProduct\t672",
        "100\t19\t32\tbreast cancer\tDisease\tD001943|D018567",
        f"100\t{abstract_start}\t{abstract_start + 9}\tTamoxifen\tChemicalEntity\t-1",
        f"100\t{abstract_start + 23}\t{abstract_start + 27}\tmice\tSpecies\t",
        f"100\t{abstract_start + 33}\t{abstract_start + 38}\tBRCA1\tGene\t-",
        "100\tAssociation\t672\tD001943\tNovel",
        "",
    ]
    corpus = read_pubtator(write(tmp_path, "one.pubtator", "\n".join(lines)))
    [document] = corpus.split("all")
    assert document.text == f"{TITLE} {ABSTRACT}"
    assert [m.type for m in document.mentions] == ["Gene", "Disease", "Chemical", "Species", "Gene"]
    assert [m.ids for m in document.mentions] == [
        ("NCBIGene:672",),
        ("MESH:D001943", "MESH:D018567"),
        (),
        (),
        (),
    ]
    assert document.mentions[0].attrs["source_type"] == "GeneOrGeneProduct"
    [relation] = document.relations
    assert (relation.type, relation.arg1, relation.arg2) == ("Association", "NCBIGene:672", "MESH:D001943")
    assert relation.attrs["extra"] == ["Novel"]
    assert check_corpus(corpus)[0].mismatches == []


def test_extra_passages_crlf_no_blank_lines_and_id_change(tmp_path: Path) -> None:
    text = "\r\n".join(
        [
            "7|t|Title.",
            "7|a|Abstract.",
            "7|m|Methods: aspirin.",
            "7\t26\t33\taspirin\tChemical\tD001241",
            "8|t|Second document, no blank line before it.",
        ]
    )
    corpus = read_pubtator(write(tmp_path, "many.txt", text))
    first, second = corpus.split("all")
    assert [(p.kind, p.offset) for p in first.passages] == [("title", 0), ("abstract", 7), ("m", 17)]
    assert first.text[26:33] == "aspirin"
    assert first.mentions[0].ids == ("MESH:D001241",)
    assert second.id == "8" and second.mentions == []


def test_bc5cdr_style_individual_mentions_are_kept(tmp_path: Path) -> None:
    line = "1\t0\t28\tOcular and auditory toxicity\tDisease\tD014786|D006311\tOcular toxicity|auditory toxicity"
    [document] = parse_pubtator(["1|t|Ocular and auditory toxicity in patients.", "1|a|", line])
    assert document.mentions[0].attrs["extra"] == ["Ocular toxicity|auditory toxicity"]


def test_repeated_identical_block_is_dropped_and_reported() -> None:
    block = ["5|t|Same.", "5|a|Text.", "5\t0\t4\tSame\tDisease\tD1", ""]
    issues: list[str] = []
    documents = parse_pubtator(block + ["6|t|Other.", "6|a|", ""] + block, "x.txt", issues)
    assert [d.id for d in documents] == ["5", "6"]
    assert len(issues) == 1 and "5" in issues[0]


def test_same_id_with_different_content_is_kept_and_reported() -> None:
    issues: list[str] = []
    documents = parse_pubtator(["5|t|One.", "", "5|t|Two."], "x.txt", issues)
    assert [d.passages[0].text for d in documents] == ["One.", "Two."]
    assert "both kept" in issues[0]


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("1\t0\t4", "tab-separated fields"),
        ("1\t9\t4\tText\tDisease\tD1", "ends (4) before it starts (9)"),
        ("1\tjust two", "tab-separated fields"),
    ],
)
def test_malformed_lines_name_file_and_line(tmp_path: Path, bad_line: str, message: str) -> None:
    path = write(tmp_path, "bad.pubtator", f"1|t|Text here.\n1|a|\n{bad_line}\n")
    with pytest.raises(CorpusFormatError, match=rf"bad\.pubtator:3: .*{re.escape(message)}"):
        read_pubtator(path)


def test_folder_gives_one_split_per_file(tmp_path: Path) -> None:
    write(tmp_path, "Corpus_Train.PubTator", "1|t|A.\n1|a|\n")
    write(tmp_path, "Corpus_Test.PubTator", "2|t|B.\n2|a|\n")
    write(tmp_path, "README.md", "# not a corpus file\n")
    corpus = read_pubtator(tmp_path)
    assert {split: [d.id for d in docs] for split, docs in corpus.splits.items()} == {"train": ["1"], "test": ["2"]}
