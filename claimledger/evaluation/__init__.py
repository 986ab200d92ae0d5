"""The project's own evaluation: claimledger's accuracy on public corpora in their standard formats.

One entry point per format; each runs an Extractor over the data and returns a Report."""

from claimledger.evaluation.newsquant import evaluate_newsquant
from claimledger.evaluation.polnear import evaluate_polnear
from claimledger.evaluation.reference import evaluate_references
from claimledger.evaluation.report import COLUMNS, Progress, Report
from claimledger.evaluation.timeml import evaluate_timeml

__all__ = [
    "COLUMNS",
    "Progress",
    "Report",
    "evaluate_newsquant",
    "evaluate_polnear",
    "evaluate_references",
    "evaluate_timeml",
]
