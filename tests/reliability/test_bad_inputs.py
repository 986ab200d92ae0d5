"""The bad-input corpus (tests/data/bad-inputs, plus big files made at run time) through
`claimledger extract` and `claimledger ingest`: a clear message and exit status, or a correct
record; bounded memory; and nothing already in the ledger changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimledger.cli import main
from claimledger.ledger import Ledger
from claimledger.ledger.reconcile import reconcile
from claimledger.ledger.write import write_record
from tests.ledger.recorded import RecordedExtractor
from tests.reliability.ledgers import stored
from tests.test_invariants import check_record

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "data" / "bad-inputs"
# Each committed input that is refused before extraction, and what its one error line says.
REFUSED = {
    "empty.txt": "is empty",
    "whitespace.txt": "holds only whitespace",
    "binary.txt": "looks like a binary file (it contains NUL bytes), not an article",
    "control-characters.txt": "looks like a binary file (many control characters), not an article",
    "truncated-utf8.txt": "is not UTF-8 text: byte 0xe2 at byte offset 84 cannot be decoded",
    "utf16-no-bom.txt": "is UTF-16 encoded; convert it to UTF-8",
    "utf16-be-no-bom.txt": "is UTF-16 encoded; convert it to UTF-8",
    "latin1.txt": "is not UTF-8 text: byte 0xe9 at byte offset 15 cannot be decoded",
    "no-text.html": "found no article text in the HTML",
}
# The corpus' broken lines, as `extract` names them on stderr (lines 1 and 9 are articles, 8 blank).
BROKEN_LINES = [
    "claimledger: line 2: not valid JSON (Invalid control character at column 37)",
    "claimledger: line 3: expected a JSON object, found list",
    'claimledger: line 4: the line has neither "text" nor "html"',
    "claimledger: line 5: invalid date '29/10/2024': expected YYYY-MM-DD",
    'claimledger: line 6: "text" must be a string, found int',
    'claimledger: line 7: "text" looks like a binary file (many control characters), not an article',
    "claimledger: line 10: the line is not UTF-8 text: byte 0xe9 at byte offset 29 cannot be decoded; "
    "convert the file to UTF-8",
    "claimledger: line 11: not valid JSON (Unterminated string starting at column 21)",
]
MB = 1024 * 1024
WITHOUT_MODEL_MB = 600  # peak memory of a run refused before the model loads (imports ~300 MB)
WITH_MODEL_MB = 2500  # of a run that extracts (the model, the parse and, for ingest, claim grouping)


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> dict[str, Path]:
    """Files too big to commit, made once: a 50 MB text, a 100,000-level HTML nesting, a page whose
    one attribute takes 9 MB."""
    folder = tmp_path_factory.mktemp("big")
    files = {
        "huge.txt": folder / "huge.txt",
        "deep-nesting.html": folder / "deep-nesting.html",
        "huge-attribute.html": folder / "huge-attribute.html",
    }
    sentence = b"The ministry said on Monday that about 4,000 people had left the city. "
    with files["huge.txt"].open("wb") as stream:
        for _ in range(50 * MB // (len(sentence) * 1000) + 1):
            stream.write(sentence * 1000)
    levels = 100_000
    files["deep-nesting.html"].write_bytes(
        b"<html><body>"
        + b"<div>" * levels
        + b"<p>"
        + sentence
        + b"</p>"
        + b"</div>" * levels
        + b"</body></html>"
    )
    files["huge-attribute.html"].write_bytes(
        b'<html><head><title>Exodus</title></head><body><article><p data-x="'
        + b"A" * (9 * MB)
        + b'">'
        + sentence
        + b"</p></article></body></html>"
    )
    return files


def measured(tmp_path: Path, *argv: str) -> tuple[dict, str, str]:
    """Run the claimledger command in a child process; its report (exit status, peak memory, bytes
    read), standard output and standard error."""
    report = tmp_path / "report.json"
    # Wide enough that rich, which prints ingest's summary, does not wrap a long path mid-line.
    env = {**os.environ, "COLUMNS": "1000"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.reliability.measured", str(report), *argv],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )
    result = json.loads(report.read_text())
    assert done.returncode == result["code"]
    assert "Traceback" not in done.stderr
    return result, done.stdout, done.stderr


def report_lines(err: str) -> list[str]:
    """Ingest's summary line and the failures it names, without what else reached stderr (progress
    displays, the sentence model's loading bar)."""
    return [line for line in err.splitlines() if line.startswith(("ingested ", "claimledger: "))]


def error_line(err: str) -> str:
    [line] = err.splitlines()
    return line


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_extract_refuses_with_one_clear_line(capsys, name):
    path = BAD / name
    code = main(["extract", str(path)])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    line = error_line(err)
    assert line.startswith(f"claimledger: error: {path}")
    assert REFUSED[name] in line


def test_a_50_mb_file_is_refused_by_the_size_cap_without_being_read(tmp_path, big):
    result, out, err = measured(tmp_path, "extract", str(big["huge.txt"]))
    assert (result["code"], out) == (1, "")
    assert "is larger than the limit of 10,000,000 bytes" in error_line(err)
    if result["bytes_read"] is not None:
        assert result["bytes_read"] < MB  # the size came from stat; not one of the 50 MB was read
    assert result["peak_rss_mb"] < WITHOUT_MODEL_MB


def test_html_nested_100000_levels_deep_is_refused_in_bounded_memory(tmp_path, big):
    result, out, err = measured(tmp_path, "extract", str(big["deep-nesting.html"]))
    assert (result["code"], out) == (1, "")
    assert "found no article text in the HTML" in error_line(err)
    assert result["peak_rss_mb"] < WITHOUT_MODEL_MB


@pytest.mark.slow
def test_html_with_a_9_mb_attribute_gives_its_article(tmp_path, big):
    result, out, _ = measured(tmp_path, "extract", str(big["huge-attribute.html"]))
    assert result["code"] == 0
    record = json.loads(out)
    assert record["article"]["text"].startswith("The ministry said on Monday that about 4,000 people")
    assert [figure["value"] for figure in record["figures"]] == [4000]
    assert result["peak_rss_mb"] < WITH_MODEL_MB


@pytest.mark.slow
def test_non_english_article_gives_a_sound_record(tmp_path):
    path = BAD / "non-english.txt"
    result, out, err = measured(tmp_path, "extract", str(path))
    assert (result["code"], err) == (0, "")
    check_record(json.loads(out), path.read_text(encoding="utf-8"))
    assert result["peak_rss_mb"] < WITH_MODEL_MB


@pytest.mark.slow
def test_corpus_with_broken_lines_gives_the_good_ones_and_names_the_rest(tmp_path):
    result, out, err = measured(tmp_path, "extract", str(BAD / "broken-lines.jsonl"))
    assert result["code"] == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [record["article"]["id"] for record in records] == ["good-1", "good-2"]
    assert err.splitlines() == [*BROKEN_LINES, "claimledger: error: 8 of 10 lines failed"]
    assert result["peak_rss_mb"] < WITH_MODEL_MB


@pytest.fixture
def ledger_path(tmp_path) -> Path:
    """A ledger holding the fixture's articles (written from their recorded extractions)."""
    path = tmp_path / "ledger.db"
    with Ledger(path) as ledger:
        for number, record in enumerate(RecordedExtractor().records.values()):
            write_record(ledger, record, location=f"fixture:{number}", store_text=True)
        reconcile(ledger)
    return path


@pytest.mark.slow
def test_ingest_of_bad_inputs_stores_nothing_and_names_each(tmp_path, big, ledger_path):
    refused = {str(BAD / name): expected for name, expected in REFUSED.items()}
    refused[str(big["huge.txt"])] = "is larger than the limit of 10,000,000 bytes"
    refused[str(big["deep-nesting.html"])] = "found no article text in the HTML"
    before = stored(ledger_path)
    result, _, err = measured(tmp_path, "ingest", *refused, "--db", str(ledger_path))
    assert result["code"] == 1
    lines = report_lines(err)
    assert lines[0] == f"ingested 0, unchanged 0, wire copies 0, failed {len(refused)}"
    for path, expected in refused.items():
        [line] = [line for line in lines if line.startswith(f"claimledger: {path}: ")]
        assert expected in line
    assert stored(ledger_path) == before
    assert result["peak_rss_mb"] < WITH_MODEL_MB


# What ingesting more articles may add to but never change: the rows of the articles already stored.
KEPT_TABLES = ("articles", "locations", "article_bands", "article_signatures", "mentions", "times",
               "attributions", "attribution_entities", "entity_aliases")  # fmt: skip


@pytest.mark.slow
def test_ingest_of_good_inputs_among_bad_ones_adds_them_and_keeps_the_rest(tmp_path, big, ledger_path):
    before = stored(ledger_path)
    sources = [str(BAD / "non-english.txt"), str(big["huge-attribute.html"]), str(BAD / "broken-lines.jsonl")]
    result, _, err = measured(tmp_path, "ingest", *sources, "--db", str(ledger_path))
    assert result["code"] == 1  # the broken lines are failures, named one by one
    lines = report_lines(err)
    assert lines[0] == "ingested 4, unchanged 0, wire copies 0, failed 8"
    assert [line.split(": ")[1] for line in lines[1:]] == [
        f"{BAD / 'broken-lines.jsonl'}:{number}" for number in (2, 3, 4, 5, 6, 7, 10, 11)
    ]
    after = stored(ledger_path)
    for table in KEPT_TABLES:
        assert set(before[table]) <= set(after[table]), table
    assert len(after["articles"]) == len(before["articles"]) + 4
    assert result["peak_rss_mb"] < WITH_MODEL_MB
