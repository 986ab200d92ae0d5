"""Accuracy against hand-made reference ledgers, the format of the project's own gold files.

A reference is NAME.json beside its article NAME.txt (or naming it under "article", relative to
the reference's folder or one above). Spans are written as exact text, with an optional "after"
snippet where the text repeats; entities are clusters of mention forms with accepted canonical
names; "required": false marks items that earn credit when found but cost nothing when missed
and are graded no further. Tokens here are word tokens (runs of \\w).

Metrics (percent per article, averaged over the articles where they grade something):
  attr_r, attr_p  required references found / predictions matching any reference; one-to-one,
                  content-token Jaccard >= 0.5, required references matched first
  source          matched required attributions whose source resolves to the reference entity
                  (its canonical name is accepted, or without an entity, the span ends with one)
  cue             predicted cue vs the reference cue: token Jaccard >= 0.5
  kind, certainty exact labels where given (certainty also covers polarity)
  nested          parent links and via sources right, where given
  fig_r, fig_p    figures found / predictions overlapping some reference figure
  fig_value       value and bounds right (approximation where no bound is given)
  fig_source      the figure is tied to the attribution that carries it
  time_r, time_p, time_value   times found, precision, value right
  entity          pairwise F1 over reference mentions: two mentions of one entity should share a
                  predicted entity, two of different entities should not
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claimledger.errors import ClaimLedgerError
from claimledger.evaluation.metrics import WORD, greedy_pairs, jaccard, percent, span_of
from claimledger.evaluation.report import Progress, Report, predict
from claimledger.extraction import Extractor, normalize_newlines
from claimledger.record import ArticleMeta
from claimledger.vocab.evaluation import DETERMINERS

LINK_JACCARD = 0.5
CUE_JACCARD = 0.5
RATIOS = (
    "attr_r", "attr_p", "source", "cue", "kind", "certainty", "nested",
    "fig_r", "fig_p", "fig_value", "fig_source", "time_r", "time_p", "time_value",
)  # fmt: skip

Span = tuple[int, int]


@dataclass
class Reference:
    id: str
    text: str
    ledger: dict


def evaluate_references(path: str | Path, extractor: Extractor, progress: Progress | None = None) -> Report:
    """Run the extractor over one reference (a .json file) or a folder of them and score it."""
    references = load_references(path)
    articles = [
        (r.text, ArticleMeta(id=r.id, published=published(r.ledger), title=r.ledger.get("title")))
        for r in references
    ]
    return score_references(references, predict(extractor, articles, progress))


def load_references(path: str | Path) -> list[Reference]:
    path = Path(path)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise ClaimLedgerError(f"no reference ledgers (*.json) in {path}")
    references = []
    for file in files:
        try:
            ledger = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ClaimLedgerError(f"cannot read reference ledger {file}: {error}") from None
        text = article_path(file, ledger).read_text(encoding="utf-8")
        references.append(Reference(file.stem, normalize_newlines(text), ledger))
    return references


def article_path(file: Path, ledger: dict) -> Path:
    candidates = [file.with_suffix(".txt")]
    if ledger.get("article"):
        candidates += [folder / ledger["article"] for folder in (file.parent, *file.parent.parents)]
    found = next((c for c in candidates if c.is_file()), None)
    if found is None:
        raise ClaimLedgerError(f"no article for {file}: put {file.stem}.txt beside it")
    return found


def published(ledger: dict) -> dt.date | None:
    return dt.date.fromisoformat(ledger["published"]) if ledger.get("published") else None


def score_references(references: list[Reference], records: Iterable[dict]) -> Report:
    """Score records (in the order of `references`); metrics are averaged over articles."""
    per_article = [
        ArticleScorer(reference, record).run() for reference, record in zip(references, records, strict=True)
    ]
    report = Report("reference")
    for name in (*RATIOS, "entity"):
        graded = [v for scores in per_article if (v := scores.percent(name)) is not None]
        report.scores[name] = sum(graded) / len(graded) if graded else None
    report.counts["articles"] = len(per_article)
    for name in RATIOS:
        report.counts[f"{name}_hits"] = sum(s.ratios[name][0] for s in per_article)
        report.counts[f"{name}_total"] = sum(s.ratios[name][1] for s in per_article)
    report.counts["entity_merges_wrong"] = sum(s.merges_wrong for s in per_article)
    return report


@dataclass
class ArticleScores:
    ratios: dict[str, list[int]] = field(default_factory=lambda: {name: [0, 0] for name in RATIOS})
    entity: float = 0.0
    merges_wrong: int = 0

    def grade(self, name: str, right: bool) -> None:
        self.ratios[name][0] += right
        self.ratios[name][1] += 1

    def percent(self, name: str) -> float | None:
        if name == "entity":
            return self.entity
        hits, total = self.ratios[name]
        return percent(hits, total) if total else None


def norm_name(name: str) -> str:
    """A name compared loosely: lower case, words only, no leading article."""
    name = re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()
    return next((name[len(d) :] for d in DETERMINERS if name.startswith(d)), name)


def close(a: float | None, b: float) -> bool:
    return a is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


class ArticleScorer:
    """The grading of one record against one reference ledger."""

    def __init__(self, reference: Reference, record: dict):
        self.text = reference.text
        self.ledger = reference.ledger
        self.record = record
        self.entities = {e["id"]: e for e in record["entities"]}
        self.scores = ArticleScores()
        self.attribution_hits: dict[str, int] = {}  # reference id -> index of its predicted attribution

    def run(self) -> ArticleScores:
        self.score_attributions()
        self.score_figures()
        self.score_times()
        self.score_entities()
        return self.scores

    def words(self, span: Span | None) -> set[int]:
        """Start offsets of the word tokens inside the span (a word cut by its edge included)."""
        return {m.start() for m in WORD.finditer(self.text, *span)} if span else set()

    def locate(self, needle: str | None, after: str | None = None) -> Span | None:
        """Where the reference's text is: the first occurrence at or after `after`, else anywhere."""
        if not needle:
            return None
        start = self.text.find(needle, max(self.text.find(after), 0) if after else 0)
        if start < 0:
            start = self.text.find(needle)
        return (start, start + len(needle)) if start >= 0 else None

    def match(
        self, items: list[dict], text_key: str, predicted: list[dict], threshold: float
    ) -> dict[str, int]:
        """Reference id -> predicted index, one-to-one by token Jaccard, required items first so an
        optional one never takes a prediction a required one fits."""
        pred_words = [self.words(span_of(p)) for p in predicted]
        candidates = []
        for g, item in enumerate(items):
            words = self.words(self.locate(item[text_key], item.get("after")))
            for p, other in enumerate(pred_words):
                if (score := jaccard(words, other)) >= threshold:
                    candidates.append(((not required(item), -score), g, p))
        return {items[g]["id"]: p for g, p in greedy_pairs(candidates)}

    # -- attributions --------------------------------------------------------------------------

    def score_attributions(self) -> None:
        predicted = self.record["attributions"]
        references = self.ledger["attributions"]
        contents = [p["content"] for p in predicted]
        hits = self.attribution_hits = self.match(references, "content", contents, LINK_JACCARD)
        s = self.scores
        for reference in references:
            if required(reference):
                s.grade("attr_r", reference["id"] in hits)
        s.ratios["attr_p"] = [len(hits), len(predicted)]
        for reference in filter(required, references):
            if reference["id"] in hits:
                self.grade_attribution(reference, predicted[hits[reference["id"]]])

    def predicted_id(self, reference_id: str) -> str | None:
        """The id of the predicted attribution matched to a reference attribution."""
        found = self.attribution_hits.get(reference_id)
        return None if found is None else self.record["attributions"][found]["id"]

    def grade_attribution(self, reference: dict, attribution: dict) -> None:
        s = self.scores
        if reference.get("source") is not None:
            s.grade("source", self.source_right(reference, attribution["source"]))
        if reference.get("cue"):
            cue = self.locate(reference["cue"], reference.get("after"))
            s.grade("cue", jaccard(self.words(cue), self.words(span_of(attribution["cue"]))) >= CUE_JACCARD)
        s.grade("kind", attribution["kind"] == reference["kind"])
        for label in ("certainty", "polarity"):
            if label in reference:
                s.grade("certainty", attribution[label] == reference[label])
        if reference.get("parent"):
            expected = self.predicted_id(reference["parent"])
            s.grade("nested", expected is not None and attribution["parent"] == expected)
        if reference.get("via"):
            names = {self.canonical(v) for v in attribution["via"]} - {None}
            s.grade("nested", bool(names & self.accepted(reference["via"])))

    def canonical(self, entity_id: str | None) -> str | None:
        name = self.entities.get(entity_id, {}).get("name")
        return norm_name(name) if name else None

    def accepted(self, keys: str | list[str], extra: Iterable[str] = ()) -> set[str]:
        """Normalized names accepted for the reference entities `keys` (plus `extra`)."""
        names = {norm_name(n) for n in extra}
        for key in keys if isinstance(keys, list) else [keys]:
            names |= {norm_name(n) for n in self.ledger["entities"].get(key, {}).get("names", [])}
        return names

    def source_right(self, reference: dict, source: dict | None) -> bool:
        if source is None:
            return False
        span = span_of(source)
        if isinstance(reference["source"], list):
            # A joint source ("Moscow and Pyongyang"): each listed entity, or a span over the text.
            names = {self.canonical(e) for e in source.get("entities") or []} - {None}
            if names and all(self.accepted(key) & names for key in reference["source"]):
                return True
            wanted = self.locate(reference.get("source_text"), reference.get("after"))
            return bool(span and wanted) and jaccard(self.words(span), self.words(wanted)) >= 0.5
        accepted = self.accepted(reference["source"], reference.get("source_names", []))
        name = self.canonical(source.get("entity"))
        if name is not None:
            return name in accepted
        if span is None:
            return False
        said = norm_name(self.text[span[0] : span[1]])
        return any(said == a or said.endswith(" " + a) for a in accepted if a)

    # -- figures and times ---------------------------------------------------------------------

    def score_figures(self) -> None:
        predicted = self.record["figures"]
        references = self.ledger.get("figures", [])
        hits = self.match(references, "text", predicted, 1e-9)
        # A prediction is a false alarm only if it touches no reference figure at all: a ratio
        # such as "one interpreter for every 30 soldiers" may come as two figures.
        reference_words = set().union(
            *(self.words(self.locate(r["text"], r.get("after"))) for r in references)
        )
        matched = set(hits.values())
        false_alarms = sum(
            i not in matched and not self.words(span_of(f)) & reference_words for i, f in enumerate(predicted)
        )
        s = self.scores
        s.ratios["fig_p"] = [len(predicted) - false_alarms, len(predicted)]
        for reference in filter(required, references):
            s.grade("fig_r", reference["id"] in hits)
            if reference["id"] not in hits:
                continue
            figure = predicted[hits[reference["id"]]]
            s.grade("fig_value", figure_value_right(reference, figure))
            carrier = reference.get("attribution")
            if carrier and self.required_attribution(carrier):
                expected = self.predicted_id(carrier)
                s.grade("fig_source", expected is not None and figure["attribution"] == expected)

    def required_attribution(self, attribution_id: str) -> bool:
        return any(a["id"] == attribution_id and required(a) for a in self.ledger["attributions"])

    def score_times(self) -> None:
        predicted = self.record["times"]
        references = self.ledger.get("times", [])
        hits = self.match(references, "text", predicted, 1e-9)
        s = self.scores
        for reference in filter(required, references):
            time = predicted[hits[reference["id"]]] if reference["id"] in hits else None
            s.grade("time_r", time is not None)
            s.grade("time_value", time is not None and str(time["value"]).strip() == reference["value"])
        s.ratios["time_p"] = [len(hits), len(predicted)]

    # -- entities ------------------------------------------------------------------------------

    def score_entities(self) -> None:
        mentions = []  # (reference entity, predicted entity id or None)
        for key, entity in self.ledger["entities"].items():
            for form in entity["mentions"]:
                for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", self.text):
                    mentions.append((key, self.entity_at(m.span())))
        same = same_right = wrong_merges = 0
        for i, (key_a, pred_a) in enumerate(mentions):
            for key_b, pred_b in mentions[i + 1 :]:
                joined = pred_a is not None and pred_a == pred_b
                if key_a == key_b:
                    same += 1
                    same_right += joined
                else:
                    wrong_merges += joined
        recall = percent(same_right, same)
        precision = percent(same_right, same_right + wrong_merges)
        self.scores.entity = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        self.scores.merges_wrong = wrong_merges

    def entity_at(self, span: Span) -> str | None:
        """The predicted entity with the mention that best covers the span."""
        wanted = self.words(span)
        best, best_score = None, 0.0
        for entity_id, entity in self.entities.items():
            for mention in entity["mentions"]:
                score = jaccard(wanted, self.words(span_of(mention)))
                if score > best_score:
                    best, best_score = entity_id, score
        return best


def required(item: dict) -> bool:
    return item.get("required", True)


def figure_value_right(reference: dict, figure: dict) -> bool:
    """The value (as value or either bound), each bound the reference sets, and approximation
    where the reference gives no bound."""
    right = True
    if reference.get("value") is not None:
        right &= any(close(figure[k], reference["value"]) for k in ("value", "high", "low"))
    for bound in ("low", "high"):
        if bound in reference:
            want = reference[bound]
            right &= figure[bound] is None if want is None else close(figure[bound], want)
    if "approximate" in reference and reference.get("low") is None and reference.get("high") is None:
        right &= figure["approximate"] == reference["approximate"]
    return right
