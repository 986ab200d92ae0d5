"""The certainty stage: how firmly each source commits, the reporter's distance, and denials.

Runs after the attributions stage and grades each attribution from its cue and
the hedge words of its content. Hedges inside a relative clause describe a
noun, not the claim ("troops who could join"), and a nested statement's cue
belongs to that statement, so neither grades the outer one.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from claimledger.annotations import Attribution, Span
from claimledger.vocab import certainty as vocab


@Language.factory(
    "claimledger_certainty", assigns=["doc._.cl_attributions"], requires=["doc._.cl_attributions"]
)
def make_certainty(nlp: Language, name: str) -> CertaintyGrader:
    return CertaintyGrader()


class CertaintyGrader:
    def __call__(self, doc: Doc) -> Doc:
        attributions = doc._.cl_attributions or []
        self.set_annotations(attributions, [self.grade(doc, a, attributions) for a in attributions])
        return doc

    def grade(self, doc: Doc, attribution: Attribution, others: list[Attribution]) -> dict:
        """certainty, stance, polarity and hedge spans for one attribution."""
        cue = _tokens(doc, attribution.cue) if attribution.cue else []
        cue_lemmas = {t.lemma_.lower() for t in cue}
        content = _tokens(doc, attribution.content)
        nested_cues = [
            a.cue for a in others if a is not attribution and a.cue and attribution.content.contains(a.cue)
        ]
        hedges = [
            t
            for t in content
            if (t.lower_ in vocab.POSSIBLE or t.lower_ in vocab.PROBABLE)
            and not (t.tag_ == "VBN" and t.dep_ == "amod")  # "for suspected participation" describes a noun
            and not any(c.start <= t.idx < c.end for c in nested_cues)
            and not _in_relative_clause(t, attribution)
        ]
        levels = ["possible" if t.lower_ in vocab.POSSIBLE else "probable" for t in hedges]
        levels += ["probable"] * bool(cue_lemmas & vocab.PROBABLE_CUES)
        levels += ["possible"] * bool(cue_lemmas & vocab.POSSIBLE_CUES)
        question = any(t.text == "?" for t in content[-3:])
        if cue_lemmas & vocab.UNKNOWN_CUES or question:
            levels.append("unknown")
        negated = any(c.dep_ == "neg" for t in cue for c in t.children)
        distanced = bool(cue_lemmas & vocab.DISTANCING_CUES) or any(
            t.lower_ in vocab.DISTANCING_ADVERBS for t in cue + content
        )
        return {
            "certainty": min(levels, key=vocab.LEVELS.index, default="certain"),
            "stance": "distanced" if distanced else "neutral",
            "polarity": "denied" if cue_lemmas & vocab.DENIAL_CUES and not negated else "affirmed",
            "hedges": [Span(t.idx, t.idx + len(t.text)) for t in hedges],
        }

    def set_annotations(self, attributions: list[Attribution], grades: list[dict]) -> None:
        for attribution, grade in zip(attributions, grades, strict=True):
            attribution.certainty = grade["certainty"]
            attribution.stance = grade["stance"]
            attribution.polarity = grade["polarity"]
            attribution.hedges = grade["hedges"]


def _tokens(doc: Doc, span: Span) -> list[Token]:
    found = doc.char_span(span.start, span.end, alignment_mode="expand")
    return list(found) if found is not None else []


def _in_relative_clause(token: Token, attribution: Attribution) -> bool:
    """Whether a relative clause inside the content holds the token."""
    for ancestor in [token, *token.ancestors]:
        if not attribution.content.start <= ancestor.idx < attribution.content.end:
            return False
        if ancestor.dep_ == "relcl":
            return True
    return False
