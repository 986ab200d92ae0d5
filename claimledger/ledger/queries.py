"""The questions users ask the ledger, each one function returning plain rows (lists of dicts).

Every query is answered from indexes (source, date, FTS5, question), so it stays fast on a ledger
of hundreds of thousands of attributions; the CLI and a web view only format these rows.
"""

from __future__ import annotations

import datetime as dt
import re

from claimledger.errors import ClaimLedgerError
from claimledger.ledger.reconcile import question_report
from claimledger.ledger.store import Ledger
from claimledger.ledger.write import name_key

CERTAINTIES = ("certain", "probable", "possible", "unknown")
CLAIM_COLUMNS = (
    "t.id, t.said_on, COALESCE(e.name, t.source) AS source, t.cue, t.content, t.certainty, t.stance, "
    "t.polarity, t.kind, t.article, a.title AS article_title, a.published, a.url, a.duplicate_of"
)
CLAIM_FROM = (
    "FROM attributions t JOIN articles a ON a.id = t.article LEFT JOIN entities e ON e.id = t.source_entity"
)
# Attributions whose content mentions one of the entities: from the mentions, by index.
MENTIONING = (
    "SELECT t2.rowid FROM mentions m JOIN attributions t2 ON t2.article = m.article "
    "AND m.start >= t2.content_start AND m.start < t2.content_end WHERE m.entity IN ({marks})"
)
FTS_WORD = re.compile(r"\w+")
SNIPPET_CHARS = 160
# Past this many matches a search is answered newest first instead of by rank (see best_matches).
RANKED_MATCHES = 5000


def entity_ids(ledger: Ledger, name: str) -> list[str]:
    """The entities a user means by a name: canonical names and aliases, ignoring case."""
    key = name_key(name)
    return [
        row["entity"]
        for row in ledger.rows(
            "SELECT entity FROM entity_aliases WHERE key = ? UNION "
            "SELECT id FROM entities WHERE name = ? COLLATE NOCASE",
            (key, name),
        )
    ]


def fts_query(text: str) -> str:
    """User words as an FTS5 query that every word must match (as a prefix), free of FTS syntax."""
    words = FTS_WORD.findall(text)
    if not words:
        raise ClaimLedgerError(f"nothing to search for in {text!r}: give at least one word")
    return " ".join(f'"{word}"*' for word in words)


def iso(value: dt.date | str | None, what: str) -> str | None:
    if value is None or isinstance(value, dt.date):
        return value.isoformat() if value else None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ClaimLedgerError(f"invalid {what} date {value!r}: expected YYYY-MM-DD") from None


def claims(
    ledger: Ledger,
    *,
    source: str | None = None,
    entity: str | None = None,
    text: str | None = None,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    certainty: str | None = None,
    limit: int = 100,
) -> list[dict]:
    """Attributions, newest first, filtered by who said them (source), whom they mention (entity),
    their words (text, full-text), when they were said (since/until, inclusive) and certainty."""
    where, params = [], []
    if source is not None:
        ids = entity_ids(ledger, source)
        if ids:
            where.append(f"t.source_entity IN ({', '.join('?' * len(ids))})")
            params += ids
        else:  # a source the entity stage did not resolve, as written
            where.append("t.source = ? COLLATE NOCASE")
            params.append(source)
    if entity is not None:
        ids = entity_ids(ledger, entity)
        where.append(f"t.rowid IN ({MENTIONING.format(marks=', '.join('?' * len(ids)))})")
        params += ids
    if text is not None:
        where.append("t.rowid IN (SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH ?)")
        params.append(fts_query(text))
    if since is not None:
        where.append("t.said_on >= ?")
        params.append(iso(since, "since"))
    if until is not None:
        where.append("t.said_on <= ?")
        params.append(iso(until, "until"))
    if certainty is not None:
        if certainty not in CERTAINTIES:
            raise ClaimLedgerError(f"unknown certainty {certainty!r}: use one of {', '.join(CERTAINTIES)}")
        where.append("t.certainty = ?")
        params.append(certainty)
    condition = f"WHERE {' AND '.join(where)}" if where else ""
    return ledger.rows(
        f"SELECT {CLAIM_COLUMNS} {CLAIM_FROM} {condition} ORDER BY t.said_on DESC, t.rowid DESC LIMIT ?",
        [*params, limit],
    )


def sources(ledger: Ledger, *, limit: int = 50) -> list[dict]:
    """Who is cited, most first: how often, in how many independent articles (near-copies count
    once), how hedged (share of claims not stated as certain), how often denying or distanced,
    and on what (the entities their claims mention most)."""
    # The most cited first, by the source index alone; then the details of those few.
    rows = ledger.rows(
        "WITH top AS (SELECT source_entity, COUNT(*) AS claims FROM attributions "
        "WHERE source_entity IS NOT NULL GROUP BY source_entity ORDER BY claims DESC, source_entity LIMIT ?) "
        "SELECT e.id AS entity, e.name AS source, e.type, top.claims, "
        "COUNT(DISTINCT COALESCE(a.duplicate_of, a.id)) AS articles, "
        "ROUND(AVG(t.certainty != 'certain'), 3) AS hedged, "
        "SUM(t.certainty = 'probable') AS probable, SUM(t.certainty = 'possible') AS possible, "
        "SUM(t.polarity = 'denied') AS denied, SUM(t.stance = 'distanced') AS distanced, "
        "MIN(t.said_on) AS first_said, MAX(t.said_on) AS last_said "
        "FROM top JOIN attributions t ON t.source_entity = top.source_entity "
        "JOIN entities e ON e.id = top.source_entity JOIN articles a ON a.id = t.article "
        "GROUP BY top.source_entity ORDER BY top.claims DESC, e.name",
        (limit,),
    )
    for row in rows:
        row["topics"] = [
            topic["name"]
            for topic in ledger.rows(
                "SELECT x.name, COUNT(*) AS n FROM attributions t JOIN mentions m ON m.article = t.article "
                "AND m.start >= t.content_start AND m.start < t.content_end "
                "JOIN entities x ON x.id = m.entity "
                "WHERE t.source_entity = ? AND m.entity != ? GROUP BY x.id ORDER BY n DESC, x.name LIMIT 3",
                (row["entity"], row["entity"]),
            )
        ]
    return rows


def figures(ledger: Ledger, *, about: str | None = None, limit: int = 20) -> list[dict]:
    """The reconciled questions (see reconcile.py), those with most sources first; `about` keeps the
    questions whose title, owner, place or counted words contain every word given (by prefix)."""
    where, params = [], []
    for word in FTS_WORD.findall((about or "").casefold()):
        where.append("q.terms LIKE ?")
        params.append(f"%{word[:5]}%")  # "Korean" finds "Korea", "troops" finds "troop"
    condition = f"WHERE {' AND '.join(where)}" if where else ""
    questions = ledger.rows(
        f"SELECT q.id, q.title, q.unit, o.name AS owner, p.name AS place, q.estimates AS estimate_count, "
        f"q.sources AS source_count FROM questions q LEFT JOIN entities o ON o.id = q.owner "
        f"LEFT JOIN entities p ON p.id = q.place {condition} "
        f"ORDER BY q.sources DESC, q.estimates DESC, q.title LIMIT ?",
        [*params, limit],
    )
    return [question_report(ledger, question) for question in questions]


def estimates(ledger: Ledger, *, about: str | None = None, limit: int = 20) -> list[dict]:
    """The estimates of the questions `figures` returns, flat: one row each, with its question
    (for CSV and tables; the per-question comparison is in `figures`)."""
    rows = []
    for question in figures(ledger, about=about, limit=limit):
        for estimate in question["estimates"]:
            low, high = estimate.pop("interval")
            rows.append(
                {"question": question["id"], "question_title": question["title"], **estimate}
                | {"interval_low": low, "interval_high": high}
            )
    return rows


def timeline(ledger: Ledger, subject: str, *, limit: int = 500) -> list[dict]:
    """In date order: the estimates of a question (given by id or title), or else what an entity
    said and what was said about it."""
    question = ledger.rows(
        "SELECT * FROM questions WHERE id = ? OR title = ? COLLATE NOCASE", (subject, subject)
    )
    if question:
        return [
            {
                "said_on": e["said_on"],
                "event": "estimate",
                "source": e["source"],
                "text": e["text"],
                "value": e["value"],
                "certainty": e["certainty"],
                "article": e["article"],
            }
            for e in question_report(ledger, question[0])["estimates"]
        ]
    ids = entity_ids(ledger, subject)
    if not ids:
        raise ClaimLedgerError(f"no entity or figure question called {subject!r} in the ledger")
    marks = ", ".join("?" * len(ids))
    return ledger.rows(
        f"SELECT t.said_on, "
        f"CASE WHEN t.source_entity IN ({marks}) THEN 'said' ELSE 'mentioned' END AS event, "
        f"COALESCE(e.name, t.source) AS source, t.content AS text, t.certainty, t.polarity, t.article "
        f"{CLAIM_FROM} WHERE t.source_entity IN ({marks}) OR t.rowid IN ({MENTIONING.format(marks=marks)}) "
        f"ORDER BY t.said_on IS NULL, t.said_on, t.rowid LIMIT ?",
        [*ids, *ids, *ids, limit],
    )


def search(ledger: Ledger, text: str, *, limit: int = 50) -> list[dict]:
    """Claims and articles whose words match, best first (FTS5 bm25), each with the matching
    passage, words in [brackets]. Only the best `limit` of each are read and highlighted."""
    query = fts_query(text)
    found = ledger.rows(
        f"WITH top AS ({best_matches('attributions_fts', ledger, query)}) "
        "SELECT 'claim' AS kind, t.id, t.article, a.title AS article_title, a.duplicate_of, "
        "t.said_on AS date, COALESCE(e.name, t.source) AS source, t.content AS snippet, top.rank "
        "FROM top JOIN attributions t ON t.rowid = top.rowid JOIN articles a ON a.id = t.article "
        "LEFT JOIN entities e ON e.id = t.source_entity",
        (query, limit),
    )
    found += ledger.rows(
        f"WITH top AS ({best_matches('articles_fts', ledger, query)}) "
        "SELECT 'article' AS kind, a.id, a.id AS article, a.title AS article_title, a.duplicate_of, "
        "a.published AS date, a.outlet AS source, COALESCE(a.text, a.title) AS snippet, top.rank "
        "FROM top JOIN articles a ON a.rowid = top.rowid",
        (query, limit),
    )
    found = sorted(found, key=lambda row: row["rank"])[:limit]
    words = re.compile(r"\b(?:" + "|".join(map(re.escape, FTS_WORD.findall(text))) + r")\w*", re.I)
    for row in found:
        row["snippet"] = highlight(row["snippet"] or "", words)
    return found


def best_matches(table: str, ledger: Ledger, query: str) -> str:
    """The subquery that picks the `limit` best rows of `table` for `query`: by bm25, unless the
    words are so common ("the") that ranking every match would cost more than it tells; then the
    newest rows, which FTS5 reads without visiting the rest."""
    common = ledger.value(
        f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT ?)",
        (query, RANKED_MATCHES + 1),
    )
    if common > RANKED_MATCHES:
        return f"SELECT rowid, 0.0 AS rank FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT ?"
    return f"SELECT rowid, bm25({table}) AS rank FROM {table} WHERE {table} MATCH ? ORDER BY rank LIMIT ?"


def highlight(body: str, words: re.Pattern, width: int = SNIPPET_CHARS) -> str:
    """The passage of `body` around its first matching word, matches in [brackets]."""
    first = words.search(body)
    start = max(0, (first.start() if first else 0) - width // 3)
    end = min(len(body), start + width)
    passage = words.sub(lambda match: f"[{match.group()}]", body[start:end])
    return ("…" if start else "") + passage + ("…" if end < len(body) else "")
