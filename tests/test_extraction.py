"""Long texts: parsed and annotated in pieces, joined into one record whose offsets index the whole text."""

from __future__ import annotations

import datetime as dt

import pytest

from claimledger.extraction import Extractor, split_text
from claimledger.record import ArticleMeta


def test_short_text_is_one_piece():
    assert split_text("One paragraph.\nTwo.", size=100) == ["One paragraph.\nTwo."]
    assert split_text("x" * 100, size=100) == ["x" * 100]
    assert split_text("", size=100) == [""]


def test_pieces_join_back_and_end_at_line_breaks():
    paragraphs = [f"Paragraph {i} says something quite long about item {i}." for i in range(40)]
    text = "\n".join(paragraphs) + "\n"
    pieces = split_text(text, size=200)
    assert "".join(pieces) == text
    assert len(pieces) > 5
    assert all(0 < len(piece) <= 200 for piece in pieces)
    assert all(piece.endswith("\n") for piece in pieces)


def test_a_long_paragraph_is_cut_after_a_sentence_then_a_space_then_anywhere():
    sentences = "First sentence here. Second one follows. Third."
    assert split_text(sentences, size=25) == ["First sentence here. ", "Second one follows. ", "Third."]
    assert split_text("aaa bbb ccc ddd", size=8) == ["aaa bbb ", "ccc ddd"]
    assert split_text("x" * 25, size=10) == ["x" * 10, "x" * 10, "x" * 5]


PARAGRAPHS = [
    "Russian President Vladimir Putin said on Monday that the talks in Geneva had failed.",
    "The foreign ministry reported that about 1,200 soldiers crossed the border last week.",
    "Officials in Kyiv said the attack killed 14 people, according to the regional governor.",
    "Putin told reporters on Tuesday that Moscow would not withdraw its troops.",
    "Analysts said the fighting could last for months.",
]
TEXT = "\n\n".join(PARAGRAPHS * 3) + "\n"


def spans_of(record: dict) -> list[dict]:
    spans = [m for e in record["entities"] for m in e["mentions"]]
    for a in record["attributions"]:
        spans += [
            s for s in (a["source"], a["cue"], a["content"], *a["hedges"]) if s and s["start"] is not None
        ]
    return spans + record["figures"] + record["times"]


@pytest.mark.slow
def test_pieces_make_one_record_over_the_whole_text(nlp):
    meta = ArticleMeta(published=dt.date(2024, 10, 29))
    whole = Extractor(nlp=nlp).extract(TEXT, meta)
    pieces = Extractor(nlp=nlp, piece_chars=300).extract(TEXT, meta)
    assert len(split_text(TEXT, 300)) > 3
    assert pieces["article"]["text"] == TEXT
    for s in spans_of(pieces):
        assert TEXT[s["start"] : s["end"]] == s["text"]
    # Pieces are annotated apart and joined: one Putin whose mentions span every piece, and the
    # same figures and times as when the text is read whole.
    [putin] = [e for e in pieces["entities"] if e["name"] == "Vladimir Putin"]
    starts = [m["start"] for m in putin["mentions"]]
    assert min(starts) < 300 and max(starts) > len(TEXT) - 400
    for key in ("figures", "times"):
        assert len(pieces[key]) == len(whole[key]), key
    assert len(pieces["attributions"]) >= len(PARAGRAPHS) * 3


@pytest.mark.slow
def test_text_longer_than_the_pipelines_max_length(nlp, monkeypatch):
    # Stands in for a 5 MB article against spaCy's default max_length of 1,000,000 characters.
    monkeypatch.setattr(nlp, "max_length", 300)
    record = Extractor(nlp=nlp).extract(TEXT, ArticleMeta())
    assert len(TEXT) > 3 * nlp.max_length
    assert record["article"]["text"] == TEXT
    assert len(record["figures"]) >= 6


@pytest.mark.slow
def test_records_keep_input_order_across_pieces(nlp):
    articles = [
        (text, ArticleMeta(id=str(i))) for i, text in enumerate([TEXT, "Short one said nothing.", TEXT])
    ]
    records = list(Extractor(nlp=nlp, piece_chars=250).extract_many(articles, batch_size=4))
    assert [r["article"]["id"] for r in records] == ["0", "1", "2"]
    assert [r["article"]["text"] for r in records] == [text for text, _ in articles]
