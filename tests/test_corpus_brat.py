"""The brat standoff reader on hand-written `.txt`/`.ann` pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.corpus.brat import read_brat
from extract.corpus.check import check_corpus
from extract.corpus.errors import CorpusFormatError

TEXT = "Aspirin reduced pain\r\nin 120 adult and child patients.\r\n"
ANN = "\n".join(
    [
        "T1\tChemical 0 7\tAspirin",
        "T2\ttotal-participants 25 28\t120",
        "T3\tpopulation 29 34;45 53\tadult patients",
        "T4\tDisease 16 20\tpain",
        "N1\tReference T1 MESH:D001241\tAspirin",
        "N2\tReference T4 MeSH:D010146\tPain",
        "A1\tNegated T4",
        "A2\tConfidence T2 High",
        "R1\ttreats Arg1:T1 Arg2:T4",
        "*\tEquiv T1 T4",
        "#1\tAnnotatorNotes T2\tcounted once",
        "E1\tTreat:T1 Theme:T4",
        "",
    ]
)


def write_pair(folder: Path, stem: str, text: str, ann: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.txt").write_text(text, encoding="utf-8", newline="")
    (folder / f"{stem}.ann").write_text(ann, encoding="utf-8")
    return folder / f"{stem}.ann"


def test_text_bound_discontinuous_normalizations_attributes_relations(tmp_path: Path) -> None:
    corpus = read_brat(write_pair(tmp_path, "123", TEXT, ANN))
    [document] = corpus.split("all")
    assert document.id == "123" and document.text == TEXT
    aspirin, count, population, pain = document.mentions
    assert (aspirin.type, aspirin.ids) == ("Chemical", ("MESH:D001241",))
    assert (pain.type, pain.ids, pain.attrs["Negated"]) == ("Disease", ("MESH:D010146",), True)
    assert count.type == "total-participants" and count.attrs["Confidence"] == "High"
    assert count.attrs["notes"] == ["counted once"]
    assert (population.start, population.end, population.attrs["fragments"]) == (29, 53, [[29, 34], [45, 53]])
    assert [(r.type, r.arg1, r.arg2) for r in document.relations] == [("treats", "T1", "T4"), ("Equiv", "T1", "T4")]
    assert len(corpus.issues) == 1 and "event" in corpus.issues[0]
    assert check_corpus(corpus)[0].mismatches == []  # offsets count the \r of the \r\n line end


def test_folder_is_searched_recursively(tmp_path: Path) -> None:
    write_pair(tmp_path / "a", "1", "Tumour.", "T1\tDisease 0 6\tTumour\n")
    write_pair(tmp_path / "b", "2", "Mouse.", "")
    corpus = read_brat(tmp_path)
    assert [(d.id, len(d.mentions)) for d in corpus.split("all")] == [("1", 1), ("2", 0)]


@pytest.mark.parametrize(
    ("ann", "message"),
    [
        ("T1\tDisease 0 x\tTumour", r"bad\.ann:1: offsets are not integers"),
        ("T1\tDisease 6 0\tTumour", r"bad\.ann:1: expected `start end"),
        ("T1\tDisease 0 6\tTumour\nN1\tReference T7 MESH:D1\tx", r"bad\.ann:2: refers to 'T7'"),
        ("X1\tsomething", r"bad\.ann:1: unknown annotation kind"),
        ("T1 Disease 0 6 Tumour", r"bad\.ann:1: expected `ID<TAB>annotation`"),
    ],
)
def test_malformed_lines_name_file_and_line(tmp_path: Path, ann: str, message: str) -> None:
    with pytest.raises(CorpusFormatError, match=message):
        read_brat(write_pair(tmp_path, "bad", "Tumour.", ann))


def test_missing_text_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "lonely.ann").write_text("T1\tDisease 0 6\tTumour\n", encoding="utf-8")
    with pytest.raises(CorpusFormatError, match="no text file lonely.txt"):
        read_brat(tmp_path)
