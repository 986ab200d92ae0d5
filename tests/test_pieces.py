"""Joining the annotations of an article's pieces: offsets shifted, ids renumbered, references kept."""

import spacy

from claimledger.annotations import Attribution, Entity, Figure, Span, TimeExpression, register_extensions
from claimledger.pieces import Joiner


def piece(text, entities=(), attributions=(), figures=(), times=()):
    register_extensions()
    doc = spacy.blank("en")(text)
    doc._.cl_entities, doc._.cl_attributions = list(entities), list(attributions)
    doc._.cl_figures, doc._.cl_times = list(figures), list(times)
    return doc


def test_second_piece_is_shifted_and_renumbered_and_people_join_by_surname():
    first = piece(
        "Putin said 3 died.\n",
        [Entity("e1", "Putin", "person", ["Putin"], [Span(0, 5)])],
        [Attribution("a1", Span(11, 18), "indirect", Span(0, 5), ["e1"], Span(6, 10))],
        [Figure("f1", Span(11, 12), 3, attribution="a1")],
    )
    second = piece(
        "Vladimir Putin said on Monday that Kyiv claims 40 fled.",
        [
            Entity("e1", "Vladimir Putin", "person", ["Vladimir Putin"], [Span(0, 14)]),
            Entity("e2", "Ukraine", "country", ["Kyiv"], [Span(35, 39)]),
        ],
        [
            Attribution("a1", Span(35, 54), "indirect", Span(0, 14), ["e1"], Span(15, 19), time="t1"),
            Attribution("a2", Span(47, 54), "indirect", Span(35, 39), ["e2"], Span(40, 46), parent="a1"),
        ],
        [Figure("f1", Span(47, 49), 40, entity="e2", attribution="a2")],
        [TimeExpression("t1", Span(23, 29), "date", "2024-10-28")],
    )
    joiner = Joiner()
    joiner.add(first)
    joiner.add(second)
    whole = joiner.joined()
    text = whole.text
    assert text == first.text + second.text
    [putin, ukraine] = whole.entities
    assert putin.name == "Vladimir Putin" and [text[m.start : m.end] for m in putin.mentions] == [
        "Putin",
        "Vladimir Putin",
    ]
    assert [a.id for a in whole.attributions] == ["a1", "a2", "a3"]
    a3 = whole.attributions[2]
    assert (
        a3.parent == "a2"
        and a3.source_entities == [ukraine.id]
        and text[a3.cue.start : a3.cue.end] == "claims"
    )
    assert (
        whole.attributions[1].time == "t1"
        and text[whole.times[0].span.start : whole.times[0].span.end] == "Monday"
    )
    assert [(f.id, f.attribution, f.entity) for f in whole.figures] == [
        ("f1", "a1", None),
        ("f2", "a3", ukraine.id),
    ]
    assert text[whole.figures[1].span.start : whole.figures[1].span.end] == "40"
