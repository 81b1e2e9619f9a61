"""Our annotated papers (`corpus/annotations/claims.*`, `characteristics.*`) read from the shared PDFs."""

from __future__ import annotations

import pytest

from extract.bench.tasks import run_bench
from extract.corpus.catalog import load_corpus

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def corpus():
    return load_corpus("annotated-papers")


def test_every_anchored_sentence_is_found_in_the_parsed_text(corpus):
    assert corpus.issues == []
    assert len(corpus.split("dev")) == 27 and len(corpus.split("test")) == 15
    claims = [c for doc in corpus.split("dev") + corpus.split("test") for c in doc.labels.get("claims", [])]
    assert len(claims) > 400 and all(c["spans"] for c in claims)
    sources = {doc.labels["source"] for doc in corpus.split("dev") + corpus.split("test")}
    assert sources == {"pdfs", "domain-dev"}


def test_claims_on_the_dev_papers():
    result = run_bench("claims", "annotated-papers", split="dev")
    assert result["recall"] >= 0.75 and result["precision"] >= 0.85
    assert result["boilerplate_rate"] <= 0.05
    assert result["fields"]["significance"]["mean"] >= 0.65
