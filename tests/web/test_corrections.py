"""Review and correct: corrections are stored apart, applied on reading, exported, and survive
re-ingest and re-extraction of their article (claimledger/ledger/corrections.py)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from claimledger.errors import ClaimLedgerError
from claimledger.ledger import Ledger, export
from claimledger.ledger.articles import article_record
from claimledger.ledger.corrections import correct, entity_merges
from tests.web.conftest import fixture_articles


def claim_of(client, sample_id, source_end: str) -> dict:
    data = client.get(f"/articles/{sample_id}.json").json()
    return next(a for a in data["attributions"] if (a["source"] or "").endswith(source_end))


def test_edit_reject_and_accept_through_the_api(client, sample_id):
    singh = claim_of(client, sample_id, "Sabrina Sigh")
    edit = {
        "target_type": "attribution",
        "target": singh["id"],
        "action": "edit",
        "author": "Ana",
        "changes": {"certainty": "certain", "source": "Sabrina Singh"},
        "note": "the quote is firm",
    }
    made = client.post("/api/corrections", json=edit)
    assert made.status_code == 201
    assert made.json()["author"] == "Ana" and made.json()["made"]
    shown = claim_of(client, sample_id, "Sabrina Singh")
    assert shown["certainty"] == "certain" and shown["review"]["action"] == "edit"
    assert shown["extracted"] == {"certainty": "probable", "source": "Pentagon spokesperson Sabrina Sigh"}
    # The extraction's own row is untouched.
    api = client.get(f"/api/articles/{sample_id}").json()
    assert any(a["review"] and a["review"]["author"] == "Ana" for a in api["attributions"])
    figure = client.get(f"/articles/{sample_id}.json").json()["figures"][0]
    rejected = client.post(
        "/api/corrections",
        json={"target_type": "figure", "target": figure["id"], "action": "reject", "author": "Ben"},
    )
    assert rejected.status_code == 201
    page = client.get(f"/articles/{sample_id}").text
    assert f'id="figure-{figure["id"]}" data-figure-id="{figure["id"]}" class="review-reject"' in page
    assert "the quote is firm" in page
    listed = client.get("/api/corrections", params={"article": sample_id}).json()["items"]
    assert [c["action"] for c in listed] == ["reject", "edit"]
    assert client.get("/review.json").json()["corrections"][0]["author"] == "Ben"


def test_the_review_form_corrects_and_returns_to_the_article(client, sample_id):
    singh = claim_of(client, sample_id, "Sabrina Sigh")
    form = {
        "target_type": "attribution",
        "target": singh["id"],
        "action": "edit",
        "author": "Ana",
        "certainty": "possible",
        "polarity": "",
        "source": "",
    }
    response = client.post("/review", data=form, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/articles/{sample_id}#attribution-{singh['id']}"
    assert claim_of(client, sample_id, "Sabrina Sigh")["certainty"] == "possible"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"target_type": "attribution", "target": "nope", "action": "accept"}, "no attribution"),
        (
            {"target_type": "figure", "target": "FIGURE", "action": "edit", "changes": {"value": "many"}},
            "number",
        ),
        (
            {
                "target_type": "attribution",
                "target": "CLAIM",
                "action": "edit",
                "changes": {"certainty": "sure"},
            },
            "certainty must be one of",
        ),
        (
            {"target_type": "attribution", "target": "CLAIM", "action": "edit", "changes": {"text": "x"}},
            "changes some of",
        ),
        (
            {"target_type": "attribution", "target": "CLAIM", "action": "merge"},
            "cannot 'merge' a attribution",
        ),
        (
            {"target_type": "entity", "target": "ENTITY", "action": "merge", "changes": {"into": "nobody"}},
            "a merge needs",
        ),
    ],
)
def test_bad_corrections_are_422(client, sample_id, body, message):
    data = client.get(f"/articles/{sample_id}.json").json()
    ids = {
        "CLAIM": data["attributions"][0]["id"],
        "FIGURE": data["figures"][0]["id"],
        "ENTITY": data["entities"][0]["id"],
    }
    body = body | {"target": ids.get(body["target"], body["target"]), "author": "Ana"}
    response = client.post("/api/corrections", json=body)
    assert response.status_code == 422
    assert message in json.dumps(response.json()["detail"])


def test_corrections_survive_reingest(client, sample_id):
    singh = claim_of(client, sample_id, "Sabrina Sigh")
    client.post(
        "/api/corrections",
        json={"target_type": "attribution", "target": singh["id"], "action": "reject", "author": "Ana"},
    )
    for article in fixture_articles():
        again = client.post("/api/articles", json={"text": article["text"], "title": article["title"]})
        assert again.json()["status"] == "unchanged"
    assert claim_of(client, sample_id, "Sabrina Sigh")["review"]["action"] == "reject"


def test_corrections_survive_reextraction_with_new_ids(ledger_copy, sample_id):
    """A new extraction of the same text numbers its claims anew (other ids, same spans): the
    corrections, anchored to spans, still find them; a claim it no longer finds loses its own."""
    with Ledger(ledger_copy) as ledger:
        record = article_record(ledger, sample_id)
        first, second = record["attributions"][:2]
        correct(ledger, "attribution", first["id"], "edit", author="Ana", changes={"polarity": "denied"})
        correct(ledger, "attribution", second["id"], "reject", author="Ana")
        figure = record["figures"][0]
        correct(ledger, "figure", figure["id"], "edit", author="Ben", changes={"value": 12000})
    db = sqlite3.connect(ledger_copy)  # the re-extraction, done by hand: new ids, one claim gone
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute(
        "UPDATE attributions SET id = 'new-' || id, local_id = 'a9' || local_id WHERE article = ?",
        (sample_id,),
    )
    db.execute(
        "UPDATE figures SET id = 'new-' || id, local_id = 'f9' || local_id WHERE article = ?", (sample_id,)
    )
    db.execute("DELETE FROM attributions WHERE id = ?", (f"new-{second['id']}",))
    db.commit()
    db.close()
    with Ledger(ledger_copy) as ledger:
        again = article_record(ledger, sample_id)
    claims = {a["id"]: a for a in again["attributions"]}
    assert claims[f"new-{first['id']}"]["polarity"] == "denied"
    assert claims[f"new-{first['id']}"]["review"]["author"] == "Ana"
    assert f"new-{second['id']}" not in claims
    assert all(a["review"] is None for key, a in claims.items() if key != f"new-{first['id']}")
    assert next(f for f in again["figures"] if f["id"] == f"new-{figure['id']}")["value"] == 12000


def test_entity_merge_and_split(client, sample_id):
    entities = client.get(f"/articles/{sample_id}.json").json()["entities"]
    pentagon = next(e for e in entities if e["name"] == "Pentagon")
    singh = next(e for e in entities if e["type"] == "person" and "Sigh" in e["name"])
    merge = {"target_type": "entity", "target": singh["id"], "action": "merge", "author": "Ana"}
    assert (
        client.post("/api/corrections", json=merge | {"changes": {"into": pentagon["id"]}}).status_code == 201
    )
    shown = client.get(f"/articles/{sample_id}.json").json()
    assert {e["id"]: e for e in shown["entities"]}[singh["id"]]["merged_into"] == pentagon["id"]
    her_claims = [a for a in shown["attributions"] if (a["source"] or "").endswith("Sabrina Sigh")]
    assert her_claims and all(a["source_entity"]["name"] == "Pentagon" for a in her_claims)
    split = {
        "target_type": "entity",
        "target": singh["id"],
        "action": "split",
        "author": "Ben",
        "changes": {"name": "Sabrina Singh", "aliases": ["Sabrina Sigh"]},
    }
    assert client.post("/api/corrections", json=split).status_code == 201
    shown = client.get(f"/articles/{sample_id}.json").json()
    by_id = {e["id"]: e for e in shown["entities"]}
    assert by_id[singh["id"]]["merged_into"] is None  # the latest correction of an entity is in force
    her_claims = [a for a in shown["attributions"] if (a["source"] or "").endswith("Sabrina Sigh")]
    assert {a["source_entity"]["name"] for a in her_claims} == {"Sabrina Singh"}
    new = by_id[her_claims[0]["source_entity"]["id"]]
    assert new["split_from"] == singh["id"] and new["type"] == "person"


def test_merges_follow_chains(ledger_copy):
    with Ledger(ledger_copy) as ledger:
        a, b, c = (row["id"] for row in ledger.rows("SELECT id FROM entities ORDER BY rowid LIMIT 3"))
        correct(ledger, "entity", a, "merge", author="Ana", changes={"into": b})
        correct(ledger, "entity", b, "merge", author="Ana", changes={"into": c})
        assert entity_merges(ledger) == {a: c, b: c}
        with pytest.raises(ClaimLedgerError, match="needs an author"):
            correct(ledger, "entity", a, "merge", author=" ", changes={"into": c})


def test_corrections_are_exported_with_the_data(ledger_copy, sample_id, tmp_path):
    with Ledger(ledger_copy) as ledger:
        claim = article_record(ledger, sample_id)["attributions"][0]
        correct(ledger, "attribution", claim["id"], "accept", author="Ana", note="checked")
        paths = export(ledger, tmp_path / "out", format="jsonl")
    exported = tmp_path / "out" / "corrections.jsonl"
    assert str(exported) in paths
    rows = [json.loads(line) for line in exported.read_text().splitlines()]
    assert rows == [rows[0]] and rows[0]["author"] == "Ana" and rows[0]["target"] == claim["id"]
    assert rows[0]["start"] == claim["content"]["start"] and rows[0]["note"] == "checked"


def test_a_rejected_figure_is_marked_and_not_drawn(client):
    question = next(
        q for q in client.get("/figures.json").json()["questions"] if len(q["chart"]["points"]) >= 2
    )
    dated = next(e for e in question["estimates"] if e["said_on"])
    made = client.post(
        "/api/corrections",
        json={"target_type": "figure", "target": dated["figure"], "action": "reject", "author": "Ana"},
    )
    assert made.status_code == 201
    after = next(q for q in client.get("/figures.json").json()["questions"] if q["id"] == question["id"])
    assert len(after["chart"]["points"]) == len(question["chart"]["points"]) - 1
    assert next(e for e in after["estimates"] if e["figure"] == dated["figure"])["review"]["author"] == "Ana"
    assert f'<tr data-figure="{dated["figure"]}" class="review-reject"' in client.get("/figures").text


def test_the_entity_form_returns_to_its_article(client, sample_id):
    entities = client.get(f"/articles/{sample_id}.json").json()["entities"]
    first, second = entities[0]["id"], entities[1]["id"]
    form = {
        "target_type": "entity",
        "target": first,
        "action": "merge",
        "into": second,
        "author": "Ana",
        "article": sample_id,
    }
    response = client.post("/review", data=form, follow_redirects=False)
    assert response.headers["location"] == f"/articles/{sample_id}#entity-{first}"
    away = client.post("/review", data=form | {"article": "//evil.example/x"}, follow_redirects=False)
    assert away.headers["location"].startswith("/articles/%2F%2Fevil.example")
