"""Store the annotators' claims and characteristics files as `corpus/annotations/{claims,characteristics}.{dev,test}.jsonl`.

The annotators copy each evidence sentence from the paper's text (`extract run --parse-only`'s
`documents.jsonl`, one `<paper>.txt` per paper in TEXTS); the stored files keep each sentence as an anchor
(SHA-1, length, place: `extract.corpus.anchors`) so no text of the papers enters the repository, and the
long statement fields (funding, conflicts, adverse events) only as `true` plus their anchored sentence.
Papers are split by `hash_split(paper, 60, 40)` (`extract.corpus.annotated.SPLIT`).

    python scripts/store_annotations.py --texts DIR ANNOTATOR_FILE.jsonl [...]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from extract.corpus.anchors import make_anchor
from extract.corpus.annotated import ANNOTATIONS_DIR, STATEMENT_FIELDS, paper_split, paper_source



def store_claims(record: dict, text: str) -> dict:
    claims = []
    for claim in record["claims"]:
        stored = {k: v for k, v in claim.items() if k != "evidence"}
        stored["evidence"] = [make_anchor(s, text).to_dict() for s in claim["evidence"]]
        claims.append(stored)
    return {"paper": record["paper"], "source": paper_source(record["paper"]), "claims": claims}


def store_characteristics(record: dict, text: str) -> dict:
    stored = {k: v for k, v in record.items() if k not in ("evidence", "arms", "outcome_measures")}
    for field in STATEMENT_FIELDS:
        stored[field] = bool(record.get(field))
    stored["source"] = paper_source(record["paper"])
    stored["evidence"] = {k: make_anchor(v, text).to_dict() for k, v in record.get("evidence", {}).items() if v}
    stored["arms"] = [_with_anchor(arm, text) for arm in record.get("arms", [])]
    stored["outcome_measures"] = [_with_anchor(m, text) for m in record.get("outcome_measures", [])]
    return stored


def _with_anchor(item: dict, text: str) -> dict:
    out = {k: v for k, v in item.items() if k != "evidence"}
    if item.get("evidence"):
        out["evidence"] = make_anchor(item["evidence"], text).to_dict()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="annotator files (*.claims.jsonl, *.characteristics.jsonl)")
    parser.add_argument("--texts", type=Path, required=True, help="folder of <paper>.txt the annotators read")
    args = parser.parse_args()
    out: dict[tuple[str, str], list[dict]] = {}
    for path in args.files:
        kind = "claims" if path.name.endswith(".claims.jsonl") else "characteristics"
        store = store_claims if kind == "claims" else store_characteristics
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            text = (args.texts / f"{record['paper']}.txt").read_text(encoding="utf-8")
            out.setdefault((kind, paper_split(record["paper"])), []).append(store(record, text))
    for (kind, split), records in sorted(out.items()):
        records.sort(key=lambda r: r["paper"])
        target = ANNOTATIONS_DIR / f"{kind}.{split}.jsonl"
        target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        print(f"{target}: {len(records)} papers")


if __name__ == "__main__":
    main()
