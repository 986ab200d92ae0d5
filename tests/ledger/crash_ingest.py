"""Ingest the fixture slowly into the ledger named on the command line, to be killed midway."""

from __future__ import annotations

import importlib
import sys

from claimledger.ledger import Ledger, ingest
from tests.ledger.embedders import WordEmbedder
from tests.ledger.recorded import ARTICLES, RecordedExtractor

if __name__ == "__main__":
    # One article extracted (slowly) per write, so that a kill lands in the middle of the run.
    importlib.import_module("claimledger.ledger.ingest").CHUNK = 1
    with Ledger(sys.argv[1]) as ledger:
        ingest(
            ledger,
            [str(ARTICLES)],
            extractor=RecordedExtractor(delay=float(sys.argv[2])),
            embedder=WordEmbedder(),
        )
