"""Both engines over the real pipeline: every input format, bad rows named and skipped, and the
Ray engine's rows equal to the local engine's (order aside)."""

from __future__ import annotations

import os
import signal

import pyarrow.parquet as pq
import pytest

from claimledger.batch import batch, output
from claimledger.cli import main
from tests.batch.conftest import fixture_rows, page, read_rows, write_jsonl, write_parquet, write_warc

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    """The seven fixture articles spread over a JSON Lines file, a Parquet file and a WARC file,
    with a malformed row in each of the first two."""
    folder = tmp_path_factory.mktemp("inputs")
    rows = fixture_rows()
    jsonl = write_jsonl(folder / "corpus.jsonl", [*rows[:3], {"id": "bad-type", "text": 5}, "{not json"])
    parquet = write_parquet(folder / "corpus.parquet", [*rows[3:6], {"id": "empty", "title": "No text"}])
    last = rows[6]
    warc = write_warc(
        folder / "crawl.warc.gz",
        [
            ("https://example.org/robots.txt", "200 OK", "text/plain", "User-agent: *"),
            ("https://example.org/story", "200 OK", "text/html", page(last["title"], last["text"])),
        ],
    )
    return [str(jsonl), str(parquet), str(warc)]


@pytest.fixture(scope="module")
def local_run(inputs, tmp_path_factory) -> tuple:
    out = tmp_path_factory.mktemp("local") / "out"
    code = main(["batch", *inputs, "--out", str(out), "--workers", "2", "--shard-rows", "2"])
    return out, code


def test_every_format_is_read_and_bad_rows_are_named_and_skipped(local_run, inputs, capsys):
    out, code = local_run
    assert code == 1  # some rows failed
    articles = pq.read_table(out / "articles").to_pylist()
    ids = {row["external_id"] for row in articles}
    assert {row["id"] for row in fixture_rows()[:6]} <= ids and "https://example.org/story" in ids
    assert len(articles) == 7
    by_id = {row["external_id"]: row for row in articles}
    assert by_id[fixture_rows()[3]["id"]]["published"] == fixture_rows()[3]["published"]  # a Parquet date
    assert by_id["https://example.org/story"]["url"] == "https://example.org/story"
    assert pq.read_table(out / "attributions").num_rows > 0
    failed = [failure for report in output.reports(out) for failure in report["failed"]]
    assert sorted(str(failure["id"]) for failure in failed) == ["None", "bad-type", "empty"]
    rerun = main(["batch", *inputs, "--out", str(out), "--workers", "2", "--shard-rows", "2"])
    assert rerun == 0 and "0 done now, 6 before" in capsys.readouterr().err


def test_the_ray_engine_gives_the_local_engines_rows_though_a_worker_is_killed(
    local_run, ray_session, inputs, tmp_path
):
    """One shard per article this time: the rows do not depend on the cut. The actor that reports
    first is killed while it works on its next shard; Ray restarts it and retries the shard."""
    out, _ = local_run
    killed = []

    def kill_the_first(report: dict) -> None:
        if not killed:
            killed.append(report["worker"]["pid"])
            os.kill(killed[0], signal.SIGKILL)

    summary = batch(
        inputs, str(tmp_path / "ray"), engine="ray", workers=2, shard_rows=1, progress=kill_the_first
    )
    assert killed and summary.error is None
    assert (summary.shards, summary.done, summary.articles, len(summary.failed)) == (10, 10, 7, 3)
    assert read_rows(tmp_path / "ray") == read_rows(out)
