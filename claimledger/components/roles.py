"""A trained tagger of attribution roles (source, cue, content) that writes a span group.

The rules of the attributions stage find a statement through a reporting verb they know; a
statistical tagger, trained on PolNeAR (training/README.md), also marks the roles the rules have
no word for. Its guesses go to `doc.spans[SPANS_KEY]` as labelled SOURCE / CUE / CONTENT spans;
the attributions stage decides which of them become attributions.

The model reads the installed pipeline's own tok2vec vectors (a listener, so no second embedding
runs) and, per token, a few hashed features of the dependency parse the pipeline computes anyway:
its relation and head lemma, its lemma and clausal children, the verb above its clause, whether it
lies inside quotation marks. These carry what the tok2vec's four-token window cannot: that a noun
is the subject of "said", or that a word sits in the clause a cue governs.

spaCy's Tagger (its model, loss and training loop) learns one BIO label per token from `tag_`;
this subclass writes its guesses as spans instead, leaving the part-of-speech tags alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import numpy
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, ORTH, POS
from spacy.language import Language
from spacy.ml.models.tok2vec import MaxoutWindowEncoder
from spacy.pipeline.tagger import Tagger
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry
from thinc.api import (
    Config,
    HashEmbed,
    Maxout,
    Model,
    Softmax_v2,
    chain,
    concatenate,
    with_array,
    zero_init,
)
from thinc.types import Floats2d, Ints2d

SPANS_KEY = "attribution_roles"
# The shipped weights (training/README.md says how they were made), and the words PolNeAR's
# annotators mark as cues most of the time (training/cue_words.py).
WEIGHTS = Path(__file__).resolve().parents[1] / "models" / "roles"
CUE_WORDS = WEIGHTS / "cue_words.txt"
ROLES = ("SOURCE", "CUE", "CONTENT")
OUTSIDE = "O"

# Relations that open a clause: a token's "clause head" is its nearest ancestor-or-self with one.
CLAUSE_DEPS = ("ROOT", "ccomp", "xcomp", "parataxis", "advcl", "csubj", "relcl", "acl", "conj")
# The children a token's lemma feature names: clauses and a subject (what a cue verb has).
CHILD_DEPS = (*CLAUSE_DEPS, "nsubj")
LINE_BREAK, OPENING, CLOSING, STRAIGHT = 1, 2, 3, 4
QUOTE_KINDS = {OPENING: ("\u201c", "\u2018"), CLOSING: ("\u201d", "\u2019"), STRAIGHT: ('"',)}
MIX = numpy.uint64(0x9E3779B97F4A7C15)  # an odd multiplier that spreads each key column over 64 bits
N_FEATURES = 5

DEFAULT_MODEL = """
[model]
@architectures = "claimledger.RoleTaggerModel.v2"
nO = null
syntax_width = 32
syntax_rows = 5000
width = 64
window_size = 2
depth = 3
maxout_pieces = 2

[model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = 96
upstream = "tok2vec"
"""


@cache
def cue_words() -> frozenset[str]:
    """Lower-case words that PolNeAR's train split marks as a cue at least 40% of the 5+ times they occur."""
    return frozenset(CUE_WORDS.read_text(encoding="utf-8").split())


class SyntaxFeatures:
    """Per token, N_FEATURES hashes of strings that describe its place in the parse.

    The strings ("d=nsubj|p=PROPN", "nsubj<say", ...) are what the model was trained on; they are
    built once per distinct combination of the parse's integer ids and their hashes remembered,
    so a document costs a few numpy passes over `doc.to_array` columns and dictionary look-ups."""

    MAX_CACHED = 500_000  # distinct combinations remembered before the cache starts again

    def __init__(self) -> None:
        self._hashes: dict[int, int] = {}

    def __call__(self, doc: Doc) -> numpy.ndarray:
        n = len(doc)
        rows = numpy.zeros((n, N_FEATURES), dtype="uint64")
        if not n:
            return rows
        if len(self._hashes) > self.MAX_CACHED:
            self._hashes.clear()
        strings = doc.vocab.strings
        columns = doc.to_array([DEP, POS, LEMMA, HEAD, ORTH, IS_SPACE])
        dep, pos, lemma = columns[:, 0], columns[:, 1], columns[:, 2]
        index = numpy.arange(n)
        head = index + columns[:, 3].astype("int64")
        clause_deps = numpy.array([strings.add(d) for d in CLAUSE_DEPS], dtype="uint64")
        clause = _clause_heads(head, numpy.isin(dep, clause_deps) | (head == index))
        children = _child_masks(dep, head, numpy.array([strings.add(d) for d in CHILD_DEPS], dtype="uint64"))
        own_lemma = numpy.where(clause == index, lemma[clause], 0)
        keys = (
            (dep, pos),
            (dep, lemma[head]),
            (lemma, children),
            (dep[clause], lemma[head[clause]], own_lemma),
            (self._quoted(columns[:, 4:6], strings),),
        )
        for feature, columns_of_key in enumerate(keys):
            rows[:, feature] = self._hashed(feature, numpy.stack(columns_of_key, axis=1), strings)
        return rows

    def _hashed(self, feature: int, keys: numpy.ndarray, strings) -> numpy.ndarray:
        """The feature's hash per row of `keys`; rows are told apart by one mixed 64-bit number."""
        mixed = numpy.full(len(keys), feature, dtype="uint64")
        with numpy.errstate(over="ignore"):
            for column in keys.T:
                mixed = mixed * MIX + column
        unique, first, inverse = numpy.unique(mixed, return_index=True, return_inverse=True)
        values = numpy.empty(len(unique), dtype="uint64")
        hashes = self._hashes
        for i, (number, row) in enumerate(zip(unique.tolist(), first.tolist(), strict=True)):
            cached = hashes.get(number)
            if cached is None:
                key = tuple(keys[row].tolist())
                cached = hashes[number] = get_string_id(_feature_string(feature, key, strings))
            values[i] = cached
        return values[inverse]

    def _quoted(self, columns: numpy.ndarray, strings) -> numpy.ndarray:
        """1 for a token inside quotation marks (or opening them), else 0. A straight quote opens
        when none is open and closes otherwise; a line break closes whatever is open."""
        orths, spaces = columns[:, 0], columns[:, 1]
        kinds = numpy.zeros(len(orths), dtype="int8")
        for kind, marks in QUOTE_KINDS.items():
            kinds[numpy.isin(orths, [get_string_id(m) for m in marks])] = kind
        for i in numpy.flatnonzero(spaces).tolist():
            if "\n" in strings[int(orths[i])]:
                kinds[i] = LINE_BREAK
        quoted = numpy.zeros(len(orths), dtype="uint64")
        inside = False
        previous = 0
        for i in numpy.flatnonzero(kinds).tolist():
            quoted[previous:i] = inside
            kind = kinds[i]
            if kind == LINE_BREAK:
                inside = False
            opens = kind == OPENING or (kind == STRAIGHT and not inside)
            quoted[i] = inside or opens
            inside = opens or (inside and kind not in (CLOSING, STRAIGHT))
            previous = i + 1
        quoted[previous:] = inside
        return quoted


def _clause_heads(head: numpy.ndarray, stops: numpy.ndarray) -> numpy.ndarray:
    """Each token's nearest ancestor-or-self that opens a clause (or is a root)."""
    clause = numpy.where(stops, numpy.arange(len(head)), head)
    moving = ~stops[clause]
    while moving.any():
        clause[moving] = head[clause[moving]]
        moving = ~stops[clause]
    return clause


def _child_masks(dep: numpy.ndarray, head: numpy.ndarray, child_deps: numpy.ndarray) -> numpy.ndarray:
    """Per token, a bit for each CHILD_DEPS relation that one of its children has."""
    masks = numpy.zeros(len(dep), dtype="uint64")
    bits = numpy.zeros(len(dep), dtype="uint64")
    for bit, value in enumerate(child_deps.tolist()):
        bits[dep == value] = 1 << bit
    child = (bits != 0) & (head != numpy.arange(len(dep)))
    numpy.bitwise_or.at(masks, head[child], bits[child])
    return masks


def _feature_string(feature: int, key: tuple, strings) -> str:
    """The string a feature's key of parse ids stands for, as the model was trained on it."""
    if feature == 0:
        return f"d={strings[key[0]]}|p={strings[key[1]]}"
    if feature == 1:
        return f"{strings[key[0]]}<{strings[key[1]].lower()}"
    if feature == 2:
        kids = ",".join(sorted(d for bit, d in enumerate(CHILD_DEPS) if key[1] >> bit & 1))
        return f"l={strings[key[0]].lower()}|{kids}"
    if feature == 3:
        return f"c={strings[key[0]]}<{strings[key[1]].lower()}|{strings[key[2]].lower()}"
    return f"q={bool(key[0])}"


def extract_syntax() -> Model[list[Doc], list[Ints2d]]:
    features = SyntaxFeatures()

    def forward(model: Model, docs: list[Doc], is_train: bool):
        return [model.ops.asarray2i(features(doc), dtype="uint64") for doc in docs], lambda d: []

    return Model("extract_syntax", forward)


def role_inputs(tok2vec: Model[list[Doc], list[Floats2d]], syntax_width: int, syntax_rows: int) -> Model:
    """Per token, the tok2vec vector joined with the embedded parse features."""
    embed = concatenate(
        *(HashEmbed(syntax_width, syntax_rows, column=i, seed=i + 7) for i in range(N_FEATURES))
    )
    return concatenate(tok2vec, chain(extract_syntax(), with_array(embed)))


def with_refs(model: Model, tok2vec: Model, output: Model) -> Model[list[Doc], list[Floats2d]]:
    """The model with the references spaCy's Tagger looks for."""
    model.set_ref("tok2vec", tok2vec)
    model.set_ref("output_layer", output)
    model.attrs["labels"] = []
    return model


@registry.architectures("claimledger.RoleTaggerModel.v2")
def build_contextual_role_tagger_model(
    tok2vec: Model[list[Doc], list[Floats2d]],
    syntax_width: int,
    syntax_rows: int,
    width: int,
    window_size: int,
    depth: int,
    maxout_pieces: int = 2,
    nO: int | None = None,
) -> Model[list[Doc], list[Floats2d]]:
    """tok2vec vectors joined with embedded parse features, narrowed to `width`, then a trainable
    residual CNN over them, then a softmax.

    A source often stands several words from its cue, beyond the frozen tok2vec's four tokens
    either side; `depth` convolutions over `window_size` neighbours either side widen each token's
    view by depth * window_size tokens, within its document."""
    output = Softmax_v2(nO, init_W=zero_init, normalize_outputs=False)
    model = chain(
        role_inputs(tok2vec, syntax_width, syntax_rows),
        with_array(Maxout(width, nP=2, dropout=0.1, normalize=True)),
        MaxoutWindowEncoder(width, window_size, maxout_pieces, depth),
        with_array(output),
    )
    return with_refs(model, tok2vec, output)


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
    "claimledger_roles",
    assigns=["doc.spans"],
    requires=["doc.tensor", "token.dep", "token.head", "token.lemma", "token.pos"],
    default_config={
        "model": Config().from_str(DEFAULT_MODEL)["model"],
        "spans_key": SPANS_KEY,
        "scorer": {"@scorers": "claimledger.role_scorer.v1"},
    },
)
def make_role_tagger(nlp: Language, name: str, model: Model, spans_key: str, scorer: Callable) -> RoleTagger:
    return RoleTagger(nlp.vocab, model, name, spans_key=spans_key, scorer=scorer)


def score_roles(examples: Iterable[Example], spans_key: str = SPANS_KEY, **kwargs) -> dict:
    """Token-level precision, recall and F1 per role, and their micro average as `roles_f`.

    Gold roles are read from the reference docs' BIO `tag_`s, which is how the training converter
    stores them, so the score needs no span group on the gold side."""
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


@registry.scorers("claimledger.role_scorer.v1")
def make_role_scorer() -> Callable:
    return score_roles
