"""Articles as stored: the list, and one article back in the shape of its record.

The ledger keeps each attribution's content span but only the words of its source, cue and
hedges; `article_record` finds those words again next to the content, so a stored article can be
shown highlighted like a freshly extracted one. Ids in the returned record are ledger ids.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from claimledger.ledger.corrections import apply, entity_merges, entity_splits
from claimledger.ledger.store import Ledger
from claimledger.ledger.write import name_key

# How far from its content a source, cue or hedge is looked for.
NEAR_CHARS = 300
ARTICLE_COLUMNS = "a.id, a.title, a.url, a.outlet, a.published, a.language, a.length, a.duplicate_of"


def articles(
    ledger: Ledger,
    *,
    outlet: str | None = None,
    month: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict]:
    """Articles, newest first, with how many claims and figures each holds."""
    where, params = [], []
    if outlet is not None:
        where.append("a.outlet = ?")
        params.append(outlet)
    if month is not None:
        where.append("substr(a.published, 1, 7) = ?")
        params.append(month)
    condition = f"WHERE {' AND '.join(where)}" if where else ""
    return ledger.rows(
        f"SELECT {ARTICLE_COLUMNS}, "
        "(SELECT COUNT(*) FROM attributions t WHERE t.article = a.id) AS attributions, "
        "(SELECT COUNT(*) FROM figures f WHERE f.article = a.id) AS figures "
        f"FROM articles a {condition} ORDER BY a.published IS NULL, a.published DESC, a.rowid DESC "
        "LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


def article_record(ledger: Ledger, article: str) -> dict | None:
    """The stored article as a record (claimledger.article/1 keys) with reviewers' corrections
    applied, or None when the ledger has no such article."""
    found = ledger.rows(f"SELECT {ARTICLE_COLUMNS}, a.text FROM articles a WHERE a.id = ?", (article,))
    if not found:
        return None
    meta = found[0]
    text = meta["text"]
    merges = entity_merges(ledger)
    entities = ledger.rows(
        "SELECT e.id, e.name, e.type, json_group_array(json_object('text', m.text, 'start', m.start, "
        "'end', m.\"end\")) AS mentions FROM mentions m JOIN entities e ON e.id = m.entity "
        "WHERE m.article = ? GROUP BY e.id ORDER BY MIN(m.start)",
        (article,),
    )
    for entity in entities:
        entity["mentions"] = sorted(json.loads(entity["mentions"]), key=lambda m: m["start"])
        entity["merged_into"] = merges.get(entity["id"])
    times = ledger.rows(
        'SELECT id, local_id, text, start, "end", type, value, earliest, latest FROM times '
        "WHERE article = ? ORDER BY start",
        (article,),
    )
    figures = ledger.rows(
        'SELECT f.id, f.local_id, f.text, f.start, f."end", f.value, f.low, f.high, f.approximate, f.unit, '
        "f.counted, f.entity, o.name AS owner, p.name AS place, f.attribution, f.question, "
        "q.title AS question_title FROM figures f LEFT JOIN entities o ON o.id = f.owner "
        "LEFT JOIN entities p ON p.id = f.place LEFT JOIN questions q ON q.id = f.question "
        "WHERE f.article = ? ORDER BY f.start",
        (article,),
    )
    for figure in figures:
        figure["approximate"] = bool(figure["approximate"])
    claims = ledger.rows(
        "SELECT t.id, t.local_id, t.source, t.source_entity, e.name AS source_name, t.cue, t.content, "
        "t.content_start, t.content_end, t.kind, t.parent, t.certainty, t.stance, t.polarity, t.hedges, "
        "t.time, t.said_on FROM attributions t LEFT JOIN entities e ON e.id = t.source_entity "
        "WHERE t.article = ? ORDER BY t.content_start",
        (article,),
    )
    roles = ledger.rows(
        "SELECT r.attribution, r.entity, r.role FROM attribution_entities r "
        "JOIN attributions t ON t.id = r.attribution WHERE t.article = ? ORDER BY r.position",
        (article,),
    )
    claims = apply(ledger, article, "attribution", claims, ("content_start", "content_end"))
    figures = apply(ledger, article, "figure", figures, ("start", "end"))
    reviewed = entity_reviewer(ledger)
    attributions = [as_attribution(claim, text, roles, reviewed) for claim in claims]
    entities += reviewed_entities(ledger, attributions, entities)
    return {
        "article": {key: meta[key] for key in meta},
        "entities": entities,
        "attributions": attributions,
        "figures": figures,
        "times": times,
    }


def entity_reviewer(ledger: Ledger) -> Callable[[str | None, str], str | None]:
    """reviewed(entity, words): the entity reviewers say `words` refer to: a merged entity's
    survivor; a split entity's new one when the words name one of the names split off."""
    merges, splits = entity_merges(ledger), entity_splits(ledger)

    def reviewed(entity: str | None, words: str) -> str | None:
        entity = merges.get(entity or "", entity)
        split = splits.get(entity or "")
        if split and any(name_key(alias) in name_key(words) for alias in split["aliases"]):
            return split["id"]
        return entity

    return reviewed


def reviewed_entities(ledger: Ledger, attributions: list[dict], entities: list[dict]) -> list[dict]:
    """The entities the attributions' sources were moved to by reviewers that the article does
    not mention itself: a merge's survivor, a split's new entity."""
    known = {entity["id"] for entity in entities}
    missing = {(a["source"] or {}).get("entity") for a in attributions} - known - {None}
    splits = {split["id"]: (entity, split) for entity, split in entity_splits(ledger).items()}
    added = []
    for entity_id in sorted(missing):
        if entity_id in splits:
            old, split = splits[entity_id]
            kind = ledger.value("SELECT type FROM entities WHERE id = ?", (old,))
            added.append({"id": entity_id, "name": split["name"], "type": kind, "split_from": old})
        else:
            added += ledger.rows("SELECT id, name, type FROM entities WHERE id = ?", (entity_id,))
    return [entity | {"mentions": [], "merged_into": None} for entity in added]


def as_attribution(
    claim: dict, text: str | None, roles: list[dict], reviewed: Callable[[str | None, str], str | None]
) -> dict:
    start, end = claim["content_start"], claim["content_end"]
    source_entity = claim["source_entity"]
    source = None
    if claim["source"] is not None:
        source = {"text": claim["source"], **near(text, claim["source"], start, end)}
        source |= {
            "entity": reviewed(source_entity, claim["source"]),
            "name": claim["source_name"],
            "entities": [
                r["entity"] for r in roles if r["attribution"] == claim["id"] and r["role"] == "source"
            ],
        }
    cue = {"text": claim["cue"], **near(text, claim["cue"], start, end)} if claim["cue"] else None
    return {
        "id": claim["id"],
        "local_id": claim["local_id"],
        "source": source,
        "cue": cue,
        "content": {"text": claim["content"], "start": start, "end": end},
        "kind": claim["kind"],
        "parent": claim["parent"],
        "via": [r["entity"] for r in roles if r["attribution"] == claim["id"] and r["role"] == "via"],
        "certainty": claim["certainty"],
        "stance": claim["stance"],
        "polarity": claim["polarity"],
        "hedges": [
            {"text": hedge, **near(text, hedge, start, end, inside=True)}
            for hedge in json.loads(claim["hedges"])
        ],
        "time": claim["time"],
        "said_on": claim["said_on"],
        "review": claim["review"],
        **({"extracted": claim["extracted"]} if "extracted" in claim else {}),
    }


def near(text: str | None, words: str, start: int, end: int, *, inside: bool = False) -> dict:
    """The span of `words` closest to the content span [start, end): outside it for a source or
    cue, anywhere around it for a hedge; start and end are None where the words are not found."""
    if text is None or not words:
        return {"start": None, "end": None}
    window_start = max(0, start - NEAR_CHARS)
    best: tuple[int, int] | None = None
    at = text.find(words, window_start, end + NEAR_CHARS)
    while at != -1:
        stop = at + len(words)
        if inside or stop <= start or at >= end:
            distance = 0 if start <= at < end else min(abs(start - stop), abs(at - end))
            if best is None or distance < best[1]:
                best = (at, distance)
        at = text.find(words, at + 1, end + NEAR_CHARS)
    if best is None:  # a source or cue inside its content: "...", he said, "..."
        return {"start": None, "end": None} if inside else near(text, words, start, end, inside=True)
    return {"start": best[0], "end": best[0] + len(words)}


def entity(ledger: Ledger, entity_id: str) -> dict | None:
    """One entity with its aliases, or None."""
    found = ledger.rows("SELECT id, name, type FROM entities WHERE id = ?", (entity_id,))
    if not found:
        return None
    aliases = ledger.rows("SELECT alias FROM entity_aliases WHERE entity = ? ORDER BY alias", (entity_id,))
    return found[0] | {"aliases": [row["alias"] for row in aliases]}


def counts(ledger: Ledger) -> dict[str, int]:
    """How much the ledger holds, table by table."""
    tables = ("articles", "attributions", "figures", "questions", "entities", "corrections")
    return {table: ledger.value(f"SELECT COUNT(*) FROM {table}") for table in tables}
