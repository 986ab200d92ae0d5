"""Faults during ingest: kill -9 at random points, a disk that fills up, two ingests at once, and a
ledger file that is damaged. Each must leave a consistent ledger that a rerun completes.

The ingests run in child processes (tests/ledger/crash_ingest.py: the fixture's seven articles with
recorded extractions, so no model loads). CLAIMLEDGER_FAULT_TRIALS sets how many kills (default 20).
"""

from __future__ import annotations

import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimledger.cli import main
from claimledger.errors import ClaimLedgerError
from claimledger.ledger import Ledger
from claimledger.ledger.write import write_record
from tests.ledger.recorded import RecordedExtractor
from tests.reliability.ledgers import stored

REPO = Path(__file__).resolve().parents[2]
TRIALS = int(os.environ.get("CLAIMLEDGER_FAULT_TRIALS", "20"))
KILLS_PER_CHAIN = 10  # kills in a row on one ledger before the rerun that must complete it
FIXTURE_ARTICLES = 7
DELAY = 0.15  # seconds of "extraction" per article in the child, so that kills land inside the run
# Tables whose rows for an article are written in that article's one transaction.
PER_ARTICLE = ("article_bands", "article_signatures", "mentions", "times", "attributions", "figures")


def start_ingest(path: Path, delay: float = DELAY, **popen) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.ledger.crash_ingest", str(path), str(delay)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def finish(child: subprocess.Popen) -> tuple[int, str]:
    _, err = child.communicate(timeout=300)
    return child.returncode, err


def wait_until_open(child: subprocess.Popen, path: Path) -> None:
    """Until the child has opened the ledger (its imports take seconds and touch nothing)."""
    fds = Path(f"/proc/{child.pid}/fd")
    while child.poll() is None:
        try:
            if any(os.readlink(fd) == str(path) for fd in fds.iterdir()):
                return
        except OSError:  # an fd closed while we looked
            pass
        time.sleep(0.005)


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, float]:
    """A ledger filled by one uninterrupted child run, and how long that run had the ledger open."""
    path = tmp_path_factory.mktemp("reference") / "ledger.db"
    child = start_ingest(path)
    wait_until_open(child, path)
    opened = time.monotonic()
    code, err = finish(child)
    assert code == 0, err
    return path, time.monotonic() - opened


def check_consistent(path: Path, reference_path: Path) -> int:
    """SQLite's own checks pass, no text is stored twice, and every stored article has all its rows
    (as many as in the uninterrupted run); returns how many articles are stored."""
    if not path.exists():
        return 0
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "articles" not in tables:
            return 0  # killed before the first migration committed
        hashes = [row[0] for row in db.execute("SELECT content_hash FROM articles")]
        assert len(hashes) == len(set(hashes)) <= FIXTURE_ARTICLES
        with sqlite3.connect(reference_path) as whole:
            for (article,) in db.execute("SELECT id FROM articles"):
                for table in PER_ARTICLE:
                    count = f"SELECT COUNT(*) FROM {table} WHERE article = ?"
                    assert (
                        db.execute(count, (article,)).fetchone()
                        == whole.execute(count, (article,)).fetchone()
                    )
        whole.close()
    db.close()
    return len(hashes)


def test_kill_9_at_random_points_then_a_rerun_completes(tmp_path, reference):
    reference_path, full_time = reference
    expected = stored(reference[0])
    chance = random.Random(int(os.environ.get("CLAIMLEDGER_FAULT_SEED", "7")))
    stored_after_kills = []
    for chain in range(0, TRIALS, KILLS_PER_CHAIN):
        path = tmp_path / f"chain{chain}.db"
        for _ in range(min(KILLS_PER_CHAIN, TRIALS - chain)):
            child = start_ingest(path)
            wait_until_open(child, path)
            time.sleep(chance.uniform(0, full_time))
            child.send_signal(signal.SIGKILL)
            child.communicate(timeout=60)
            stored_after_kills.append(check_consistent(path, reference_path))
        code, err = finish(start_ingest(path, delay=0))
        assert code == 0, err
        assert stored(path) == expected
    # The kills landed at different points of the run: in its first article, between later ones.
    assert len(set(stored_after_kills)) >= min(3, TRIALS), stored_after_kills


def test_disk_full_while_writing_is_a_clear_error_and_the_ledger_stays_whole(tmp_path):
    """SQLite's max_page_count makes the ledger's file unable to grow, as a full disk would."""
    records = list(RecordedExtractor().records.values())
    path = tmp_path / "ledger.db"
    with Ledger(path) as ledger:
        write_record(ledger, records[0], location="a", store_text=True)
        pages = ledger.value("PRAGMA page_count")
        ledger.execute(f"PRAGMA max_page_count = {pages + 8}")
        with pytest.raises(ClaimLedgerError, match="the disk is full or failing") as full:
            for number, record in enumerate(records[1:], start=2):
                write_record(ledger, record, location=str(number), store_text=True)
        assert "\n" not in str(full.value)
        assert 1 <= ledger.value("SELECT COUNT(*) FROM articles") < len(records)
        assert ledger.rows("PRAGMA integrity_check") == [{"integrity_check": "ok"}]
        ledger.execute("PRAGMA max_page_count = 1073741823")  # space freed: the same writes now go on
        for number, record in enumerate(records[1:], start=2):
            write_record(ledger, record, location=str(number), store_text=True)
        assert ledger.value("SELECT COUNT(*) FROM articles") == len(records)


def limit_file_size(limit: int):
    """For a child process: no file may grow past `limit` bytes (writes past it fail with EFBIG)."""
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_file_size_limit_during_ingest_is_a_clear_error_and_a_rerun_completes(tmp_path, reference):
    """A real write failure from the operating system, without root: RLIMIT_FSIZE caps the files'
    size (the write-ahead log grows first), as a full disk would."""
    reference_path, _ = reference
    path = tmp_path / "ledger.db"
    Ledger(path).close()  # an empty ledger: the limit strikes while articles are written
    code, err = finish(start_ingest(path, delay=0, preexec_fn=limit_file_size(40_000)))
    assert code != 0
    assert "the disk is full or failing" in err, err[-3000:]
    check_consistent(path, reference_path)
    code, err = finish(start_ingest(path, delay=0))
    assert code == 0, err
    assert stored(path) == stored(reference[0])


def test_two_ingests_at_once_both_finish_without_duplicates(tmp_path, reference):
    expected = stored(reference[0])
    for pair in range(3):  # a new ledger both create at once, the hardest case, a few times over
        path = tmp_path / f"pair{pair}.db"
        children = [start_ingest(path, delay=0.02) for _ in range(2)]
        for child in children:
            code, err = finish(child)
            assert code == 0, err
        check_consistent(path, reference[0])
        assert stored(path) == expected


def real_ledger_bytes(reference) -> bytes:
    """The reference ledger as one self-contained file (its write-ahead log checkpointed in)."""
    with sqlite3.connect(reference[0]) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return reference[0].read_bytes()


def damaged_files(reference) -> dict[str, bytes]:
    real = real_ledger_bytes(reference)
    noise = random.Random(3)
    return {
        "random bytes": noise.randbytes(20_000),
        "random bytes after the SQLite header": real[:16] + noise.randbytes(20_000),
        "random page 1 after the magic string": real[:16] + noise.randbytes(4080) + real[4096:],
        "truncated to 50 bytes": real[:50],
        "truncated to one page": real[:4096],
        "truncated to half": real[: len(real) // 2],
        "truncated by one page": real[:-4096],
        "a text file": b"notes: buy milk\n" * 100,
        "a JSON file": b'{"articles": []}\n',
        "a zip archive": b"PK\x03\x04" + bytes(200),
    }


@pytest.mark.parametrize("command", [["claims"], ["ingest", "article.txt"], ["export", "out"]])
def test_damaged_ledger_is_refused_and_never_overwritten(tmp_path, reference, capsys, command):
    for name, content in damaged_files(reference).items():
        path = tmp_path / "ledger.db"
        path.write_bytes(content)
        code = main([*command, "--db", str(path)])
        err = capsys.readouterr().err
        assert code == 1, name
        assert err.startswith(f"claimledger: error: {path}") and len(err.splitlines()) == 1, (name, err)
        assert "left untouched" in err or "cannot be used as a ledger" in err, (name, err)
        assert path.read_bytes() == content, name
        for leftover in (f"{path}-wal", f"{path}-shm", f"{path}-journal"):
            Path(leftover).unlink(missing_ok=True)
