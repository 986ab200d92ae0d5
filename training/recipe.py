"""What `spacy train` needs beyond the package: a corpus reader that parses each document once.

Loaded by `spacy train training/config.cfg --code training/recipe.py`; importing the pipeline
(claimledger.pipeline) registers the role tagger's factory, model architecture and scorer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import DocBin
from spacy.training import Example
from spacy.util import registry

from claimledger.pipeline import LINES  # importing it registers every claimledger component


@registry.readers("claimledger.parsed_corpus.v1")
def make_parsed_corpus(path: str, base_model: str) -> Callable[[Language], Iterator[Example]]:
    """Gold docs from a DocBin paired with the base pipeline's parse of them, made once.

    The frozen components would otherwise re-parse every document in every epoch; here the
    parse and its tok2vec tensor (which the listener reads) are computed on first use and the
    same examples serve every epoch. The parse opens a sentence at every line break, as the
    pipeline's does (claimledger.components.lines)."""
    examples: list[Example] = []

    def read(nlp: Language) -> Iterator[Example]:
        if not examples:
            base = spacy.load(base_model, vocab=nlp.vocab)
            base.add_pipe(LINES, first=True)
            gold = list(DocBin().from_disk(path).get_docs(nlp.vocab))
            parsed = base.pipe(base.make_doc(doc.text) for doc in gold)
            examples.extend(Example(p, g) for p, g in zip(parsed, gold, strict=True))
        yield from examples

    return read
