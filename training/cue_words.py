"""Write the words PolNeAR's annotators mark as an attribution cue most of the time.

usage: python training/cue_words.py TRAIN.spacy [--into claimledger/models/roles/cue_words.txt]

TRAIN.spacy is the converter's DocBin of the train split (BIO labels in `tag_`). The role tagger
also marks as cues verbs that PolNeAR counts but our ledger does not ("attacked", "shares",
"is considered"); the attributions stage proposes an attribution from a tagger cue only when its
word is in this list: seen at least MIN_SEEN times in train, a cue at least MIN_RATE of them.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import DocBin

MIN_SEEN = 5
MIN_RATE = 0.4
PACKAGE_FILE = Path(__file__).resolve().parents[1] / "claimledger" / "models" / "roles" / "cue_words.txt"


def cue_words(path: Path) -> list[str]:
    seen: Counter = Counter()
    as_cue: Counter = Counter()
    for doc in DocBin().from_disk(path).get_docs(spacy.blank("en").vocab):
        for token in doc:
            seen[token.lower_] += 1
            as_cue[token.lower_] += token.tag_.endswith("-CUE")
    return sorted(w for w, n in seen.items() if n >= MIN_SEEN and as_cue[w] >= MIN_RATE * n and w.isalpha())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("--into", type=Path, default=PACKAGE_FILE)
    args = parser.parse_args()
    words = cue_words(args.train)
    args.into.write_text("".join(f"{w}\n" for w in words), encoding="utf-8")
    print(f"{len(words)} cue words -> {args.into}")
