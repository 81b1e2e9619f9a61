"""Another corpus's species guideline: its own names and role nouns, learnt from its train split."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from extract.document import Span
from extract.ner.guidelines import GUIDELINES_FILE, Guideline, guidelines_json, load_guidelines
from extract.ner.recognizer import DEFAULT_DICTIONARY, EntityRecognizer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import build_ner_dictionary  # noqa: E402


def _species(text: str, word: str, label: str = "Species", **attrs: object) -> Span:
    start = text.index(word)
    return Span(start, start + len(word), label, {"text": word, **attrs})


def test_a_guideline_drops_role_nouns_and_adds_its_names_where_nothing_was_found() -> None:
    text = "HIV and HCV in patients; hiv mice, not hiv-1."
    found = [_species(text, "patients", role_noun=True), _species(text, "mice")]
    kept = Guideline({"hiv": 0.62, "mice": 0.9}, role_nouns_unlabelled=True).apply(text, found)  # not inside "hiv-1"
    assert [(text[m.start : m.end], m.attrs["source"] if "source" in m.attrs else None) for m in kept] == [
        ("HIV", "guideline"), ("hiv", "guideline"), ("mice", None)
    ]
    assert kept[0].attrs["score"] == 0.62
    assert Guideline({}, role_nouns_unlabelled=False).apply(text, found) == found


def test_a_guideline_labels_names_inside_other_types_and_starting_hyphenated_words() -> None:
    text = "HIV-Gag and VSV-G epitopes; HIV-1 infection; a human-made test."
    found = [_species(text, "HIV-Gag", "Gene"), _species(text, "HIV-1 infection", "Disease")]
    names = {"hiv": 0.7, "vsv": 1.0, "hiv-1": 1.0}
    hyphens = Guideline(names, hyphen_prefixes=True).apply(text, found)
    assert [(text[m.start : m.end], m.label) for m in hyphens] == [
        ("HIV", "Species"), ("HIV-Gag", "Gene"), ("VSV", "Species"), ("HIV-1", "Species"), ("HIV-1 infection", "Disease")
    ]  # "HIV-1" is a name of its own, so not "HIV" inside it; "human" is no name here
    without = Guideline(names).apply(text, found)
    assert [(text[m.start : m.end], m.label) for m in without if m.label == "Species"] == [("HIV-1", "Species")]
    taken = [_species(text, "HIV-Gag")]
    assert Guideline(names, hyphen_prefixes=True).apply(text, taken)[0].attrs["text"] == "HIV-Gag"  # a species blocks


def test_guidelines_file_round_trip(tmp_path: Path) -> None:
    rules = {"s800": Guideline({"hiv": 0.62}, True, hyphen_prefixes=True), "linnaeus": Guideline({}, False)}
    path = tmp_path / GUIDELINES_FILE
    path.write_text(guidelines_json(rules))
    assert load_guidelines(path) == rules
    assert load_guidelines(tmp_path / "absent.json") == {}


def test_each_corpus_but_biored_gets_the_names_it_labels_most_of_the_time() -> None:
    counts = {
        "biored": (Counter({"patients": 10, "hiv": 1}), Counter({"patients": 10, "hiv": 20})),
        "s800": (Counter({"hiv": 6, "yeast": 2}), Counter({"hiv": 10, "yeast": 9, "patients": 12})),
    }
    hyphens = {"s800": (3, 4)}
    rules = build_ner_dictionary.guidelines(counts, {"patients"}, 0.5, lambda name, names: hyphens[name])
    assert list(rules) == ["s800"]
    assert rules["s800"] == Guideline({"hiv": 0.6}, role_nouns_unlabelled=True, hyphen_prefixes=True)
    hyphens["s800"] = (1, 4)
    assert not build_ner_dictionary.guidelines(counts, {"patients"}, 0.5, lambda name, names: hyphens[name])["s800"].hyphen_prefixes


@pytest.mark.shared
def test_the_shipped_guidelines_are_what_the_train_splits_give() -> None:
    _, rules = build_ner_dictionary.build(0.5)
    shipped = (DEFAULT_DICTIONARY.parent / GUIDELINES_FILE).read_text(encoding="utf-8")
    assert guidelines_json(rules) + "\n" == shipped
    assert rules["s800"].role_nouns_unlabelled and rules["linnaeus"].role_nouns_unlabelled
    assert "hiv" in rules["s800"].names  # S800 labels the acronym on its own; BioRED keeps it inside "HIV infection"
    assert rules["s800"].hyphen_prefixes and rules["linnaeus"].hyphen_prefixes  # "HIV" in "HIV-Gag", 44 of 53 in S800


def test_the_recognizer_follows_a_corpus_guideline_only_when_told() -> None:
    text = "Patients infected with HIV were treated. HIV replication in patients was measured."
    default = {(text[m.start : m.end], m.label) for m in EntityRecognizer(task="biored").find(text)}
    s800 = EntityRecognizer(task="s800")
    assert s800.guideline is not None
    found = s800.find(text)
    assert ("HIV", "Species") in {(text[m.start : m.end], m.label) for m in found}
    assert not any(m.attrs.get("role_noun") for m in found)
    assert ("HIV", "Species") not in default
    assert ("Patients", "Species") in default
