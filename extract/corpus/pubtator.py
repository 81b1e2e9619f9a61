"""PubTator format: passage lines `ID|t|text`, `ID|a|text` (any key), annotation and relation lines.

    12345|t|Title text.
    12345|a|Abstract text.
    12345<TAB>0<TAB>5<TAB>Title<TAB>Type<TAB>ID[<TAB>extra ...]
    12345<TAB>CID<TAB>ID1<TAB>ID2[<TAB>extra ...]

Passages follow one another, each starting one character after the previous one ends. Documents
are separated by blank lines or by a change of document ID. A block whose ID was seen before is
dropped when it repeats that document exactly (and reported in `Corpus.issues`), kept otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from extract.corpus.errors import CorpusFormatError
from extract.corpus.files import corpus_from_files, read_text
from extract.corpus.harmonize import harmonize_corpus
from extract.corpus.model import Corpus, CorpusDocument, Mention, Passage, Relation
from extract.corpus.registry import readers

PASSAGE_LINE = re.compile(r"^(?P<doc>[^\t|]+)\|(?P<key>[^\t|]+)\|(?P<text>.*)$")
TAB = "\t"
PASSAGE_KINDS = {"t": "title", "a": "abstract"}
PASSAGE_KEYS = {kind: key for key, kind in PASSAGE_KINDS.items()}


def looks_like_pubtator(text: str) -> bool:
    """Whether the first non-empty line of `text` is a PubTator passage line."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return bool(PASSAGE_LINE.match(first))


def parse_pubtator(lines: Iterable[str], source: str = "<pubtator>", issues: list[str] | None = None) -> list[CorpusDocument]:
    """Documents from PubTator lines with source types and IDs (see `harmonize` for ours)."""
    issues = [] if issues is None else issues
    documents: list[CorpusDocument] = []
    seen: dict[str, CorpusDocument] = {}
    current: CorpusDocument | None = None

    def close() -> None:
        nonlocal current
        if current is None:
            return
        earlier = seen.get(current.id)
        if earlier is not None and earlier == current:
            issues.append(f"{source}: document {current.id} repeated; the repeat was dropped")
        else:
            if earlier is not None:
                issues.append(f"{source}: document ID {current.id} used by two different blocks; both kept")
            documents.append(current)
            seen.setdefault(current.id, current)
        current = None

    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            close()
            continue
        passage = PASSAGE_LINE.match(line)
        doc_id = passage["doc"] if passage else line.split("\t", 1)[0]
        if current is not None and doc_id != current.id:
            close()
        if current is None:
            current = CorpusDocument(id=doc_id)
        if passage:
            if current.mentions or current.relations:
                raise CorpusFormatError(source, number, "passage line after annotation lines of the same document")
            offset = current.passages[-1].offset + len(current.passages[-1].text) + 1 if current.passages else 0
            kind = PASSAGE_KINDS.get(passage["key"], passage["key"])
            current.passages.append(Passage(kind=kind, offset=offset, text=passage["text"]))
        else:
            parse_tab_line(line.split("\t"), current, source, number)
    close()
    return documents


def parse_tab_line(fields: list[str], document: CorpusDocument, source: str, number: int) -> None:
    """Add the annotation or relation on one tab-separated line to `document`."""
    if len(fields) >= 5 and fields[1].strip().isdigit() and fields[2].strip().isdigit():
        start, end = int(fields[1]), int(fields[2])
        if end < start:
            raise CorpusFormatError(source, number, f"annotation ends ({end}) before it starts ({start})")
        raw_id = fields[5].strip() if len(fields) > 5 else ""
        attrs: dict = {"source_type": fields[4].strip(), "source_id": raw_id or None}
        if len(fields) > 6:
            attrs["extra"] = fields[6:]
        document.mentions.append(
            Mention(start=start, end=end, text=fields[3], type=fields[4].strip(), ids=(raw_id,) if raw_id else (), attrs=attrs)
        )
    elif len(fields) >= 4 and not fields[1].strip().isdigit():
        attrs = {"extra": fields[4:]} if len(fields) > 4 else {}
        document.relations.append(Relation(type=fields[1].strip(), arg1=fields[2].strip(), arg2=fields[3].strip(), attrs=attrs))
    else:
        raise CorpusFormatError(
            source,
            number,
            "expected `ID|t|text`, an annotation `ID start end text type [id]` or a relation "
            f"`ID type id1 id2`, got {len(fields)} tab-separated fields: {TAB.join(fields)[:80]!r}",
        )


def read_pubtator_file(path: Path, issues: list[str] | None = None) -> list[CorpusDocument]:
    """The documents of one PubTator file, with source types and IDs."""
    return parse_pubtator(read_text(path).splitlines(), str(path), issues)


@readers.register("pubtator")
def read_pubtator(path: Path | str) -> Corpus:
    """A PubTator file (split `all`) or folder (a split per file), with harmonized types and IDs."""
    path = Path(path)
    files = [path] if path.is_file() else [f for f in path.iterdir() if f.is_file() and is_pubtator_file(f)]
    return harmonize_corpus(corpus_from_files(path, files, read_pubtator_file))


def is_pubtator_file(path: Path) -> bool:
    """Whether a file starts like a PubTator file (reads only its first kilobytes)."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        return looks_like_pubtator(handle.read(4096))


def write_pubtator(documents: Iterable[CorpusDocument], out: TextIO) -> None:
    """Write documents as PubTator: harmonized types, IDs joined with `|`, relations, a blank line after each.

    Passages are laid out at their offsets (padding with spaces where a passage starts later than
    PubTator's one-character gap); line breaks inside texts become spaces so offsets stay right.
    Discontinuous mentions are written as their covering span.
    """
    for document in documents:
        end = -1
        for passage in sorted(document.passages, key=lambda p: p.offset):
            if end >= 0 and passage.offset < end + 1:
                raise ValueError(f"document {document.id}: passages overlap at offset {passage.offset}")
            padding = " " * (passage.offset - end - 1) if end >= 0 else " " * passage.offset
            key = PASSAGE_KEYS.get(passage.kind, re.sub(r"[\t|\s]+", "_", passage.kind) or "x")
            text = re.sub(r"[\r\n\t]", " ", passage.text)
            if end >= 0:
                out.write(padding)
                out.write("\n")
                out.write(f"{document.id}|{key}|{text}")
            else:
                out.write(f"{document.id}|{key}|{padding}{text}")
            end = passage.offset + len(passage.text)
        if document.passages:
            out.write("\n")
        for mention in sorted(document.mentions, key=lambda m: (m.start, m.end)):
            text = re.sub(r"[\r\n\t]", " ", mention.text)
            out.write(f"{document.id}\t{mention.start}\t{mention.end}\t{text}\t{mention.type}\t{'|'.join(mention.ids)}\n")
        for relation in document.relations:
            extra = "".join(f"\t{value}" for value in relation.attrs.get("extra", ()))
            out.write(f"{document.id}\t{relation.type}\t{relation.arg1}\t{relation.arg2}{extra}\n")
        out.write("\n")
