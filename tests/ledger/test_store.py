"""Opening ledgers: migrations once, and files that are not ledgers refused, never touched."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from claimledger.errors import ClaimLedgerError
from claimledger.ledger import Ledger
from claimledger.ledger.schema import MIGRATIONS, MIGRATIONS_TABLE


def test_new_ledger_has_every_migration_and_wal(tmp_path):
    with Ledger(tmp_path / "new.db") as ledger:
        applied = [row["name"] for row in ledger.rows(f"SELECT name FROM {MIGRATIONS_TABLE} ORDER BY name")]
        assert applied == [name for name, _ in MIGRATIONS]
        assert ledger.value("PRAGMA journal_mode") == "wal"
        assert ledger.value("PRAGMA foreign_keys") == 1


def test_new_ledger_waits_while_another_process_holds_the_file(tmp_path):
    # Another process creating the same ledger holds a write lock; SQLite converts the journal to
    # WAL without its busy handler, so the open must wait for the lock itself, not fail.
    path = tmp_path / "shared.db"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, other.execute, ["COMMIT"])
    release.start()
    with Ledger(path) as ledger:
        assert ledger.value("PRAGMA journal_mode") == "wal"
    release.join()
    other.close()


def test_reopening_applies_nothing_again(tmp_path):
    path = tmp_path / "again.db"
    Ledger(path).close()
    with Ledger(path) as ledger:
        assert ledger.value(f"SELECT COUNT(*) FROM {MIGRATIONS_TABLE}") == len(MIGRATIONS)


@pytest.mark.parametrize(
    "content",
    [
        b"this is a plain text file, not a database\n",
        b"\x00\x01garbage" * 100,
        b"SQLite format 3\x00" + b"\xff" * 200,
    ],
)
def test_corrupt_file_is_refused_and_left_as_it_was(tmp_path, content):
    path = tmp_path / "corrupt.db"
    path.write_bytes(content)
    with pytest.raises(ClaimLedgerError, match="corrupt.db"):
        Ledger(path)
    assert path.read_bytes() == content


def test_foreign_sqlite_database_is_refused_and_left_as_it_was(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        other.execute("INSERT INTO invoices VALUES (1, 9.5)")
    other.close()
    before = path.read_bytes()
    with pytest.raises(ClaimLedgerError, match="another application"):
        Ledger(path)
    assert path.read_bytes() == before


def test_ledger_from_a_newer_claimledger_is_refused(tmp_path):
    path = tmp_path / "newer.db"
    Ledger(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"INSERT INTO {MIGRATIONS_TABLE} VALUES ('9999_future', '2030-01-01')")
    db.close()
    with pytest.raises(ClaimLedgerError, match="newer claimledger"):
        Ledger(path)


def test_directory_is_refused(tmp_path):
    with pytest.raises(ClaimLedgerError, match="directory"):
        Ledger(tmp_path)


def test_failed_transaction_leaves_nothing(ledger):
    with pytest.raises(RuntimeError), ledger.transaction():
        ledger.insert("extractors", {"id": "x", "name": "x", "claimledger": "0", "model": "m"})
        raise RuntimeError("crash in the middle of an article")
    assert ledger.value("SELECT COUNT(*) FROM extractors") == 0


def test_readable_in_datasette(ledger):
    """Datasette labels foreign keys with a table's name/title column and finds FTS tables by
    their content=[table] option; dates are ISO text."""
    for table, label in (
        ("articles", "title"),
        ("entities", "name"),
        ("questions", "title"),
        ("extractors", "name"),
    ):
        assert label in {column["name"] for column in ledger.rows(f"PRAGMA table_info({table})")}
    for table in ("articles", "attributions"):
        sql = ledger.value("SELECT sql FROM sqlite_master WHERE name = ?", (f"{table}_fts",))
        assert f"content=[{table}]" in sql
