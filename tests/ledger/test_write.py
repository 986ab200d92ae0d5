"""Writing records: entities resolved across articles, figures given their owner and place."""

from __future__ import annotations

from claimledger.ledger.write import one_edit_apart, write_record


def record(text: str, entities: list[dict], figures: list[dict] = (), attributions: list[dict] = ()) -> dict:
    """A minimal article record of the contract, its entity mentions found in the text."""
    for entity in entities:
        entity.setdefault("aliases", [entity["name"]])
        entity["mentions"] = [
            {"text": alias, "start": text.index(alias), "end": text.index(alias) + len(alias)}
            for alias in entity["aliases"]
            if alias in text
        ]
    return {
        "schema": "claimledger.article/1",
        "article": {
            "id": None,
            "title": None,
            "url": None,
            "outlet": None,
            "published": "2024-11-01",
            "language": "en",
            "text": text,
        },
        "provenance": {"claimledger": "test", "model": "none", "extracted": "2024-11-01T00:00:00+00:00"},
        "entities": entities,
        "attributions": list(attributions),
        "figures": list(figures),
        "times": [],
    }


def figure(text: str, figure_text: str, unit: str, entity: str | None = None) -> dict:
    start = text.index(figure_text)
    return {
        "id": "f1",
        "text": figure_text,
        "start": start,
        "end": start + len(figure_text),
        "value": 1.0,
        "low": None,
        "high": None,
        "approximate": False,
        "unit": unit,
        "counted": None,
        "entity": entity,
        "attribution": None,
    }


def entity_names(ledger) -> list[str]:
    return sorted(row["name"] for row in ledger.rows("SELECT name FROM entities"))


def test_a_name_known_as_an_alias_is_the_same_entity(ledger):
    write_record(
        ledger,
        record(
            "North Korea, or the DPRK, sent troops.",
            [
                {"id": "e1", "name": "North Korea", "type": "country", "aliases": ["North Korea", "DPRK"]},
            ],
        ),
        location=None,
        store_text=True,
    )
    write_record(
        ledger,
        record("The DPRK denied it.", [{"id": "e1", "name": "DPRK", "type": "country"}]),
        location=None,
        store_text=True,
    )
    assert entity_names(ledger) == ["North Korea"]
    assert ledger.value("SELECT COUNT(DISTINCT article) FROM mentions") == 2


def test_descriptions_are_not_merged_by_alias(ledger):
    write_record(
        ledger,
        record(
            "South Korean lawmakers met. The lawmakers said so.",
            [
                {
                    "id": "e1",
                    "name": "South Korean lawmakers",
                    "type": "group",
                    "aliases": ["South Korean lawmakers", "The lawmakers"],
                },
            ],
        ),
        location=None,
        store_text=True,
    )
    write_record(
        ledger,
        record(
            "US lawmakers met. The lawmakers voted.",
            [
                {"id": "e1", "name": "The lawmakers", "type": "group"},
            ],
        ),
        location=None,
        store_text=True,
    )
    assert entity_names(ledger) == ["South Korean lawmakers", "The lawmakers"]


def test_a_surname_one_typo_away_is_the_same_person():
    assert one_edit_apart("sigh", "singh") and one_edit_apart("singh", "sigh")
    assert one_edit_apart("smith", "smyth")
    assert not one_edit_apart("singh", "singh") and not one_edit_apart("lee", "kim")


def test_owner_from_the_clause_and_place_after_the_figure(ledger):
    text = "Pyongyang has sent 3,000 troops to Russia."
    write_record(
        ledger,
        record(
            text,
            [
                {"id": "e1", "name": "North Korea", "type": "country", "aliases": ["Pyongyang"]},
                {"id": "e2", "name": "Russia", "type": "country"},
            ],
            figures=[figure(text, "3,000 troops", "troop")],
        ),
        location=None,
        store_text=True,
    )
    row = ledger.rows(
        "SELECT o.name AS owner, p.name AS place FROM figures f "
        "JOIN entities o ON o.id = f.owner JOIN entities p ON p.id = f.place"
    )
    assert row == [{"owner": "North Korea", "place": "Russia"}]


def test_a_rate_has_no_owner(ledger):
    text = "Russia assigned one interpreter for every 30 North Korean soldiers."
    write_record(
        ledger,
        record(
            text,
            [
                {"id": "e1", "name": "North Korea", "type": "country", "aliases": ["North Korean"]},
                {"id": "e2", "name": "Russia", "type": "country"},
            ],
            figures=[figure(text, "30 North Korean soldiers", "soldier", entity="e1")],
        ),
        location=None,
        store_text=True,
    )
    assert ledger.rows("SELECT owner, place FROM figures") == [{"owner": None, "place": None}]
