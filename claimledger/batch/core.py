"""The one step both engines run: a batch of input rows in, the ledger's rows per table out.

It depends on nothing but its arguments (the extraction time is passed in, not read from the
clock), so the local and the Ray engine give the same rows for the same input. Rows are built
by the ledger's own RecordRows, so a batch table has the ledger table's columns; what only a
ledger can know (an earlier version at the same place, near-duplicates, which known entity a
new name is) is left to `claimledger ingest --from-parquet`, which replays each article's
record (the `record` column) through the ledger's writer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from claimledger.errors import ClaimLedgerError
from claimledger.extraction import Extractor
from claimledger.inputs import Article, from_row
from claimledger.ledger.ingest import extract_chunk
from claimledger.ledger.write import RecordRows

TABLES = ("articles", "entities", "attributions", "figures", "times")


@dataclass
class Output:
    tables: dict[str, list[dict]] = field(default_factory=lambda: {table: [] for table in TABLES})
    failed: list[dict] = field(default_factory=list)  # {"id", "where", "reason"}


def process(extractor: Extractor, rows: Iterable[dict], extracted: str) -> Output:
    """The rows of every article in `rows`; a row that is not an article, or whose extraction
    fails, is named in `failed` and the others go on."""
    output = Output()
    articles: list[tuple[Article, dict]] = []
    for row in rows:
        try:
            if "error" in row:
                raise ClaimLedgerError(row["error"])
            articles.append((from_row(row), row))
        except ClaimLedgerError as error:
            output.failed.append(failure(row, str(error)))
    # Strings the parse adds to the vocabulary are freed when the zone ends, so a worker that reads
    # millions of articles keeps the memory it had after the first batches (spaCy 3.8).
    with extractor.nlp.memory_zone():
        results = extract_chunk(extractor, [article for article, _ in articles])
        for (article, row), result in zip(articles, results, strict=True):
            if isinstance(result, str):
                output.failed.append(failure(row, result))
                continue
            result["external_id"] = article.meta.id
            result["provenance"]["extracted"] = extracted
            add_rows(output.tables, result, row.get("location"))
    return output


def add_rows(tables: dict[str, list[dict]], record: dict, location: str | None) -> None:
    built = RecordRows(record, store_text=True)
    rows = built.rows()
    # The record without its text (the articles row holds that), for the ledger to replay.
    replay = {**record, "article": {**record["article"], "text": None}}
    tables["articles"].append(
        {**built.article_row(), "location": location, "record": json.dumps(replay, ensure_ascii=False)}
    )
    tables["entities"] += [{**entity, "article": built.article} for entity in rows["entities"]]
    for table in ("attributions", "figures", "times"):
        tables[table] += rows[table]


def failure(row: dict, reason: str) -> dict:
    return {
        "id": None if row.get("id") is None else str(row["id"]),
        "where": row.get("where"),
        "reason": reason,
    }
