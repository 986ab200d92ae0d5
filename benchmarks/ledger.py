"""Ledger benchmarks, run by hand from the repository root (see benchmarks/README.md):
`.venv/bin/python -m benchmarks.ledger throughput|queries [LEDGER]`.

throughput: the VOA corpus extracted alone, then ingested into new ledgers (storage on top;
with --group, claim embedding and grouping too), in one run: the ratios of the throughputs, and
what each step (storing, grouping) costs next to extraction.
queries: a generated ledger of about 100,000 attributions (the fixture's records, copied with
every third word scrambled so no copy is a near-duplicate, entities renamed from pools of 400,
dates spread over two years), then the time of figures, claims --source and search.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from claimledger.ledger import (
    Ledger,
    claims,
    figures,
    group_pending,
    ingest,
    propositions,
    reconcile,
    search,
)
from claimledger.ledger.grouping import SentenceEmbedder
from claimledger.ledger.write import write_record
from tests.ledger.embedders import WordEmbedder
from tests.ledger.recorded import RecordedExtractor

REPO = Path(__file__).resolve().parents[1]
VOA = REPO.parent / "shared" / "datasets" / "voa" / "voa_stories.jsonl"
PAIRS = REPO / "tests" / "data" / "grouping" / "pairs.jsonl"
WORD = re.compile(r"\b[a-z]{4,}\b")


def throughput() -> None:
    """Wall and CPU seconds of extraction alone (timed first and last, the faster kept); of
    storing its very records (rows and figure reconciliation), then of grouping their claims as a
    step of its own (claimledger propositions runs it); and of a whole ingest of the same
    articles, as it runs by default (claims left for grouping; twice, the faster kept) and with
    --group (claims embedded and grouped as they are stored). The sentence model is loaded before
    the clocks start (its one-time load is printed apart). This machine may be shared: CPU is the
    fairer measure."""
    from claimledger.extraction import Extractor
    from claimledger.inputs import read_input

    extractor = Extractor()
    embedder = SentenceEmbedder()
    load = clocked(lambda: embedder.embed(["North Korea has sent troops to Russia."]))
    _, articles = read_input(str(VOA))
    found = list(articles)
    pairs = [(article.text, article.meta) for article in found]
    records = list(extractor.extract_many(pairs))  # warm up: a first pass ran 20% slower here
    first = clocked(lambda: list(extractor.extract_many(pairs)))
    with tempfile.TemporaryDirectory() as folder:
        with Ledger(Path(folder) / "store.db") as ledger:

            def write() -> None:
                for article, record in zip(found, records, strict=True):
                    write_record(ledger, record, location=article.meta.url, store_text=True)
                reconcile(ledger)

            stored = clocked(write)
            grouped = clocked(lambda: group_pending(ledger, embedder))
            claims_count = ledger.value("SELECT COUNT(*) FROM attribution_vectors WHERE vector IS NOT NULL")
        with Ledger(Path(folder) / "replayed.db") as ledger:
            replayed = clocked(lambda: ingest(ledger, [str(VOA)], extractor=Replay(records)))
        runs = []
        for number in range(2):
            with Ledger(Path(folder) / f"ingest{number}.db") as ledger:
                runs.append(clocked(lambda: ingest(ledger, [str(VOA)], extractor=extractor)))
        whole = min(runs, key=lambda clock: clock[1])
        with Ledger(Path(folder) / "eager.db") as ledger:
            eager = clocked(
                lambda: ingest(ledger, [str(VOA)], extractor=extractor, group=True, embedder=embedder)
            )
    last = clocked(lambda: list(extractor.extract_many(pairs)))
    extract = min(first, last, key=lambda clock: clock[1])  # timed before and after: the faster
    print(f"sentence model load (once a run): {load[0]:.2f} s wall, {load[1]:.2f} s CPU")
    print(f"extract, timed first and last: {first[1]:.2f} and {last[1]:.2f} s CPU")
    print(f"ingest, timed twice: {runs[0][1]:.2f} and {runs[1][1]:.2f} s CPU")
    steps = (
        ("extract", extract),
        ("write", stored),
        ("group (propositions' first step)", grouped),
        ("ingest, extraction replayed", replayed),
        ("ingest", whole),
        ("ingest --group", eager),
    )
    for name, (wall, cpu) in steps:
        print(f"{name}: {len(pairs)} articles in {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"claims embedded: {claims_count}")
    for name, (wall, cpu) in steps[1:3]:
        print(f"{name} cost: {cpu / extract[1]:.1%} of extraction CPU, {wall / extract[0]:.1%} of its wall")
    for name, (wall, cpu) in steps[4:]:
        ratio = f"{extract[0] / wall:.3f} wall, {extract[1] / cpu:.3f} CPU"
        print(f"{name} throughput / extract throughput: {ratio} (target: at least 0.9)")
    ratio = extract[1] / (extract[1] + replayed[1])
    print(f"ingest throughput / extract throughput, from ingest's own CPU (replayed): {ratio:.3f}")


class Replay:
    """An extractor that hands back records made before: ingest's own cost, free of extraction's
    (and of the machine's noise on it, which is larger than that cost on a shared machine)."""

    def __init__(self, records: list[dict]):
        self.records = {record["article"]["text"]: record for record in records}

    def extract_many(self, pairs):
        return (copy.deepcopy(self.records[text]) for text, _ in pairs)


def clocked(call) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return time.perf_counter() - wall, time.process_time() - cpu


def scrambled(record: dict, number: int, rng: random.Random) -> dict:
    """A copy of the record whose text differs in every third lower-case word (same offsets), its
    entities renamed from pools of 400 so that sources and figure questions spread out."""
    record = copy.deepcopy(record)
    text = record["article"]["text"]
    words = list(WORD.finditer(text))
    chars = list(text)
    for match in words[number % 3 :: 3]:
        for at in range(match.start(), match.end()):
            chars[at] = rng.choice("abcdefghijklmnopqrstuvwxyz")
    record["article"]["text"] = "".join(chars)
    for entity in record["entities"]:
        entity["name"] = f"{entity['name']} {rng.randrange(400)}"
    published = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(730))
    record["article"].update(published=published.isoformat(), url=f"https://bench.example/{number}")
    return record


def build(path: Path, attributions: int = 100_000) -> Ledger:
    """The generated ledger, grouped as it grows, round by round (the fixture's records once
    each); word-overlap vectors stand in for the model, which would take an hour here, so the
    grouping itself (blocking, comparing, writing) is what is timed, early and late."""
    records = list(RecordedExtractor().records.values())
    rng = random.Random(7)
    ledger = Ledger(path)
    embedder = WordEmbedder()
    number = 0
    rounds: list[tuple[int, float]] = []  # (claims grouped, seconds) per round
    start = time.perf_counter()
    while ledger.value("SELECT COUNT(*) FROM attributions") < attributions:
        for record in records:
            write_record(ledger, scrambled(record, number, rng), location=f"bench:{number}", store_text=True)
            number += 1
        began = time.perf_counter()
        rounds.append((group_pending(ledger, embedder), time.perf_counter() - began))
    reconcile(ledger)
    seconds = time.perf_counter() - start
    print(
        f"built {number} articles, {ledger.value('SELECT COUNT(*) FROM attributions')} attributions "
        f"in {seconds:.1f} s ({1000 * seconds / number:.1f} ms an article)"
    )
    for name, part in (("first", rounds[:50]), ("last", rounds[-50:])):
        claims_grouped, spent = sum(n for n, _ in part), sum(t for _, t in part)
        print(f"grouping, {name} 50 rounds: {1000 * spent / claims_grouped:.2f} ms a claim")
    return ledger


def timed(name: str, call, repeat: int = 5) -> float:
    best = min(_once(call) for _ in range(repeat))
    print(f"{name}: {1000 * best:.1f} ms")
    return best


def _once(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def queries(path: Path) -> dict[str, float]:
    ledger = Ledger(path) if path.exists() else build(path)
    source = ledger.value("SELECT name FROM entities WHERE type = 'person' ORDER BY rowid LIMIT 1 OFFSET 50")
    return {
        "figures": timed(
            "figures --about 'north korean troops'", lambda: figures(ledger, about="north korean troops")
        ),
        "figures (all)": timed("figures", lambda: figures(ledger)),
        "claims --source": timed(f"claims --source {source!r}", lambda: claims(ledger, source=source)),
        "search": timed("search 'hostages'", lambda: search(ledger, "hostages")),
        "search (common word)": timed("search 'the'", lambda: search(ledger, "the")),
        "propositions": timed("propositions", lambda: propositions(ledger)),
        "propositions --contested": timed(
            "propositions --contested", lambda: propositions(ledger, contested=True)
        ),
    }


def pairs() -> None:
    """Precision and recall of the claim grouping decision on the hand-labelled pairs, around
    the threshold in use."""
    from claimledger.evaluation.propositions import read_pairs, score_pairs
    from claimledger.ledger.grouping import THRESHOLD

    labelled = read_pairs(PAIRS)
    print(f"{len(labelled)} pairs, {sum(pair['label'] for pair in labelled)} the same proposition")
    for row in score_pairs(
        labelled, SentenceEmbedder(), [0.6, 0.65, 0.7, 0.725, 0.75, 0.775, 0.8, 0.825, 0.85]
    ):
        mark = "  <- THRESHOLD" if row["threshold"] == THRESHOLD else ""
        print(
            f"{row['threshold']:.3f}: precision {row['precision']:5.1f} "
            f"recall {row['recall']:5.1f} f1 {row['f1']:5.1f}{mark}"
        )


if __name__ == "__main__":
    if sys.argv[1:] == ["throughput"]:
        throughput()
    elif sys.argv[1:] == ["pairs"]:
        pairs()
    else:
        queries(Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp()) / "bench.db")
