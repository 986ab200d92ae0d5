"""Exports: one file per table in JSON Lines and CSV, Web Annotations that point at the right text."""

from __future__ import annotations

import csv
import json

import pytest

from claimledger.errors import ClaimLedgerError
from claimledger.ledger import export
from claimledger.ledger.export import TABLES


@pytest.mark.parametrize("format", ["jsonl", "csv"])
def test_one_file_per_table_with_every_row(filled, tmp_path, format):
    paths = export(filled, tmp_path, format=format)
    assert sorted(paths) == sorted(str(tmp_path / f"{table}.{format}") for table in TABLES)
    with open(tmp_path / f"attributions.{format}", encoding="utf-8", newline="") as stream:
        rows = [json.loads(line) for line in stream] if format == "jsonl" else list(csv.DictReader(stream))
    assert len(rows) == filled.value("SELECT COUNT(*) FROM attributions")
    assert {"source_entity", "content", "certainty", "said_on", "parent"} <= set(rows[0])


def test_csv_cells_a_spreadsheet_would_run_as_formulas_stay_text(filled, tmp_path):
    first = filled.value("SELECT min(rowid) FROM attributions")
    filled.execute("UPDATE attributions SET content = '=HYPERLINK(\"http://x\")' WHERE rowid = ?", (first,))
    export(filled, tmp_path, format="csv")
    with open(tmp_path / "attributions.csv", encoding="utf-8", newline="") as stream:
        contents = [row["content"] for row in csv.DictReader(stream)]
    assert contents[0] == '\'=HYPERLINK("http://x")'


def test_web_annotations_select_the_attributed_and_counted_text(filled, tmp_path):
    (path,) = export(filled, tmp_path, format="annotations")
    page = json.loads(open(path, encoding="utf-8").read())
    assert page["type"] == "AnnotationPage"
    expected = filled.value("SELECT (SELECT COUNT(*) FROM attributions) + (SELECT COUNT(*) FROM figures)")
    assert len(page["items"]) == expected
    texts = {row["url"]: row["text"] for row in filled.rows("SELECT url, text FROM articles")}
    for item in page["items"]:
        position, quote = item["target"]["selector"]
        assert position["type"] == "TextPositionSelector" and quote["type"] == "TextQuoteSelector"
        text = texts[item["target"]["source"]]
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert text[: position["start"]].endswith(quote["prefix"])
    figure = next(item for item in page["items"] if item["id"].startswith("urn:claimledger:figure:"))
    assert figure["body"]["type"] == "TextualBody"


def test_web_annotations_without_stored_text_keep_positions_only(ledger, recorded, tmp_path):
    from claimledger.ledger import ingest
    from tests.ledger.recorded import ARTICLES

    ingest(ledger, [str(ARTICLES)], extractor=recorded, store_text=False)
    (path,) = export(ledger, tmp_path, format="annotations")
    items = json.loads(open(path, encoding="utf-8").read())["items"]
    assert all([s["type"] for s in item["target"]["selector"]] == ["TextPositionSelector"] for item in items)


def test_parquet_is_one_dataset_per_table_partitioned_by_month(filled, tmp_path):
    import pyarrow.parquet as pq

    paths = export(filled, tmp_path, format="parquet")
    assert any("/attributions/month=" in p for p in paths)
    attributions = pq.read_table(tmp_path / "attributions").to_pylist()
    assert len(attributions) == filled.value("SELECT count(*) FROM attributions")
    assert {row["month"] for row in attributions} - {"unknown"}  # the partition is read back as a column


def test_unknown_format_is_a_clear_error(filled, tmp_path):
    with pytest.raises(ClaimLedgerError, match="unknown export format"):
        export(filled, tmp_path, format="xml")


def test_propositions_are_exported_and_the_command_groups_pending_claims_first(filled, tmp_path):
    from claimledger.cli import main

    assert filled.value("SELECT COUNT(*) FROM propositions") == 0  # ingest left the claims pending
    assert main(["export", "--db", filled.path, str(tmp_path), "--format", "jsonl"]) == 0
    for table in ("propositions", "proposition_members"):
        with open(tmp_path / f"{table}.jsonl", encoding="utf-8") as stream:
            rows = [json.loads(line) for line in stream]
        assert rows and len(rows) == filled.value(f"SELECT COUNT(*) FROM {table}")
    assert {"proposition", "stance", "independent"} <= set(rows[0])
