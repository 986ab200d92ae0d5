"""Attribution accuracy on PolNeAR (Newell, Margolin & Ruths, LREC 2018), brat standoff.

Layout: `DATA/data/{train,dev,test}/text/NAME.txt`, `.../attributions/NAME_ANNOTATOR.ann` (a
few texts were annotated twice: the lexicographically first file counts) and
`DATA/data/metadata.tsv` with publication dates and titles. An attribution is an `E` line whose
Source, Cue and Content (Content2 continues it) arguments point at `T` spans; an event without
content is no attribution.

Metrics, per role (source, cue, content):
  exact   predicted spans equal to a gold span of the role; spans are sets per article, and a
          discontinuous gold span is one gold item per fragment
  tok     token overlap as in BBC Citron (see metrics.TOKEN): P = predicted role tokens inside
          gold role spans / predicted role tokens, R = the converse
and per attribution:
  linked      one-to-one greedy matching by content-token Jaccard >= 0.5
  linked_src  linked pairs whose source tokens intersect (or neither has a source)
Predicted attributions sharing a cue span are one unit for the linked metrics, since PolNeAR
writes '"A," said X. "B."' as one attribution with a two-part content.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from claimledger.errors import ClaimLedgerError
from claimledger.evaluation.metrics import Tally, Tokens, greedy_pairs, jaccard, span_of
from claimledger.evaluation.report import Progress, Report, predict
from claimledger.extraction import Extractor
from claimledger.record import ArticleMeta

ROLES = ("source", "cue", "content")
LINK_JACCARD = 0.5

# Only T lines whose offsets start the line: an annotated text with line breaks continues on
# lines of its own, which are not annotations.
T_LINE = re.compile(r"^(T\d+)\t\S+ (\d+ \d+(?:;\d+ \d+)*)\t")
E_LINE = re.compile(r"^E\d+\t(.+)$")

Span = tuple[int, int]


@dataclass
class GoldAttribution:
    source: list[Span]
    cue: list[Span]
    content: list[Span]


@dataclass
class Article:
    id: str
    text: str
    published: dt.date | None
    title: str | None
    attributions: list[GoldAttribution]


def evaluate_polnear(
    data_dir: str | Path,
    split: str,
    extractor: Extractor,
    progress: Progress | None = None,
    top_level_only: bool = True,
    merge_cues: bool = True,
) -> Report:
    """Run the extractor over one split and score its attributions.

    `top_level_only` ignores predicted attributions nested in another (PolNeAR annotates only the
    outermost one); `merge_cues` joins predictions that share a cue into one linked unit."""
    articles = load_articles(data_dir, split)
    metas = [(a.text, ArticleMeta(id=a.id, published=a.published, title=a.title)) for a in articles]
    records = predict(extractor, metas, progress)
    return score_polnear(articles, records, top_level_only, merge_cues)


def load_articles(data_dir: str | Path, split: str) -> list[Article]:
    """A split's articles with their gold attributions, sorted by name."""
    root = Path(data_dir)
    base = next((d for d in (root / "data" / split, root / split) if (d / "text").is_dir()), None)
    if base is None:
        raise ClaimLedgerError(f"no PolNeAR split '{split}' under {root}: expected data/{split}/text/")
    metadata = read_metadata(root)
    annotations: dict[str, list[Path]] = defaultdict(list)
    for path in (base / "attributions").glob("*.ann"):
        annotations[path.stem.rsplit("_", 1)[0]].append(path)
    articles = []
    for path in sorted((base / "text").glob("*.txt")):
        with open(path, encoding="utf-8", newline="") as f:  # brat counts offsets in the raw text
            text = f.read()
        files = sorted(annotations.get(path.stem, []))
        gold = parse_ann(files[0].read_text(encoding="utf-8"), len(text)) if files else []
        row = metadata.get(path.stem, {})
        published = row.get("publication_date")
        articles.append(
            Article(
                path.stem,
                text,
                dt.date.fromisoformat(published) if published else None,
                row.get("title") or None,
                gold,
            )
        )
    return articles


def read_metadata(root: Path) -> dict[str, dict[str, str]]:
    for path in (root / "data" / "metadata.tsv", root / "metadata.tsv"):
        if path.is_file():
            with open(path, encoding="utf-8", newline="") as f:
                rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
                return {row["filename"]: row for row in rows}
    return {}


def parse_ann(ann: str, text_length: int) -> list[GoldAttribution]:
    """The attributions of one .ann file; fragments outside the text are dropped."""
    spans: dict[str, list[Span]] = {}
    events = []
    for line in ann.splitlines():
        if m := T_LINE.match(line):
            fragments = (tuple(map(int, f.split())) for f in m.group(2).split(";"))
            spans[m.group(1)] = [(s, e) for s, e in fragments if 0 <= s < e <= text_length]
        elif m := E_LINE.match(line):
            events.append(m.group(1).split()[1:])  # the first argument is the trigger
    attributions = []
    for arguments in events:
        roles: dict[str, set[Span]] = {role: set() for role in ROLES}
        for argument in arguments:
            name, _, ref = argument.partition(":")
            role = name.rstrip("0123456789").lower()  # Content2 continues Content
            if role in roles and ref in spans:
                roles[role].update(spans[ref])
        if roles["content"]:
            attributions.append(GoldAttribution(*(sorted(roles[role]) for role in ROLES)))
    return attributions


@dataclass
class Unit:
    """An attribution as token sets, for linking; source None when it has none at all."""

    content: set[int]
    source: set[int] | None


def score_polnear(
    articles: list[Article], records: Iterable[dict], top_level_only: bool = True, merge_cues: bool = True
) -> Report:
    """Score records (claimledger.article/1, in the order of `articles`) against the gold."""
    report = Report("polnear")
    for role in ROLES:
        report.tallies[f"{role}_exact"] = Tally()
        report.tallies[f"{role}_tok"] = Tally()
    report.tallies["linked"] = Tally()
    report.tallies["linked_src"] = Tally()
    counts = report.counts = dict.fromkeys(("articles", "gold", "predicted", "predicted_units"), 0)
    for article, record in zip(articles, records, strict=True):
        predicted = [
            a for a in record["attributions"] if not (top_level_only and a.get("parent") is not None)
        ]
        tokens = Tokens(article.text)
        score_spans(article.attributions, predicted, tokens, report.tallies)
        gold_units = [
            Unit(tokens.covering_all(a.content), tokens.covering_all(a.source) if a.source else None)
            for a in article.attributions
        ]
        pred_units = predicted_units(predicted, tokens, merge_cues)
        pairs = link(gold_units, pred_units)
        with_source = [(g, p) for g, p in pairs if same_source(gold_units[g], pred_units[p])]
        report.tallies["linked"].add_matches(len(pairs), len(pred_units), len(gold_units))
        report.tallies["linked_src"].add_matches(len(with_source), len(pred_units), len(gold_units))
        counts["articles"] += 1
        counts["gold"] += len(article.attributions)
        counts["predicted"] += len(predicted)
        counts["predicted_units"] += len(pred_units)
    return report


def score_spans(
    gold: list[GoldAttribution], predicted: list[dict], tokens: Tokens, tallies: dict[str, Tally]
) -> None:
    for role in ROLES:
        gold_spans = {f for a in gold for f in getattr(a, role)}
        pred_spans = {s for a in predicted if (s := span_of(a[role])) is not None}
        tallies[f"{role}_exact"].add_matches(len(gold_spans & pred_spans), len(pred_spans), len(gold_spans))
        gold_tokens, pred_tokens = tokens.covering_all(gold_spans), tokens.covering_all(pred_spans)
        hits = len(gold_tokens & pred_tokens)
        tallies[f"{role}_tok"].add_matches(hits, len(pred_tokens), len(gold_tokens))


def predicted_units(predicted: list[dict], tokens: Tokens, merge_cues: bool) -> list[Unit]:
    """One unit per predicted attribution, or per cue span when merging. A source given only as
    an entity (no span) is a source that matches no gold tokens."""
    groups: dict[object, list[dict]] = {}
    for i, a in enumerate(predicted):
        cue = span_of(a["cue"])
        groups.setdefault(cue if merge_cues and cue else i, []).append(a)
    units = []
    for members in groups.values():
        content = tokens.covering_all(span_of(a["content"]) for a in members)
        sources = [a["source"] for a in members if a["source"] is not None]
        source = tokens.covering_all(s for a in sources if (s := span_of(a))) if sources else None
        units.append(Unit(content, source))
    return units


def link(gold: list[Unit], predicted: list[Unit]) -> list[tuple[int, int]]:
    """Gold and predicted attributions paired one-to-one, highest content Jaccard first."""
    candidates = []
    for g, gold_unit in enumerate(gold):
        for p, pred_unit in enumerate(predicted):
            if gold_unit.content & pred_unit.content:
                score = jaccard(gold_unit.content, pred_unit.content)
                if score >= LINK_JACCARD:
                    candidates.append(((-score,), g, p))
    return greedy_pairs(candidates)


def same_source(gold: Unit, predicted: Unit) -> bool:
    if gold.source is None or predicted.source is None:
        return gold.source is None and predicted.source is None
    return bool(gold.source & predicted.source)
