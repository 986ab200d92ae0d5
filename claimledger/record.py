"""Turn a processed Doc into the article record of the output contract (claimledger.article/1)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from claimledger import __version__
from claimledger.annotations import Attribution, Entity, Figure, Span, TimeExpression
from claimledger.pipeline import model_name

SCHEMA = "claimledger.article/1"


@dataclass
class ArticleMeta:
    """What is known about an article besides its text."""

    id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    language: str = "en"


def article_id(text: str) -> str:
    """A stable id from the text alone, so the same article always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def span(text: str, s: Span | None) -> dict | None:
    if s is None:
        return None
    return {"text": text[s.start : s.end], "start": s.start, "end": s.end}


@dataclass
class Annotated:
    """An article's text with what the stages found in it: a processed Doc's, or joined pieces'."""

    text: str
    entities: list[Entity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Doc) -> Annotated:
        return cls(
            doc.text,  # spaCy rebuilds doc.text from the tokens on every access: read it once
            doc._.cl_entities or [],
            doc._.cl_attributions or [],
            doc._.cl_figures or [],
            doc._.cl_times or [],
        )


def build_record(doc: Doc, meta: ArticleMeta, nlp: Language) -> dict:
    """The record of a Doc that went through claimledger's stages."""
    return make_record(Annotated.of(doc), meta, model_name(nlp))


def make_record(found: Annotated, meta: ArticleMeta, model: str) -> dict:
    text = found.text
    return {
        "schema": SCHEMA,
        "article": {
            "id": meta.id or article_id(text),
            "title": meta.title,
            "url": meta.url,
            "outlet": meta.outlet,
            "published": meta.published.isoformat() if meta.published else None,
            "language": meta.language,
            "text": text,
        },
        "provenance": {
            "claimledger": __version__,
            "model": model,
            "extracted": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        },
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "aliases": e.aliases,
                "mentions": [span(text, m) for m in e.mentions],
            }
            for e in found.entities
        ],
        "attributions": [
            {
                "id": a.id,
                "source": None
                if a.source is None and not a.source_entities
                else {
                    "entity": a.source_entities[0] if a.source_entities else None,
                    "entities": a.source_entities,
                    **(span(text, a.source) or {"text": None, "start": None, "end": None}),
                },
                "cue": span(text, a.cue),
                "content": span(text, a.content),
                "kind": a.kind,
                "parent": a.parent,
                "via": a.via,
                "certainty": a.certainty,
                "stance": a.stance,
                "polarity": a.polarity,
                "hedges": [span(text, h) for h in a.hedges],
                "time": a.time,
            }
            for a in found.attributions
        ],
        "figures": [
            {
                "id": f.id,
                **span(text, f.span),
                "value": f.value,
                "low": f.low,
                "high": f.high,
                "approximate": f.approximate,
                "unit": f.unit,
                "counted": span(text, f.counted),
                "entity": f.entity,
                "attribution": f.attribution,
            }
            for f in found.figures
        ],
        "times": [
            {
                "id": t.id,
                **span(text, t.span),
                "type": t.type,
                "value": t.value,
                "earliest": t.earliest,
                "latest": t.latest,
            }
            for t in found.times
        ],
    }
