"""The ledger's storage: one SQLite file, opened safely, written one article at a time.

Everything above this module (ingest, queries, export) talks to `Ledger` only through `rows`,
`transaction` and `execute`, so a PostgreSQL backend for shared deployments can replace it.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from claimledger.errors import ClaimLedgerError
from claimledger.ledger.schema import MIGRATIONS, MIGRATIONS_TABLE

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 30_000
# Connections this process holds open, by file. While there is one, the header is not read again:
# closing any descriptor on the file drops every POSIX lock the process holds on it, SQLite's too
# (https://www.sqlite.org/howtocorrupt.html, 2.2), and another process's checkpoint may then
# rewrite pages under this process's readers ("database disk image is malformed" in the web
# server, each new reader thread opening the ledger while `claimledger ingest` wrote to it).
OPEN: Counter[str] = Counter()
OPEN_LOCK = threading.Lock()


class Ledger:
    """An open ledger. Use as a context manager, or call close()."""

    def __init__(self, path: str | Path = "ledger.db"):
        self.path = str(path)
        self.key = os.path.realpath(self.path)
        with OPEN_LOCK:
            if not OPEN[self.key]:
                check_file(self.path)
            OPEN[self.key] += 1
            self.counted = True
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            self.db.row_factory = sqlite3.Row
            check_owner(self.db, self.path)
            use_write_ahead_log(self.db)
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
            migrate(self.db)
        except sqlite3.DatabaseError as error:
            self.forget()
            raise ClaimLedgerError(
                f"{self.path} cannot be used as a ledger ({error}); it was left untouched: "
                "restore it from a copy, or give another --db path"
            ) from None
        except BaseException:
            self.forget()
            raise

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()
        self.forget()

    def forget(self) -> None:
        with OPEN_LOCK:
            if self.counted:
                self.counted = False
                OPEN[self.key] -= 1

    def rows(self, sql: str, params: Sequence[Any] | dict = ()) -> list[dict]:
        return [dict(row) for row in self.db.execute(sql, params)]

    def value(self, sql: str, params: Sequence[Any] | dict = ()) -> Any:
        row = self.db.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def execute(self, sql: str, params: Sequence[Any] | dict = ()) -> sqlite3.Cursor:
        return self.db.execute(sql, params)

    def insert(self, table: str, row: dict, *, ignore: bool = False) -> None:
        self.insert_many(table, [row], ignore=ignore)

    def insert_many(self, table: str, rows: list[dict], *, ignore: bool = False) -> None:
        """Rows that all have the keys of the first, as one prepared statement."""
        if not rows:
            return
        columns = ", ".join(f'"{name}"' for name in rows[0])
        marks = ", ".join("?" * len(rows[0]))
        verb = "INSERT OR IGNORE" if ignore else "INSERT"
        self.db.executemany(
            f"{verb} INTO {table} ({columns}) VALUES ({marks})",
            [list(row.values()) for row in rows],
        )

    @contextmanager
    def transaction(self) -> Iterator[Ledger]:
        """All or nothing: a crash inside leaves the ledger as it was before. A full disk (or one
        that fails to write) ends in a ClaimLedgerError, with what was committed before intact."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self
            self.db.execute("COMMIT")
        except BaseException as error:
            if self.db.in_transaction:  # also when COMMIT itself failed
                self.db.execute("ROLLBACK")
            if isinstance(error, sqlite3.OperationalError) and cannot_write(error):
                raise ClaimLedgerError(
                    f"cannot write to {self.path} ({error}): the disk is full or failing; what was stored "
                    "before is intact: free some space and run the same command again"
                ) from None
            raise


def cannot_write(error: sqlite3.OperationalError) -> bool:
    """SQLite's 'database or disk is full' and 'disk I/O error', which retrying later may fix."""
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR)


def check_file(path: str) -> None:
    """Refuse, before SQLite touches it, a file that is not an SQLite database."""
    file = Path(path)
    if file.is_dir():
        raise ClaimLedgerError(f"{path} is a directory; give the path of a ledger file")
    if not file.exists() or file.stat().st_size == 0:
        return
    with file.open("rb") as stream:
        if stream.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise ClaimLedgerError(
                f"{path} is not a claimledger ledger (not an SQLite database); "
                "it was left untouched: give another --db path"
            )


def check_owner(db: sqlite3.Connection, path: str) -> None:
    """Refuse an SQLite database that holds tables but is not a ledger: it belongs to someone else."""
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if tables and MIGRATIONS_TABLE not in tables:
        raise ClaimLedgerError(
            f"{path} is an SQLite database of another application, not a claimledger ledger; "
            "it was left untouched: give another --db path"
        )


def use_write_ahead_log(db: sqlite3.Connection) -> None:
    """Switch a new ledger to WAL, waiting for the lock as long as any other statement would.

    SQLite converts the journal without calling the busy handler: a second process opening the
    same new ledger at that moment was told "database is locked" at once, and its ingest failed.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def migrate(db: sqlite3.Connection) -> None:
    """Apply, in order and each in one transaction, the migrations this ledger has not had yet."""
    db.execute(
        f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} (name TEXT PRIMARY KEY, applied TEXT NOT NULL)"
    )
    applied = {row[0] for row in db.execute(f"SELECT name FROM {MIGRATIONS_TABLE}")}
    unknown = applied - {name for name, _ in MIGRATIONS}
    if unknown:
        raise ClaimLedgerError(
            f"this ledger was made by a newer claimledger (migration {min(unknown)}); upgrade claimledger"
        )
    for name, sql in MIGRATIONS:
        if name in applied:
            continue
        db.execute("BEGIN IMMEDIATE")
        # Another process opening the same new ledger may have applied it while this one waited.
        if db.execute(f"SELECT 1 FROM {MIGRATIONS_TABLE} WHERE name = ?", (name,)).fetchone():
            db.execute("COMMIT")
            continue
        try:
            for statement in split_statements(sql):
                db.execute(statement)
            db.execute(f"INSERT INTO {MIGRATIONS_TABLE} VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ'))", (name,))
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


def split_statements(sql: str) -> list[str]:
    """The statements of a migration; executescript would commit on its own, outside our transaction."""
    statements, current = [], ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [statement for statement in statements if statement]
