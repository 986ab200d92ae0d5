"""Reading articles: bad input gives one clear ClaimLedgerError, good input its exact text."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest

from claimledger.errors import ClaimLedgerError
from claimledger.inputs import Article, BadLine, detect_format, parse_date, read_input
from claimledger.record import ArticleMeta

DATA = Path(__file__).parent / "data"
HTML = DATA / "article.html"


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def one(path: str, **kwargs) -> Article:
    input_format, items = read_input(path, **kwargs)
    assert input_format in ("text", "html")
    [article] = list(items)
    return article


def error_of(path: str, **kwargs) -> str:
    with pytest.raises(ClaimLedgerError) as caught:
        one(path, **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_text_is_kept_exactly_as_decoded(tmp_path):
    text = "Officials said 40 people died.\n\n  “Quoted,” she said.\tEnd\n"
    article = one(write(tmp_path, "a.txt", text.encode()))
    assert article.text == text


def test_crlf_is_left_for_the_extractor_to_normalise(tmp_path):
    # The Extractor turns \r\n into \n for every caller; reading must not alter anything else.
    article = one(write(tmp_path, "a.txt", b"First line.\r\nSecond line.\r\n"))
    assert article.text == "First line.\r\nSecond line.\r\n"


def test_byte_order_mark_is_dropped(tmp_path):
    assert one(write(tmp_path, "a.txt", b"\xef\xbb\xbfHello there.")).text == "Hello there."


def test_given_metadata_reaches_the_article(tmp_path):
    given = ArticleMeta(title="T", url="https://x.example/a", published=dt.date(2024, 10, 29))
    assert one(write(tmp_path, "a.txt", b"Some text."), given=given).meta == given


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "is empty"),
        (b" \n\t\r\n ", "holds only whitespace"),
        (b"PK\x03\x04\x00\x00binary", "binary file (it contains NUL bytes)"),
        (b"\x01\x02\x03\x04\x05 hello \x06\x07\x08\x0e\x0f\x10", "binary file (many control characters)"),
        ("UTF-16 text".encode("utf-16"), "UTF-16"),
        (b"caf\xe9 au lait", "not UTF-8 text: byte 0xe9 at byte offset 3"),
    ],
)
def test_bad_text_is_refused_with_a_reason(tmp_path, data, expected):
    path = write(tmp_path, "bad.txt", data)
    message = error_of(path)
    assert expected in message
    assert path in message


def test_missing_file(tmp_path):
    assert error_of(str(tmp_path / "nope.txt")) == f"{tmp_path / 'nope.txt'}: no such file"


def test_directory(tmp_path):
    assert "is a directory" in error_of(str(tmp_path))


def test_oversized_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024**3)  # sparse: reading it whole would need 50 GiB
    message = error_of(str(path))
    assert "larger than the limit of 10,000,000 bytes" in message
    assert "--max-bytes" in message


def test_max_bytes_is_configurable(tmp_path):
    path = write(tmp_path, "a.txt", b"x" * 11)
    assert "limit of 10 bytes" in error_of(path, max_bytes=10)
    assert one(path, max_bytes=11).text == "x" * 11


def test_stdin_is_read_and_capped(tmp_path, monkeypatch):
    with open(write(tmp_path, "in.txt", b"From a pipe."), encoding="utf-8") as stdin:
        monkeypatch.setattr(sys, "stdin", stdin)
        assert one("-").text == "From a pipe."
    with open(write(tmp_path, "in.txt", b"y" * 100), encoding="utf-8") as stdin:
        monkeypatch.setattr(sys, "stdin", stdin)
        assert error_of("-", max_bytes=99).startswith("standard input is larger than the limit of 99 bytes")


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.txt", b"Plain words.", "text"),
        ("a", b"  <!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("a.txt", b"\xef\xbb\xbf<html><body><p>x</p></body></html>", "html"),
        ("a.HTM", b"no markup at all", "html"),
        ("corpus", b'{"id": "1", "text": "x"}\n', "jsonl"),
        ("a.jsonl", b"", "jsonl"),
        ("-", b"\n\n  <p>From a pipe</p>", "html"),
        ("a.txt", b"<3 is not markup.", "text"),
    ],
)
def test_format_is_detected_from_extension_then_content(name, data, expected):
    assert detect_format(name, io.BufferedReader(io.BytesIO(data))) == expected


def test_html_main_text_and_metadata():
    article = one(str(HTML))
    assert article.text.startswith("The main container port reopened on Tuesday")
    assert '"We expect most berths to be working by Friday," port director' in article.text
    for boilerplate in ("Home", "Subscribe", "Cookie", "Copyright", "Most read"):
        assert boilerplate not in article.text
    assert not article.text.startswith("Port reopens")  # the headline is metadata, not body
    assert article.meta.title == "Port reopens after storm damage"
    assert article.meta.outlet == "Harbor Daily"
    assert article.meta.published == dt.date(2024, 3, 5)
    assert article.meta.url == "https://news.example.org/2024/03/05/port-reopens"


def test_given_metadata_wins_over_the_page():
    article = one(str(HTML), given=ArticleMeta(title="My title", published=dt.date(2024, 3, 6)))
    assert article.meta.title == "My title"
    assert article.meta.published == dt.date(2024, 3, 6)
    assert article.meta.outlet == "Harbor Daily"


def test_html_without_article_text(tmp_path):
    path = write(tmp_path, "empty.html", b"<html><head><title>x</title></head><body></body></html>")
    assert "found no article text in the HTML" in error_of(path)


def test_forced_input_format(tmp_path):
    path = write(tmp_path, "a.txt", HTML.read_bytes())
    assert one(path, input_format="text").text.startswith("<!DOCTYPE html>")


CORPUS_LINES = [
    json.dumps({"id": "a", "text": "Alpha said it.", "published": "2025-03-14 20:28:39Z", "title": "A"}),
    '{"id": "b", "text": "unterminated',
    "",
    json.dumps({"id": 7, "html": HTML.read_text(encoding="utf-8")}),
    json.dumps({"id": "c", "title": "no body"}),
    json.dumps(["not", "an", "object"]),
    json.dumps({"id": "d", "text": "Delta.", "published": "yesterday"}),
    json.dumps({"id": "e", "text": 42}),
    json.dumps({"id": "f", "text": "   "}),
    json.dumps({"text": "No id.\r\nSecond line."}),
]


def corpus(tmp_path: Path, lines: list[str], **kwargs) -> list[Article | BadLine]:
    path = write(tmp_path, "corpus.jsonl", "\n".join(lines).encode() + b"\n")
    input_format, items = read_input(path, **kwargs)
    assert input_format == "jsonl"
    return list(items)


def test_corpus_keeps_good_lines_and_names_bad_ones(tmp_path):
    items = corpus(tmp_path, CORPUS_LINES)
    good = [item for item in items if isinstance(item, Article)]
    bad = {item.number: item.message for item in items if isinstance(item, BadLine)}
    assert [article.meta.id for article in good] == ["a", "7", None]
    assert good[0].text == "Alpha said it."
    assert good[0].meta.published == dt.date(2025, 3, 14)
    assert good[0].meta.title == "A"
    assert good[1].text.startswith("The main container port reopened")
    assert good[1].meta.title == "Port reopens after storm damage"
    assert good[2].text == "No id.\r\nSecond line."
    assert sorted(bad) == [2, 5, 6, 7, 8, 9]  # line 3 is blank and skipped
    assert bad[2].startswith("not valid JSON")
    assert bad[5] == 'the line has neither "text" nor "html"'
    assert bad[6] == "expected a JSON object, found list"
    assert bad[7] == "invalid date 'yesterday': expected YYYY-MM-DD"
    assert bad[8] == '"text" must be a string, found int'
    assert bad[9] == '"text" holds only whitespace'


def test_corpus_defaults_fill_what_lines_leave_out(tmp_path):
    defaults = ArticleMeta(published=dt.date(2020, 1, 1), url="https://default.example")
    good = [item for item in corpus(tmp_path, CORPUS_LINES, given=defaults) if isinstance(item, Article)]
    assert good[0].meta.published == dt.date(2025, 3, 14)  # the line's own date wins
    assert good[2].meta.published == dt.date(2020, 1, 1)
    assert good[1].meta.url == "https://news.example.org/2024/03/05/port-reopens"
    assert good[2].meta.url == "https://default.example"


def test_corpus_line_over_the_cap_is_skipped_not_held(tmp_path):
    lines = [json.dumps({"id": "1", "text": "x" * 500}), json.dumps({"id": "2", "text": "short"})]
    items = corpus(tmp_path, lines, max_bytes=100)
    assert items[0] == BadLine(1, "longer than the limit of 100 bytes (see --max-bytes)")
    assert isinstance(items[1], Article) and items[1].meta.id == "2"


def test_corpus_line_that_is_not_utf8(tmp_path):
    path = write(tmp_path, "c.jsonl", b'{"text": "ok"}\n{"text": "caf\xe9"}\n')
    items = list(read_input(path)[1])
    assert isinstance(items[0], Article)
    assert items[1].number == 2
    assert "byte 0xe9 at byte offset 13" in items[1].message


def test_missing_corpus_fails_before_reading(tmp_path):
    with pytest.raises(ClaimLedgerError, match="no such file"):
        read_input(str(tmp_path / "none.jsonl"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-10-29", dt.date(2024, 10, 29)), ("2025-03-14T20:28:39+00:00", dt.date(2025, 3, 14))],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2024-13-01", "29/10/2024", "", "soon"])
def test_parse_date_refuses(value):
    with pytest.raises(ClaimLedgerError, match="expected YYYY-MM-DD"):
        parse_date(value)
