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


def test_serves_the_app_with_its_guards(tmp_path, monkeypatch):
    import uvicorn

    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.update(app=app, **options))
    monkeypatch.setenv("CLAIMLEDGER_TOKEN", "from-the-environment")
    assert main(["serve", "--db", str(tmp_path / "l.db"), "--port", "8123"]) == 0
    assert (served["host"], served["port"]) == ("127.0.0.1", 8123)
    settings = served["app"].state.settings
    assert settings.token == "from-the-environment" and not settings.allow_private_fetch
    assert "TrustedHostMiddleware" in {m.cls.__name__ for m in served["app"].user_middleware}
    assert (
        main(
            [
                "serve",
                "--db",
                str(tmp_path / "l.db"),
                "--host",
                "0.0.0.0",
                "--token",
                "t",
                "--allow-private-fetch",
            ]
        )
        == 0
    )
    settings = served["app"].state.settings
    assert settings.token == "t" and settings.allow_private_fetch
    assert "TrustedHostMiddleware" not in {m.cls.__name__ for m in served["app"].user_middleware}
