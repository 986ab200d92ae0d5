"""The times stage: spans as TimeBank draws them, TIMEX3 values resolved against the publication date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claimledger.components.times import bounds, duration, number_value, season_year, week

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "articles" / "nk-troops-russia.txt"
SAMPLE_PUBLISHED = dt.date(2024, 10, 29)


def times(parse, text, published=None):
    doc = parse(text, published)
    return [(t.span.text(doc), t.type, t.value) for t in doc._.cl_times]


# -- the calendar arithmetic, without the model


def test_bounds_of_a_day_week_month_quarter_and_year():
    assert bounds("2024-10-28") == ("2024-10-28", "2024-10-28")
    assert bounds("2024-10-28TNI") == ("2024-10-28", "2024-10-28")
    assert bounds("2024-W43") == ("2024-10-21", "2024-10-27")
    assert bounds("2024-02") == ("2024-02-01", "2024-02-29")
    assert bounds("2023-02") == ("2023-02-01", "2023-02-28")
    assert bounds("2024-Q3") == ("2024-07-01", "2024-09-30")
    assert bounds("2024") == ("2024-01-01", "2024-12-31")


def test_no_bounds_for_what_is_not_a_calendar_period():
    for value in ("PRESENT_REF", "PAST_REF", "XXXX-WXX-1", "2024-SU", "P3Y"):
        assert bounds(value) == (None, None)


def test_weeks_across_the_new_year_are_iso_weeks():
    assert week(dt.date(2025, 1, 1)) == "2025-W01"
    assert bounds("2025-W01") == ("2024-12-30", "2025-01-05")
    assert week(dt.date(2021, 1, 3)) == "2020-W53"
    assert week(dt.date(2025, 1, 2), -1) == "2024-W52"


def test_winter_belongs_to_the_year_it_starts_in():
    assert season_year(dt.date(2024, 3, 10), "WI", -1) == "2023"
    assert season_year(dt.date(2024, 1, 15), "WI", 0) == "2023"
    assert season_year(dt.date(2024, 10, 29), "SU", -1) == "2024"
    assert season_year(dt.date(2024, 7, 1), "SU", -1) == "2023"
    assert season_year(dt.date(2024, 10, 29), "SU", 1) == "2025"


def test_durations_and_numbers():
    assert duration(3, "years") == "P3Y"
    assert duration(None, "weeks") == "PXW"
    assert duration(5, "hours") == "PT5H"
    assert duration(2, "decades") == "P20Y"
    assert number_value("twenty-five") == 25
    assert number_value("5 1/2") == 5.5
    assert number_value("several") is None


# -- on sentences, through the pipeline


@pytest.mark.slow
def test_sample_article(parse):
    doc = parse(SAMPLE.read_text(encoding="utf-8"), SAMPLE_PUBLISHED)
    found = {t.span.text(doc): t for t in doc._.cl_times}
    assert found["Monday"].value == "2024-10-28"
    assert found["Tuesday"].value == "2024-10-29"
    assert (found["Last week"].type, found["Last week"].value) == ("date", "2024-W43")
    assert (found["Last week"].earliest, found["Last week"].latest) == ("2024-10-21", "2024-10-27")
    assert (found["next several weeks"].type, found["next several weeks"].value) == ("duration", "PXW")
    assert found["recently"].value == "PAST_REF"
    assert [t.id for t in doc._.cl_times] == [f"t{i}" for i in range(1, len(doc._.cl_times) + 1)]
    assert [t.span.start for t in doc._.cl_times] == sorted(t.span.start for t in doc._.cl_times)


@pytest.mark.slow
def test_explicit_dates(parse):
    published = dt.date(2024, 10, 29)
    assert times(parse, "The deal was signed on March 3, 2025.", published) == [
        ("March 3, 2025", "date", "2025-03-03")
    ]
    assert times(parse, "Elections were held in 2024.", published) == [("2024", "date", "2024")]
    assert times(parse, "Prices rose in March 2025.", published) == [("March 2025", "date", "2025-03")]
    assert times(parse, "The ceasefire began Oct. 5.", published) == [("Oct. 5", "date", "2024-10-05")]
    assert times(parse, "Talks resumed on 3 March.", dt.date(2025, 3, 10)) == [
        ("3 March", "date", "2025-03-03")
    ]


@pytest.mark.slow
def test_days_months_and_weeks_across_the_new_year(parse):
    published = dt.date(2025, 1, 2)
    assert times(parse, "Yesterday the army said it had retreated last week.", published) == [
        ("Yesterday", "date", "2025-01-01"),
        ("last week", "date", "2024-W52"),
    ]
    assert times(parse, "Prices rose last year and last month but fell this week.", published) == [
        ("last year", "date", "2024"),
        ("last month", "date", "2024-12"),
        ("this week", "date", "2025-W01"),
    ]
    assert times(parse, "It will happen next month.", dt.date(2024, 12, 15)) == [
        ("next month", "date", "2025-01")
    ]


@pytest.mark.slow
def test_leap_day(parse):
    doc = parse("Yesterday, on Feb. 29, shelling resumed, and last month it was quiet.", dt.date(2024, 3, 1))
    assert [(t.span.text(doc), t.value) for t in doc._.cl_times] == [
        ("Yesterday", "2024-02-29"),
        ("Feb. 29", "2024-02-29"),
        ("last month", "2024-02"),
    ]
    assert (doc._.cl_times[2].earliest, doc._.cl_times[2].latest) == ("2024-02-01", "2024-02-29")


@pytest.mark.slow
def test_present_and_counted_from_the_publication_date(parse):
    published = dt.date(2024, 3, 1)
    assert times(parse, "He arrived today and is now in Kyiv.", published) == [
        ("today", "date", "2024-03-01"),
        ("now", "date", "PRESENT_REF"),
    ]
    assert times(parse, "The siege began two days ago and lasted three years.", published) == [
        ("two days ago", "date", "2024-02-28"),
        ("three years", "duration", "P3Y"),
    ]


@pytest.mark.slow
def test_seasons_decades_and_quarters(parse):
    assert times(
        parse, "Last winter was hard, as in the 1990s and in the summer of 2023.", dt.date(2024, 3, 10)
    ) == [
        ("Last winter", "date", "2023-WI"),
        ("1990s", "date", "199"),
        ("summer of 2023", "date", "2023-SU"),
    ]
    assert times(parse, "Exports fell in the third quarter.", dt.date(2024, 10, 29)) == [
        ("the third quarter", "date", "2024-Q3")
    ]


@pytest.mark.slow
def test_a_future_clause_puts_a_weekday_ahead(parse):
    assert times(parse, "The summit will be held on Friday.", dt.date(2024, 10, 29)) == [
        ("Friday", "date", "2024-11-01")
    ]


@pytest.mark.slow
def test_a_hoped_for_event_and_the_same_weekday_later_in_the_story(parse):
    text = (
        "Rubio said Monday the United States hopes to resolve the dispute during talks Tuesday with "
        "Ukrainian officials. He clarified that a minerals deal was not the focus of Tuesday's talks."
    )
    assert times(parse, text, dt.date(2025, 3, 10)) == [
        ("Monday", "date", "2025-03-10"),
        ("Tuesday", "date", "2025-03-11"),
        ("Tuesday", "date", "2025-03-11"),
    ]


@pytest.mark.slow
def test_a_weekday_alone_with_its_event_is_past_unless_a_planned_event_lies_ahead(parse):
    published = dt.date(2025, 3, 10)
    assert times(parse, "Friday's meeting ended without a deal.", published) == [
        ("Friday", "date", "2025-03-07")
    ]
    assert times(parse, "Officials will investigate Friday's attack.", published) == [
        ("Friday", "date", "2025-03-07")
    ]
    assert times(parse, "The U.S. will press for a ceasefire at Tuesday's talks.", published) == [
        ("Tuesday", "date", "2025-03-11")
    ]


@pytest.mark.slow
def test_a_weekday_the_parser_took_into_a_name_follows_the_verb_before_it(parse):
    text = "Netanyahu said Sunday Israel will continue to maintain freedom of worship."
    assert times(parse, text, dt.date(2021, 5, 10)) == [("Sunday", "date", "2021-05-09")]


@pytest.mark.slow
def test_the_past_month_is_the_stretch_up_to_now_but_the_past_year_a_year(parse):
    published = dt.date(2021, 3, 19)
    assert times(parse, "Prices have risen 20% in the past month.", published) == [
        ("the past month", "duration", "P1M")
    ]
    assert times(parse, "Hate groups grew over the past year.", published) == [
        ("the past year", "date", "2020")
    ]


@pytest.mark.slow
def test_a_year_in_a_title_is_no_date(parse):
    text = "According to the Global Terrorism Index 2025 released last week, attacks rose."
    assert times(parse, text, dt.date(2025, 3, 11)) == [("last week", "date", "2025-W10")]


@pytest.mark.slow
def test_times_of_day_and_sets(parse):
    published = dt.date(2024, 10, 29)
    assert times(parse, "Shelling began Monday night and stopped at 5 p.m.", published) == [
        ("Monday night", "time", "2024-10-28TNI"),
        ("5 p.m.", "time", "2024-10-29T17:00"),
    ]
    assert times(parse, "Strikes hit at 10 p.m. Wednesday.", published) == [
        ("10 p.m. Wednesday", "time", "2024-10-23T22:00")
    ]
    assert times(parse, "Patrols go out every week and daily.", published) == [
        ("every week", "set", "P1W"),
        ("daily", "set", "P1D"),
    ]


@pytest.mark.slow
def test_spans_keep_modifiers_but_not_prepositions(parse):
    published = dt.date(2024, 10, 29)
    assert times(parse, "It will take the next several weeks.", published) == [
        ("the next several weeks", "duration", "PXW")
    ]
    assert times(parse, "The plant closes early next year.", published) == [
        ("early next year", "date", "2025")
    ]
    assert times(parse, "He left nearly two years ago.", published) == [
        ("nearly two years ago", "date", "2022")
    ]


@pytest.mark.slow
def test_words_that_only_look_like_times(parse):
    assert times(parse, "Troops may withdraw after sending 2000 troops.", dt.date(2024, 10, 29)) == []
    assert times(parse, "A 6-year-old boy was hurt.", dt.date(2024, 10, 29)) == []


@pytest.mark.slow
def test_without_a_publication_date_relative_values_stay_open(parse):
    doc = parse("The ministry said on Monday that troops had left last week.")
    assert [(t.span.text(doc), t.value, t.earliest) for t in doc._.cl_times] == [
        ("Monday", "XXXX-WXX-1", None),
        ("last week", "XXXX-WXX", None),
    ]


@pytest.mark.slow
def test_holidays_and_last_weekday_across_the_new_year(parse):
    assert times(parse, "He was freed on Christmas and met them last Friday.", dt.date(2025, 1, 3)) == [
        ("Christmas", "date", "2024-12-25"),
        ("last Friday", "date", "2024-12-27"),
    ]


@pytest.mark.slow
def test_spoken_years_and_universal_time(parse):
    published = dt.date(2025, 1, 3)
    assert times(parse, "It happened in nineteen ninety-six, a decade ago.", published) == [
        ("nineteen ninety-six", "date", "1996"),
        ("a decade ago", "date", "2015"),
    ]
    assert times(parse, "Shelling resumed at 16:08 UTC.", published) == [
        ("16:08 UTC", "time", "2025-01-03T16:08Z")
    ]


def test_fractions_of_a_unit_are_written_in_the_next_smaller_one():
    assert duration(2.5, "years") == "P2Y6M"
    assert duration(5.5, "hours") == "PT5H30M"
    assert duration(1.5, "minute") == "PT1M30S"
