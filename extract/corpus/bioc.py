"""BioC XML: documents of passages (or sentences) with offsets, annotations with locations, relations.

Annotation type and identifier come from infons (`type`; `identifier`, `MESH`, `NCBI Gene`, ...);
other infons go to `Mention.attrs`. Several locations make a discontinuous mention: the mention
covers them all and `attrs["fragments"]` lists them. Relations name their arguments either with
`<node refid=... role=...>` (resolved to the annotation's identifier when it has one) or with infons
(`entity1`/`entity2`, or two other infons such as BC5CDR's `Chemical`/`Disease`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from extract.corpus.errors import CorpusFormatError
from extract.corpus.files import corpus_from_files
from extract.corpus.harmonize import harmonize_corpus
from extract.corpus.model import Corpus, CorpusDocument, Mention, Passage, Relation
from extract.corpus.registry import readers

ID_INFONS = (
    "identifier",
    "identifiers",
    "mesh",
    "ncbi gene",
    "ncbigene",
    "ncbi_gene",
    "ncbi taxonomy",
    "ncbitaxon",
    "cellosaurus",
    "database_id",
    "normalized_id",
    "id",
)
RELATION_TYPE_INFONS = ("type", "relation", "relation_type", "relationtype")
RELATION_ARG_INFONS = (("entity1", "entity2"), ("arg1", "arg2"), ("role1", "role2"))


def infons(element: ET.Element) -> dict[str, str]:
    """The infons of an element, key -> text."""
    return {infon.get("key", ""): (infon.text or "") for infon in element.findall("infon")}


def integer(value: str | None, what: str, source: str, doc_id: str) -> int:
    """An integer attribute/element, or an error naming file, document and what was wrong."""
    try:
        return int(str(value).strip())
    except ValueError:
        raise CorpusFormatError(source, None, f"document {doc_id}: {what} is not an integer: {value!r}") from None


def parse_annotation(element: ET.Element, source: str, doc_id: str) -> Mention:
    """One `<annotation>` as a Mention with its source type and ID."""
    info = infons(element)
    lowered = {key.lower(): key for key in info}
    type_key = lowered.get("type")
    id_key = next((lowered[key] for key in ID_INFONS if key in lowered), None)
    fragments = []
    for location in element.findall("location"):
        start = integer(location.get("offset"), "location offset", source, doc_id)
        fragments.append((start, start + integer(location.get("length"), "location length", source, doc_id)))
    if not fragments:
        raise CorpusFormatError(source, None, f"document {doc_id}: annotation {element.get('id')!r} has no location")
    source_type = info.get(type_key, "") if type_key else ""
    raw_id = info.get(id_key, "").strip() if id_key else ""
    attrs: dict = {key: value for key, value in info.items() if key not in (type_key, id_key)}
    attrs.update(source_type=source_type, source_id=raw_id or None, annotation_id=element.get("id"))
    if len(fragments) > 1:
        attrs["fragments"] = [list(fragment) for fragment in sorted(fragments)]
    return Mention(
        start=min(start for start, _ in fragments),
        end=max(end for _, end in fragments),
        text=element.findtext("text") or "",
        type=source_type,
        ids=(raw_id,) if raw_id else (),
        attrs=attrs,
    )


def parse_relation(element: ET.Element, mentions_by_annotation: dict[str, Mention]) -> Relation:
    """One `<relation>`: type and the two arguments, from nodes or infons."""
    info = infons(element)
    lowered = {key.lower(): key for key in info}
    type_key = next((lowered[key] for key in RELATION_TYPE_INFONS if key in lowered), None)
    used = {type_key}
    attrs: dict = {}
    nodes = element.findall("node")
    if nodes:
        args = []
        for node in nodes:
            target = mentions_by_annotation.get(node.get("refid", ""))
            args.append(target.attrs["source_id"] if target is not None and target.attrs.get("source_id") else node.get("refid", ""))
        attrs["roles"] = [node.get("role", "") for node in nodes]
        attrs["refids"] = [node.get("refid", "") for node in nodes]
    else:
        pair = next(((lowered[a], lowered[b]) for a, b in RELATION_ARG_INFONS if a in lowered and b in lowered), None)
        if pair is None:  # e.g. BC5CDR: <infon key="Chemical">D1</infon><infon key="Disease">D2</infon>
            pair = tuple(key for key in info if key != type_key)[:2]
            attrs["roles"] = list(pair)
        args = [info.get(key, "") for key in pair]
        used.update(pair)
    attrs.update({key: value for key, value in info.items() if key not in used})
    if element.get("id"):
        attrs["relation_id"] = element.get("id")
    args += [""] * (2 - len(args))
    if len(args) > 2:
        attrs["more_args"] = args[2:]
    return Relation(type=info.get(type_key, "") if type_key else "", arg1=args[0], arg2=args[1], attrs=attrs)


def parse_document(element: ET.Element, source: str) -> CorpusDocument:
    """One `<document>`."""
    doc_id = (element.findtext("id") or "").strip()
    document = CorpusDocument(id=doc_id)
    for passage in element.findall("passage"):
        kind = infons(passage).get("type") or "passage"
        offset = integer(passage.findtext("offset"), "passage offset", source, doc_id)
        text = passage.findtext("text")
        if text is not None:
            document.passages.append(Passage(kind=kind, offset=offset, text=text))
        for sentence in passage.findall("sentence"):
            document.passages.append(
                Passage(
                    kind=kind,
                    offset=integer(sentence.findtext("offset"), "sentence offset", source, doc_id),
                    text=sentence.findtext("text") or "",
                )
            )
        document.mentions.extend(parse_annotation(a, source, doc_id) for a in passage.iter("annotation"))
    by_annotation = {m.attrs["annotation_id"]: m for m in document.mentions if m.attrs.get("annotation_id")}
    document.relations.extend(parse_relation(r, by_annotation) for r in element.iter("relation"))
    return document


def parse_bioc(data: bytes | str, source: str = "<bioc>") -> list[CorpusDocument]:
    """Documents of a BioC XML collection, with source types and IDs."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        line = error.position[0] if error.position else None
        raise CorpusFormatError(source, line, f"not well-formed XML: {error}") from None
    if root.tag != "collection":
        raise CorpusFormatError(source, None, f"BioC root element must be <collection>, not <{root.tag}>")
    return [parse_document(document, source) for document in root.findall("document")]


def read_bioc_file(path: Path, issues: list[str] | None = None) -> list[CorpusDocument]:
    """The documents of one BioC XML file."""
    return parse_bioc(path.read_bytes(), str(path))


@readers.register("bioc")
def read_bioc(path: Path | str) -> Corpus:
    """A BioC XML file (split `all`) or folder of `.xml` files (a split per file), harmonized."""
    path = Path(path)
    files = [path] if path.is_file() else [f for f in path.iterdir() if f.suffix.lower() == ".xml"]
    return harmonize_corpus(corpus_from_files(path, files, read_bioc_file))


def bioc_element(documents: Iterable[CorpusDocument], source: str = "extract") -> ET.Element:
    """A BioC `<collection>` element for documents (harmonized types, IDs joined with `,`)."""
    collection = ET.Element("collection")
    ET.SubElement(collection, "source").text = source
    ET.SubElement(collection, "date").text = ""
    ET.SubElement(collection, "key").text = "BioC.key"
    for document in documents:
        doc = ET.SubElement(collection, "document")
        ET.SubElement(doc, "id").text = document.id
        passages = sorted(document.passages, key=lambda p: p.offset)
        elements = []
        for passage in passages:
            element = ET.SubElement(doc, "passage")
            add_infon(element, "type", passage.kind)
            ET.SubElement(element, "offset").text = str(passage.offset)
            ET.SubElement(element, "text").text = passage.text
            elements.append((passage, element))
        for number, mention in enumerate(sorted(document.mentions, key=lambda m: (m.start, m.end))):
            home = next((e for p, e in reversed(elements) if p.offset <= mention.start), elements[0][1] if elements else doc)
            annotation = ET.SubElement(home, "annotation", id=str(number))
            add_infon(annotation, "type", mention.type)
            if mention.ids:
                add_infon(annotation, "identifier", ",".join(mention.ids))
            for key, value in mention.attrs.items():
                if isinstance(value, (str, int, float)) and key not in ("type", "identifier"):
                    add_infon(annotation, key, str(value))
            for start, end in mention.attrs.get("fragments") or [(mention.start, mention.end)]:
                ET.SubElement(annotation, "location", offset=str(start), length=str(end - start))
            ET.SubElement(annotation, "text").text = mention.text
        for number, relation in enumerate(document.relations):
            element = ET.SubElement(doc, "relation", id=f"R{number}")
            add_infon(element, "type", relation.type)
            add_infon(element, "entity1", relation.arg1)
            add_infon(element, "entity2", relation.arg2)
    return collection


def add_infon(parent: ET.Element, key: str, value: str) -> None:
    """Append `<infon key=...>value</infon>`."""
    ET.SubElement(parent, "infon", key=key).text = value


def write_bioc(documents: Iterable[CorpusDocument], out: BinaryIO, source: str = "extract") -> None:
    """Write documents as a BioC XML collection (UTF-8)."""
    tree = ET.ElementTree(bioc_element(documents, source))
    ET.indent(tree)
    out.write(b"<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE collection SYSTEM 'BioC.dtd'>\n")
    tree.write(out, encoding="utf-8", xml_declaration=False)
