"""The shared arithmetic: P/R/F1 tallies, Citron tokens, one-to-one greedy matching."""

from __future__ import annotations

import pytest

from claimledger.errors import ClaimLedgerError
from claimledger.evaluation.metrics import Tally, Tokens, greedy_pairs, jaccard
from claimledger.evaluation.report import Report, predict
from claimledger.record import ArticleMeta


def test_tally_perfect_empty_and_partial():
    assert (Tally(3, 3, 3, 3).precision, Tally(3, 3, 3, 3).f1) == (100.0, 100.0)
    empty = Tally(0, 0, 0, 4)
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)
    partial = Tally()
    partial.add_matches(2, predicted=4, gold=2)
    assert (partial.precision, partial.recall) == (50.0, 100.0)
    assert partial.f1 == pytest.approx(66.667, abs=1e-3)


def test_tally_keeps_separate_hits_for_token_overlap():
    t = Tally()
    t.add(pred_hits=3, predicted=4, gold_hits=1, gold=2)
    t.add(pred_hits=1, predicted=1, gold_hits=1, gold=2)
    assert (t.precision, t.recall) == (80.0, 50.0)


def test_tokens_are_words_or_single_punctuation_touched_by_a_span():
    text = 'He said: "No way."'
    tokens = Tokens(text)
    words = [text[s:e] for s, e in zip(tokens.starts, tokens.ends, strict=True)]
    assert words == ["He", "said", ":", '"', "No", "way", ".", '"']
    assert tokens.covering(4, 6) == {1}  # "ai" lies inside "said"
    assert tokens.covering(2, 3) == set()  # the space between words
    assert tokens.covering_all([(0, 2), (10, 14)]) == {0, 4, 5}  # "He", "No", "w(ay)"


def test_jaccard():
    assert jaccard({1, 2}, {2, 3}) == pytest.approx(1 / 3)
    assert jaccard(set(), set()) == 0.0


def test_greedy_pairs_take_the_best_rank_first_and_each_side_once():
    candidates = [((-0.6,), 0, 0), ((-0.9,), 1, 0), ((-0.5,), 0, 1)]
    assert greedy_pairs(candidates) == [(1, 0), (0, 1)]


def test_report_rows_and_json():
    report = Report("demo", {"value": Tally(1, 2, 1, 1)}, {"type_acc": 75.0, "nested": None}, {"gold": 1})
    assert report.rows() == [
        ("value", "50.0", "100.0", "66.7"),
        ("type_acc", "", "", "75.0"),
        ("nested", "", "", "-"),
    ]
    data = report.to_json()
    assert data["metrics"]["value_f1"] == pytest.approx(66.667, abs=1e-3)
    assert data["tallies"]["value"] == {"pred_hits": 1, "predicted": 2, "gold_hits": 1, "gold": 1}
    assert data["counts"] == {"gold": 1}


class EchoExtractor:
    """Stands in for the extractor: one empty record per article, over the text it was given."""

    def __init__(self, change_text=False):
        self.change_text = change_text

    def extract_many(self, articles):
        for text, meta in articles:
            yield {
                "article": {"id": meta.id, "text": text.replace("\r\n", "\n") if self.change_text else text}
            }


def test_predict_reports_progress_and_refuses_a_changed_text():
    articles = [("One.", ArticleMeta(id="a")), ("Two.\r\nThree.", ArticleMeta(id="b"))]
    calls = []
    records = list(predict(EchoExtractor(), articles, progress=lambda *c: calls.append(c)))
    assert [r["article"]["id"] for r in records] == ["a", "b"]
    assert calls == [(1, 2), (2, 2)]
    with pytest.raises(ClaimLedgerError, match="text of b"):
        list(predict(EchoExtractor(change_text=True), articles))
