"""Queries over the fixture ledger: claims, sources, figures, timeline and search."""

from __future__ import annotations

import pytest

from claimledger.errors import ClaimLedgerError
from claimledger.ledger import claims, estimates, figures, search, sources, timeline


def test_claims_by_source_name_or_alias_newest_first(filled):
    rows = claims(filled, source="the Pentagon")
    assert [row["said_on"] for row in rows] == ["2024-11-04", "2024-10-29"]
    assert all(row["source"] == "Pentagon" for row in rows)


def test_one_person_across_articles_despite_a_misspelling(filled):
    # The sample misspells "Sabrina Singh" as "Sabrina Sigh"; the follow-up spells it right.
    rows = claims(filled, source="Sabrina Singh")
    assert len({row["article"] for row in rows}) == 2
    assert filled.value("SELECT COUNT(*) FROM entities WHERE name LIKE 'Sabrina%'") == 1


def test_claims_mentioning_an_entity_by_any_alias(filled):
    by_alias = claims(filled, entity="DPRK", limit=1000)
    by_name = claims(filled, entity="North Korea", limit=1000)
    assert by_alias == by_name
    assert any("Pyongyang" in row["content"] for row in by_name)


def test_claims_filtered_by_text_dates_and_certainty(filled):
    kursk = claims(filled, text="Kursk region")
    assert kursk and all("kursk" in row["content"].lower() for row in kursk)
    window = claims(filled, since="2024-11-01", until="2024-11-30", limit=1000)
    assert window and all("2024-11-01" <= row["said_on"] <= "2024-11-30" for row in window)
    possible = claims(filled, certainty="possible", limit=1000)
    assert possible and {row["certainty"] for row in possible} == {"possible"}


@pytest.mark.parametrize("bad", [{"certainty": "sure"}, {"since": "last week"}, {"text": "!!"}])
def test_bad_filters_are_clear_errors(filled, bad):
    with pytest.raises(ClaimLedgerError):
        claims(filled, **bad)


def test_sources_counts_independent_articles_and_hedging(filled):
    rows = {row["source"]: row for row in sources(filled, limit=1000)}
    # The BLA is cited in two VOA reports and in a wire copy of one: two independent articles.
    bla = rows["Baloch Liberation Army"]
    assert (bla["claims"], bla["articles"]) == (4, 2)
    zelensky = rows["Volodymyr Zelensky"]
    assert (zelensky["claims"], zelensky["possible"], zelensky["hedged"]) == (2, 1, 0.5)
    assert (zelensky["first_said"], zelensky["last_said"]) == ("2024-10-29", "2025-03-10")
    assert "North Korea" in rows["Pentagon"]["topics"]


def test_figures_about_finds_the_question_by_its_words(filled):
    titles = [question["title"] for question in figures(filled, about="North Korean troops")]
    assert titles[0] == "North Korea: troops in Russia"
    assert figures(filled, about="zebras") == []


def test_estimates_flat_for_tables(filled):
    rows = estimates(filled, about="North Korean troops", limit=1)
    assert len(rows) == 7
    assert {row["question_title"] for row in rows} == {"North Korea: troops in Russia"}
    zelensky = next(row for row in rows if row["source"] == "Volodymyr Zelensky")
    assert (zelensky["interval_low"], zelensky["interval_high"]) == (0.0, 12000.0)


def test_timeline_of_a_question_and_of_an_entity(filled):
    estimates = timeline(filled, "North Korea: troops in Russia")
    assert [row["said_on"] for row in estimates] == sorted(row["said_on"] for row in estimates)
    assert {row["event"] for row in estimates} == {"estimate"}
    rutte = timeline(filled, "Mark Rutte")
    assert {row["event"] for row in rutte} <= {"said", "mentioned"}
    assert any(row["event"] == "said" for row in rutte)
    with pytest.raises(ClaimLedgerError, match="no entity"):
        timeline(filled, "Nobody Atall")


def test_search_ranks_claims_and_articles_with_snippets(filled):
    rows = search(filled, "hostages")
    assert {row["kind"] for row in rows} == {"claim", "article"}
    assert all("[hostages]" in row["snippet"].lower() or "[hostage" in row["snippet"].lower() for row in rows)
    assert [row["rank"] for row in rows] == sorted(row["rank"] for row in rows)


def test_search_for_words_in_most_rows_answers_newest_first_without_ranking(filled, monkeypatch):
    from claimledger.ledger import queries

    ranked = search(filled, "the", limit=5)
    monkeypatch.setattr(queries, "RANKED_MATCHES", 3)  # stands in for a ledger where "the" is in 100,000 rows
    newest = search(filled, "the", limit=5)
    assert len(newest) == len(ranked) == 5
    assert all(row["rank"] == 0.0 for row in newest)
    assert all("[the]" in row["snippet"].lower() for row in newest)
    claims = [row["id"] for row in newest if row["kind"] == "claim"]
    rowids = [filled.value("SELECT rowid FROM attributions WHERE id = ?", (i,)) for i in claims]
    assert rowids == sorted(rowids, reverse=True)
