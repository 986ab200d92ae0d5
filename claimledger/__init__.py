"""claimledger: a ledger of who claims what in news reports."""

from __future__ import annotations

__version__ = "0.1.0"

from claimledger.extraction import Extractor, extract  # noqa: E402

__all__ = ["Extractor", "extract", "__version__"]
