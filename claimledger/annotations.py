"""What the pipeline components leave on a Doc, as plain data.

Every stage writes a list of these to its own `doc._` attribute, with
character offsets into `doc.text`, so mentions may nest and overlap (which
`doc.ents` cannot hold) and the record builder never has to re-derive them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc


@dataclass(frozen=True, order=True)
class Span:
    """A character range of `doc.text`, end-exclusive."""

    start: int
    end: int

    def text(self, doc: Doc) -> str:
        """Read from the tokens it covers: doc.text rebuilds the whole text on every access."""
        tokens = doc.char_span(self.start, self.end, alignment_mode="expand")
        if tokens is None or tokens.start_char > self.start:  # starts in whitespace: rare, read it whole
            return doc.text[self.start : self.end]
        return tokens.text_with_ws[self.start - tokens.start_char : self.end - tokens.start_char]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass
class Entity:
    id: str
    name: str  # canonical, e.g. "North Korea", "Vladimir Putin"
    type: str  # person | organization | country | location | group | other
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Attribution:
    id: str
    content: Span
    kind: str  # direct | indirect | mixed
    source: Span | None = None
    source_entities: list[str] = field(default_factory=list)  # entity ids; first is the main one
    cue: Span | None = None
    parent: str | None = None
    via: list[str] = field(default_factory=list)  # entity ids the source relies on
    certainty: str = "certain"  # certain | probable | possible | unknown
    stance: str = "neutral"  # neutral | distanced
    polarity: str = "affirmed"  # affirmed | denied
    hedges: list[Span] = field(default_factory=list)
    time: str | None = None  # TimeExpression id


@dataclass
class Figure:
    id: str
    span: Span
    value: float | None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    unit: str | None = None
    counted: Span | None = None
    entity: str | None = None
    attribution: str | None = None


@dataclass
class TimeExpression:
    id: str
    span: Span
    type: str  # date | time | duration | set
    value: str  # TIMEX3 value
    earliest: str | None = None
    latest: str | None = None


EXTENSIONS = {
    "published": None,  # datetime.date the article was published, set before the pipeline runs
    "cl_entities": None,
    "cl_attributions": None,
    "cl_figures": None,
    "cl_times": None,
}


def register_extensions() -> None:
    """Declare our Doc attributes once; spaCy refuses a second declaration without force."""
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
