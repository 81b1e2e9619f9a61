"""Annotated corpora: readers into one model, the catalog, writers and dataset conversion."""

from extract.corpus.catalog import catalog, load_corpus
from extract.corpus.model import Corpus, CorpusDocument, Mention, Passage, Relation

__all__ = ["Corpus", "CorpusDocument", "Mention", "Passage", "Relation", "catalog", "load_corpus"]
