"""Coverage-guided fuzzing of extraction with atheris (libFuzzer): any input, no crash, a sound record.

    .venv/bin/python tests/fuzz/fuzz_extract.py -max_total_time=600 /tmp/fuzz-corpus tests/fuzz/seeds

Every libFuzzer option works (-max_total_time, -runs, -max_len, -jobs); new inputs go to the first
folder named. An input that crashes extraction or breaks the record contract (check_record in
tests/test_invariants.py) is written as crash-<sha1>: copy it into tests/fuzz/crashes/, where
tests/fuzz/test_fuzz.py replays it on every test run, and fix the library.

An input is a publication date (its first byte picks one from PUBLISHED) and UTF-8 text (the rest,
undecodable bytes replaced), so the seeds are readable and the mutations reach the text.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Relative times resolve against these, calendar edges included; None leaves them unresolved.
PUBLISHED = [
    None,
    dt.date(2024, 10, 29),
    dt.date(2024, 2, 29),
    dt.date(2024, 12, 31),
    dt.date(2025, 1, 1),
    dt.date(1, 1, 1),
    dt.date(9999, 12, 31),
]
MAX_LEN = 8192  # bytes per input unless -max_len says otherwise: room for a long sentence
FUZZ = Path(__file__).resolve().parent
DICTIONARY = FUZZ / "extract.dict"  # words and marks that steer extraction: cues, quotes, numbers, dates


def decode_input(data: bytes) -> tuple[str, dt.date | None]:
    """The text and publication date an input stands for."""
    published = PUBLISHED[data[0] % len(PUBLISHED)] if data else None
    return data[1:].decode("utf-8", errors="replace"), published


def check_input(extractor, data: bytes) -> None:
    """Extract the input's text and hold its record to the contract; raises on any failure."""
    from claimledger.record import ArticleMeta
    from tests.test_invariants import check_record

    text, published = decode_input(data)
    check_record(extractor.extract(text, ArticleMeta(published=published)), text)


def main(argv: list[str]) -> None:
    import atheris

    sys.path.insert(0, str(REPO))
    # Coverage is traced in claimledger's own code only: spaCy's is large, compiled, and not ours.
    with atheris.instrument_imports(include=["claimledger"]):
        from claimledger.extraction import Extractor

    extractor = Extractor()
    defaults = {"-max_len=": str(MAX_LEN), "-dict=": str(DICTIONARY)}
    argv = [
        *argv,
        *(flag + value for flag, value in defaults.items() if not any(a.startswith(flag) for a in argv)),
    ]
    atheris.Setup(argv, lambda data: check_input(extractor, data))
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
