"""Search with facets: claims and articles matching words and filters, and how the matches
divide by source, entity, outlet, month and certainty, so a reader can narrow down by clicking.
"""

from __future__ import annotations

import re

from claimledger.errors import ClaimLedgerError
from claimledger.ledger.queries import (
    CERTAINTIES,
    CLAIM_COLUMNS,
    CLAIM_FROM,
    FTS_WORD,
    MENTIONING,
    entity_ids,
    fts_query,
    highlight,
)
from claimledger.ledger.store import Ledger

FILTERS = ("source", "entity", "outlet", "month", "certainty")
FACET_VALUES = 10  # the most frequent values shown per facet
MONTH = re.compile(r"\d{4}-\d{2}")
FACETS = {
    "source": "COALESCE(e.name, t.source)",
    "outlet": "a.outlet",
    "month": "substr(t.said_on, 1, 7)",
    "certainty": "t.certainty",
}


def claim_filter(ledger: Ledger, text: str | None, filters: dict[str, str | None]) -> tuple[str, list]:
    """The WHERE clause (over CLAIM_FROM) and its parameters for words and filters."""
    where, params = [], []
    if text:
        where.append("t.rowid IN (SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH ?)")
        params.append(fts_query(text))
    if filters.get("source"):
        ids = entity_ids(ledger, filters["source"])
        where.append(f"(t.source_entity IN ({', '.join('?' * len(ids))}) OR t.source = ? COLLATE NOCASE)")
        params += [*ids, filters["source"]]
    if filters.get("entity"):
        ids = entity_ids(ledger, filters["entity"])
        where.append(f"t.rowid IN ({MENTIONING.format(marks=', '.join('?' * len(ids)))})")
        params += ids
    if filters.get("outlet"):
        where.append("a.outlet = ?")
        params.append(filters["outlet"])
    if filters.get("month"):
        if not MONTH.fullmatch(filters["month"]):
            raise ClaimLedgerError(f"invalid month {filters['month']!r}: expected YYYY-MM")
        where.append("substr(t.said_on, 1, 7) = ?")
        params.append(filters["month"])
    if filters.get("certainty"):
        if filters["certainty"] not in CERTAINTIES:
            raise ClaimLedgerError(
                f"unknown certainty {filters['certainty']!r}: use one of {', '.join(CERTAINTIES)}"
            )
        where.append("t.certainty = ?")
        params.append(filters["certainty"])
    return (f"WHERE {' AND '.join(where)}" if where else ""), params


def faceted_search(
    ledger: Ledger,
    text: str | None = None,
    *,
    filters: dict[str, str | None] | None = None,
    limit: int = 50,
    offset: int = 0,
    with_facets: bool = True,
) -> dict:
    """{"claims": [...], "articles": [...], "total": n, "facets": {name: [{"value", "count"}]}}:
    claims newest first; articles (by title and text, only when words are given) best first.
    Without with_facets, only the claims: what an API client paging through them needs."""
    filters = {name: (filters or {}).get(name) or None for name in FILTERS}
    condition, params = claim_filter(ledger, text, filters)
    claims = ledger.rows(
        f"SELECT {CLAIM_COLUMNS}, a.outlet {CLAIM_FROM} {condition} "
        "ORDER BY t.said_on DESC, t.rowid DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    if not with_facets:
        return {"claims": claims}
    total = ledger.value(f"SELECT COUNT(*) {CLAIM_FROM} {condition}", params)
    facets = {
        name: ledger.rows(
            f"SELECT {expression} AS value, COUNT(*) AS count {CLAIM_FROM} {condition} "
            f"GROUP BY value HAVING value IS NOT NULL ORDER BY count DESC, value LIMIT {FACET_VALUES}",
            params,
        )
        for name, expression in FACETS.items()
    }
    facets["entity"] = ledger.rows(
        "SELECT x.name AS value, COUNT(DISTINCT t.rowid) AS count "
        f"{CLAIM_FROM} JOIN mentions m ON m.article = t.article AND m.start >= t.content_start "
        f"AND m.start < t.content_end JOIN entities x ON x.id = m.entity {condition} "
        f"GROUP BY x.id ORDER BY count DESC, x.name LIMIT {FACET_VALUES}",
        params,
    )
    articles = matching_articles(ledger, text, filters, limit, offset) if text else []
    if text:
        words = re.compile(r"\b(?:" + "|".join(map(re.escape, FTS_WORD.findall(text))) + r")\w*", re.I)
        for row in claims + articles:
            row["snippet"] = highlight(row.pop("body", None) or row.get("content") or "", words)
    return {"claims": claims, "articles": articles, "total": total, "facets": facets}


def matching_articles(ledger: Ledger, text: str, filters: dict, limit: int, offset: int) -> list[dict]:
    where, params = ["articles_fts MATCH ?"], [fts_query(text)]
    if filters.get("outlet"):
        where.append("a.outlet = ?")
        params.append(filters["outlet"])
    if filters.get("month"):
        where.append("substr(a.published, 1, 7) = ?")
        params.append(filters["month"])
    return ledger.rows(
        "SELECT a.id, a.title, a.url, a.outlet, a.published, COALESCE(a.text, a.title) AS body "
        "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
        f"WHERE {' AND '.join(where)} ORDER BY bm25(articles_fts) LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
