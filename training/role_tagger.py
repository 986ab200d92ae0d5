"""A BIO tagger for attribution roles (source, cue, content) that writes a span group.

Besides the frozen tok2vec vectors (which see four tokens either side), each token gets a few
hashed features of the dependency parse the pipeline computes anyway: its relation to its head
and the head's lemma, the reporting verb above its clause, whether it lies inside quotation
marks. These carry what a four-token window cannot: that a noun is the subject of "said", or
that a word sits in the clause a cue governs.

spaCy's own Tagger learns one label per token from `token.tag_` of the gold docs, which is what
we want, but it also writes its guesses to `token.tag_`, where they would overwrite the
part-of-speech tags the rule-based stages read. This subclass keeps the Tagger's model, loss and
training, and writes its guesses as labelled spans to `doc.spans[spans_key]` instead.

Loaded by `spacy train ... --code training/role_tagger.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import numpy
import spacy
from spacy.language import Language
from spacy.pipeline.tagger import Tagger
from spacy.strings import get_string_id
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example
from spacy.util import registry
from thinc.api import (
    HashEmbed,
    Maxout,
    Model,
    Softmax_v2,
    chain,
    concatenate,
    expand_window,
    with_array,
    zero_init,
)
from thinc.types import Floats2d, Ints2d

SPANS_KEY = "attribution_roles"
ROLES = ("SOURCE", "CUE", "CONTENT")
OUTSIDE = "O"

# Relations that open a clause: a token's "clause head" is its nearest ancestor-or-self with one.
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "parataxis", "advcl", "csubj", "relcl", "acl", "conj"})
OPENING_QUOTES = frozenset({"\u201c", "\u2018"})
CLOSING_QUOTES = frozenset({"\u201d", "\u2019"})
N_FEATURES = 5


def syntax_features(doc: Doc) -> numpy.ndarray:
    """Per token, N_FEATURES hashed strings describing its place in the parse (see module doc).

    Clause heads are memoised along the way up, so the walk is linear in the tokens."""
    clause_head: dict[int, int] = {}

    def clause_of(i: int) -> int:
        path = []
        while i not in clause_head:
            token = doc[i]
            if token.dep_ in CLAUSE_DEPS or token.head.i == i:
                clause_head[i] = i
                break
            path.append(i)
            i = token.head.i
        for j in path:
            clause_head[j] = clause_head[i]
        return clause_head[i]

    rows = numpy.zeros((len(doc), N_FEATURES), dtype="uint64")
    inside = False
    for token in doc:
        if token.is_space and "\n" in token.text:
            inside = False
        opens = token.text in OPENING_QUOTES or (token.text == '"' and not inside)
        head = doc[clause_of(token.i)]
        cue_kids = ",".join(
            sorted({c.dep_ for c in token.children if c.dep_ in CLAUSE_DEPS or c.dep_ == "nsubj"})
        )
        values = (
            f"d={token.dep_}|p={token.pos_}",
            f"{token.dep_}<{token.head.lemma_.lower()}",
            f"l={token.lemma_.lower()}|{cue_kids}",
            f"c={head.dep_}<{head.head.lemma_.lower()}|{head.lemma_.lower() if head.i == token.i else ''}",
            f"q={inside or opens}",
        )
        rows[token.i] = [get_string_id(v) for v in values]
        if opens:
            inside = True
        elif token.text in CLOSING_QUOTES or token.text == '"':
            inside = False
    return rows


def extract_syntax() -> Model[list[Doc], list[Ints2d]]:
    def forward(model: Model, docs: list[Doc], is_train: bool):
        return [model.ops.asarray2i(syntax_features(doc), dtype="uint64") for doc in docs], lambda d: []

    return Model("extract_syntax", forward)


@registry.architectures("claimledger.RoleTaggerModel.v1")
def build_role_tagger_model(
    tok2vec: Model[list[Doc], list[Floats2d]],
    syntax_width: int,
    syntax_rows: int,
    hidden_width: int,
    window_size: int = 0,
    nO: int | None = None,
) -> Model[list[Doc], list[Floats2d]]:
    """tok2vec vectors joined with embedded parse features, one hidden layer, then a softmax.

    `window_size` > 0 lets the hidden layer see that many neighbours' vectors either side."""
    embed = concatenate(
        *(HashEmbed(syntax_width, syntax_rows, column=i, seed=i + 7) for i in range(N_FEATURES))
    )
    syntax = chain(extract_syntax(), with_array(embed))
    output = Softmax_v2(nO, init_W=zero_init, normalize_outputs=False)
    window = [expand_window(window_size)] if window_size else []
    model = chain(
        concatenate(tok2vec, syntax),
        with_array(chain(*window, Maxout(hidden_width, nP=2, dropout=0.1, normalize=True), output)),
    )
    model.set_ref("tok2vec", tok2vec)
    model.set_ref("output_layer", output)
    model.attrs["labels"] = []
    return model


def bio_labels(doc: Doc, spans: Iterable[Span]) -> list[str]:
    """One label per token: B-ROLE on a span's first token, I-ROLE inside it, O elsewhere.

    Where spans of different roles overlap (a nested attribution), the narrower span wins,
    since the wider one is almost always a content that contains another's cue or source."""
    labels = [OUTSIDE] * len(doc)
    for span in sorted(spans, key=len, reverse=True):
        for i in range(span.start, span.end):
            labels[i] = ("B-" if i == span.start else "I-") + span.label_
    return labels


def spans_from_labels(doc: Doc, labels: list[str]) -> list[Span]:
    """The runs of one role in a BIO sequence; an I- after another role starts a new span."""
    spans = []
    start, role = 0, None
    for i, label in enumerate([*labels, OUTSIDE]):
        prefix, _, this_role = label.partition("-")
        if role is not None and (this_role != role or prefix == "B"):
            spans.append(Span(doc, start, i, label=role))
            role = None
        if this_role and role is None:
            start, role = i, this_role
    return spans


class RoleTagger(Tagger):
    """spaCy's Tagger whose guesses become `doc.spans[spans_key]`, leaving `token.tag_` alone."""

    def __init__(self, vocab, model: Model, name: str, *, spans_key: str, scorer: Callable):
        super().__init__(vocab, model, name, overwrite=False, scorer=scorer)
        self.cfg["spans_key"] = spans_key

    def set_annotations(self, docs: Iterable[Doc], batch_tag_ids) -> None:
        labels = self.labels
        for doc, tag_ids in zip(docs, batch_tag_ids, strict=True):
            ids = tag_ids.get() if hasattr(tag_ids, "get") else tag_ids
            doc.spans[self.cfg["spans_key"]] = spans_from_labels(doc, [labels[i] for i in ids])


@Language.factory(
    "claimledger_role_tagger",
    assigns=["doc.spans"],
    default_config={
        "spans_key": SPANS_KEY,
        "scorer": {"@scorers": "claimledger.role_tagger_scorer.v1"},
    },
)
def make_role_tagger(nlp: Language, name: str, model: Model, spans_key: str, scorer: Callable) -> RoleTagger:
    return RoleTagger(nlp.vocab, model, name, spans_key=spans_key, scorer=scorer)


def score_roles(examples: Iterable[Example], spans_key: str = SPANS_KEY, **kwargs) -> dict:
    """Token-level precision, recall and F1 per role, and their micro average as `roles_f`.

    Gold roles are read from the reference docs' BIO `tag_`s, which is how the converter stores
    them, so the score needs no span group on the gold side."""
    counts = {role: [0, 0, 0] for role in ROLES}  # hits, predicted, gold
    for eg in examples:
        gold = [tag.partition("-")[2] for tag in eg.get_aligned("TAG", as_string=True)]
        predicted = [""] * len(eg.predicted)
        for span in eg.predicted.spans.get(spans_key, []):
            for i in range(span.start, span.end):
                predicted[i] = span.label_
        for guess, truth in zip(predicted, gold, strict=True):
            if guess:
                counts[guess][1] += 1
            if truth in counts:
                counts[truth][2] += 1
                counts[truth][0] += guess == truth
    totals = [sum(c[k] for c in counts.values()) for k in range(3)]
    scores = {}
    for name, (hits, n_pred, n_gold) in [*((r.lower(), c) for r, c in counts.items()), ("roles", totals)]:
        p = hits / n_pred if n_pred else 0.0
        r = hits / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        scores.update({f"{name}_p": p, f"{name}_r": r, f"{name}_f": f})
    return scores


@registry.scorers("claimledger.role_tagger_scorer.v1")
def make_role_scorer() -> Callable:
    return score_roles


@registry.readers("claimledger.parsed_corpus.v1")
def make_parsed_corpus(path: str, base_model: str) -> Callable[[Language], Iterator[Example]]:
    """Gold docs from a DocBin paired with the base pipeline's parse of them, made once.

    The frozen components would otherwise re-parse every document in every epoch; here the
    parse and its tok2vec tensor (which the listener reads) are computed on first use and the
    same examples serve every epoch."""
    examples: list[Example] = []

    def read(nlp: Language) -> Iterator[Example]:
        if not examples:
            base = spacy.load(base_model, vocab=nlp.vocab)
            gold = list(DocBin().from_disk(path).get_docs(nlp.vocab))
            parsed = base.pipe(base.make_doc(doc.text) for doc in gold)
            examples.extend(Example(p, g) for p, g in zip(parsed, gold, strict=True))
        yield from examples

    return read
