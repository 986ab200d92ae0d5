"""The figures stage: numbers with their bounds, units, counted nouns, owners and sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.annotations import Attribution, Entity, Figure, Span, register_extensions
from claimledger.components.figures import FigureReader, innermost_attribution

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "articles" / "nk-troops-russia.txt"


@pytest.fixture(scope="module")
def reader():
    return FigureReader()


def figures(parse, text):
    """(span text, value, low, high, approximate, unit) of each figure, in text order."""
    doc = parse(text)
    return [(f.span.text(doc), f.value, f.low, f.high, f.approximate, f.unit) for f in doc._.cl_figures]


def only(parse, text):
    found = figures(parse, text)
    assert len(found) == 1, found
    return found[0]


def spans(parse, text):
    return [found[0] for found in figures(parse, text)]


# -- linking, without the model


def attribution(id, start, end):
    return Attribution(id=id, content=Span(start, end), kind="indirect")


def test_the_innermost_attribution_holding_the_figure_carries_it():
    outer, inner, beside = attribution("a1", 0, 100), attribution("a2", 10, 50), attribution("a3", 60, 90)
    assert innermost_attribution(Span(20, 30), [outer, inner, beside]) == "a2"
    assert innermost_attribution(Span(45, 55), [outer, inner, beside]) == "a1"
    assert innermost_attribution(Span(95, 105), [outer, inner, beside]) is None


def test_a_demonym_without_a_mention_is_looked_up_as_its_country(reader):
    register_extensions()
    doc = spacy.blank("en")("Seoul said 3,000 North Korean troops left.")
    counted = Span(doc.text.index("North"), doc.text.index(" left"))
    figure = Figure(id="", span=Span(11, counted.end), value=3000, unit="troop", counted=counted)
    north = Entity(id="e2", name="North Korea", type="country", mentions=[])
    seoul = Entity(id="e1", name="South Korea", type="country", mentions=[Span(0, 5)])
    assert reader.owner(doc, figure, [seoul, north]) == "e2"
    assert reader.owner(doc, figure, [seoul]) is None


# -- numbers, bounds and units, through the pipeline


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Officials said 10,000 troops arrived.", ("10,000 troops", 10000, None, None, False, "troop")),
        ("The army sent 3000 soldiers.", ("3000 soldiers", 3000, None, None, False, "soldier")),
        ("It weighs 1.5 tonnes.", ("1.5 tonnes", 1.5, None, None, False, "tonne")),
        ("They shipped 2.3m tonnes of grain.", ("2.3m tonnes", 2.3e6, None, None, False, "tonne")),
        ("Two units were formed.", ("Two units", 2, None, None, False, "unit")),
        ("He saw twenty-five soldiers.", ("twenty-five soldiers", 25, None, None, False, "soldier")),
        ("A dozen tanks moved.", ("A dozen tanks", 12, None, None, False, "tank")),
        ("The city has 5 million residents.", ("5 million residents", 5e6, None, None, False, "resident")),
        ("There were four hundred people.", ("four hundred people", 400, None, None, False, "people")),
        ("Half a million people fled.", ("Half a million people", 5e5, None, None, False, "people")),
    ],
)
def test_numbers_in_digits_words_and_scales(parse, text, expected):
    assert only(parse, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, expected",
    [
        ("It sent about 10,000 troops.", ("about 10,000 troops", 10000, None, None, True, "troop")),
        ("It sent roughly 50 tanks.", ("roughly 50 tanks", 50, None, None, True, "tank")),
        ("It sent some 3,000 Syrians.", ("some 3,000 Syrians", 3000, None, None, True, "syrian")),
        ("It sent an estimated 400 drones.", ("an estimated 400 drones", 400, None, None, True, "drone")),
        ("It sent nearly 30,000 soldiers.", ("nearly 30,000 soldiers", 30000, None, 30000, True, "soldier")),
        ("It sent almost 70 jets.", ("almost 70 jets", 70, None, 70, True, "jet")),
        ("It sent up to 12,000 troops.", ("up to 12,000 troops", 12000, None, 12000, False, "troop")),
        ("It sent fewer than 20 ships.", ("fewer than 20 ships", 20, None, 20, False, "ship")),
        ("It sent no more than 5 envoys.", ("no more than 5 envoys", 5, None, 5, False, "envoy")),
        ("It killed more than 500 people.", ("more than 500 people", 500, 500, None, False, "people")),
        ("It killed at least 40 people.", ("at least 40 people", 40, 40, None, False, "people")),
        ("It killed over 200 people.", ("over 200 people", 200, 200, None, False, "people")),
        ("It fed close to a million people.", ("close to a million people", 1e6, None, 1e6, True, "people")),
    ],
)
def test_approximators_and_bounds(parse, text, expected):
    assert only(parse, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, expected",
    [
        ("It hurt between 15 and 20 people.", ("between 15 and 20 people", None, 15, 20, False, "people")),
        ("It hurt 10 to 20 people.", ("10 to 20 people", None, 10, 20, False, "people")),
        ("It hurt 10-20 people.", ("10-20 people", None, 10, 20, False, "people")),
        (
            "It hurt four to five thousand people.",
            ("four to five thousand people", None, 4000, 5000, False, "people"),
        ),
        ("It costs $10 to $15 billion.", ("$10 to $15 billion", None, 1e10, 1.5e10, False, "dollar")),
        ("Growth is 5% to 10%.", ("5% to 10%", None, 5, 10, False, "percent")),
    ],
)
def test_ranges(parse, text, expected):
    assert only(parse, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Dozens of North Koreans queued.",
            ("Dozens of North Koreans", None, 24, None, True, "north korean"),
        ),
        ("Hundreds of civilians fled.", ("Hundreds of civilians", None, 200, None, True, "civilian")),
        ("Thousands of refugees fled.", ("Thousands of refugees", None, 2000, None, True, "refugee")),
        (
            "Several hundred soldiers died.",
            ("Several hundred soldiers", None, 300, None, True, "soldier"),
        ),
        (
            "Tens of thousands of people marched.",
            ("Tens of thousands of people", None, 2e4, None, True, "people"),
        ),
        ("Dozens were killed.", ("Dozens", None, 24, None, True, None)),
    ],
)
def test_vague_counts_have_a_floor_and_no_value(parse, text, expected):
    assert only(parse, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The fund lost $5 million.", ("$5 million", 5e6, None, None, False, "dollar")),
        ("The fund lost $2.5bn.", ("$2.5bn", 2.5e9, None, None, False, "dollar")),
        ("The fund lost €3bn.", ("€3bn", 3e9, None, None, False, "euro")),
        ("The fund lost £40.", ("£40", 40, None, None, False, "pound")),
        ("The fund lost 5 million yuan.", ("5 million yuan", 5e6, None, None, False, "yuan")),
        ("Debt reached 1.2 trillion dollars.", ("1.2 trillion dollars", 1.2e12, None, None, False, "dollar")),
        ("Inflation hit 12%.", ("12%", 12, None, None, False, "percent")),
        ("Inflation hit 12 percent.", ("12 percent", 12, None, None, False, "percent")),
        ("Inflation hit 12 per cent.", ("12 per cent", 12, None, None, False, "percent")),
        ("Prices rose 5 percent on Monday.", ("5 percent", 5, None, None, False, "percent")),
        ("The town is 40 km away.", ("40 km", 40, None, None, False, "km")),
        ("The town is 40km away.", ("40km", 40, None, None, False, "km")),
        ("The zone covers 300 square km.", ("300 square km", 300, None, None, False, "square km")),
        ("They walked 6 miles.", ("6 miles", 6, None, None, False, "mile")),
        ("It carries 20 kilograms.", ("20 kilograms", 20, None, None, False, "kg")),
        ("Warming may pass 1.5°C soon.", ("1.5°C", 1.5, None, None, False, "celsius")),
        ("It cost Rs 500 crore.", ("Rs 500 crore", 5e9, None, None, False, "rupee")),
    ],
)
def test_money_percentages_and_measures(parse, text, expected):
    assert only(parse, text) == expected


@pytest.mark.slow
def test_the_counted_phrase_and_its_owner(parse):
    doc = parse("Seoul said 3,000 North Korean troops are training in Russia.")
    (figure,) = doc._.cl_figures
    assert figure.span.text(doc) == "3,000 North Korean troops"
    assert figure.counted.text(doc) == "North Korean troops"
    assert figure.unit == "troop"
    owner = next(e for e in doc._.cl_entities if e.id == figure.entity)
    assert owner.name == "North Korea"


@pytest.mark.slow
def test_a_figure_is_tied_to_the_innermost_attribution_around_it(parse, reader):
    text = "Kyiv said Seoul believes 3,000 troops left, and 40 tanks stayed."
    doc = parse(text)
    inner = Attribution(id="a2", content=Span(text.index("3,000"), text.index(", and")), kind="indirect")
    outer = Attribution(id="a1", content=Span(text.index("Seoul"), len(text) - 1), kind="indirect")
    doc._.cl_attributions = [outer, inner]
    found = {f.span.text(doc): f.attribution for f in reader.find(doc)}
    assert found == {"3,000 troops": "a2", "40 tanks": "a1"}


@pytest.mark.slow
def test_ids_follow_the_text(parse):
    doc = parse("First 3 ships, then 40 tanks, then 500 troops.")
    assert [(f.id, f.value) for f in doc._.cl_figures] == [("f1", 3), ("f2", 40), ("f3", 500)]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Ukraine's 61st Mechanized Brigade held the line.",
        "The tactic dates from the 1990s.",
        "The G7 met to discuss F-16 jets and COVID-19.",
        "One of the officers said they respect one another.",
        "Call 555-123-4567 for details.",
        "The talks began on September 8 in 2021.",
        "The S&P 500 fell while Game 6 went on under Resolution 2231.",
        "The match ended 2-2 after the 2023 election.",
        "Zamora, 67, attended the hearing.",
        "That is one way to see it, and one argument against it.",
        "Gangs control National Highway #1 near the 737 Max plant.",
        "Several rebels were captured at several checkpoints.",
    ],
)
def test_ordinals_names_dates_codes_and_scores_are_not_figures(parse, text):
    assert figures(parse, text) == []


@pytest.mark.slow
def test_a_change_and_a_level_are_two_figures(parse):
    assert spans(parse, "The deficit grew by $43.6 billion to $419.2 billion.") == [
        "$43.6 billion",
        "$419.2 billion",
    ]
    assert spans(parse, "Exports fell 7% to $2.3 billion.") == ["7%", "$2.3 billion"]


@pytest.mark.slow
def test_over_a_time_unit_says_when_not_how_many(parse):
    assert only(parse, "Fighting over four years displaced them.") == (
        "four years",
        4,
        None,
        None,
        False,
        "year",
    )


@pytest.mark.slow
def test_one_counts_when_it_is_bounded_or_a_time(parse):
    assert only(parse, "At least one soldier died.") == ("At least one soldier", 1, 1, None, False, "soldier")
    assert only(parse, "He was jailed for one year.") == ("one year", 1, None, None, False, "year")


@pytest.mark.slow
def test_a_conversion_in_brackets_keeps_the_bound(parse):
    found = figures(parse, "The moths fly more than 100 kilometers (60 miles).")
    assert [f[1:4] for f in found] == [(100, 100, None), (60, 60, None)]


@pytest.mark.slow
def test_the_strength_of_a_force_counts_it(parse):
    assert only(parse, "A 5,000-strong force arrived.") == (
        "5,000-strong force",
        5000,
        None,
        None,
        False,
        "force",
    )


@pytest.mark.slow
def test_a_number_of_a_group_counts_the_group(parse):
    assert only(parse, "Gunmen killed 18 of them.") == ("18 of them", 18, None, None, False, None)
    assert only(parse, "They banned 150 of his concerts.")[-1] == "concert"


@pytest.mark.slow
def test_a_part_of_a_whole(parse):
    assert only(parse, "Half of them went to the Far East.") == ("Half of them", 0.5, None, None, False, None)
    assert only(parse, "Nearly two-thirds of voters agreed.")[1:3] == (2 / 3, None)


@pytest.mark.slow
def test_the_sample_article_figures(parse):
    doc = parse(SAMPLE.read_text(), dt.date(2024, 10, 29))
    found = {f.span.text(doc): f for f in doc._.cl_figures}
    assert found["about 10,000 troops"].approximate
    assert found["up to 12,000 North Korean troops"].high == 12000
    assert found["nearly 30,000 soldiers"].high == 30000
    assert found["dozens of North Koreans"].unit == "north korean"
    assert not any("61st" in text for text in found)


PIECES = [
    "$", "US", "AU", "to", "-", "and", "between", "of", "dozens", "half", "a", "one", "twenty", "hundred",
    "million", "m", "bn", "5", "10,000", "1/0", "2-2", "$4", "€", "per", "cent", "%", "km", "troops",
    "North", "Koreans", "up", "about", "nearly", "more", "than", "or", "so", "#", "1990s", "61st", "-5",
    "~3", ".", ",", "several", "tens", "thousands", "square", "dollars", "sub-500", "5:00", "40km",
]  # fmt: skip


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12))
def test_any_jumble_of_number_pieces_reads_without_error(nlp, reader, pieces):
    doc = nlp.make_doc(" ".join(pieces))
    for name, proc in nlp.pipeline:
        if not name.startswith("claimledger"):
            doc = proc(doc)
    for figure in reader.find(doc):
        assert 0 <= figure.span.start < figure.span.end <= len(doc.text)
        assert figure.low is None or figure.high is None or figure.low <= figure.high


@pytest.mark.slow
def test_a_misparsed_of_object_before_the_number_is_not_what_it_counts(parse):
    # The parser once made "Trump" the object of "of" in "millions of people", pointing back
    # before the number: the counted phrase ended before it began and crashed the owner lookup.
    doc = parse(
        "Both Sanders and Trump — both candidates whom millions of people have trouble seeing in "
        "the White House — flirt with coming victories in Iowa."
    )
    assert all(f.counted is None or f.counted.start < f.counted.end for f in doc._.cl_figures)
