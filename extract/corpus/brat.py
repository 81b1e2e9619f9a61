"""brat standoff: `name.txt` with `name.ann` beside it; one document per pair, ID = file stem.

Lines of `.ann`: `T` text-bound annotations (`T1<TAB>Type 0 5;9 12<TAB>text`, discontinuous
fragments separated by `;`), `N` normalizations (`N1<TAB>Reference T1 MESH:D001<TAB>name`, added to
the mention's IDs), `A`/`M` attributes (`A1<TAB>Negated T1 [value]`, into `Mention.attrs`), `R`
relations (`R1<TAB>Type Arg1:T1 Arg2:T2`, arguments are annotation IDs), `*` equivalences, `#`
notes. Event (`E`) lines are skipped and reported in `Corpus.issues`. Offsets count characters of
the `.txt` file as stored (line ends are not translated).
"""

from __future__ import annotations

from pathlib import Path

from extract.corpus.errors import CorpusFormatError
from extract.corpus.files import read_text
from extract.corpus.harmonize import harmonize_corpus
from extract.corpus.model import Corpus, CorpusDocument, Mention, Passage, Relation
from extract.corpus.registry import readers


def parse_brat(doc_id: str, text: str, ann_lines: list[str], source: str = "<ann>", issues: list[str] | None = None) -> CorpusDocument:
    """One document from its text and the lines of its `.ann` file, with source types and IDs."""
    issues = [] if issues is None else issues
    document = CorpusDocument(id=doc_id, passages=[Passage(kind="text", offset=0, text=text)])
    by_id: dict[str, Mention] = {}
    later: list[tuple[int, str, list[str]]] = []
    for number, raw in enumerate(ann_lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) < 2:
            raise CorpusFormatError(source, number, f"expected `ID<TAB>annotation`, got {line[:80]!r}")
        kind = fields[0][:1]
        if kind == "T":
            mention = parse_text_bound(fields, source, number)
            by_id[fields[0]] = mention
            document.mentions.append(mention)
        elif kind in "NAMR*#":
            later.append((number, kind, fields))
        elif kind == "E":
            issues.append(f"{source}:{number}: event annotation skipped")
        else:
            raise CorpusFormatError(source, number, f"unknown annotation kind {fields[0]!r}")
    for number, kind, fields in later:
        attach(kind, fields, by_id, document, source, number)
    for mention in document.mentions:
        mention.attrs["source_id"] = "|".join(mention.ids) or None
    return document


def parse_text_bound(fields: list[str], source: str, number: int) -> Mention:
    """A `T` line: type, one or more `start end` fragments, the covered text."""
    type_name, _, spans = fields[1].partition(" ")
    try:
        fragments = [tuple(int(value) for value in part.split()) for part in spans.split(";")]
    except ValueError:
        raise CorpusFormatError(source, number, f"offsets are not integers: {spans!r}") from None
    if not fragments or any(len(f) != 2 or f[1] < f[0] for f in fragments):
        raise CorpusFormatError(source, number, f"expected `start end[;start end]`, got {spans!r}")
    attrs: dict = {"source_type": type_name, "annotation_id": fields[0]}
    if len(fragments) > 1:
        attrs["fragments"] = [list(f) for f in sorted(fragments)]
    return Mention(
        start=min(f[0] for f in fragments),
        end=max(f[1] for f in fragments),
        text=fields[2] if len(fields) > 2 else "",
        type=type_name,
        attrs=attrs,
    )


def attach(kind: str, fields: list[str], by_id: dict[str, Mention], document: CorpusDocument, source: str, number: int) -> None:
    """Apply an N, A/M, R, * or # line to the mentions and relations read so far."""
    parts = fields[1].split()

    def target(ref: str) -> Mention:
        if ref not in by_id:
            raise CorpusFormatError(source, number, f"refers to {ref!r}, which is not a text-bound annotation")
        return by_id[ref]

    if kind == "N":
        if len(parts) < 3:
            raise CorpusFormatError(source, number, f"expected `Reference T1 DB:ID`, got {fields[1]!r}")
        mention = target(parts[1])
        mention.ids = (*mention.ids, parts[2])
    elif kind in "AM":
        if len(parts) < 2:
            raise CorpusFormatError(source, number, f"expected `Attribute T1 [value]`, got {fields[1]!r}")
        target(parts[1]).attrs[parts[0]] = parts[2] if len(parts) > 2 else True
    elif kind == "R":
        args = [part.split(":", 1) for part in parts[1:]]
        if len(args) != 2 or any(len(arg) != 2 for arg in args):
            raise CorpusFormatError(source, number, f"expected `Type Arg1:T1 Arg2:T2`, got {fields[1]!r}")
        document.relations.append(
            Relation(type=parts[0], arg1=args[0][1], arg2=args[1][1], attrs={"roles": [args[0][0], args[1][0]], "relation_id": fields[0]})
        )
    elif kind == "*":
        members = parts[1:]
        for first, second in zip(members, members[1:]):
            document.relations.append(Relation(type=parts[0], arg1=first, arg2=second))
    elif kind == "#" and len(parts) >= 2 and parts[1] in by_id:
        by_id[parts[1]].attrs.setdefault("notes", []).append(fields[2] if len(fields) > 2 else "")


def read_brat_pair(ann: Path, issues: list[str] | None = None) -> list[CorpusDocument]:
    """The document of one `.ann` file and the `.txt` beside it."""
    txt = ann.with_suffix(".txt")
    if not txt.exists():
        raise CorpusFormatError(ann, None, f"no text file {txt.name} beside it")
    with txt.open(encoding="utf-8-sig", newline="") as handle:
        text = handle.read()
    return [parse_brat(ann.stem, text, read_text(ann).splitlines(), str(ann), issues)]


@readers.register("brat")
def read_brat(path: Path | str) -> Corpus:
    """A brat `.ann`/`.txt` pair or a folder of them (searched recursively): one split `all`."""
    path = Path(path)
    if path.is_file():
        anns = [path.with_suffix(".ann")]
    else:
        anns = sorted(path.rglob("*.ann"))
    corpus = Corpus(name=path.stem if path.is_file() else path.name)
    corpus.splits["all"] = [document for ann in anns for document in read_brat_pair(ann, corpus.issues)]
    return harmonize_corpus(corpus)
