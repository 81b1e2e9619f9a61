"""Annotated corpora: readers into one model, the catalog, writers and dataset conversion."""

from extract.corpus.model import Corpus, CorpusDocument, Mention, Passage, Relation

__all__ = ["Corpus", "CorpusDocument", "Mention", "Passage", "Relation"]
