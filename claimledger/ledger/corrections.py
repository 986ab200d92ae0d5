"""Reviewers' corrections: accept, edit or reject an attribution or a figure; merge or split entities.

Corrections live in their own table, apart from extraction output, and are applied when the
ledger is read. An attribution or figure correction is anchored to its article and character
span, not to the row the extractor wrote, so it still applies after the article is extracted
again (another model, a fixed bug) and its local ids have shifted. The latest correction of an
anchor wins; earlier ones stay as history.
"""

from __future__ import annotations

import json

from claimledger.errors import ClaimLedgerError
from claimledger.ledger.store import Ledger
from claimledger.ledger.write import now

ACTIONS = {
    "attribution": ("accept", "edit", "reject"),
    "figure": ("accept", "edit", "reject"),
    "entity": ("merge", "split"),
}
# What an edit may change, and the values each field allows (None: any text).
EDITABLE = {
    "attribution": {
        "source": None,
        "cue": None,
        "certainty": ("certain", "probable", "possible", "unknown"),
        "polarity": ("affirmed", "denied"),
        "stance": ("neutral", "distanced"),
        "kind": ("direct", "indirect", "mixed"),
    },
    "figure": {"value": float, "low": float, "high": float, "unit": None},
}
ANCHORS = {
    "attribution": 'SELECT article, content_start AS start, content_end AS "end" '
    "FROM attributions WHERE id = ?",
    "figure": 'SELECT article, start, "end" FROM figures WHERE id = ?',
    "entity": 'SELECT NULL AS article, NULL AS start, NULL AS "end" FROM entities WHERE id = ?',
}
MAX_NOTE = 2000


def correct(
    ledger: Ledger,
    target_type: str,
    target: str,
    action: str,
    *,
    author: str,
    changes: dict | None = None,
    note: str | None = None,
) -> dict:
    """Record one correction and return it; ClaimLedgerError names what is wrong with it."""
    if target_type not in ACTIONS:
        raise ClaimLedgerError(f"cannot correct a {target_type!r}: use one of {', '.join(ACTIONS)}")
    if action not in ACTIONS[target_type]:
        raise ClaimLedgerError(
            f"cannot {action!r} a {target_type}: use one of {', '.join(ACTIONS[target_type])}"
        )
    if not author.strip():
        raise ClaimLedgerError("a correction needs an author: say who made it")
    anchor = ledger.rows(ANCHORS[target_type], (target,))
    if not anchor:
        raise ClaimLedgerError(f"no {target_type} {target!r} in the ledger")
    checked = check_changes(ledger, target_type, target, action, changes or {})
    row = {
        "target_type": target_type,
        "target": target,
        **anchor[0],
        "action": action,
        "changes": json.dumps(checked, ensure_ascii=False),
        "note": (note or "")[:MAX_NOTE] or None,
        "author": author.strip()[:200],
        "made": now(),
    }
    with ledger.transaction():
        row["id"] = ledger.execute(
            'INSERT INTO corrections (target_type, target, article, start, "end", action, changes, note, '
            "author, made) VALUES (:target_type, :target, :article, :start, :end, :action, :changes, "
            ":note, :author, :made)",
            row,
        ).lastrowid
    return row | {"changes": checked}


def check_changes(ledger: Ledger, target_type: str, target: str, action: str, changes: dict) -> dict:
    if action == "merge":
        into = changes.get("into")
        if not into or into == target or not ledger.value("SELECT 1 FROM entities WHERE id = ?", (into,)):
            raise ClaimLedgerError("a merge needs 'into': the id of another entity in the ledger")
        return {"into": into}
    if action == "split":
        name = str(changes.get("name") or "").strip()
        aliases = [str(alias) for alias in changes.get("aliases") or []]
        if not name or not aliases:
            raise ClaimLedgerError("a split needs 'name' (the new entity) and 'aliases' (the names it takes)")
        return {"name": name, "aliases": aliases}
    if action != "edit":
        return {}
    allowed = EDITABLE[target_type]
    unknown = set(changes) - set(allowed)
    if unknown or not changes:
        raise ClaimLedgerError(
            f"an edit of a {target_type} changes some of: {', '.join(allowed)} "
            f"(got {', '.join(changes) or 'none'})"
        )
    checked: dict = {}
    for field, value in changes.items():
        rule = allowed[field]
        if rule is float:
            try:
                checked[field] = None if value in (None, "") else float(value)
            except (TypeError, ValueError):
                raise ClaimLedgerError(f"{field} must be a number, not {value!r}") from None
        elif rule is None:
            checked[field] = None if value in (None, "") else str(value)[:500]
        elif value not in rule:
            raise ClaimLedgerError(f"{field} must be one of {', '.join(rule)}, not {value!r}")
        else:
            checked[field] = value
    return checked


def corrections(
    ledger: Ledger,
    *,
    article: str | None = None,
    target_type: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict]:
    """Corrections, newest first, with their changes decoded."""
    where, params = [], []
    if article is not None:
        where.append("article = ?")
        params.append(article)
    if target_type is not None:
        where.append("target_type = ?")
        params.append(target_type)
    condition = f"WHERE {' AND '.join(where)}" if where else ""
    rows = ledger.rows(
        f'SELECT id, target_type, target, article, start, "end", action, changes, note, author, made '
        f"FROM corrections {condition} ORDER BY id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    for row in rows:
        row["changes"] = json.loads(row["changes"])
    return rows


def latest_by_span(ledger: Ledger, article: str, target_type: str) -> dict[tuple[int, int], dict]:
    """The correction in force for each span of an article: the latest one made."""
    latest: dict[tuple[int, int], dict] = {}
    for row in reversed(corrections(ledger, article=article, target_type=target_type, limit=-1)):
        latest[row["start"], row["end"]] = row
    return latest


def apply(
    ledger: Ledger, article: str, target_type: str, rows: list[dict], span: tuple[str, str]
) -> list[dict]:
    """Rows of one article (attributions or figures) as reviewed: each gains `review` (the correction
    in force: action, author, made, note, changes, or None) and an edit's fields replace the
    extractor's, which stay under `extracted`."""
    latest = latest_by_span(ledger, article, target_type)
    for row in rows:
        review = latest.get((row[span[0]], row[span[1]]))
        row["review"] = review and {
            k: review[k] for k in ("id", "action", "changes", "note", "author", "made")
        }
        if review and review["action"] == "edit":
            row["extracted"] = {field: row.get(field) for field in review["changes"]}
            row.update(review["changes"])
    return rows


def entity_corrections(ledger: Ledger) -> dict[str, dict]:
    """The correction in force for each corrected entity: the latest one made."""
    return {row["target"]: row for row in reversed(corrections(ledger, target_type="entity", limit=-1))}


def entity_merges(ledger: Ledger) -> dict[str, str]:
    """Each merged entity's surviving entity, following chains (a into b, b into c: a into c)."""
    merged = {
        entity: row["changes"]["into"]
        for entity, row in entity_corrections(ledger).items()
        if row["action"] == "merge"
    }
    resolved = {}
    for entity in merged:
        seen, current = {entity}, merged[entity]
        while current in merged and current not in seen:
            seen.add(current)
            current = merged[current]
        resolved[entity] = current
    return resolved


def entity_splits(ledger: Ledger) -> dict[str, dict]:
    """Each split entity's new entity: {"id": "split-N", "name", "aliases"}, where the names in
    `aliases` now stand for the new entity and no longer for the old one."""
    return {
        entity: {"id": f"split-{row['id']}", **row["changes"]}
        for entity, row in entity_corrections(ledger).items()
        if row["action"] == "split"
    }


def figure_reviews(ledger: Ledger, figures: list[str]) -> dict[str, dict]:
    """The correction in force for each of these figures (by figure id), for views that list
    figures across articles, such as a question's estimates."""
    if not figures:
        return {}
    rows = ledger.rows(
        "SELECT f.id AS figure, c.id, c.action, c.changes, c.note, c.author, c.made FROM figures f "
        "JOIN corrections c ON c.target_type = 'figure' AND c.article = f.article AND c.start = f.start "
        f'AND c."end" = f."end" WHERE f.id IN ({", ".join("?" * len(figures))}) ORDER BY c.id',
        figures,
    )
    return {row.pop("figure"): row | {"changes": json.loads(row["changes"])} for row in rows}
