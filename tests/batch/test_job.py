"""Batch runs on the local engine with the recorded extractor: reruns skip finished shards, and a
worker that dies mid-run loses only its shards, which the next run does.

The workers get the recorded extractor through a patched `local.Extractor`, which they inherit
because the process pool forks them (Linux's default start method on Python 3.11 to 3.13)."""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from claimledger.batch import batch, local
from claimledger.errors import ClaimLedgerError
from tests.batch.conftest import Recorded, fixture_rows, write_jsonl


class DiesOnce(Recorded):
    """Exits its process, as a killed worker would, on the first article it sees that a flag file
    has not yet been created for."""

    def __init__(self, flag: Path, victim: str):
        super().__init__()
        self.flag, self.victim = flag, victim

    def extract_many(self, articles):
        for text, meta in articles:
            if meta.id == self.victim and not self.flag.exists():
                self.flag.touch()
                os._exit(1)
            yield from super().extract_many([(text, meta)])


@pytest.fixture
def corpus(tmp_path) -> str:
    return str(write_jsonl(tmp_path / "corpus.jsonl", fixture_rows()))


def test_a_rerun_skips_finished_shards(tmp_path, corpus, monkeypatch):
    monkeypatch.setattr(local, "Extractor", lambda model: Recorded())
    first = batch([corpus], str(tmp_path / "out"), workers=2, shard_rows=2)
    assert (first.shards, first.done, first.skipped, first.articles, first.error) == (4, 4, 0, 7, None)
    assert sum(len(sizes) for sizes in first.memory.values()) == 4
    second = batch([corpus], str(tmp_path / "out"), workers=2, shard_rows=2)
    assert (second.done, second.skipped, second.articles) == (0, 4, 0)


def test_a_dead_worker_loses_its_shards_and_a_rerun_does_only_those(tmp_path, corpus, monkeypatch):
    flag, victim = tmp_path / "died", fixture_rows()[5]["id"]
    monkeypatch.setattr(local, "Extractor", lambda model: DiesOnce(flag, victim))
    out = tmp_path / "out"
    first = batch([corpus], str(out), workers=2, shard_rows=1)
    assert flag.exists() and first.error and "a worker process died" in first.error
    assert "run the same command again" in first.error and first.done < first.shards
    second = batch([corpus], str(out), workers=2, shard_rows=1)
    # a shard the other worker was finishing as the pool broke may be written yet not counted
    assert second.error is None and second.skipped >= first.done
    assert second.skipped + second.done == first.shards  # no shard done twice, none left out
    articles = pq.read_table(out / "articles").column("external_id").to_pylist()
    assert sorted(articles) == sorted(row["id"] for row in fixture_rows())


def test_bad_settings_are_clear_errors(tmp_path, corpus):
    with pytest.raises(ClaimLedgerError, match="unknown engine"):
        batch([corpus], str(tmp_path), engine="spark")
    with pytest.raises(ClaimLedgerError, match="at least 1"):
        batch([corpus], str(tmp_path), workers=0)


def test_the_ray_engine_without_ray_says_how_to_install_it(monkeypatch):
    from claimledger.batch import ray_data

    monkeypatch.setitem(__import__("sys").modules, "ray", None)
    with pytest.raises(ClaimLedgerError, match=r"pip install 'claimledger\[ray\]'"):
        ray_data.connect(1)
