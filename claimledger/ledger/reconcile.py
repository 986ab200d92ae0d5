"""Figure reconciliation: estimates of one quantity from many sources, compared, never averaged.

Figures measure the same quantity (a question) when they share a unit, whose counted things
they are (owner) and where (place): "North Korea: troops in Russia". Following ACLED's
conventions, each source's estimates are kept apart, a vague count stands for its floor ("dozens"
is at least 24), the conservative (lowest) figure is reported, and sources whose intervals do
not overlap are recorded as conflicting.
"""

from __future__ import annotations

import math
from collections import defaultdict
from itertools import combinations

from claimledger.ledger.store import Ledger
from claimledger.ledger.write import short_hash
from claimledger.vocab.ledger import NOT_COUNTED, UNIT_SYNONYMS

# "about 10,000" is read as 9,000 to 11,000: wide enough that "about 10,000" and "10,500" agree.
APPROXIMATE_TOLERANCE = 0.1


def canonical_unit(unit: str) -> str:
    unit = unit.casefold().strip()
    return UNIT_SYNONYMS.get(unit, unit)


def plural(unit: str) -> str:
    return unit if unit.endswith(("s", "people")) or unit.isupper() else f"{unit}s"


def reconcile(ledger: Ledger) -> int:
    """Rebuild the questions and each figure's question from all figures; returns the number of
    questions. One transaction, so a crash leaves the previous questions in place."""
    figures = ledger.rows(
        "SELECT id, unit, owner, place, counted FROM figures WHERE unit IS NOT NULL "
        "AND (owner IS NOT NULL OR place IS NOT NULL) "
        "AND (value IS NOT NULL OR low IS NOT NULL OR high IS NOT NULL) ORDER BY rowid"
    )
    names = {row["id"]: row["name"] for row in ledger.rows("SELECT id, name FROM entities")}
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for figure in figures:
        unit = canonical_unit(figure["unit"])
        if unit not in NOT_COUNTED:
            groups[unit, figure["owner"]].append(figure)
    questions: dict[str, dict] = {}
    assignments = []
    for (unit, owner), members in groups.items():
        places = {figure["place"] for figure in members if figure["place"]}
        for figure in members:
            # Figures that name no place join the group's one place; with several, they stay apart.
            place = figure["place"] or (next(iter(places)) if len(places) == 1 and owner else None)
            question = short_hash("question", unit, owner, place)
            entry = questions.setdefault(
                question, {"unit": unit, "owner": owner, "place": place, "counted": set()}
            )
            entry["counted"].add((figure["counted"] or "").casefold())
            assignments.append((question, figure["id"]))
    aliases = entity_aliases(ledger)
    with ledger.transaction():
        ledger.execute("UPDATE figures SET question = NULL WHERE question IS NOT NULL")
        ledger.execute("DELETE FROM questions")
        for question, entry in questions.items():
            title = question_title(entry, names)
            # The counted phrases sorted: a set's order changes from one process to the next.
            terms = " ".join(
                [
                    title,
                    *aliases.get(entry["owner"], []),
                    *aliases.get(entry["place"], []),
                    *sorted(entry["counted"]),
                ]
            )
            ledger.insert(
                "questions",
                {
                    "id": question,
                    "title": title,
                    "terms": terms.casefold(),
                    "unit": entry["unit"],
                    "owner": entry["owner"],
                    "place": entry["place"],
                    "estimates": 0,
                    "sources": 0,
                },
            )
        ledger.db.executemany("UPDATE figures SET question = ? WHERE id = ?", assignments)
        # Near-copies of an article are not independent: their estimates are not counted again.
        ledger.execute(
            "UPDATE questions SET (estimates, sources) = (SELECT COUNT(*), "
            "COUNT(DISTINCT COALESCE(t.source_entity, t.source, a.outlet, a.id)) "
            "FROM figures f JOIN articles a ON a.id = f.article "
            "LEFT JOIN attributions t ON t.id = f.attribution "
            "WHERE f.question = questions.id AND a.duplicate_of IS NULL)"
        )
    return len(questions)


def entity_aliases(ledger: Ledger) -> dict[str, list[str]]:
    aliases: dict[str, list[str]] = defaultdict(list)
    for row in ledger.rows("SELECT entity, alias FROM entity_aliases"):
        aliases[row["entity"]].append(row["alias"])
    return aliases


def question_title(entry: dict, names: dict[str, str]) -> str:
    what = plural(entry["unit"])
    if entry["place"]:
        what = f"{what} in {names[entry['place']]}"
    return f"{names[entry['owner']]}: {what}" if entry["owner"] else what


def interval(
    value: float | None, low: float | None, high: float | None, approximate: bool
) -> tuple[float, float]:
    """The numbers a figure allows: 'up to 12,000' is 0..12,000, 'nearly 30,000' 27,000..30,000,
    'more than 100' 100..inf, 'about 10,000' 9,000..11,000, 'dozens' 24..inf."""
    if value is None:
        return (low or 0.0, high if high is not None else math.inf)
    if low is None and high is not None:
        return (value * (1 - APPROXIMATE_TOLERANCE) if approximate else 0.0, high)
    if high is None and low is not None:
        return (low, math.inf)
    if low is not None and high is not None:
        return (low, high)
    if approximate:
        return (value * (1 - APPROXIMATE_TOLERANCE), value * (1 + APPROXIMATE_TOLERANCE))
    return (value, value)


def point(estimate: dict) -> float:
    """The number an estimate is reported as: its value, or for a vague count its floor."""
    return estimate["value"] if estimate["value"] is not None else (estimate["low"] or 0.0)


def question_report(ledger: Ledger, question: dict) -> dict:
    """Every estimate of one question with its source and date, and how the sources compare."""
    estimates = ledger.rows(
        "SELECT f.id AS figure, f.text, f.value, f.low, f.high, f.approximate, "
        "COALESCE(e.name, t.source, a.outlet, 'the article') AS source, t.certainty, t.polarity, "
        "COALESCE(t.said_on, a.published) AS said_on, f.article, a.title AS article_title, a.url "
        "FROM figures f JOIN articles a ON a.id = f.article "
        "LEFT JOIN attributions t ON t.id = f.attribution LEFT JOIN entities e ON e.id = t.source_entity "
        "WHERE f.question = ? AND a.duplicate_of IS NULL "
        "ORDER BY said_on IS NULL, said_on, a.rowid, f.start",
        (question["id"],),
    )
    by_source: dict[str, list[dict]] = defaultdict(list)
    for estimate in estimates:
        low, high = interval(
            estimate["value"], estimate["low"], estimate["high"], bool(estimate["approximate"])
        )
        estimate["approximate"] = bool(estimate["approximate"])
        estimate["interval"] = [low, None if math.isinf(high) else high]
        by_source[estimate["source"]].append(estimate)
    sources = [source_summary(name, own) for name, own in by_source.items()]
    agree, conflict = compare(by_source)
    points = [point(estimate) for estimate in estimates]
    return {
        **question,
        "estimates": estimates,
        "range": {"low": min(points), "high": max(points)} if points else None,
        "sources": sources,
        "agree": agree,
        "conflict": conflict,
        "movement": movement(estimates),
    }


def source_summary(name: str, own: list[dict]) -> dict:
    latest = own[-1]  # estimates come in the order they were said
    return {
        "source": name,
        "estimates": len(own),
        "conservative": min(point(estimate) for estimate in own),
        "latest": point(latest),
        "latest_text": latest["text"],
        "latest_said_on": latest["said_on"],
        "certainty": latest["certainty"],
    }


def compare(by_source: dict[str, list[dict]]) -> tuple[list[list[str]], list[list[str]]]:
    """Pairs of sources whose latest estimates overlap (agree) or do not (conflict)."""
    agree, conflict = [], []
    for (first, a), (second, b) in combinations(by_source.items(), 2):
        low_a, high_a = a[-1]["interval"]
        low_b, high_b = b[-1]["interval"]
        overlaps = low_a <= (high_b if high_b is not None else math.inf) and low_b <= (
            high_a if high_a is not None else math.inf
        )
        (agree if overlaps else conflict).append([first, second])
    return agree, conflict


def movement(estimates: list[dict]) -> list[dict]:
    """The estimate as it changed over time: each dated estimate that differs from the one before."""
    steps: list[dict] = []
    for estimate in estimates:
        value = point(estimate)
        if estimate["said_on"] and (not steps or steps[-1]["value"] != value):
            steps.append({"said_on": estimate["said_on"], "source": estimate["source"], "value": value})
    return steps
