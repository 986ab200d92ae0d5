"""The terminal view shows what the record holds, read from a hand-made record (no model needed)."""

from __future__ import annotations

import io

from rich.console import Console

from claimledger.table import number, view


def span(text: str, start: int) -> dict:
    return {"text": text, "start": start, "end": start + len(text)}


RECORD = {
    "schema": "claimledger.article/1",
    "article": {
        "id": "abc123",
        "title": "Troops sent north",
        "url": "https://news.example/troops",
        "outlet": "Example News",
        "published": "2024-10-29",
        "language": "en",
        "text": "...",
    },
    "entities": [
        {
            "id": "e1",
            "name": "Vladimir Putin",
            "type": "person",
            "aliases": [],
            "mentions": [span("he", 0)] * 3,
        },
        {
            "id": "e2",
            "name": "Pentagon",
            "type": "organization",
            "aliases": [],
            "mentions": [span("Pentagon", 9)],
        },
    ],
    "attributions": [
        {
            "id": "a1",
            "source": {"entity": "e2", "entities": ["e2"], **span("the Pentagon", 5)},
            "cue": span("said", 20),
            "content": span("about 10,000 troops were sent", 30),
            "kind": "indirect",
            "parent": None,
            "certainty": "probable",
            "stance": "neutral",
            "polarity": "affirmed",
            "hedges": [],
        },
        {
            "id": "a2",
            "source": {"entity": "e1", "entities": ["e1"], **span("he", 70)},
            "cue": span("denied", 73),
            "content": span("it happened", 80),
            "kind": "indirect",
            "parent": "a1",
            "certainty": "certain",
            "stance": "distanced",
            "polarity": "denied",
            "hedges": [],
        },
        {
            "id": "a3",
            "source": None,
            "cue": None,
            "content": span("Reports say more may follow", 100),
            "kind": "direct",
            "parent": None,
            "certainty": "possible",
            "stance": "neutral",
            "polarity": "affirmed",
            "hedges": [],
        },
    ],
    "figures": [
        {
            "id": "f1",
            **span("about 10,000 troops", 30),
            "value": 10000.0,
            "low": None,
            "high": None,
            "approximate": True,
            "unit": "troop",
            "attribution": "a1",
        },
        {
            "id": "f2",
            **span("between 2.5 and 3 million", 120),
            "value": None,
            "low": 2500000.0,
            "high": 3000000.0,
            "approximate": False,
            "unit": None,
            "attribution": None,
        },
    ],
    "times": [{"id": "t1", **span("on Monday", 40), "type": "date", "value": "2024-10-28"}],
}


def render(record: dict, width: int = 200) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(view(record))
    return console.file.getvalue()


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("│")[1:-1]]


def row_of(output: str, cell: str) -> list[str]:
    """The cells of the one table row that has a cell reading exactly `cell`."""
    [row] = [cells(line) for line in output.splitlines() if cell in cells(line)]
    return row


def test_heading_names_the_article():
    output = render(RECORD)
    assert "Troops sent north" in output.splitlines()[0]
    assert "2024-10-29 · Example News · https://news.example/troops" in output


def test_each_attribution_reads_source_cue_content_with_its_labels():
    output = render(RECORD)
    assert row_of(output, "about 10,000 troops were sent") == [
        "a1",
        "the Pentagon (Pentagon)",
        "said",
        "about 10,000 troops were sent",
        "indirect",
        "probable",
        "neutral, affirmed",
    ]
    nested = row_of(output, "it happened")
    assert nested[:4] == ["a2", "he (Vladimir Putin)", "denied", "it happened"]
    assert nested[-1] == "distanced, denied"
    assert "(in a1)" in output
    assert row_of(output, "Reports say more may follow")[1:3] == ["—", "—"]


def test_figures_show_value_range_unit_and_who_claims_them():
    output = render(RECORD)
    assert row_of(output, "about 10,000 troops") == [
        "about 10,000 troops",
        "10,000",
        "",
        "",
        "yes",
        "troop",
        "the Pentagon (Pentagon)",
    ]
    assert row_of(output, "between 2.5 and 3 million") == [
        "between 2.5 and 3 million",
        "",
        "2,500,000",
        "3,000,000",
        "",
        "",
        "",
    ]


def test_times_and_entities():
    output = render(RECORD)
    assert row_of(output, "on Monday") == ["on Monday", "date", "2024-10-28"]
    assert row_of(output, "Vladimir Putin") == ["e1", "Vladimir Putin", "person", "3"]


def test_empty_sections_say_so_and_an_untitled_article_shows_its_id():
    empty = {**RECORD, "article": {**RECORD["article"], "title": None}, "figures": [], "times": []}
    output = render(empty)
    assert "article abc123" in output.splitlines()[0]
    assert "No figures found." in output
    assert "No times found." in output
    assert "Attributions" in output


def test_narrow_terminal_wraps_rather_than_cuts():
    output = render(RECORD, width=60)
    assert max(len(line) for line in output.splitlines()) <= 60
    assert "10,000" in output


def test_number():
    assert number(10000.0) == "10,000"
    assert number(0.25) == "0.25"
    assert number(1.5e9) == "1,500,000,000"
    assert number(-3.0) == "-3"
    assert number(None) == ""


def test_article_words_that_look_like_markup_are_shown_as_written():
    from rich.console import Console

    text = "“We want peace [for Ukrainians] now,” the minister said [bold]."
    record = {
        "article": {"id": "x", "text": text, "published": None, "title": None, "outlet": None, "url": None},
        "entities": [],
        "attributions": [
            {"id": "a1", "parent": None, "source": None, "cue": None, "kind": "direct",
             "content": {"text": text[:38], "start": 0, "end": 38},
             "certainty": "certain", "stance": "neutral", "polarity": "affirmed"}
        ],
        "figures": [],
        "times": [],
    }  # fmt: skip
    console = Console(record=True, width=200)
    console.print(view(record))
    assert "[for Ukrainians]" in console.export_text()
