"""Registry of corpus readers, by name (as spaCy registers its functions).

A reader takes a path (a corpus folder or a single file) and returns a `Corpus`:

    @readers.register("pubtator")
    def read_pubtator_corpus(path: Path, **options) -> Corpus: ...

Catalog entries under `corpus/catalog/` name the reader that loads them.
"""

import catalogue

readers = catalogue.create("extract", "corpus_readers", entry_points=False)
