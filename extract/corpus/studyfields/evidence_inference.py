"""Evidence Inference 2.0 (v2 batch): full-text RCTs with intervention/comparator/outcome prompts."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

from extract.corpus.model import Corpus, CorpusDocument, Mention, Passage
from extract.corpus.registry import readers

DIRECTION_LABELS = ("significantly increased", "significantly decreased", "no significant difference")
SPLIT_FILES = {"train": "ev2_train_article_ids.txt", "dev": "ev2_validation_article_ids.txt", "test": "ev2_test_article_ids.txt"}


def normalize_direction(label: str) -> str:
    """The corpus's direction label in our spelling (`significantly increase` -> `... increased`)."""
    label = label.strip().lower()
    return "significantly increased" if label == "significantly increase" else label


@readers.register("evidence-inference-2.0")
def read_evidence_inference(path: Path, **_options) -> Corpus:
    """Articles of the official EI 2.0 splits that have v2 annotations (`train`, `validation` -> `dev`, `test`).

    `labels["prompts"]`: one dict per prompt with `prompt_id`, `intervention`, `comparator`, `outcome`,
    `label` (majority of the annotators' labels; ties go to the first annotator), `annotations` (each
    annotator's `label`, `evidence` [start, end), `valid_label`, `valid_reasoning`) and `evidence` (the
    distinct evidence spans). Every evidence span is also a `Mention` of type `evidence` with its prompt id.
    """
    root = Path(path) / "annotations"
    prompts = _prompts(root / "prompts_merged.csv")
    rows_by_article: dict[str, list[dict[str, str]]] = defaultdict(list)
    with (root / "v2_annotations.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows_by_article[row["PMCID"]].append(row)
    splits = {}
    for split, filename in SPLIT_FILES.items():
        ids = (root / "splits" / filename).read_text(encoding="utf-8").split()
        splits[split] = [
            _document(pmcid, rows_by_article[pmcid], prompts, root / "txt_files")
            for pmcid in ids
            if pmcid in rows_by_article
        ]
    return Corpus(name="evidence-inference-2.0", splits=splits)


def _prompts(csv_path: Path) -> dict[str, dict[str, str]]:
    with csv_path.open(newline="", encoding="utf-8") as handle:
        return {row["PromptID"]: row for row in csv.DictReader(handle)}


def _document(pmcid: str, rows: list[dict[str, str]], prompts: dict, txt_dir: Path) -> CorpusDocument:
    text = (txt_dir / f"PMC{pmcid}.txt").read_text(encoding="utf-8")
    by_prompt: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_prompt[row["PromptID"]].append(row)
    labels_prompts, mentions = [], []
    for prompt_id, prompt_rows in by_prompt.items():
        prompt = prompts[prompt_id]
        annotations = [
            {
                "user": row["UserID"],
                "label": normalize_direction(row["Label"]),
                "evidence": [int(row["Evidence Start"]), int(row["Evidence End"])],
                "valid_label": row["Valid Label"] == "True",
                "valid_reasoning": row["Valid Reasoning"] == "True",
            }
            for row in prompt_rows
        ]
        evidence = sorted({tuple(a["evidence"]) for a in annotations})
        labels_prompts.append(
            {
                "prompt_id": prompt_id,
                "intervention": prompt["Intervention"].strip(),
                "comparator": prompt["Comparator"].strip(),
                "outcome": prompt["Outcome"].strip(),
                "label": Counter(a["label"] for a in annotations).most_common(1)[0][0],
                "annotations": annotations,
                "evidence": [list(span) for span in evidence],
            }
        )
        mentions += [Mention(s, e, text[s:e], "evidence", attrs={"prompt_id": prompt_id}) for s, e in evidence]
    return CorpusDocument(id=pmcid, passages=[Passage("body", 0, text)], mentions=mentions, labels={"prompts": labels_prompts})
