"""`claimledger evaluate` over the tiny corpora of tests/data/evaluation: a table, --json, clean errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.cli import main

DATA = Path(__file__).parent.parent / "data" / "evaluation"


@pytest.mark.slow
@pytest.mark.parametrize(
    "dataset, path, row, metric",
    [
        ("polnear", DATA / "polnear", "content_tok", "content_tok_f1"),
        ("timeml", DATA / "timeml", "strict", "value_f1"),
        ("newsquant", DATA / "newsquant.json", "value_change", "value_f1"),
        ("gold", DATA / "reference", "attr_r", "attr_r"),
    ],
)
def test_every_dataset_prints_a_table_and_writes_json(capsys, tmp_path, dataset, path, row, metric):
    out_json = tmp_path / "metrics.json"
    code = main(["evaluate", dataset, str(path), "--json", str(out_json)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert row in out
    written = json.loads(out_json.read_text())
    assert written["dataset"] and metric in written["metrics"]
    assert written["counts"]


def test_a_missing_corpus_is_one_error_line(capsys, tmp_path):
    code = main(["evaluate", "timeml", str(tmp_path / "nowhere")])
    _, err = capsys.readouterr()
    assert code == 1
    assert err.startswith("claimledger: error:") and "Traceback" not in err


def test_unknown_dataset_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["evaluate", "conll", "x"])
    assert exit_.value.code == 2
