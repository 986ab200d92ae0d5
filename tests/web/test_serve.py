"""`claimledger serve`: loopback by default, and never open to writes elsewhere."""

from __future__ import annotations

import pytest

from claimledger.cli import main
from claimledger.cli.serve import is_loopback


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])
def test_refuses_a_public_address_without_a_token(host, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("CLAIMLEDGER_TOKEN", raising=False)
    assert main(["serve", "--db", str(tmp_path / "l.db"), "--host", host]) == 1
    error = capsys.readouterr().err
    assert f"refusing to serve on {host} without a token" in error and "--token" in error
    assert not (tmp_path / "l.db").exists()


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("10.0.0.1", False),
        ("::", False),
        ("example.org", False),
    ],
)
def test_loopback(host, loopback):
    assert is_loopback(host) == loopback


def test_serve_is_a_command(capsys):
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert "--allow-private-fetch" in out and "--token" in out


def test_a_file_that_is_not_a_ledger_is_refused_before_serving(tmp_path):
    from claimledger.errors import ClaimLedgerError
    from claimledger.web import create_app

    notes = tmp_path / "notes.db"
    notes.write_text("my notes, not a database")
    with pytest.raises(ClaimLedgerError, match="not a claimledger ledger"):
        create_app(notes)
    assert notes.read_text() == "my notes, not a database"
