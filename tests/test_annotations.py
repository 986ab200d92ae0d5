"""The plain-data annotations the stages share."""

import random

import spacy

from claimledger.annotations import Span


def test_span_text_equals_slicing_the_doc_text_wherever_it_starts_and_ends():
    doc = spacy.blank("en")("Hello big world, again.  Two  spaces\n\nnew para “quoted”")
    text = doc.text
    rng = random.Random(7)
    for _ in range(3000):
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert Span(start, end).text(doc) == text[start:end]


def test_containment_and_overlap():
    assert Span(0, 10).contains(Span(2, 5)) and not Span(2, 5).contains(Span(0, 10))
    assert Span(0, 5).overlaps(Span(4, 8)) and not Span(0, 5).overlaps(Span(5, 8))
