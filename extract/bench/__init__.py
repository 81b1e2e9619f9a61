"""Benchmarks: score predictions against annotated corpora the way the literature does."""
