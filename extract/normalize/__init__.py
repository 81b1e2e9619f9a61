"""Normalization of entity mentions to NCBI Gene, MeSH, NCBI Taxonomy and Cellosaurus identifiers
(see docs/normalization.md): the lexicon index (`index`, `lexicon`, `sources`), the matcher
(`normalizer`), the learned fallback (`fallback`) and the pipeline stage (`stage`)."""

from extract.normalize.normalizer import MentionInput, Normalizer, Resolution

__all__ = ["MentionInput", "Normalizer", "Resolution"]
