"""What an evaluation returns, and the one loop that runs the extractor over a dataset."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from claimledger.errors import ClaimLedgerError
from claimledger.evaluation.metrics import Tally
from claimledger.extraction import Extractor
from claimledger.record import ArticleMeta

# Called after each article with (articles done, articles in all), e.g. to advance a progress bar.
Progress = Callable[[int, int], None]

COLUMNS = ("metric", "P", "R", "F1 / score")


@dataclass
class Report:
    """Every metric of one evaluation, in percent, with the counts behind it.

    `tallies` are the precision/recall/F1 rows; `scores` are single numbers (accuracies, averages),
    None where there was nothing to grade; `counts` are sizes (articles, gold items, predictions)."""

    dataset: str
    tallies: dict[str, Tally] = field(default_factory=dict)
    scores: dict[str, float | None] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def metrics(self) -> dict[str, float | None]:
        """Flat names, e.g. `content_tok_f1`, `linked_src_p`, `type_acc`."""
        flat: dict[str, float | None] = {}
        for name, t in self.tallies.items():
            flat.update({f"{name}_p": t.precision, f"{name}_r": t.recall, f"{name}_f1": t.f1})
        return flat | self.scores

    def rows(self) -> list[tuple[str, str, str, str]]:
        """Table rows under COLUMNS, numbers with one decimal."""
        rows = [(name, fmt(t.precision), fmt(t.recall), fmt(t.f1)) for name, t in self.tallies.items()]
        return rows + [(name, "", "", fmt(value)) for name, value in self.scores.items()]

    def to_json(self) -> dict:
        return {
            "dataset": self.dataset,
            "metrics": self.metrics(),
            "counts": self.counts,
            "tallies": {name: vars(t) for name, t in self.tallies.items()},
        }


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def predict(
    extractor: Extractor, articles: Sequence[tuple[str, ArticleMeta]], progress: Progress | None = None
) -> Iterator[dict]:
    """The extractor's records in input order, reporting progress as they come. Gold offsets count
    in the dataset's text, so a record over another text (line breaks normalized) is refused."""
    for done, ((text, meta), record) in enumerate(
        zip(articles, extractor.extract_many(articles), strict=True), 1
    ):
        if record["article"]["text"] != text:
            raise ClaimLedgerError(
                f"the extractor changed the text of {meta.id} (Windows line breaks?), so its offsets "
                "cannot be compared with the gold ones; convert the dataset to '\\n' line breaks"
            )
        if progress:
            progress(done, len(articles))
        yield record
