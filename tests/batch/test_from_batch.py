"""`ingest --from-parquet`: a batch result stored as ingest would store its articles, once."""

from __future__ import annotations

import pytest

from claimledger.batch import output, readers
from claimledger.batch.job import Job, run_shard
from claimledger.cli import main
from claimledger.errors import ClaimLedgerError
from claimledger.inputs import from_row
from claimledger.ledger import Ledger, reconcile
from claimledger.ledger.from_batch import ingest_batch
from claimledger.ledger.write import write_record
from tests.batch.conftest import fixture_rows, write_jsonl
from tests.ledger.conftest import dump

# What ingest writes from records; other tables (claim grouping) are filled by their own steps.
RECORD_TABLES = (
    "extractors",
    "articles",
    "locations",
    "article_bands",
    "article_signatures",
    "entities",
    "entity_aliases",
    "mentions",
    "times",
    "attributions",
    "attribution_entities",
    "figures",
    "questions",
)


@pytest.fixture(scope="module")
def result(tmp_path_factory, recorded) -> str:
    """The batch result of the fixture corpus, in three shards."""
    folder = tmp_path_factory.mktemp("batch")
    corpus = write_jsonl(folder / "corpus.jsonl", fixture_rows())
    job = Job(str(folder / "out"), "2026-01-01T00:00:00+00:00")
    for shard in readers.plan([str(corpus)], shard_rows=3):
        run_shard(recorded, shard, job)
    assert len(output.finished(job.out)) == 3
    return job.out


def record_tables(ledger: Ledger) -> dict:
    return {table: rows for table, rows in dump(ledger).items() if table in RECORD_TABLES}


def test_loaded_twice_the_ledger_holds_what_ingest_stores(tmp_path, result, recorded):
    with Ledger(tmp_path / "batch.db") as ledger:
        first = ingest_batch(ledger, result)
        loaded = record_tables(ledger)
        second = ingest_batch(ledger, result)
        assert record_tables(ledger) == loaded
    assert (first["ingested"], first["unchanged"], first["failed"]) == (7, 0, [])
    assert first["duplicates"] >= 1  # the fixture holds a wire copy
    assert (second["ingested"], second["unchanged"]) == (0, 7)
    with Ledger(tmp_path / "direct.db") as ledger:  # what ingest stores, article by article
        for row in fixture_rows():
            article = from_row(row)
            record = recorded.extract(article.text, article.meta)
            record["external_id"] = article.meta.id
            write_record(ledger, record, location=row["url"], store_text=True)
        reconcile(ledger)
        assert record_tables(ledger) == loaded
    assert loaded["questions"] and loaded["attributions"]


def test_the_cli_loads_a_result_and_refuses_ambiguous_calls(tmp_path, result, capsys):
    db = str(tmp_path / "ledger.db")
    assert main(["ingest", "--from-parquet", result, "--db", db]) == 0
    assert "ingested 7, unchanged 0" in capsys.readouterr().err
    assert main(["ingest", "--db", db]) == 1
    assert main(["ingest", "x.jsonl", "--from-parquet", result, "--db", db]) == 1
    assert "not both" in capsys.readouterr().err


def test_a_folder_without_a_result_is_a_clear_error(tmp_path):
    with Ledger(tmp_path / "ledger.db") as ledger, pytest.raises(ClaimLedgerError, match="no batch result"):
        ingest_batch(ledger, tmp_path)
