"""The article page's data, from a record (fresh from extraction, or read back from the ledger).

The text is cut into segments at every span boundary; each segment lists the kinds of span that
cover it (source, cue, content, hedge, figure, time) and the innermost attribution, figure and
time it belongs to, so the template only loops and never computes. Overlapping and nested spans
(a nested claim inside its parent's content) need no special case.
"""

from __future__ import annotations

from urllib.parse import urlsplit

KINDS = ("source", "cue", "content", "hedge", "figure", "time")
LEGEND = {
    "source": "who says it",
    "cue": "the saying word",
    "content": "what is claimed",
    "hedge": "hedge (may, reportedly...)",
    "figure": "figure",
    "time": "time",
}


def safe_url(url: str | None) -> str | None:
    """A URL a page may link to: http or https only, never javascript: or data:."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def article_view(record: dict, *, stored: bool) -> dict:
    meta = record["article"]
    entities = {entity["id"]: entity for entity in record["entities"]}
    times = {time["id"]: time for time in record["times"]}
    attributions = {attribution["id"]: attribution for attribution in record["attributions"]}
    text = meta.get("text")
    return {
        "article": {
            key: meta.get(key)
            for key in ("id", "title", "url", "outlet", "published", "language", "duplicate_of")
        }
        | {
            "link": safe_url(meta.get("url")),
            "length": len(text) if text is not None else meta.get("length"),
        },
        "stored": stored,
        "legend": [{"kind": kind, "label": LEGEND[kind]} for kind in KINDS],
        "segments": segments(text, record) if text is not None else [],
        "attributions": [
            attribution_details(attribution, attributions, entities, times)
            for attribution in record["attributions"]
        ],
        "figures": [figure_row(figure, attributions, entities) for figure in record["figures"]],
        "times": [
            {
                key: time.get(key)
                for key in ("id", "text", "start", "end", "type", "value", "earliest", "latest")
            }
            for time in record["times"]
        ],
        "entities": [
            {
                "id": entity["id"],
                "name": entity["name"],
                "type": entity["type"],
                "mentions": len(entity["mentions"]),
                "merged_into": entity.get("merged_into"),
                "split_from": entity.get("split_from"),
            }
            for entity in record["entities"]
        ],
    }


def marks(record: dict) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, id) of every span that has a place in the text."""
    found = []
    for attribution in record["attributions"]:
        spans = [
            ("content", attribution["content"]),
            ("source", attribution["source"]),
            ("cue", attribution["cue"]),
        ]
        spans += [("hedge", hedge) for hedge in attribution["hedges"]]
        for kind, span in spans:
            if span and span.get("start") is not None and span["end"] > span["start"]:
                found.append((span["start"], span["end"], kind, attribution["id"]))
    found += [(figure["start"], figure["end"], "figure", figure["id"]) for figure in record["figures"]]
    found += [(time["start"], time["end"], "time", time["id"]) for time in record["times"]]
    return found


def segments(text: str, record: dict) -> list[dict]:
    spans = sorted(mark for mark in marks(record) if 0 <= mark[0] < mark[1] <= len(text))
    cuts = sorted({0, len(text), *(mark[0] for mark in spans), *(mark[1] for mark in spans)})
    result, active, waiting = [], [], iter(spans)
    upcoming = next(waiting, None)
    for start, end in zip(cuts, cuts[1:], strict=False):
        active = [mark for mark in active if mark[1] > start]  # a sweep: the spans open here
        while upcoming is not None and upcoming[0] <= start:
            active.append(upcoming)
            upcoming = next(waiting, None)
        kinds = {mark[2] for mark in active}
        segment = {"text": text[start:end], "start": start, "end": end}
        segment["kinds"] = [kind for kind in KINDS if kind in kinds]
        segment["attribution"] = innermost(active, ("content", "source", "cue", "hedge"))
        segment["figure"] = innermost(active, ("figure",))
        segment["time"] = innermost(active, ("time",))
        result.append(segment)
    return result


def innermost(active: list[tuple[int, int, str, str]], kinds: tuple[str, ...]) -> str | None:
    """The id of the shortest open span of these kinds: a nested claim wins over its parent."""
    found = min(
        (mark for mark in active if mark[2] in kinds), key=lambda mark: mark[1] - mark[0], default=None
    )
    return found and found[3]


def attribution_details(attribution: dict, attributions: dict, entities: dict, times: dict) -> dict:
    """What clicking an attribution shows: its source entity, certainty, chain and time."""
    source = attribution["source"] or {}
    entity = entities.get(source.get("entity") or "")
    chain, seen, parent = [], {attribution["id"]}, attribution["parent"]
    while parent in attributions and parent not in seen:  # the claims this one is nested in, outward
        seen.add(parent)
        outer = attributions[parent]
        chain.append(
            {
                "id": parent,
                "source": (outer["source"] or {}).get("text"),
                "cue": (outer["cue"] or {}).get("text"),
            }
        )
        parent = outer["parent"]
    time = times.get(attribution["time"] or "")
    return {
        "id": attribution["id"],
        "local_id": attribution.get("local_id", attribution["id"]),
        "source": source.get("text"),
        "source_entity": entity and {"id": entity["id"], "name": entity["name"], "type": entity["type"]},
        "cue": (attribution["cue"] or {}).get("text"),
        "content": attribution["content"]["text"],
        "start": attribution["content"]["start"],
        "end": attribution["content"]["end"],
        "kind": attribution["kind"],
        "certainty": attribution["certainty"],
        "stance": attribution["stance"],
        "polarity": attribution["polarity"],
        "hedges": [hedge["text"] for hedge in attribution["hedges"]],
        "time": time and {"id": time["id"], "text": time["text"], "value": time["value"]},
        "said_on": attribution.get("said_on"),
        "parent": attribution["parent"],
        "chain": chain,
        "via": [entities[via]["name"] for via in attribution["via"] if via in entities],
        "review": attribution.get("review"),
        "extracted": attribution.get("extracted"),
    }


def figure_row(figure: dict, attributions: dict, entities: dict) -> dict:
    counted = figure.get("counted")
    claim = attributions.get(figure.get("attribution") or "")
    owner = figure.get("owner") or (entities.get(figure.get("entity") or "") or {}).get("name")
    return {
        "id": figure["id"],
        "text": figure["text"],
        "start": figure["start"],
        "end": figure["end"],
        "value": figure["value"],
        "low": figure["low"],
        "high": figure["high"],
        "approximate": figure["approximate"],
        "unit": figure["unit"],
        "counted": counted["text"] if isinstance(counted, dict) else counted,
        "owner": owner,
        "place": figure.get("place"),
        "attribution": figure.get("attribution"),
        "source": claim and (claim["source"] or {}).get("text"),
        "question": figure.get("question"),
        "question_title": figure.get("question_title"),
        "review": figure.get("review"),
        "extracted": figure.get("extracted"),
    }
