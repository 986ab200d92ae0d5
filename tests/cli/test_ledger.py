"""The ledger commands end to end over a ledger filled from the recorded fixture (no model needed),
and one real `ingest` run."""

from __future__ import annotations

import csv
import io
import json

import pytest

from claimledger.cli import main
from claimledger.ledger import Ledger, ingest
from tests.ledger.recorded import ARTICLES, RecordedExtractor


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("ledger") / "ledger.db"
    with Ledger(path) as ledger:
        ingest(ledger, [str(ARTICLES)], extractor=RecordedExtractor())
    return str(path)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_figures_as_json_hold_the_troop_estimates_by_source(capsys, db):
    code, out, _ = run(
        capsys, "figures", "--db", db, "--about", "troops", "--format", "json", "--limit", "200"
    )
    assert code == 0
    rows = json.loads(out)
    by_source = {(r["source"], r["value"]) for r in rows}
    assert ("Pentagon", 10000) in by_source
    assert any(value == 12000 for _, value in by_source)


def test_claims_by_source_as_csv(capsys, db):
    code, out, _ = run(capsys, "claims", "--db", db, "--source", "Pentagon", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["source"] == "Pentagon" for r in rows)


@pytest.mark.parametrize(
    "argv, header",
    [
        (["sources"], "source"),
        (["search", "troops"], "snippet"),
        (["timeline", "Pentagon"], "said_on"),
        (["claims", "--certainty", "possible"], "content"),
    ],
)
def test_tables_for_people(capsys, db, argv, header):
    code, out, _ = run(capsys, *argv, "--db", db)
    assert code == 0 and header in out


def test_export_writes_files(capsys, db, tmp_path):
    code, out, _ = run(capsys, "export", str(tmp_path / "out"), "--db", db, "--format", "annotations")
    assert code == 0
    [path] = out.split()
    annotations = json.loads(open(path, encoding="utf-8").read())
    assert annotations


def test_a_file_that_is_not_a_ledger_is_refused_untouched(capsys, tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("not a database")
    code, _, err = run(capsys, "claims", "--db", str(path))
    assert code == 1 and err.startswith("claimledger: error:") and "Traceback" not in err
    assert path.read_text() == "not a database"


@pytest.mark.slow
def test_ingest_extracts_stores_and_reports(capsys, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Troops have crossed the border, the ministry said on Monday.", encoding="utf-8")
    db = str(tmp_path / "l.db")
    code, _, err = run(capsys, "ingest", str(article), str(tmp_path / "missing.txt"), "--db", db)
    assert code == 1  # one source failed, and the run says so
    assert "ingested 1" in err and "failed 1" in err and "missing.txt" in err
    code, _, err = run(capsys, "ingest", str(article), "--db", db)
    assert code == 0 and "unchanged 1" in err
