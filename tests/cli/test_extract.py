"""`claimledger extract` end to end: outputs, exit codes, and one clean line on stderr for every failure."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimledger.cli import main

DATA = Path(__file__).parent.parent / "data"
ARTICLE = "North Korea has sent about 10,000 troops to Russia, the Pentagon said on Monday.\r\n"


@pytest.fixture
def article(tmp_path) -> str:
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode())
    return str(path)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def error_line(err: str) -> str:
    """The one line a failure prints, checked to be alone and free of a traceback."""
    assert "Traceback" not in err
    [line] = err.splitlines()
    return line


def test_help_lists_extract(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    assert "extract" in capsys.readouterr().out


def test_extract_help_documents_every_option(capsys):
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    out = capsys.readouterr().out
    for option in ("--published", "--url", "--title", "--format", "--model", "--input-format", "--max-bytes"):
        assert option in out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["extract", "a.txt", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
        (["extract", "a.txt", "--published", "2024-02-30"], "invalid date '2024-02-30': expected YYYY-MM-DD"),
        (["extract", "a.txt", "--max-bytes", "0"], "expected a positive whole number of bytes, got '0'"),
        (["extract", "a.txt", "--input-format", "pdf"], "argument --input-format: invalid choice"),
        (["extract"], "the following arguments are required: FILE"),
        ([], "the following arguments are required: COMMAND"),
    ],
)
def test_bad_arguments_exit_2_with_a_usage_error(capsys, argv, expected):
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "is empty"),
        (b"  \n \n", "holds only whitespace"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "looks like a binary file"),
        (b"Na\xefve text", "not UTF-8 text: byte 0xef at byte offset 2"),
    ],
)
def test_bad_input_is_one_error_line_before_the_model_loads(capsys, tmp_path, data, expected):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    code, out, err = run(capsys, "extract", str(path))
    assert code == 1
    assert out == ""
    line = error_line(err)
    assert line.startswith(f"claimledger: error: {path}")
    assert expected in line


def test_missing_file(capsys, tmp_path):
    code, _, err = run(capsys, "extract", str(tmp_path / "gone.txt"))
    assert code == 1
    assert error_line(err) == f"claimledger: error: {tmp_path / 'gone.txt'}: no such file"


def test_input_over_max_bytes(capsys, article):
    code, _, err = run(capsys, "extract", article, "--max-bytes", "10")
    assert code == 1
    assert "is larger than the limit of 10 bytes" in error_line(err)


@pytest.mark.slow
def test_json_record_of_one_article(capsys, article):
    code, out, err = run(
        capsys,
        "extract",
        article,
        "--published",
        "2024-10-29",
        "--url",
        "https://x.example/a",
        "--title",
        "T",
    )
    assert code == 0
    assert err == ""
    record = json.loads(out)
    assert record["schema"] == "claimledger.article/1"
    assert record["article"]["text"] == ARTICLE.replace("\r\n", "\n")
    assert record["article"]["published"] == "2024-10-29"
    assert record["article"]["url"] == "https://x.example/a"
    assert record["article"]["title"] == "T"
    assert out.startswith("{\n  ")  # pretty-printed
    [attribution] = record["attributions"]
    assert attribution["cue"]["text"] == "said"
    assert [f["value"] for f in record["figures"]] == [10000]


@pytest.mark.slow
def test_table_view(capsys, article):
    code, out, _ = run(capsys, "extract", article, "--format", "table", "--title", "Troops")
    assert code == 0
    assert "Troops" in out.splitlines()[0]
    for heading in ("Attributions", "Figures", "Times", "Entities"):
        assert heading in out
    assert "the Pentagon" in out
    assert "10,000" in out


@pytest.mark.slow
def test_html_page(capsys):
    code, out, _ = run(capsys, "extract", str(DATA / "article.html"))
    assert code == 0
    article = json.loads(out)["article"]
    assert article["title"] == "Port reopens after storm damage"
    assert article["outlet"] == "Harbor Daily"
    assert article["published"] == "2024-03-05"
    assert article["text"].startswith("The main container port reopened")


def write_corpus(tmp_path: Path) -> str:
    lines = [
        json.dumps({"id": "first", "text": ARTICLE, "published": "2024-10-29"}),
        "{not json",
        json.dumps({"id": "second", "html": (DATA / "article.html").read_text(encoding="utf-8")}),
        json.dumps({"id": "third"}),
        json.dumps({"id": "fourth", "text": "Officials said nothing else."}),
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.slow
def test_corpus_keeps_good_lines_and_fails_at_the_end(capsys, tmp_path):
    code, out, err = run(capsys, "extract", write_corpus(tmp_path))
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["article"]["id"] for r in records] == ["first", "second", "fourth"]
    assert records[0]["article"]["published"] == "2024-10-29"
    assert records[1]["article"]["outlet"] == "Harbor Daily"
    assert "Traceback" not in err
    assert err.splitlines() == [
        "claimledger: line 2: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        'claimledger: line 4: the line has neither "text" nor "html"',
        "claimledger: error: 2 of 5 lines failed",
    ]


@pytest.mark.slow
def test_an_article_a_stage_fails_on_keeps_its_record_and_the_rest_go_on(capsys, monkeypatch, tmp_path):
    from claimledger.components.attributions import AttributionFinder

    find = AttributionFinder.find

    def fails_on_boom(self, doc):
        if "boom" in doc.text:
            raise IndexError("span ends before it starts")
        return find(self, doc)

    monkeypatch.setattr(AttributionFinder, "find", fails_on_boom)
    monkeypatch.delenv("CLAIMLEDGER_TRACEBACK", raising=False)
    texts = {"one": ARTICLE, "two": "The mayor said the boom was loud.", "three": ARTICLE}
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"id": key, "text": text}) for key, text in texts.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "extract", str(path))
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["article"]["id"] for r in records] == ["one", "two", "three"]
    assert [len(r["attributions"]) for r in records] == [1, 0, 1]
    assert records[1]["article"]["text"] == texts["two"]
    assert code == 1 and "Traceback" not in err
    first, last = err.splitlines()
    assert first.startswith("claimledger: article 'two': internal error: IndexError: span ends before it")
    assert last == "claimledger: error: 1 of 3 lines failed"


@pytest.mark.slow
def test_corpus_as_one_json_array(capsys, tmp_path):
    code, out, _ = run(
        capsys, "extract", write_corpus(tmp_path), "--format", "json", "--published", "2020-01-01"
    )
    assert code == 1
    records = json.loads(out)
    assert [r["article"]["id"] for r in records] == ["first", "second", "fourth"]
    # --published fills in only what a line leaves out.
    assert [r["article"]["published"] for r in records] == ["2024-10-29", "2024-03-05", "2020-01-01"]


@pytest.mark.slow
def test_unknown_model(capsys, article):
    code, out, err = run(capsys, "extract", article, "--model", "xx_no_such_pipeline")
    assert code == 1
    assert out == ""
    assert error_line(err).startswith(
        "claimledger: error: spaCy pipeline xx_no_such_pipeline is not installed"
    )


@pytest.mark.slow
def test_installed_command_reads_stdin():
    command = Path(sys.executable).with_name("claimledger")
    done = subprocess.run(
        [str(command), "extract", "-", "--format", "jsonl", "--published", "2024-10-29"],
        input=ARTICLE.encode(),
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    [line] = done.stdout.decode().splitlines()
    record = json.loads(line)
    assert record["article"]["text"] == ARTICLE.replace("\r\n", "\n")
    assert record["article"]["published"] == "2024-10-29"


def test_installed_command_fails_cleanly_on_a_directory(tmp_path):
    command = Path(sys.executable).with_name("claimledger")
    done = subprocess.run(
        [str(command), "extract", str(tmp_path)], capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 1
    assert done.stderr.decode() == f"claimledger: error: {tmp_path} is a directory, not a file\n"


def test_a_bug_is_one_line_asking_for_a_report_not_a_traceback(capsys, monkeypatch, tmp_path):
    def broken(args):
        raise IndexError("span ends before it starts")

    monkeypatch.setattr("claimledger.cli.extract.run_extract", broken)
    monkeypatch.delenv("CLAIMLEDGER_TRACEBACK", raising=False)
    (tmp_path / "a.txt").write_text("The minister said the talks failed.")
    code = main(["extract", str(tmp_path / "a.txt")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "internal error: IndexError: span ends before it starts" in err and "please report it" in err
    monkeypatch.setenv("CLAIMLEDGER_TRACEBACK", "1")
    with pytest.raises(IndexError):
        main(["extract", str(tmp_path / "a.txt")])
