"""Every page answers in HTML and as its JSON twin, and shows exactly the twin's data."""

from __future__ import annotations

import csv
import io
import re

import pytest

PAGES = ["/", "/articles", "/sources", "/figures", "/search?q=troops", "/review", "/paste"]


@pytest.mark.parametrize("path", PAGES)
def test_page_and_json_twin(reader_client, path):
    page = reader_client.get(path)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    base, _, query = path.partition("?")
    twin = reader_client.get(f"{base}.json" + (f"?{query}" if query else ""))
    assert twin.status_code == 200
    assert isinstance(twin.json(), dict)


def test_article_page_shows_what_its_twin_holds(reader_client, sample_id):
    page = reader_client.get(f"/articles/{sample_id}").text
    data = reader_client.get(f"/articles/{sample_id}.json").json()
    assert data["article"]["title"] in page
    # Every attribution of the twin has its entry and every figure its row, and no more.
    assert sorted(re.findall(r'data-attribution-id="([0-9a-f]+)"', page)) == sorted(
        a["id"] for a in data["attributions"]
    )
    assert sorted(re.findall(r'data-figure-id="([0-9a-f]+)"', page)) == sorted(
        f["id"] for f in data["figures"]
    )
    # The highlighted text joins back into the article's text.
    assert (
        "".join(segment["text"] for segment in data["segments"])
        == reader_client.get(f"/api/articles/{sample_id}").json()["article"]["text"]
    )
    kinds = {kind for segment in data["segments"] for kind in segment["kinds"]}
    assert kinds == {"source", "cue", "content", "hedge", "figure", "time"}


def test_attribution_details_name_source_entity_certainty_chain_and_time(reader_client, sample_id):
    data = reader_client.get(f"/articles/{sample_id}.json").json()
    singh = next(a for a in data["attributions"] if (a["source"] or "").endswith("Sabrina Sigh"))
    assert singh["source_entity"]["type"] == "person"
    assert singh["certainty"] == "probable" and singh["hedges"] == ["believed"]
    assert singh["time"]["value"] == "2024-10-28"
    nested = [a for a in data["attributions"] if a["parent"]]
    assert nested and all(a["chain"][0]["id"] == a["parent"] for a in nested)
    page = reader_client.get(f"/articles/{sample_id}").text
    entry = page[page.index(f'id="attribution-{singh["id"]}"') :]
    assert "Sabrina Sigh</a> (person)" in entry[:2000] and "2024-10-28" in entry[:2000]


def test_sources_page_and_a_source_page(reader_client):
    data = reader_client.get("/sources.json").json()
    top = data["sources"][0]
    assert top["source"] in reader_client.get("/sources").text
    claims = reader_client.get(f"/sources/{top['entity']}.json").json()
    assert claims["source"]["name"] == top["source"]
    assert len(claims["claims"]) == min(top["claims"], 50)
    assert reader_client.get(f"/sources/{top['entity']}").status_code == 200


def test_figures_page_draws_each_question_as_svg_without_script(reader_client):
    data = reader_client.get("/figures.json").json()
    drawn = [q for q in data["questions"] if q["chart"]["points"]]
    assert drawn
    page = reader_client.get("/figures").text
    for question in drawn:
        assert f'id="chart-{question["id"]}"' in page
        svg = page[
            page.index(f'id="chart-{question["id"]}"') : page.index(
                "</svg>", page.index(f'id="chart-{question["id"]}"')
            )
        ]
        assert svg.count("<circle") == len(question["chart"]["points"])
    troops = reader_client.get("/figures.json", params={"about": "troops Russia"}).json()["questions"]
    assert troops and all("troop" in q["title"] for q in troops)


def test_search_facets_narrow_the_claims(reader_client):
    everything = reader_client.get("/search.json", params={"q": "troops"}).json()
    assert everything["total"] > 0
    source = everything["facets"]["source"][0]
    narrowed = reader_client.get("/search.json", params={"q": "troops", "source": source["value"]}).json()
    assert narrowed["total"] == source["count"]
    assert {claim["source"] for claim in narrowed["claims"]} == {source["value"]}
    for facet in ("entity", "outlet", "month", "certainty"):
        assert everything["facets"][facet], facet
    month = everything["facets"]["month"][0]
    by_month = reader_client.get("/search.json", params={"q": "troops", "month": month["value"]}).json()
    assert by_month["total"] == month["count"]


def test_pages_are_paged(reader_client):
    first = reader_client.get("/articles.json", params={"limit": 3}).json()
    second = reader_client.get("/articles.json", params={"limit": 3, "offset": first["next_offset"]}).json()
    assert len(first["articles"]) == 3 and first["next_offset"] == 3
    assert not {a["id"] for a in first["articles"]} & {a["id"] for a in second["articles"]}
    assert second["previous_offset"] == 0
    assert 'rel="next"' in reader_client.get("/articles", params={"limit": 3}).text


@pytest.mark.parametrize(
    ("path", "table", "column"),
    [
        ("/articles", "articles", "title"),
        ("/sources", "sources", "source"),
        ("/figures", "estimates", "question_title"),
    ],
)
def test_tables_export_as_csv(reader_client, path, table, column):
    response = reader_client.get(f"{path}.csv", params={"table": table})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and column in rows[0]
    twin = reader_client.get(f"{path}.json").json()[table]
    assert len(rows) == len(twin)


def test_article_tables_export(reader_client, sample_id):
    rows = list(
        csv.DictReader(io.StringIO(reader_client.get(f"/articles/{sample_id}.csv?table=figures").text))
    )
    assert [row["text"] for row in rows] == [
        f["text"] for f in reader_client.get(f"/articles/{sample_id}.json").json()["figures"]
    ]
    assert reader_client.get(f"/articles/{sample_id}.csv?table=nope").status_code == 404


@pytest.mark.parametrize(
    "path", ["/articles/0000000000000000", "/articles/0000000000000000.json", "/sources/nobody"]
)
def test_unknown_items_are_404(reader_client, path):
    response = reader_client.get(path)
    assert response.status_code == 404
    assert ("no article" in response.text) or ("no source" in response.text)


def test_bad_filters_are_422(reader_client):
    assert reader_client.get("/articles.json", params={"month": "May"}).status_code == 422
    assert reader_client.get("/search.json", params={"certainty": "sure"}).status_code == 422
    page = reader_client.get("/search", params={"q": "!!!"})
    assert page.status_code == 422 and "nothing to search for" in page.text


def test_docs_list_every_api_endpoint(reader_client):
    page = reader_client.get("/docs").text
    for path in (
        "/api/extract",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/attributions",
        "/api/sources",
        "/api/figures",
        "/api/search",
    ):
        assert f" {path}</code>" in page, path
    assert "/api/extract" in reader_client.get("/openapi.json").json()["paths"]


def test_pages_work_without_javascript(reader_client, sample_id):
    """Every attribution in the text links to its entry below, so reading needs no script."""
    page = reader_client.get(f"/articles/{sample_id}").text
    targets = set(re.findall(r'href="#attribution-([0-9a-f]+)"', page))
    assert targets and all(f'id="attribution-{target}"' in page for target in targets)


@pytest.mark.parametrize(
    ("path", "key", "row"),
    [
        ("/articles", "articles", r'<tr data-article="([0-9a-f]+)"'),
        ("/", "articles", r'<tr data-article="([0-9a-f]+)"'),
        ("/sources", "sources", r'<tr data-source="([0-9a-f]+)"'),
        ("/search?q=said", "claims", r'<tr data-attribution="([0-9a-f]+)"'),
    ],
)
def test_tables_show_exactly_the_twins_rows(reader_client, path, key, row):
    base, _, query = path.partition("?")
    twin = reader_client.get(f"{base}.json" + (f"?{query}" if query else ""))  # "/" has "/.json"
    ids = [item.get("id") or item.get("entity") for item in twin.json()[key]]
    assert ids and re.findall(row, reader_client.get(path).text) == ids
