"""Population, arms and outcome measures assembled from P/I/O spans (the tagger's output), and the study's
arms given to claims that name none."""

from __future__ import annotations

from extract.claims.extractor import with_study_arms
from extract.claims.slots import Slots
from extract.fields.arms import assemble

TEXT = (
    "Exosome gel after laser for acne scars. "
    "Sixty patients with atrophic acne scars were randomized to adipose stem cell exosome gel (n = 30) applied "
    "twice daily or to vehicle gel (n = 30) after three sessions of fractional laser at 4-week intervals. "
    "The primary outcome was the ECCA score at week 12; patient satisfaction was also rated. "
    "Keywords: exosomes; acne scars; laser; vehicle."
)


def _spans(*pieces: tuple[str, str]) -> list[tuple[int, int, str]]:
    found = []
    for piece, label in pieces:
        start = TEXT.index(piece)
        found.append((start, start + len(piece), label))
    return found


def test_arms_population_and_outcomes_from_the_spans():
    spans = _spans(
        ("patients with atrophic acne scars", "Participants"),
        ("adipose stem cell exosome gel", "Interventions"),
        ("vehicle gel", "Interventions"),
        ("exosome gel", "Interventions"),  # the same arm, named shorter
        ("ECCA score", "Outcomes"),
        ("patient satisfaction", "Outcomes"),
        ("fractional laser", "Interventions"),
    )
    keyword = TEXT.index("exosomes;")
    spans.append((keyword, keyword + len("exosomes"), "Interventions"))  # a keyword line is no arm
    pico = assemble(TEXT, [(0, len(TEXT))], spans)
    assert pico.population[0] == "patients with atrophic acne scars"
    names = [(a.arm, a.role) for a in pico.arms]
    assert names == [("adipose stem cell exosome gel", "intervention"), ("vehicle gel", "control"),
                     ("fractional laser", "comparator")]
    exosome, vehicle = pico.arms[0], pico.arms[1]
    assert (exosome.n, vehicle.n) == (30, 30)
    assert exosome.route == "topical" and exosome.schedule == "twice daily"
    outcomes = {o.name: o.primary for o in pico.outcomes}
    assert outcomes == {"ECCA score": "yes", "patient satisfaction": "unclear"}


def test_a_claim_naming_no_arm_takes_the_study_arms():
    arms = [{"arm": "exosome gel", "role": "intervention"}, {"arm": "vehicle gel", "role": "control"}]
    compared = with_study_arms("Scar scores fell more than with the control.", Slots("scar score"), arms)
    assert (compared.intervention, compared.comparator) == ("exosome gel", "vehicle gel")
    alone = with_study_arms("Scar scores fell by 40%.", Slots("scar score"), arms)
    assert (alone.intervention, alone.comparator) == ("exosome gel", "")
    named = with_study_arms("PRP beat saline.", Slots("x", "PRP", "saline"), arms)
    assert (named.intervention, named.comparator) == ("PRP", "saline")
