"""The fuzzer's findings replayed, and a short fuzzing run on every test run.

CLAIMLEDGER_FUZZ_SECONDS sets the run's budget (default 60); a longer hunt is the harness itself,
see tests/fuzz/fuzz_extract.py and docs/reliability.md.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.fuzz.fuzz_extract import FUZZ, REPO, check_input

pytestmark = pytest.mark.slow

SEEDS = FUZZ / "seeds"
CRASHES = FUZZ / "crashes"  # every input that once crashed extraction or broke the record contract
FUZZ_SECONDS = int(os.environ.get("CLAIMLEDGER_FUZZ_SECONDS", "60"))


@pytest.fixture(scope="module")
def extractor():
    from claimledger.extraction import Extractor

    return Extractor()


@pytest.mark.parametrize(
    "path", sorted([*CRASHES.iterdir(), *SEEDS.iterdir()]), ids=lambda path: f"{path.parent.name}/{path.name}"
)
def test_found_inputs_hold_the_contract(extractor, path):
    check_input(extractor, path.read_bytes())


def test_fuzzing_budget_finds_no_crash(tmp_path):
    corpus = tmp_path / "corpus"  # new inputs go here, not into the committed seeds
    corpus.mkdir()
    done = subprocess.run(
        [
            sys.executable,
            str(FUZZ / "fuzz_extract.py"),
            f"-max_total_time={FUZZ_SECONDS}",
            f"-artifact_prefix={tmp_path}/",
            "-print_final_stats=1",
            str(corpus),
            str(SEEDS),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=FUZZ_SECONDS + 300,
        check=False,
    )
    crashes = sorted(path.name for path in tmp_path.glob("crash-*"))
    assert done.returncode == 0 and not crashes, (
        f"the fuzzer found {crashes}: copy them from {tmp_path} into {CRASHES}\n{done.stderr[-6000:]}"
    )
    runs = re.search(r"Done (\d+) runs", done.stderr)
    assert runs and int(runs[1]) > len(list(SEEDS.iterdir())), done.stderr[-2000:]
