"""The BC2GM reader: offsets that count non-space characters become character offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.corpus.bc2gm import read_bc2gm
from extract.corpus.check import check_corpus
from extract.corpus.errors import CorpusFormatError


def write_folder(folder: Path, sentences: str, genes: str, alternatives: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "train.in").write_text(sentences, encoding="utf-8")
    (folder / "GENE.eval").write_text(genes, encoding="utf-8")
    if alternatives is not None:
        (folder / "ALTGENE.eval").write_text(alternatives, encoding="utf-8")
    return folder


def test_non_space_offsets_are_converted_and_alternatives_kept(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path,
        "S1 Comparison with  alkaline phosphatases and 5-nucleotidase\nS2 No genes here.\n",
        "S1|14 33|alkaline phosphatases\nS1|37 50|5-nucleotidase\n",
        "S1|22 33|phosphatases\n",
    )
    corpus = read_bc2gm(folder)
    first, second = corpus.split("all")
    assert [(first.text[m.start:m.end], m.type) for m in first.mentions] == [
        ("alkaline phosphatases", "Gene"),
        ("5-nucleotidase", "Gene"),
    ]
    assert [first.text[m.start:m.end] for m in first.labels["alternatives"]] == ["phosphatases"]
    assert second.mentions == [] and second.labels["alternatives"] == []
    assert check_corpus(corpus)[0].mismatches == []


def test_folder_of_folders_gives_a_split_per_folder(tmp_path: Path) -> None:
    write_folder(tmp_path / "devel-split" / "train", "S1 p53 binds.\n", "S1|0 2|p53\n")
    write_folder(tmp_path / "original-data" / "train", "S1 p53 binds.\nS2 MDM2 too.\n", "S1|0 2|p53\n")
    corpus = read_bc2gm(tmp_path)
    assert {split: len(docs) for split, docs in corpus.splits.items()} == {"devel-split/train": 1, "original-data/train": 2}


@pytest.mark.parametrize(
    ("genes", "message"),
    [
        ("S1|0|p53\n", r"GENE\.eval:1: expected `ID\|start end\|text`"),
        ("S1|0 2|p53\nS9|0 1|x\n", r"GENE\.eval:2: sentence 'S9' is not in"),
        ("S1|5 40|p53\n", r"GENE\.eval:1: offsets 5 40 outside sentence S1"),
    ],
)
def test_malformed_mention_lines_name_file_and_line(tmp_path: Path, genes: str, message: str) -> None:
    with pytest.raises(CorpusFormatError, match=message):
        read_bc2gm(write_folder(tmp_path, "S1 p53 binds.\n", genes))
