"""PICO spans of trial abstracts: who took part (Participants), what was compared (Interventions), what was
measured (Outcomes). `extract.pico.tagger.PicoTagger` finds them; `extract bench pico` scores it."""

PICO_LABELS = ("Participants", "Interventions", "Outcomes")
"""The span labels, in P, I, O order."""
