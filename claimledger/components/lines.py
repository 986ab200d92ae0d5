"""Sentences never run across a line break.

News text puts headlines, datelines, time stamps ("5:45 p.m.") and paragraphs on lines of their
own, but the parser reads a blank line as a space and happily makes "5:45 p.m." the subject of
the next paragraph's verb. This component runs before the parser and opens a sentence after
every line break; the parser keeps boundaries set before it."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("claimledger_lines")
def break_sentences_at_lines(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc
