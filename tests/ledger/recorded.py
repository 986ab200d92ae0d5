"""Records of the fixture articles, extracted once by the real pipeline, replayed without a model.

Regenerate after the extractor changes: `.venv/bin/python -m tests.ledger.recorded`.
"""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path

from claimledger.ledger.write import content_hash
from claimledger.record import ArticleMeta

DATA = Path(__file__).resolve().parent.parent / "data" / "ledger"
ARTICLES = DATA / "articles.jsonl"
RECORDS = DATA / "records.jsonl"


class RecordedExtractor:
    """Stands in for claimledger.extraction.Extractor: the stored record of each text, with the
    metadata it is given now, as build_record would write it."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.records = {}
        with RECORDS.open(encoding="utf-8") as stream:
            for line in stream:
                record = json.loads(line)
                self.records[content_hash(record["article"]["text"])] = record

    def extract(self, text: str, meta: ArticleMeta | None = None) -> dict:
        return next(self.extract_many([(text, meta or ArticleMeta())]))

    def extract_many(self, articles):
        for text, meta in articles:
            time.sleep(self.delay)
            record = copy.deepcopy(self.records[content_hash(text)])
            record["article"].update(
                id=meta.id,
                title=meta.title,
                url=meta.url,
                outlet=meta.outlet,
                published=meta.published.isoformat() if meta.published else None,
            )
            yield record


def regenerate() -> None:
    from claimledger.extraction import Extractor
    from claimledger.inputs import read_input

    _, articles = read_input(str(ARTICLES))
    extractor = Extractor()
    with RECORDS.open("w", encoding="utf-8") as stream:
        for record in extractor.extract_many((article.text, article.meta) for article in articles):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    regenerate()
