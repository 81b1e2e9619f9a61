"""Our annotated PDF passages: marks read back, imports checked, passages found again, scoring."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from extract.document import Span
from extract.paths import pdfs_dir
from extract.pdf.parse import parse_pdf

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import bench_ner_fulltext as fulltext  # noqa: E402


def test_marks_are_read_back_as_offsets_into_the_plain_text() -> None:
    plain, mentions = fulltext.read_marks("Effects of [[metformin|Chemical]] (MET) on [[HbA1C|Gene]] in [[patients|Species]].")
    assert plain == "Effects of metformin (MET) on HbA1C in patients."
    assert [plain[a:b] for a, b, *_ in mentions] == ["metformin", "HbA1C", "patients"]
    assert [m[2] for m in mentions] == ["Chemical", "Gene", "Species"]
    assert fulltext.read_marks("[[aspirin|Drug]] stays as it is")[1] == []


def test_an_import_refuses_a_marked_file_whose_text_was_changed(tmp_path: Path) -> None:
    (tmp_path / "00.txt").write_text("Mice were given aspirin.")
    (tmp_path / "index.json").write_text(json.dumps([{"file": "00.txt", "pdf": "x.pdf", "kind": "paragraph", "page": 1, "sha256": "h"}]))
    (tmp_path / "00.ann.txt").write_text("[[Mice|Species]] were given [[aspirin|Chemical]].")
    out = tmp_path / "annotations.jsonl"
    assert fulltext.import_annotations(tmp_path, out) == 1
    assert json.loads(out.read_text())["mentions"] == [[0, 4, "Species", "Mice"], [16, 23, "Chemical", "aspirin"]]
    (tmp_path / "00.ann.txt").write_text("[[Mice|Species]] were given [[aspirin|Chemical]]!")
    with pytest.raises(ValueError, match="text was changed"):
        fulltext.import_annotations(tmp_path, out)


@pytest.mark.shared
def test_passages_are_long_enough_and_never_from_the_reference_list() -> None:
    doc = parse_pdf(pdfs_dir() / "PMC4706908.pdf")
    found = fulltext.passages(doc)
    assert {p.kind for p in found} <= {"paragraph", "caption", "table"} and len(found) > 5
    for passage in found:
        section = doc.section_at(passage.start)
        assert len(doc.text[passage.start : passage.end].strip()) >= fulltext.MIN_CHARS
        assert section is None or section.kind not in ("references", "front")


@pytest.mark.shared
@pytest.mark.parametrize("split", ["dev", "test"])
def test_every_annotated_passage_is_found_again_and_scores_itself_perfectly(split: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("extract.ner.stage.plausible", lambda doc, span: True)  # the gold mentions as they are
    path = fulltext.annotation_file(split)
    records = fulltext.read_records(path)
    assert len(records) == sum(fulltext.QUOTAS.values())

    class Gold:
        def find(self, text: str) -> list[Span]:
            spans = []
            for passage in passages_by_text[text]:
                record = by_hash.get(passage.sha256)
                if record:
                    spans += [Span(passage.start + a, passage.start + b, t) for a, b, t, _ in record["mentions"]]
            return spans

    by_hash = {r["sha256"]: r for r in records}
    passages_by_text = {}
    for pdf in {r["pdf"] for r in records}:
        doc = parse_pdf(pdfs_dir() / pdf)
        passages_by_text[doc.text] = fulltext.passages(doc)
    by_type, by_kind, missing, words = fulltext.score(path, pdfs_dir(), Gold())
    assert missing == []  # the parser reads every passage as it did when it was annotated
    assert by_kind["all"].fp == by_kind["all"].fn == 0 and by_kind["all"].tp == sum(len(r["mentions"]) for r in records)
    assert words > 3000
