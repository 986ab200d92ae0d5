"""Join the annotations of an article's pieces into those of the whole article.

A very long text (a transcript, a book) is parsed and annotated piece by piece,
cut at line breaks, so that time and memory grow with its length, not with its
square: entity linking and nesting compare each item with the others of its
piece only, and each piece's Doc is dropped once its annotations are taken. The
cost is that a pronoun or a quote is not linked across a cut; an entity named
in several pieces becomes one entity again here, by its canonical name and type
(or, for a person, by surname).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from claimledger.annotations import Entity, Span
from claimledger.record import Annotated


def shifted(span: Span | None, offset: int) -> Span | None:
    return None if span is None else Span(span.start + offset, span.end + offset)


class Joiner:
    """Takes the pieces of one article in order; `joined()` gives the whole article's annotations."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.offset = 0
        self.entities: dict[tuple[str, str], Entity] = {}
        self.people: dict[str, tuple[str, str]] = {}  # surname -> key of the person first named with it
        self.found = Annotated(text="")

    def add(self, piece: Doc) -> None:
        found, offset = Annotated.of(piece), self.offset
        entity_ids = {e.id: self._entity(e, offset).id for e in found.entities}
        time_ids = {t.id: f"t{len(self.found.times) + i}" for i, t in enumerate(found.times, start=1)}
        first = len(self.found.attributions)
        attribution_ids = {a.id: f"a{first + i}" for i, a in enumerate(found.attributions, start=1)}
        self.found.times += [replace(t, id=time_ids[t.id], span=shifted(t.span, offset)) for t in found.times]
        self.found.attributions += [
            replace(
                a,
                id=attribution_ids[a.id],
                content=shifted(a.content, offset),
                source=shifted(a.source, offset),
                cue=shifted(a.cue, offset),
                hedges=[shifted(h, offset) for h in a.hedges],
                source_entities=[entity_ids[e] for e in a.source_entities],
                via=[entity_ids[e] for e in a.via],
                parent=attribution_ids.get(a.parent),
                time=time_ids.get(a.time),
            )
            for a in found.attributions
        ]
        self.found.figures += [
            replace(
                f,
                id=f"f{len(self.found.figures) + i}",
                span=shifted(f.span, offset),
                counted=shifted(f.counted, offset),
                entity=entity_ids.get(f.entity),
                attribution=attribution_ids.get(f.attribution),
            )
            for i, f in enumerate(found.figures, start=1)
        ]
        self.texts.append(found.text)
        self.offset += len(found.text)

    def _entity(self, e: Entity, offset: int) -> Entity:
        """The whole article's entity for a piece's: same name and type, or a person's surname alone."""
        key = (e.name, e.type)
        if key not in self.entities and e.type == "person":
            key = self.people.setdefault(e.name.split()[-1], key)
        whole = self.entities.setdefault(key, Entity(f"e{len(self.entities) + 1}", e.name, e.type))
        if len(e.name) > len(whole.name):
            whole.name = e.name  # "Putin" in one piece, "Vladimir Putin" in the next
        whole.aliases = list(dict.fromkeys([*whole.aliases, *e.aliases]))
        whole.mentions += [shifted(m, offset) for m in e.mentions]
        return whole

    def joined(self) -> Annotated:
        return replace(self.found, text="".join(self.texts), entities=list(self.entities.values()))
