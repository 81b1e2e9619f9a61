"""Harmonized entity types and identifiers: every corpus-specific mapping lives in this module.

Types: Gene, Disease, Chemical, Species, CellLine (our scope) and Variant (kept, outside our scope).
Mentions of other source types (NLM-Gene's `Cell`, GNormPlus's `FamilyName`, ...) keep their
source type as `type`, so `mention.type in ENTITY_TYPES` selects what the pipeline predicts.

Identifiers: `MESH:D000152`, `OMIM:114500`, `NCBIGene:4312`, `NCBITaxon:9606`, `CVCL_0006`; variant
identifiers stay as the corpus writes them. The original type and identifier field are kept in
`Mention.attrs["source_type"]` and `Mention.attrs["source_id"]`, so harmonizing again (with another
profile) always starts from the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.corpus.model import Corpus, CorpusDocument, Mention

ENTITY_TYPES = ("Gene", "Disease", "Chemical", "Species", "CellLine")
HARMONIZED_TYPES = (*ENTITY_TYPES, "Variant")

GENERIC_TYPE_NAMES = {
    "gene": "Gene",
    "geneorgeneproduct": "Gene",
    "gene_or_gene_product": "Gene",
    "protein": "Gene",
    "disease": "Disease",
    "diseaseorphenotypicfeature": "Disease",
    "chemical": "Chemical",
    "chemicalentity": "Chemical",
    "species": "Species",
    "organismtaxon": "Species",
    "organism": "Species",
    "cellline": "CellLine",
    "cell_line": "CellLine",
    "sequencevariant": "Variant",
    "variant": "Variant",
    "dnamutation": "Variant",
    "proteinmutation": "Variant",
    "snp": "Variant",
}
"""Type names any corpus may use (compared in lower case)."""

ID_PREFIXES = {
    "mesh": "MESH",
    "omim": "OMIM",
    "ncbigene": "NCBIGene",
    "entrezgene": "NCBIGene",
    "entrez": "NCBIGene",
    "geneid": "NCBIGene",
    "ncbi gene": "NCBIGene",
    "ncbitaxon": "NCBITaxon",
    "ncbi taxonomy": "NCBITaxon",
    "taxonomy": "NCBITaxon",
    "taxid": "NCBITaxon",
    "tax": "NCBITaxon",
}
"""Database prefixes as corpora spell them -> our spelling (Cellosaurus IDs carry no prefix)."""

NO_ID = {"", "-", "-1", "none", "null"}
TAXON_SUFFIX = re.compile(r"^(?P<id>.+?)\s*\((?:tax|taxonomy):(?P<taxon>\d+)\)$", re.IGNORECASE)
MESH_ID = re.compile(r"^[CD]\d+$")


@dataclass(frozen=True)
class Profile:
    """How one corpus writes types and identifiers."""

    name: str
    type_names: dict[str, str] = field(default_factory=dict)
    id_separators: str = "|,;"
    note: str = ""

    def harmonized_type(self, source_type: str) -> str:
        """The harmonized type of a source type name; unknown names are returned unchanged."""
        key = source_type.strip().lower()
        return self.type_names.get(key) or GENERIC_TYPE_NAMES.get(key) or source_type


DEFAULT = Profile("default", note="generic names; composite IDs split on | , ;")
PROFILES: dict[str, Profile] = {
    profile.name: profile
    for profile in (
        DEFAULT,
        Profile("biored", note="PubTator3 scheme; genes list several IDs with ','; variant IDs contain '|'"),
        Profile("bc5cdr", id_separators="|", note="bare MeSH IDs, '-1' = no concept, composites '|'"),
        Profile(
            "ncbi-disease",
            type_names={
                "specificdisease": "Disease",
                "diseaseclass": "Disease",
                "modifier": "Disease",
                "compositemention": "Disease",
            },
            id_separators="|+",
            note="four disease categories merged; MeSH or OMIM; composites '|' or '+'",
        ),
        Profile("nlm-gene", id_separators=",;", note="families list gene IDs with ',' or ';'"),
        Profile("gnormplus", id_separators=",", note="gene IDs may carry '(Tax:N)'; kept in attrs"),
        Profile("linnaeus", note="NCBI Taxonomy IDs"),
        Profile("s800", note="NCBI Taxonomy IDs"),
        Profile("bioid", note="Cellosaurus accessions"),
        Profile("bc2gm", type_names={"gene": "Gene"}, note="one type GENE, no IDs"),
    )
}


def profile(name: str | None) -> Profile:
    """The profile called `name` (the default one for None)."""
    if name is None:
        return DEFAULT
    try:
        return PROFILES[name]
    except KeyError:
        raise KeyError(f"no harmonization profile {name!r}; there are: {', '.join(PROFILES)}") from None


def harmonize_id(raw: str, entity_type: str) -> tuple[str | None, str | None]:
    """One source identifier -> (harmonized ID or None, NCBI taxon of a `(Tax:N)` suffix or None)."""
    value = raw.strip()
    if value.lower() in NO_ID:
        return None, None
    taxon = None
    suffix = TAXON_SUFFIX.match(value)
    if suffix:
        value, taxon = suffix["id"], suffix["taxon"]
    if entity_type == "Variant":
        return value, taxon
    prefix, sep, rest = value.partition(":")
    if sep and prefix.strip().lower() in ID_PREFIXES:
        return f"{ID_PREFIXES[prefix.strip().lower()]}:{rest.strip()}", taxon
    if sep and prefix.strip().lower() == "cellosaurus":
        return rest.strip(), taxon
    if value.isdigit() and entity_type == "Gene":
        return f"NCBIGene:{value}", taxon
    if value.isdigit() and entity_type == "Species":
        return f"NCBITaxon:{value}", taxon
    if MESH_ID.match(value) and entity_type in ("Disease", "Chemical"):
        return f"MESH:{value}", taxon
    return value, taxon


def split_ids(raw: str, entity_type: str, rules: Profile) -> list[str]:
    """The parts of a composite identifier field (variant identifiers are never split)."""
    if entity_type == "Variant" or not rules.id_separators:
        return [raw]
    return [part for part in re.split(f"[{re.escape(rules.id_separators)}]", raw) if part.strip()]


def harmonize_mention(mention: Mention, rules: Profile = DEFAULT) -> dict[str, str]:
    """Set `type` and `ids` from the source fields; returns source ID part -> harmonized ID."""
    source_type = mention.attrs.setdefault("source_type", mention.type)
    source_id = mention.attrs.setdefault("source_id", "|".join(mention.ids) or None)
    mention.type = rules.harmonized_type(source_type)
    mention.attrs.pop("taxa", None)
    mapping: dict[str, str] = {}
    ids: list[str] = []
    taxa: list[str] = []
    for part in split_ids(source_id or "", mention.type, rules):
        harmonized, taxon = harmonize_id(part, mention.type)
        if harmonized and harmonized not in ids:
            ids.append(harmonized)
            mapping[part.strip()] = harmonized
        if taxon:
            taxa.append(taxon)
    mention.ids = tuple(ids)
    if source_id and ids:
        mapping[source_id.strip()] = "|".join(ids)
    if taxa:
        mention.attrs["taxa"] = taxa
    return mapping


def harmonize_document(document: CorpusDocument, rules: Profile = DEFAULT) -> None:
    """Harmonize every mention, then relation arguments that name a mention's source ID."""
    mapping: dict[str, str] = {}
    for mention in document.mentions:
        mapping.update(harmonize_mention(mention, rules))
    for mention in document.labels.get("alternatives", ()):
        harmonize_mention(mention, rules)
    for relation in document.relations:
        arg1, arg2 = relation.attrs.setdefault("source_args", [relation.arg1, relation.arg2])
        relation.arg1 = mapping.get(arg1, arg1)
        relation.arg2 = mapping.get(arg2, arg2)


def harmonize_corpus(corpus: Corpus, profile_name: str | None = None) -> Corpus:
    """Harmonize a corpus in place with a named profile; sets `entity_types` to those present."""
    rules = profile(profile_name)
    present: set[str] = set()
    for documents in corpus.splits.values():
        for document in documents:
            harmonize_document(document, rules)
            present.update(m.type for m in document.mentions)
    corpus.entity_types = tuple(t for t in HARMONIZED_TYPES if t in present)
    return corpus
