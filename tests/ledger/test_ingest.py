"""Ingest: idempotent, versioned, resumable after kill -9, and bad sources reported, not fatal."""

from __future__ import annotations

import copy
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from claimledger.ledger import Ledger, ingest
from claimledger.ledger.fetch import MAX_BYTES
from claimledger.ledger.write import EVIDENCE_CHARS, content_hash
from tests.ledger.conftest import dump
from tests.ledger.recorded import ARTICLES, RecordedExtractor

REPO = Path(__file__).resolve().parents[2]
FIXTURE_ROWS = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]


def write_jsonl(path: Path, rows: list[dict]) -> str:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return str(path)


def test_summary_of_a_first_ingest(ledger, recorded):
    summary = ingest(ledger, [str(ARTICLES)], extractor=recorded)
    assert summary == {"ingested": 7, "unchanged": 0, "duplicates": 1, "failed": []}
    assert ledger.value("SELECT COUNT(*) FROM articles") == 7
    assert ledger.value("SELECT COUNT(*) FROM attributions") > 100


def test_reingest_changes_nothing(filled, recorded):
    before = dump(filled)
    summary = ingest(filled, [str(ARTICLES)], extractor=recorded)
    assert summary == {"ingested": 0, "unchanged": 7, "duplicates": 0, "failed": []}
    assert dump(filled) == before


def test_same_text_from_another_url_is_stored_once(filled, recorded, tmp_path):
    moved = dict(FIXTURE_ROWS[1], url="https://mirror.example.com/copy", id="mirror")
    summary = ingest(filled, [write_jsonl(tmp_path / "mirror.jsonl", [moved])], extractor=recorded)
    assert summary["unchanged"] == 1
    assert filled.value("SELECT COUNT(*) FROM articles") == 7
    locations = filled.rows(
        "SELECT l.location FROM locations l JOIN articles a ON a.id = l.article WHERE a.external_id = ?",
        ("nk-troops-followup",),
    )
    assert {row["location"] for row in locations} == {
        "https://example.org/world/nk-troops-kursk",
        "https://mirror.example.com/copy",
    }


def test_changed_article_at_the_same_url_is_a_new_version(filled, recorded, tmp_path):
    old = FIXTURE_ROWS[1]
    changed = dict(old, text=old["text"].replace("about 10,000", "about 11,000"))  # same length
    record = copy.deepcopy(recorded.records[content_hash(old["text"])])
    record["article"]["text"] = changed["text"]
    extractor = RecordedExtractor()
    extractor.records[content_hash(changed["text"])] = record
    summary = ingest(filled, [write_jsonl(tmp_path / "changed.jsonl", [changed])], extractor=extractor)
    assert summary["ingested"] == 1
    versions = filled.rows(
        "SELECT id, previous_version FROM articles WHERE url = ? ORDER BY rowid", (old["url"],)
    )
    assert len(versions) == 2
    assert versions[1]["previous_version"] == versions[0]["id"]


def test_store_text_no_keeps_offsets_hashes_and_short_evidence(ledger, recorded):
    ingest(ledger, [str(ARTICLES)], extractor=recorded, store_text=False)
    assert ledger.value("SELECT COUNT(*) FROM articles WHERE text IS NOT NULL") == 0
    assert ledger.value("SELECT MAX(length(content)) FROM attributions") <= EVIDENCE_CHARS
    assert ledger.value("SELECT COUNT(*) FROM attributions WHERE content_hash IS NULL") == 0
    assert ledger.value("SELECT COUNT(*) FROM figures") > 0


def test_wire_copy_is_linked_to_its_original(filled):
    copy_row = filled.rows(
        "SELECT duplicate_of, similarity FROM articles WHERE external_id = 'wire-voa-8006651'"
    )[0]
    original = filled.value("SELECT id FROM articles WHERE external_id = 'voa-8006651'")
    assert copy_row["duplicate_of"] == original
    assert copy_row["similarity"] >= 0.9
    others = filled.value("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL")
    assert others == 1


def test_bad_sources_are_reported_and_the_rest_goes_on(ledger, recorded, tmp_path):
    not_a_feed = tmp_path / "news.rss"
    not_a_feed.write_text("<html><body>not a feed</body></html>", encoding="utf-8")
    broken = write_jsonl(tmp_path / "broken.jsonl", [FIXTURE_ROWS[1]])
    with open(broken, "a", encoding="utf-8") as stream:
        stream.write("{not json\n")
    summary = ingest(ledger, [str(tmp_path / "missing.txt"), str(not_a_feed), broken], extractor=recorded)
    assert summary["ingested"] == 1
    reasons = {failure["source"]: failure["reason"] for failure in summary["failed"]}
    assert "no such file" in reasons[str(tmp_path / "missing.txt")]
    assert "not an RSS or Atom feed" in reasons[str(not_a_feed)]
    assert "not valid JSON" in reasons[f"{broken}:2"]


def serve(pages: dict[str, tuple[str, bytes] | Exception]) -> httpx.Client:
    """A client whose 'network' is the given pages: url -> (content type, body) or an error."""

    def handle(request: httpx.Request) -> httpx.Response:
        page = pages.get(str(request.url))
        if page is None:
            return httpx.Response(404)
        if isinstance(page, Exception):
            raise page
        content_type, body = page
        if content_type == "redirect":
            return httpx.Response(302, headers={"location": body.decode()})
        return httpx.Response(200, headers={"content-type": content_type}, content=body)

    return httpx.Client(transport=httpx.MockTransport(handle), follow_redirects=True, max_redirects=3)


def html_page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    head = f"<html><head><title>{title}</title></head>"
    return f"{head}<body><article><h1>{title}</h1>{paragraphs}</article></body></html>".encode()


def test_feed_entries_are_fetched_with_their_metadata(ledger, recorded):
    followup = FIXTURE_ROWS[1]
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>World</title>'
        b"<item><title>Troops in Kursk</title><link>https://news.example/kursk</link>"
        b"<pubDate>Tue, 05 Nov 2024 10:00:00 GMT</pubDate></item>"
        b"<item><title>Gone</title><link>https://news.example/gone</link></item>"
        b"<item><title>Empty</title><link>https://news.example/empty</link></item>"
        b"</channel></rss>"
    )
    http = serve(
        {
            "https://news.example/feed": ("application/rss+xml", feed),
            "https://news.example/kursk": ("text/html", html_page("Troops in Kursk", followup["text"])),
            "https://news.example/gone": httpx.ConnectError("connection refused"),
            "https://news.example/empty": (
                "text/html",
                b"<html><head><title>Empty</title></head><body></body></html>",
            ),
        }
    )
    extractor = RecordedExtractor()
    extractor.records = {content_hash(text): record for text, record in texts_of(recorded).items()}
    summary = ingest(ledger, ["https://news.example/feed"], extractor=extractor, http=http)
    assert summary["ingested"] == 1, summary
    reasons = {failure["source"]: failure["reason"] for failure in summary["failed"]}
    assert "cannot be fetched" in reasons["https://news.example/gone"]
    assert "no article text" in reasons["https://news.example/empty"]
    article = ledger.rows("SELECT title, url, published FROM articles")[0]
    assert article == {
        "title": "Troops in Kursk",
        "url": "https://news.example/kursk",
        "published": "2024-11-05",
    }


def texts_of(recorded: RecordedExtractor) -> dict[str, dict]:
    """The recorded records keyed by their text as trafilatura gives it back from html_page."""
    from claimledger.inputs import from_html

    result = {}
    for record in recorded.records.values():
        text = record["article"]["text"]
        page = from_html("page", html_page("Troops in Kursk", text))
        moved = copy.deepcopy(record)
        moved["article"]["text"] = page.text
        result[page.text] = moved
    return result


@pytest.mark.parametrize(
    ("pages", "reason"),
    [
        ({"https://x.example/a": httpx.ConnectTimeout("slow")}, "timed out"),
        ({"https://x.example/a": ("application/pdf", b"%PDF-1.4")}, "not a web page or feed"),
        ({"https://x.example/a": ("redirect", b"https://x.example/a")}, "redirects"),
        ({}, "HTTP 404"),
    ],
)
def test_unfetchable_urls_are_clear_failures(ledger, recorded, pages, reason):
    summary = ingest(ledger, ["https://x.example/a"], extractor=recorded, http=serve(pages))
    assert summary["ingested"] == 0
    assert reason in summary["failed"][0]["reason"]


def test_page_over_the_size_cap_is_refused(ledger, recorded):
    pages = {"https://x.example/big": ("text/html", b"<p>word</p>" * (MAX_BYTES // 10))}
    summary = ingest(ledger, ["https://x.example/big"], extractor=recorded, http=serve(pages))
    assert "larger than the limit" in summary["failed"][0]["reason"]


def articles_written(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def start_and_kill(path: Path, after: int, delay: float) -> None:
    """Run an ingest in a child process and SIGKILL it once `after` articles are committed."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ledger.crash_ingest", str(path), str(delay)], cwd=REPO
    )
    deadline = time.monotonic() + 60
    while articles_written(path) < after and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(delay / 2)  # land anywhere: between articles or inside a write
    os.kill(child.pid, signal.SIGKILL)
    child.wait()


def test_killed_ingest_rerun_yields_the_rows_of_an_uninterrupted_run(tmp_path, filled, recorded):
    path = tmp_path / "killed.db"
    start_and_kill(path, after=2, delay=0.3)
    interrupted = articles_written(path)
    assert 2 <= interrupted < 7
    start_and_kill(path, after=interrupted + 1, delay=0.05)
    with Ledger(path) as ledger:
        summary = ingest(ledger, [str(ARTICLES)], extractor=recorded)
        assert summary["ingested"] + summary["unchanged"] == 7
        assert summary["failed"] == []
        assert dump(ledger) == dump(filled)
        ledger.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        ledger.execute("INSERT INTO attributions_fts (attributions_fts) VALUES ('integrity-check')")


def test_a_folder_is_read_recursively_and_files_are_located_by_uri(ledger, recorded, tmp_path):
    folder = tmp_path / "corpus"
    (folder / "nested").mkdir(parents=True)
    (folder / ".cache").mkdir()
    (folder / "nested" / "followup.txt").write_text(FIXTURE_ROWS[1]["text"], encoding="utf-8")
    (folder / ".cache" / "copy.txt").write_text(FIXTURE_ROWS[0]["text"], encoding="utf-8")
    (folder / "notes.bin").write_bytes(b"\x00\x01")
    summary = ingest(ledger, [str(folder)], extractor=recorded)
    assert (summary["ingested"], summary["failed"]) == (1, [])
    location = ledger.value("SELECT location FROM locations")
    assert location == (folder / "nested" / "followup.txt").resolve().as_uri()
