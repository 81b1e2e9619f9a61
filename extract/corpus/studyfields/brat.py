"""Minimal brat standoff parsing shared by the study-field corpora (`T` and `R` lines only)."""

from __future__ import annotations

from extract.corpus.model import Mention, Relation


def parse_ann(ann: str, text: str) -> tuple[list[Mention], list[Relation]]:
    """Text-bound annotations as `Mention`s (brat id in `attrs["id"]`) and `R` lines as `Relation`s.

    Discontinuous spans (`start end;start end`) become one mention from the first start to the last end.
    The surface text is taken from `text` so that offsets and text always agree.
    """
    mentions: list[Mention] = []
    relations: list[Relation] = []
    for line in ann.splitlines():
        if line.startswith("T"):
            ann_id, type_and_offsets, _surface = line.split("\t", 2)
            label, offsets = type_and_offsets.split(" ", 1)
            bounds = [int(x) for part in offsets.split(";") for x in part.split()]
            start, end = min(bounds), max(bounds)
            mentions.append(Mention(start, end, text[start:end], label, attrs={"id": ann_id}))
        elif line.startswith("R"):
            rel_id, body = line.split("\t", 1)[:2]
            rel_type, arg1, arg2 = body.split()[:3]
            relations.append(
                Relation(rel_type, arg1.split(":", 1)[1], arg2.split(":", 1)[1], attrs={"id": rel_id})
            )
    return mentions, relations
