"""Writing one article record into the ledger: all its rows in one transaction, or none.

Ids are hashes of normalized content, so writing the same text again changes nothing and the
same text found elsewhere is stored once; local record ids ("e1", "a3") become ledger-wide ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass

from claimledger.ledger import neardup
from claimledger.ledger.store import Ledger
from claimledger.vocab.ledger import OWNER_TYPES, PLACE_GAP, PLACE_TYPES, RATE_BEFORE

# Without the article text, a claim keeps this much of its content as evidence.
EVIDENCE_CHARS = 160
MAX_CANDIDATES = 20  # near-duplicate candidates compared, those sharing most bands first
SPACES = re.compile(r"\s+")
SENTENCE_END = re.compile(r"[.!?][\"”’']?\s|\n")
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "his", "her", "their"})


def normalize(text: str) -> str:
    """What two copies of one article share however their whitespace and Unicode forms differ."""
    return SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()


def short_hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def name_key(name: str) -> str:
    """A name as looked up: case, apostrophe forms, spacing and a leading 'the' ignored."""
    key = normalize(name).casefold().replace("’", "'")
    return key.removeprefix("the ")


def is_proper(name: str) -> bool:
    """A name, not a description: capitalized beyond a sentence-initial 'The' ('DPRK', 'the North',
    not 'The lawmakers' or 'He'), so that looking it up across articles finds one referent."""
    words = normalize(name).split(" ")
    if words[0] in ("The", "the"):
        words = words[1:]
    return (
        len(words) > 0
        and any(word[:1].isupper() for word in words)
        and not (len(words) == 1 and words[0].lower() in PRONOUNS)
    )


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass
class Written:
    article: str
    status: str  # ingested | unchanged
    duplicate_of: str | None = None


def write_record(ledger: Ledger, record: dict, *, location: str | None, store_text: bool) -> Written:
    """Store the record unless its text is already there; either way remember where it was found."""
    text = record["article"]["text"]
    digest = content_hash(text)
    with ledger.transaction():
        existing = ledger.value("SELECT id FROM articles WHERE content_hash = ?", (digest,))
        if existing:
            add_location(ledger, location, existing)
            return Written(existing, "unchanged")
        writer = ArticleWriter(ledger, record, location, store_text)
        return Written(writer.article, "ingested", writer.write())


def add_location(ledger: Ledger, location: str | None, article: str) -> None:
    if location:
        ledger.insert("locations", {"location": location, "article": article, "seen": now()}, ignore=True)


class RecordRows:
    """The ledger rows of one record, built from the record alone: what the ledger stores and what a
    batch run (claimledger.batch) writes as Parquet. An entity's id is the hash of its type and
    name; the ledger's ArticleWriter overrides `resolve` to reuse an entity it already knows."""

    def __init__(self, record: dict, store_text: bool):
        self.record = record
        self.meta = record["article"]
        self.text = self.meta["text"]
        self.digest = content_hash(self.text)
        self.article = self.digest[:16]
        self.store_text = store_text
        self.new_entities: dict[str, dict] = {}  # ledger id -> entities row, of those not known before
        self.entities: dict[str, str] = {}  # local id -> ledger id
        self.types: dict[str, str] = {}  # local id -> type
        self.attributions: dict[str, str] = {}
        self.said_on: dict[str, str | None] = {}
        self.times: dict[str, dict] = {}
        self.contents: dict[str, dict] = {}  # attribution local id -> content span
        self.mentions: list[tuple[int, int, str]] = []  # (start, end, entity local id)

    def rows(self) -> dict[str, list[dict]]:
        """Every table's rows but the article's, in the order their references need."""
        aliases, mentions = self.entity_rows()
        times = [self.time_row(time) for time in self.record["times"]]
        self.mentions = sorted(
            (mention["start"], mention["end"], entity["id"])
            for entity in self.record["entities"]
            for mention in entity["mentions"]
        )
        for attribution in self.record["attributions"]:
            self.attributions[attribution["id"]] = short_hash(self.article, "a", attribution["id"])
            self.contents[attribution["id"]] = attribution["content"]
        attributions, roles = self.attribution_rows()
        return {
            "entities": list(self.new_entities.values()),
            "entity_aliases": aliases,
            "mentions": mentions,
            "times": times,
            "attributions": attributions,
            "attribution_entities": roles,
            "figures": [self.figure_row(figure) for figure in self.record["figures"]],
        }

    def extractor_row(self) -> dict:
        provenance = self.record["provenance"]
        name = f"claimledger {provenance['claimledger']} / {provenance['model']}"
        return {
            "id": short_hash("extractor", name),
            "name": name,
            "claimledger": provenance["claimledger"],
            "model": provenance["model"],
        }

    def article_row(self) -> dict:
        """The articles row less what only a ledger knows (versions, near-duplicates, ingest time)."""
        return {
            "id": self.article,
            "title": self.meta["title"],
            "url": self.meta["url"],
            "outlet": self.meta["outlet"],
            "published": self.meta["published"],
            "language": self.meta["language"],
            "external_id": self.record.get("external_id"),
            "text": self.text if self.store_text else None,
            "content_hash": self.digest,
            "length": len(self.text),
            "extractor": self.extractor_row()["id"],
            "extracted": self.record["provenance"]["extracted"],
        }

    def entity_rows(self) -> tuple[list[dict], list[dict]]:
        """The aliases and mentions rows, resolving each entity to its ledger id on the way."""
        aliases, mentions = [], []
        for entity in self.record["entities"]:
            ledger_id = self.entities[entity["id"]] = self.resolve(entity)
            self.types[entity["id"]] = entity["type"]
            aliases += [
                {"entity": ledger_id, "alias": alias, "key": name_key(alias)}
                for alias in {entity["name"], *entity["aliases"]}
            ]
            mentions += [
                {
                    "entity": ledger_id,
                    "article": self.article,
                    "start": mention["start"],
                    "end": mention["end"],
                    "text": mention["text"],
                }
                for mention in entity["mentions"]
            ]
        return aliases, mentions

    def resolve(self, entity: dict) -> str:
        ledger_id = short_hash("entity", entity["type"], name_key(entity["name"]))
        self.new_entities.setdefault(
            ledger_id, {"id": ledger_id, "name": entity["name"], "type": entity["type"]}
        )
        return ledger_id

    def time_row(self, time: dict) -> dict:
        ledger_id = short_hash(self.article, "t", time["id"])
        self.times[time["id"]] = {**time, "ledger_id": ledger_id}
        return {
            "id": ledger_id,
            "article": self.article,
            "local_id": time["id"],
            "text": time["text"],
            "start": time["start"],
            "end": time["end"],
            "type": time["type"],
            "value": time["value"],
            "earliest": time["earliest"],
            "latest": time["latest"],
        }

    def said_on_of(self, attribution: dict) -> str | None:
        """When it was said: its own date, else its parent's, else the article's publication date."""
        time = self.times.get(attribution["time"] or "")
        if time and time["type"] == "date" and time["earliest"]:
            return time["earliest"][:10]
        if attribution["parent"] in self.said_on:
            return self.said_on[attribution["parent"]]
        return self.meta["published"]

    def attribution_rows(self) -> tuple[list[dict], list[dict]]:
        """The attributions rows and the attribution_entities rows naming their sources and vias."""
        rows, roles = [], []
        for attribution in self.record["attributions"]:
            rows.append(self.attribution_row(attribution))
            source = attribution["source"] or {}
            named = [("source", local) for local in source.get("entities") or []]
            named += [("via", local) for local in attribution["via"]]
            roles += [
                {
                    "attribution": rows[-1]["id"],
                    "entity": self.entities[local],
                    "role": role,
                    "position": position,
                }
                for position, (role, local) in enumerate(named)
            ]
        return rows, roles

    def attribution_row(self, attribution: dict) -> dict:
        content = attribution["content"]
        source = attribution["source"] or {}
        said_on = self.said_on[attribution["id"]] = self.said_on_of(attribution)
        evidence = content["text"]
        if not self.store_text and len(evidence) > EVIDENCE_CHARS:
            evidence = evidence[: EVIDENCE_CHARS - 1] + "…"
        return {
            "id": self.attributions[attribution["id"]],
            "article": self.article,
            "local_id": attribution["id"],
            "source_entity": self.entities.get(source.get("entity") or ""),
            "source": source.get("text"),
            "cue": (attribution["cue"] or {}).get("text"),
            "content": evidence,
            "content_start": content["start"],
            "content_end": content["end"],
            "content_hash": content_hash(content["text"]),
            "kind": attribution["kind"],
            "parent": self.attributions.get(attribution["parent"] or ""),
            "certainty": attribution["certainty"],
            "stance": attribution["stance"],
            "polarity": attribution["polarity"],
            "hedges": json.dumps([hedge["text"] for hedge in attribution["hedges"]], ensure_ascii=False),
            "time": self.times[attribution["time"]]["ledger_id"] if attribution["time"] else None,
            "said_on": said_on,
        }

    def figure_row(self, figure: dict) -> dict:
        owner, place = self.owner_and_place(figure)
        return {
            "id": short_hash(self.article, "f", figure["id"]),
            "article": self.article,
            "local_id": figure["id"],
            "text": figure["text"],
            "start": figure["start"],
            "end": figure["end"],
            "value": figure["value"],
            "low": figure["low"],
            "high": figure["high"],
            "approximate": int(figure["approximate"]),
            "unit": figure["unit"],
            "counted": (figure["counted"] or {}).get("text"),
            "entity": self.entities.get(figure["entity"] or ""),
            "owner": owner,
            "place": place,
            "attribution": self.attributions.get(figure["attribution"] or ""),
        }

    def owner_and_place(self, figure: dict) -> tuple[str | None, str | None]:
        """Whose counted things and where: the extractor's owner, else the nearest actor named
        before the figure in its clause (the claim's content, else its sentence); the place a
        location right after it ('troops to Russia'). A rate ('for every 30 soldiers') is neither."""
        start, end = figure["start"], figure["end"]
        if RATE_BEFORE.search(self.text[max(0, start - 20) : start]):
            return None, None
        owner_local = figure["entity"]
        if owner_local is None:
            clause_start = self.clause_start(figure)
            before = [
                local
                for at, stop, local in self.mentions
                if clause_start <= at and stop <= start and self.types[local] in OWNER_TYPES
            ]
            owner_local = before[-1] if before else None
        place_local = next(
            (
                local
                for at, _, local in self.mentions
                if at >= end and self.types[local] in PLACE_TYPES and PLACE_GAP.fullmatch(self.text[end:at])
            ),
            None,
        )
        owner = self.entities.get(owner_local or "")
        place = self.entities.get(place_local or "")
        return owner, None if place == owner else place

    def clause_start(self, figure: dict) -> int:
        content = self.contents.get(figure["attribution"] or "")
        if content and content["start"] <= figure["start"] < content["end"]:
            return content["start"]
        window = max(0, figure["start"] - 600)
        ends = [match.end() for match in SENTENCE_END.finditer(self.text, window, figure["start"])]
        return ends[-1] if ends else window


class ArticleWriter(RecordRows):
    """The rows of one record written into the ledger; its methods run inside the caller's transaction."""

    def __init__(self, ledger: Ledger, record: dict, location: str | None, store_text: bool):
        super().__init__(record, store_text)
        self.ledger = ledger
        self.location = location

    def write(self) -> str | None:
        self.ledger.execute("PRAGMA defer_foreign_keys = ON")  # parents may follow their children
        duplicate_of, similarity, signature = self.near_duplicate()
        self.write_article(duplicate_of, similarity, signature)
        rows = self.rows()
        self.ledger.insert_many("entity_aliases", rows["entity_aliases"], ignore=True)
        self.ledger.insert_many("mentions", rows["mentions"], ignore=True)
        self.ledger.insert_many("times", rows["times"])
        self.ledger.insert_many("attributions", rows["attributions"])
        self.ledger.execute(
            "INSERT INTO attributions_fts (rowid, source, content) "
            "SELECT rowid, source, content FROM attributions WHERE article = ?",
            (self.article,),
        )
        self.ledger.insert_many("attribution_entities", rows["attribution_entities"])
        self.ledger.insert_many("figures", rows["figures"])
        return duplicate_of

    def near_duplicate(self) -> tuple[str | None, float | None, neardup.np.ndarray]:
        signature = neardup.signature(self.text)
        keys = neardup.bands(signature)
        marks = ", ".join("?" * len(keys))
        # Two shared bands at least: a pair at the threshold shares about ten of sixteen, while
        # articles that merely share some boilerplate share one, and are not compared at all.
        candidates = self.ledger.rows(
            f"SELECT s.article, s.signature, a.duplicate_of FROM article_bands b "
            f"JOIN article_signatures s ON s.article = b.article JOIN articles a ON a.id = b.article "
            f"WHERE b.band IN ({marks}) GROUP BY b.article HAVING COUNT(*) >= 2 "
            f"ORDER BY COUNT(*) DESC, a.rowid LIMIT {MAX_CANDIDATES}",
            keys,
        )
        for candidate in candidates:
            similarity = neardup.similarity(signature, neardup.from_blob(candidate["signature"]))
            if similarity >= neardup.THRESHOLD:
                return candidate["duplicate_of"] or candidate["article"], similarity, signature
        return None, None, signature

    def write_article(self, duplicate_of: str | None, similarity: float | None, signature) -> None:
        self.ledger.insert("extractors", self.extractor_row(), ignore=True)
        previous = (
            self.ledger.value(
                "SELECT article FROM locations WHERE location = ? ORDER BY rowid DESC LIMIT 1",
                (self.location,),
            )
            if self.location
            else None
        )
        row = {
            **self.article_row(),
            "previous_version": previous,
            "duplicate_of": duplicate_of,
            "similarity": similarity,
            "ingested": now(),
        }
        columns = ", ".join(f'"{name}"' for name in row)
        cursor = self.ledger.execute(
            f"INSERT INTO articles ({columns}) VALUES ({', '.join('?' * len(row))})", list(row.values())
        )
        self.ledger.execute(
            "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
            (cursor.lastrowid, self.meta["title"], row["text"]),
        )
        add_location(self.ledger, self.location, self.article)
        self.ledger.insert(
            "article_signatures", {"article": self.article, "signature": neardup.to_blob(signature)}
        )
        self.ledger.insert_many(
            "article_bands", [{"band": key, "article": self.article} for key in set(neardup.bands(signature))]
        )

    def resolve(self, entity: dict) -> str:
        """The ledger entity of this name and type: by canonical name, else a known proper alias."""
        key = name_key(entity["name"])
        ledger_id = short_hash("entity", entity["type"], key)
        if self.ledger.value("SELECT 1 FROM entities WHERE id = ?", (ledger_id,)):
            return ledger_id
        if is_proper(entity["name"]):
            for known in self.ledger.rows(
                "SELECT a.entity, a.alias FROM entity_aliases a JOIN entities e ON e.id = a.entity "
                "WHERE a.key = ? AND e.type = ? ORDER BY e.rowid",
                (key, entity["type"]),
            ):
                if is_proper(known["alias"]):
                    return known["entity"]
        if entity["type"] == "person":
            known = self.misspelled_person(entity["name"])
            if known:
                return known
        self.ledger.insert("entities", {"id": ledger_id, "name": entity["name"], "type": entity["type"]})
        return ledger_id

    def misspelled_person(self, name: str) -> str | None:
        """A known person with the same first name and a surname one typo away (Sabrina Singh and
        Sabrina Sigh): reporters misspell names, and two such names are rarely two people."""
        first, _, rest = name.partition(" ")
        if len(rest) < 4:
            return None
        for known in self.ledger.rows(
            "SELECT id, name FROM entities WHERE type = 'person' AND name LIKE ? ORDER BY rowid",
            (f"{first} %",),
        ):
            if one_edit_apart(known["name"].partition(" ")[2].casefold(), rest.casefold()):
                return known["id"]
        return None


def one_edit_apart(a: str, b: str) -> bool:
    """Whether b is a with one character inserted, deleted or replaced."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    for at, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return a[at + 1 :] == b[at + 1 :] or a[at:] == b[at + 1 :] or a[at + 1 :] == b[at:]
    return True
