"""Export the ledger for other tools: JSON Lines or CSV per table, Parquet per table and month
and W3C Web Annotations for every attribution and figure.

Rows are streamed from the database, so an export's memory does not grow with the ledger.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from claimledger.cells import csv_cell
from claimledger.errors import ClaimLedgerError
from claimledger.ledger.store import Ledger

FORMATS = ("jsonl", "csv", "parquet", "annotations")
# Tables users want, with the columns worth exporting (signatures and band keys are internal).
TABLES = {
    "articles": "id, title, url, outlet, published, language, external_id, text, content_hash, length, "
    "previous_version, duplicate_of, similarity, extractor, extracted, ingested",
    "locations": "location, article, seen",
    "extractors": "id, name, claimledger, model",
    "entities": "id, name, type",
    "entity_aliases": "entity, alias",
    "mentions": 'entity, article, start, "end", text',
    "attributions": "*",
    "attribution_entities": "*",
    "figures": "*",
    "times": "*",
    "questions": "id, title, unit, owner, place, estimates, sources",
    "corrections": "*",  # reviewers' work, kept apart from extraction output (corrections.py)
    # Claims grouped across sources (grouping.py); vectors and blocking keys are internal.
    "propositions": "id, attribution, title, members, sources, contested",
    "proposition_members": "attribution, proposition, stance, similarity, independent",
}
QUOTE_CONTEXT = 32  # characters of prefix and suffix in a TextQuoteSelector
ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def export(ledger: Ledger, directory: str | Path, *, format: str = "jsonl") -> list[str]:
    """Write the ledger under `directory` in `format`; returns the paths written."""
    if format not in FORMATS:
        raise ClaimLedgerError(f"unknown export format {format!r}: use one of {', '.join(FORMATS)}")
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    if format == "annotations":
        return [write_annotations(ledger, out / "annotations.jsonld")]
    if format == "parquet":
        return write_parquet(ledger, out)
    write = write_jsonl if format == "jsonl" else write_csv
    return [write(ledger, table, out / f"{table}.{format}") for table in TABLES]


def table_rows(ledger: Ledger, table: str) -> Iterator[dict]:
    cursor = ledger.execute(f"SELECT {TABLES[table]} FROM {table} ORDER BY rowid")
    names = [column[0] for column in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def write_jsonl(ledger: Ledger, table: str, path: Path) -> str:
    with path.open("w", encoding="utf-8") as stream:
        for row in table_rows(ledger, table):
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    return str(path)


def write_csv(ledger: Ledger, table: str, path: Path) -> str:
    cursor = ledger.execute(f"SELECT {TABLES[table]} FROM {table} ORDER BY rowid")
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([column[0] for column in cursor.description])
        writer.writerows([csv_cell(value) for value in row] for row in cursor)
    return str(path)


def write_parquet(ledger: Ledger, out: Path) -> list[str]:
    """One dataset per table, partitioned by the publication month of each row's article
    (month=YYYY-MM, month=unknown); tables not tied to an article are one file."""
    import pyarrow as pa  # here, not at the top: only this export needs its start-up cost
    import pyarrow.parquet as pq

    months = {
        row["id"]: (row["published"] or "unknown")[:7]
        for row in ledger.rows("SELECT id, published FROM articles")
    }
    written = []
    for table in TABLES:
        parts: dict[str, list[dict]] = defaultdict(list)
        for row in table_rows(ledger, table):
            article = row["id"] if table == "articles" else row.get("article")
            parts[months.get(article, "unknown") if article or table == "articles" else ""].append(row)
        for month, rows in parts.items():
            folder = out / table / f"month={month}" if month else out / table
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "part-0.parquet"
            pq.write_table(pa.Table.from_pylist(rows), path)
            written.append(str(path))
    return written


def write_annotations(ledger: Ledger, path: Path) -> str:
    """An AnnotationPage with one annotation per attribution and per figure, each targeting its
    span of the article by position and by quote (the quote left out where the text was not kept)."""
    with path.open("w", encoding="utf-8") as stream:
        stream.write(json.dumps({"@context": ANNOTATION_CONTEXT, "type": "AnnotationPage"})[:-1])
        stream.write(', "items": [\n')
        for number, annotation in enumerate(annotations(ledger)):
            stream.write(("" if number == 0 else ",\n") + json.dumps(annotation, ensure_ascii=False))
        stream.write("\n]}\n")
    return str(path)


def annotations(ledger: Ledger) -> Iterator[dict]:
    for article in ledger.execute("SELECT id, url, text FROM articles ORDER BY rowid"):
        target = article["url"] or f"urn:claimledger:article:{article['id']}"
        for claim in ledger.execute(
            "SELECT t.*, e.name AS source_name FROM attributions t "
            "LEFT JOIN entities e ON e.id = t.source_entity WHERE t.article = ? ORDER BY t.rowid",
            (article["id"],),
        ):
            said = f"{claim['source_name'] or claim['source'] or 'unattributed'} {claim['cue'] or 'says'}"
            body = f"{said}: {claim['certainty']}, {claim['polarity']}, {claim['stance']}"
            span = (claim["content_start"], claim["content_end"])
            yield annotation(f"attribution:{claim['id']}", target, article["text"], span, body)
        figures = ledger.execute("SELECT * FROM figures WHERE article = ? ORDER BY rowid", (article["id"],))
        for figure in figures:
            value = figure["value"] if figure["value"] is not None else figure["low"]
            body = f"{value:g} {figure['unit'] or ''}".strip()
            body += f" (low {figure['low']}, high {figure['high']})"
            span = (figure["start"], figure["end"])
            yield annotation(f"figure:{figure['id']}", target, article["text"], span, body)


def annotation(name: str, target: str, text: str | None, span: tuple[int, int], body: str) -> dict:
    start, end = span
    selectors: list[dict] = [{"type": "TextPositionSelector", "start": start, "end": end}]
    if text is not None:
        selectors.append(
            {
                "type": "TextQuoteSelector",
                "exact": text[start:end],
                "prefix": text[max(0, start - QUOTE_CONTEXT) : start],
                "suffix": text[end : end + QUOTE_CONTEXT],
            }
        )
    return {
        "@context": ANNOTATION_CONTEXT,
        "id": f"urn:claimledger:{name}",
        "type": "Annotation",
        "motivation": "describing",
        "body": {"type": "TextualBody", "value": body, "format": "text/plain"},
        "target": {"source": target, "selector": selectors},
    }
