"""Score a baseline's records with claimledger's own evaluation code, as `claimledger evaluate` does.

`claimledger evaluate` runs the extractor itself and takes no predictions file, so this loads the
gold with the same loaders and calls the same scoring functions on records read from a file.
Run it with the project's venv:

    .venv/bin/python benchmarks/baselines/score.py polnear ../shared/datasets/polnear PRED.jsonl
    .venv/bin/python benchmarks/baselines/score.py timeml ../shared/datasets/timeml PRED.jsonl
    .venv/bin/python benchmarks/baselines/score.py newsquant ../shared/datasets/newsquant/dev.json PRED.jsonl
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from claimledger.cli.evaluate import show
from claimledger.evaluation import newsquant, polnear, timeml
from claimledger.evaluation.report import Report


def records_in_order(path: Path, articles: list) -> list[dict]:
    """The records of `path` in the order of `articles`; an article without one scores empty."""
    by_id = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                record = json.loads(line)
                by_id[record["article"]["id"]] = record
    ordered = []
    for article in articles:
        record = by_id.get(article.id, {"article": {"text": article.text}})
        if record["article"]["text"] != article.text:
            raise SystemExit(
                f"{path}: the text of {article.id} differs from the gold's, offsets would not match"
            )
        ordered.append({"attributions": [], "figures": [], "times": []} | record)
    return ordered


def score(dataset: str, data: Path, predictions: Path, split: str) -> Report:
    if dataset == "polnear":
        articles = polnear.load_articles(data, split)
        return polnear.score_polnear(articles, records_in_order(predictions, articles), top_level_only=True)
    if dataset == "timeml":
        articles = timeml.load_articles(data)
        return timeml.score_timeml(articles, records_in_order(predictions, articles))
    sentences = newsquant.load_sentences(data)
    return newsquant.score_newsquant(sentences, records_in_order(predictions, sentences))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", choices=("polnear", "timeml", "newsquant"))
    parser.add_argument("data", type=Path, help="as for `claimledger evaluate`")
    parser.add_argument("predictions", type=Path, help="the baseline's records, JSON Lines")
    parser.add_argument("--split", default="dev", help="polnear: which split (default: dev)")
    parser.add_argument("--json", type=Path, help="also write every metric and count here")
    args = parser.parse_args()
    report = score(args.dataset, args.data, args.predictions, args.split)
    show(report)
    if args.json:
        args.json.write_text(json.dumps(report.to_json(), indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
