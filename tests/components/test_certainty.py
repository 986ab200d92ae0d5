"""The certainty stage: the source's commitment, the reporter's distance, denials."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def graded(parse, text):
    doc = parse(text)
    return [
        (
            a.cue.text(doc) if a.cue else None,
            a.certainty,
            a.stance,
            a.polarity,
            [h.text(doc) for h in a.hedges],
        )
        for a in doc._.cl_attributions
    ]


@pytest.mark.parametrize(
    "text, certainty, hedges",
    [
        ("The ministry said the troops had crossed the border.", "certain", []),
        ("The ministry said the troops might cross the border.", "possible", ["might"]),
        ("Officials said the attack could possibly resume.", "possible", ["could", "possibly"]),
        ("The spokesman said the soldiers were believed to be near the town.", "probable", ["believed"]),
        ("The general said it was likely that the offensive would stall.", "probable", ["likely"]),
        ("Analysts suggest that the army has lost 300 tanks.", "probable", []),
        (
            "“Given their numbers, it is possible that they will win,” the commander said.",
            "possible",
            ["possible"],
        ),
        ("The minister asked whether the deal was still alive.", "unknown", []),
    ],
)
def test_commitment(parse, text, certainty, hedges):
    (row,) = graded(parse, text)
    assert row[1] == certainty
    assert row[4] == hedges


def test_hedge_inside_a_relative_clause_does_not_grade_the_claim(parse):
    (row,) = graded(parse, "The Pentagon said North Korea sent troops who could join the fight.")
    assert row[1] == "certain"


def test_a_participle_describing_a_noun_is_not_a_hedge(parse):
    (row,) = graded(
        parse, "He said the police arrested 2,400 people for suspected participation in the protests."
    )
    assert row[1] == "certain"


def test_claims_is_the_reporter_keeping_distance_not_doubt(parse):
    (row,) = graded(parse, "Ukraine claims Russia has deployed 50,000 troops.")
    assert row[:3] == ("claims", "certain", "distanced")


def test_reportedly_is_distanced(parse):
    rows = graded(parse, "The army has reportedly withdrawn from the town.")
    assert rows[0][2] == "distanced"


def test_denial(parse):
    (row,) = graded(parse, "Moscow denied the allegations.")
    assert row[3] == "denied"


def test_a_negated_denial_is_not_a_denial(parse):
    rows = graded(parse, "Moscow did not deny the allegations.")
    assert all(r[3] == "affirmed" for r in rows)


def test_nested_cue_does_not_grade_the_outer_statement(parse):
    rows = graded(
        parse,
        "Ukraine claims 50,000 troops are there, while analysts suggest that 30,000 are, the paper reported.",
    )
    by_cue = {r[0]: r[1] for r in rows}
    assert by_cue["reported"] == "certain" and by_cue["suggest"] == "probable"
