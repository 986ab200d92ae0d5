"""Time-expression accuracy on TimeML files (TimeBank, AQUAINT, TempEval-3).

The article is the text inside <TEXT> with the tags taken out; gold TIMEX3 offsets count in that
text. The document creation time (<DCT>) is the publication date, given to the extractor and not
scored; self-closing TIMEX3 tags span no text and are not gold items.

Metrics, as TempEval-3 defines them (UzZaman et al., SemEval 2013, 4.1):
  strict    predicted spans identical to a gold span
  relaxed   one-to-one matching of overlapping spans, identical spans first, then longer overlaps
  value     relaxed matches whose values are identical (= value accuracy x relaxed F1)
  type_acc  relaxed matches of the same type / relaxed matches
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from claimledger.errors import ClaimLedgerError
from claimledger.evaluation.metrics import Tally, greedy_pairs, percent
from claimledger.evaluation.report import Progress, Report, predict
from claimledger.extraction import Extractor
from claimledger.record import ArticleMeta

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class Timex:
    start: int
    end: int
    type: str
    value: str


@dataclass
class Article:
    id: str
    text: str
    published: dt.date | None
    title: str | None
    timexes: list[Timex]


def evaluate_timeml(data_dir: str | Path, extractor: Extractor, progress: Progress | None = None) -> Report:
    """Run the extractor over every .tml file under `data_dir` (subfolders included)."""
    articles = load_articles(data_dir)
    metas = [(a.text, ArticleMeta(id=a.id, published=a.published, title=a.title)) for a in articles]
    return score_timeml(articles, predict(extractor, metas, progress))


def load_articles(data_dir: str | Path) -> list[Article]:
    paths = sorted(Path(data_dir).rglob("*.tml"))
    if not paths:
        raise ClaimLedgerError(f"no TimeML files (*.tml) under {data_dir}")
    return [parse_tml(path.stem, path.read_text(encoding="utf-8")) for path in paths]


def parse_tml(article_id: str, xml: str) -> Article:
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as error:
        raise ClaimLedgerError(f"{article_id}.tml is not well-formed XML: {error}") from None
    body = root.find("TEXT")
    text, timexes = strip_tags(body) if body is not None else ("", [])
    title = root.find("TITLE")
    return Article(
        article_id,
        text,
        publication_date(root),
        "".join(title.itertext()).strip() or None if title is not None else None,
        sorted(timexes, key=lambda t: (t.start, t.end)),
    )


def strip_tags(body: ET.Element) -> tuple[str, list[Timex]]:
    """The element's text without tags, and where each TIMEX3 in it falls."""
    parts: list[str] = []
    timexes: list[Timex] = []
    length = 0

    def add(text: str | None) -> None:
        nonlocal length
        if text:
            parts.append(text)
            length += len(text)

    def walk(element: ET.Element) -> None:
        start = length
        add(element.text)
        for child in element:
            walk(child)
            add(child.tail)
        if element.tag == "TIMEX3" and length > start:
            timexes.append(Timex(start, length, element.get("type", ""), element.get("value", "").strip()))

    walk(body)
    return "".join(parts), timexes


def publication_date(root: ET.Element) -> dt.date | None:
    dct = root.find("DCT/TIMEX3")
    value = dct.get("value", "") if dct is not None else ""
    return dt.date.fromisoformat(value[:10]) if ISO_DATE.match(value) else None


def score_timeml(articles: list[Article], records: Iterable[dict]) -> Report:
    """Score records (in the order of `articles`) against the gold TIMEX3s."""
    report = Report("timeml")
    strict, relaxed, value = (report.tallies.setdefault(k, Tally()) for k in ("strict", "relaxed", "value"))
    counts = report.counts = dict.fromkeys(("articles", "gold", "predicted", "relaxed", "same_type"), 0)
    for article, record in zip(articles, records, strict=True):
        gold, predicted = article.timexes, record["times"]
        pairs = match_relaxed(gold, predicted)
        identical = {(g.start, g.end) for g in gold} & {(p["start"], p["end"]) for p in predicted}
        strict.add_matches(len(identical), len(predicted), len(gold))
        relaxed.add_matches(len(pairs), len(predicted), len(gold))
        same_value = sum(equal_values(gold[g], predicted[p]) for g, p in pairs)
        value.add_matches(same_value, len(predicted), len(gold))
        counts["articles"] += 1
        counts["gold"] += len(gold)
        counts["predicted"] += len(predicted)
        counts["relaxed"] += len(pairs)
        counts["same_type"] += sum(
            (predicted[p]["type"] or "").upper() == gold[g].type.upper() for g, p in pairs
        )
    report.scores["type_acc"] = percent(counts["same_type"], counts["relaxed"])
    return report


def match_relaxed(gold: list[Timex], predicted: list[dict]) -> list[tuple[int, int]]:
    candidates = []
    for g, timex in enumerate(gold):
        for p, time in enumerate(predicted):
            overlap = min(timex.end, time["end"]) - max(timex.start, time["start"])
            if overlap > 0:
                identical = (timex.start, timex.end) == (time["start"], time["end"])
                candidates.append(((not identical, -overlap), g, p))
    return greedy_pairs(candidates)


def equal_values(gold: Timex, time: dict) -> bool:
    return time["value"] is not None and time["value"].strip() == gold.value
