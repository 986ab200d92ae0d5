"""The attributions stage: who says what, through which cue, in whose words.

Reads the dependency parse. A reporting verb (or "according to", a nominal cue,
an unattributed "reportedly") gives the cue; its subject, the source; its
clausal or nominal complement — or the clause it interrupts — the content.
Quotations found in the raw text then widen contents to whole quotes, mark
kinds (direct, mixed), and give quotes with no cue of their own to the speaker
they continue. Nesting (parent), sources' sources (via) and the time of each
statement are linked last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc, SpanGroup, Token
from spacy.tokens import Span as SpacySpan

from claimledger.annotations import Attribution, Span
from claimledger.components import entities, roles
from claimledger.quotes import Quotations
from claimledger.vocab import attribution as vocab

CLAUSE_DEPS = {"ccomp", "xcomp", "parataxis"}
# dependents before a verb that are clauses of their own, not part of "X said"
CLAUSE_OF_ITS_OWN = {"advcl", "ccomp", "csubj", "parataxis", "conj"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
SOURCE_ENTITY_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
# dependents of a source's head that are not part of its name ("X, who ..., said")
SOURCE_CUT_DEPS = {"relcl", "acl", "punct", "prep", "advmod", "cc"}
OPENING_MARKS = "“„«‹「\"‘'"
CLOSING_MARKS = "”»›」\"’'"
DOUBLE_OPENING, DOUBLE_CLOSING = "“„«‹「", "”»›」"
CLOSING_AFTER = re.compile(r"[.,!?]?[”»›」]")  # a closing mark just past a clause's last word
NAME_BREAKS = ',;:()“”"—'
# "PENCE: Well, look, ..." at the start of a line (after the quotation mark some transcripts open with)
SPEAKER_LABEL = re.compile(r"^[ \t]*[\"“]?(?P<label>[A-Z][\w.’'\- ]{0,38}?):[ \t]+\S", re.M)
# “...” ― Krystal Correa: a dash and a name closing the line after a quotation
SIGNATURE = re.compile(
    r"[ \t\u00a0]*(?P<dash>[―—])[ \t\u00a0]*(?P<name>[A-Z][\w.’'\- ]{1,40}?)[ \t\u00a0.]*(?:\n|$)"
)
TRIM_CHARS = " \n\t,;:.—–-"
DASHES = ("—", "–", "―", "--")
# words (besides the source) between a tagger-proposed cue and its content: "said on Monday that"
MAX_PROPOSAL_GAP = 4
# words in a source's whole phrase ("a senior official who spoke on condition of anonymity")
MAX_MENTION = 30
# Words between a speaker's cue and a quotation that still continues their words (", but", ", clapping.")
MAX_CONTINUATION_GAP = 2
WORD = re.compile(r"\w+")
# what opens a sentence without being part of what was said ("In addition, ...", "However ...")
OPENER_DEPS = {"advmod", "prep", "npadvmod", "nmod"}
# the head of a tagger content that ends before the word it depends on ("he has | completed")
DANGLING_DEPS = {"aux", "auxpass", "neg", "nsubj", "nsubjpass", "det", "mark", "compound", "amod"}
# dependents before a reporting verb that belong to its cue ("has not said"; adverbs: _groups_with_cue)
CUE_GROUP_DEPS = {"aux", "auxpass", "neg"}


@dataclass
class Found:
    """One attribution as the pure step finds it: token ranges, not yet tied to entities."""

    content: tuple[int, int]  # token range [start, end)
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    kind: str = "indirect"
    via: list[tuple[int, int]] = field(default_factory=list)
    source_name: tuple[int, int] | None = None  # a name set off after the source's description
    verb: int | None = None  # the cue's head token, where statement times attach
    content_span: Span | None = None  # set once quotes have widened the content
    # the content's other piece around a cue that interrupts it ("All of this, he said, could ...")
    other_piece: tuple[int, int] | None = None


@Language.factory(
    "claimledger_attributions",
    assigns=["doc._.cl_attributions"],
    requires=["doc._.cl_entities", "doc._.cl_times"],
    default_config={"nominal_cues": True, "unattributed": True},
)
def make_attributions(nlp: Language, name: str, nominal_cues: bool, unattributed: bool) -> AttributionFinder:
    return AttributionFinder(nominal_cues=nominal_cues, unattributed=unattributed)


class AttributionFinder:
    """nominal_cues: also read "reports that X"; unattributed: also record "X has reportedly ..."
    with no source. Both are on by default; a user who wants only sourced speech turns them off."""

    def __init__(self, nominal_cues: bool = True, unattributed: bool = True):
        self.nominal_cues = nominal_cues
        self.unattributed = unattributed

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    # -- finding ------------------------------------------------------------
    def find(self, doc: Doc) -> list[Found]:
        text = doc.text  # spaCy rebuilds doc.text on every access: read it once
        quotes = Quotations(text)
        found: list[Found] = []
        for token in doc:
            lemma = token.lemma_.lower()
            if token.pos_ in ("VERB", "AUX") and (
                lemma in vocab.CLAUSE_CUES or lemma in vocab.OBJECT_CUES or lemma in vocab.PREDICATIVE_CUES
            ):
                item = self._verb_cue(doc, token, quotes)
            elif lemma in vocab.AFTER_QUOTE_CUES and token.pos_ == "VERB" and _right_after_quote(text, token):
                item = self._verb_cue(doc, token, quotes)
            elif lemma in vocab.AS_CLAUSE_CUES and _reports_its_clause(token, lemma):
                item = self._verb_cue(doc, token, quotes)
            elif self.nominal_cues and lemma in vocab.NOMINAL_CUES and token.pos_ == "NOUN":
                item = self._nominal_cue(doc, token)
            elif self.unattributed and lemma in vocab.UNATTRIBUTED_ADVERBS and token.pos_ == "ADV":
                item = self._unattributed(doc, token)
            elif (token.lower_, token.nbor(1).lower_ if token.i + 1 < len(doc) else "") in vocab.ACCORDING_TO:
                item = self._according_to(doc, token)
            else:
                item = None
            if item is not None:
                found.append(item)
            if item is not None and item.other_piece is not None:
                # a content in two pieces around its cue, as PolNeAR and PARC mark it: each a statement
                found.append(replace(item, content=item.other_piece, other_piece=None, verb=None))
        tagged = doc.spans[roles.SPANS_KEY] if roles.SPANS_KEY in doc.spans else []
        _complete_contents(found, tagged)
        found += _proposed(found, tagged, quotes)
        for item in found:
            _with_particle_in_cue(doc, item)
            _with_colon_in_cue(doc, item)
        found = _with_speaker_labels(doc, text, found) + _signed_quotes(doc, text, quotes)
        return _with_quotes(doc, text, found, quotes)

    def _verb_cue(self, doc: Doc, verb: Token, quotes: Quotations) -> Found | None:
        lemma = verb.lemma_.lower()
        if verb.dep_ in ("auxpass", "amod") or _is_via(verb) or quotes.holds(verb.idx):
            return None
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        source = _subject(verb, quotes)
        if passive:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if pobj is None:
                return None  # "were believed to": a hedge inside someone else's content
            source = pobj
        if source is not None and source.lower_ in vocab.NON_SOURCES:
            return None
        cue = _verb_group(verb)
        content = other_piece = None
        for child in verb.children:
            # "called for X", never "for one, called ...": the particle follows its verb
            if child.dep_ == "prep" and child.i > verb.i and (lemma, child.lower_) in vocab.PHRASAL_CUES:
                pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                infinitive = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > child.i), None)
                if (lemma, child.lower_) in vocab.PHRASAL_CUES_WITH_INFINITIVE and infinitive is None:
                    break
                if pobj is not None:
                    content, cue = _clause_range(pobj), (cue[0], child.i + 1)
                    if content is not None and infinitive is not None:
                        content = (content[0], infinitive.right_edge.i + 1)
                    break
        if content is None:
            content = self._clausal_content(verb, lemma)
            speaker = _speaker_start(verb)
            if content is not None and content[0] <= speaker <= cue[0] and content[1] > cue[1]:
                # "what the senators said was ...", "which he said were ...": the clause the parser
                # gave the verb holds its speaker; what was said follows the cue ("what" alone,
                # the word the clause lent the sentence, says nothing in a ledger)
                lead = doc[content[0] : speaker]
                relative = all(t.is_punct or t.lower_ == "that" or t.tag_ in ("WDT", "WP") for t in lead)
                other_piece = (lead.start, lead.end) if _says_something(lead) and not relative else None
                content = (cue[1], content[1])
            if content is not None and content[1] <= cue[0]:
                content = _from_sentence_start(verb, content)
                other_piece = _rest_after_cue(verb, content)
        if content is None:
            content = _object_and_charge(verb, lemma)
        if content is None and lemma in vocab.PREDICATIVE_CUES:
            content = _predicative_content(verb)
        if content is None and lemma in vocab.OBJECT_CUES:
            content = _object_content(verb)
        if content is None:
            head = _reported_clause(verb, lemma)
            if head is not None:
                content = _clause_range(head, exclude=verb)
                other_piece = _lead(verb, head) or _tail(verb, head)
                if lemma in vocab.AS_CLAUSE_CUES:
                    cue = (cue[0], cue[1] + 1)  # "put it"
        if content is None and source is not None and lemma in vocab.SPEECH_VERBS:
            content = _adjacent_quote(doc, verb, source, quotes)
        if content is None or source is None:
            return None
        antecedent = _antecedent(source)
        name = _source_range(antecedent)
        mention = _mention_range(source, name, cue, content)
        if antecedent is not source:
            mention = (source.i, source.i + 1)  # "Mr. Kamin, who emphasized": the pronoun, named by its noun
        return Found(
            content=content,
            cue=cue,
            source=mention,
            source_name=_appositive_name(source) or name,
            via=_via(verb, source),
            verb=verb.i,
            other_piece=other_piece,
        )

    def _clausal_content(self, verb: Token, lemma: str) -> tuple[int, int] | None:
        children = list(verb.children)
        if verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].text == ":":
            children.reverse()  # "..., Kall said: 'I feel ...'": the clause after the colon is what was said
        # "Writing for a panel that agreed Pence won, Barabak noted that ...": the that-clause after the verb
        children.sort(key=lambda child: not (child.i > verb.i and _starts_with_that(child)))
        for child in children:
            if _beyond_a_break(child, verb):
                continue  # "It's unlikely; Clinton's team says she'll ...": the reporter's sentence before
            if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and lemma in vocab.INFINITIVE_CUES):
                content = _clause_range(child)
                first = child.left_edge
                if content and first.lower_ == "that" and content[0] == first.i + 1:
                    # "told FBI agents that he ...": the parser read "that" as a relative pronoun,
                    # but the clause is the verb's complement, so it is the complementizer
                    content = (first.i, content[1])
                return content
        return _complement_hung_on_object(verb)

    def _nominal_cue(self, doc: Doc, noun: Token) -> Found | None:
        """ "reports that X", "assessments that X": the noun's that-clause is the content."""
        clause = next(
            (c for c in noun.children if c.dep_ in ("acl", "ccomp") and _starts_with_that(c)),
            None,
        )
        if clause is None:
            return None
        # whose: the words before the noun, when they name someone ("South Korean intelligence assessments")
        start = noun.left_edge.i
        while start < noun.i and doc[start].dep_ in ("det", "predet"):
            start += 1
        named = any(t.ent_type_ or t.dep_ == "poss" for t in doc[start : noun.i])
        source = (start, noun.i) if named else None
        content = _clause_range(clause)
        return Found(content=content, cue=(noun.i, noun.i + 1), source=source) if content else None

    def _unattributed(self, doc: Doc, adverb: Token) -> Found | None:
        """ "X has reportedly done Y": the reporter passes on a claim and names no source."""
        verb = adverb.head
        if verb.pos_ not in ("VERB", "AUX") or _inside_clause_cue(verb):
            return None
        content = _clause_range(verb)
        if content is None:
            return None
        return Found(content=content, cue=(adverb.i, adverb.i + 1), source=None, verb=verb.i)

    def _according_to(self, doc: Doc, according: Token) -> Found | None:
        to = according.nbor(1)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) or next(
            (c for c in according.children if c.dep_ == "pobj"), None
        )
        head = according.head
        while head.dep_ not in ("ROOT", "ccomp", "conj") and head.head is not head and head.pos_ != "VERB":
            head = head.head
        if head.dep_ == "ccomp" and head.head.lemma_.lower() not in vocab.CLAUSE_CUES:
            head = head.head  # "would see incomes go up, according to X", unlike "said that ..."
        if _ends_sentence(according):
            head = according.sent.root  # "A, and B, according to X": X stands behind the whole sentence
        if pobj is None or head is according:
            return None
        phrase = set(according.subtree)
        content = _clause_range(head, exclude_tokens=phrase)
        if content is None:
            return None
        content, other_piece = _around_phrase(according, max(t.i for t in phrase) + 1, head, content)
        cue, name = (according.i, to.i + 1), _source_range(pobj)
        return Found(
            content=content,
            cue=cue,
            source=_mention_range(pobj, name, cue, content),
            source_name=name,
            verb=head.i,
            other_piece=other_piece,
        )

    # -- writing ------------------------------------------------------------
    def set_annotations(self, doc: Doc, found: list[Found]) -> None:
        found = sorted(found, key=lambda f: (f.content_span.start, f.content_span.end))
        attributions: list[Attribution] = []
        for i, item in enumerate(found, start=1):
            source = _char_span(doc, _with_closing_comma(doc, item.source)) if item.source else None
            attributions.append(
                Attribution(
                    id=f"a{i}",
                    content=item.content_span,
                    kind=item.kind,
                    source=source,
                    source_entities=entities.source_entities(
                        doc, _char_span(doc, item.source_name or item.source)
                    )
                    if source
                    else [],
                    cue=_char_span(doc, item.cue) if item.cue else None,
                    via=[e for v in item.via for e in entities.source_entities(doc, _char_span(doc, v))],
                )
            )
        _link_parents(attributions)
        _link_times(doc, list(zip(found, attributions, strict=True)))
        doc._.cl_attributions = attributions


def _with_closing_comma(doc: Doc, source: tuple[int, int]) -> tuple[int, int]:
    """ "Ed Rendell, a Clinton surrogate, said": the comma that closes an apposition is part of the
    source, as PolNeAR's annotators mark it (921 to 107 on train; without an apposition, 5 to 799)."""
    start, end = source
    if end < len(doc) and doc[end].text == "," and any(t.text == "," for t in doc[start:end]):
        return start, end + 1
    return source


# -- the parse -----------------------------------------------------------------
def _subject(verb: Token, quotes: Quotations) -> Token | None:
    """The verb's subject, inherited through "..., saying", "denied ... and later asserted".

    A participle that the parser hung inside a quotation ("“...,” Rubio said, adding ...")
    takes the subject of the reporting verb before it in the sentence instead.
    """
    for _ in range(4):
        # '"..., full panic mode," said Leslie Wimes': a subject inside the quotation is the parser's slip
        quoted = quotes.holds(verb.idx)
        subject = next(
            (c for c in verb.children if c.dep_ in SUBJECT_DEPS and quotes.holds(c.idx) <= quoted), None
        )
        if subject is not None:
            return subject
        if not quoted and any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            return _named_after_quote(verb, quotes)  # '“...,” Flynn, a surrogate, said on “Fox and Friends.”'
        before = verb.doc[verb.i - 1] if verb.i > 0 else None
        if (
            verb.dep_ in ("parataxis", "ccomp")
            and before is not None
            and before.pos_ in ("PROPN", "PRON", "NOUN")
        ):
            return before  # '“...,” Rubio said': the parser hung the speaker inside the quote
        if verb.dep_ not in ("advcl", "conj", "xcomp") or verb.head is verb:
            return None
        if quotes.holds(verb.head.idx) and not quotes.holds(verb.idx):
            return _last_speaker_subject(verb, quotes)
        verb = _reporting_verb_above(verb) or verb.head
    return None


def _reporting_verb_above(participle: Token) -> Token | None:
    """ "Analysts said geopolitical factors have contributed ..., citing ...": a participle the parser
    hung on the reported clause goes on with the reporting verb, whose subject it shares."""
    clause = participle.head
    if participle.dep_ != "advcl" or participle.tag_ != "VBG" or clause.dep_ != "ccomp":
        return None
    if clause.lemma_.lower() in vocab.SPEECH_VERBS:
        return None  # "..., Lewandowski added, saying ...": the clause is itself someone speaking
    lemma = clause.head.lemma_.lower()
    return clause.head if lemma in vocab.CLAUSE_CUES or lemma in vocab.SPEECH_VERBS else None


def _named_after_quote(verb: Token, quotes: Quotations) -> Token | None:
    """The first name or pronoun between a quotation and the verb right after it, where the parser
    took a word inside a quotation for the verb's subject."""
    doc = verb.doc
    start = verb.i
    while start > verb.sent.start and not quotes.holds(doc[start - 1].idx) and not doc[start - 1].is_quote:
        start -= 1
    if start == verb.sent.start or start == verb.i:
        return None
    return next((t for t in doc[start : verb.i] if t.pos_ in ("PROPN", "PRON", "NOUN")), None)


def _antecedent(source: Token) -> Token:
    """ "Trump, who says he is honored": the relative pronoun stands for the noun its clause
    modifies, which names the source; the pronoun stays the source's span, as PolNeAR marks it."""
    clause = source.head
    if source.tag_ == "WP" and clause.dep_ == "relcl" and clause.head.pos_ in ("PROPN", "NOUN"):
        return clause.head
    return source


def _last_speaker_subject(verb: Token, quotes: Quotations) -> Token | None:
    for token in reversed(verb.doc[verb.sent.start : verb.i]):
        if token.lemma_.lower() in vocab.SPEECH_VERBS and not quotes.holds(token.idx):
            return next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
    return None


def _source_range(head: Token) -> tuple[int, int]:
    """The source's name: the head's phrase between the punctuation around it, without a relative
    clause or apposition ("Artem Kholodkevych, the deputy commander ..., told")."""
    doc = head.doc
    start = head.i
    while start > head.left_edge.i and not _breaks_name(doc[start - 1]):
        start -= 1
    end = head.i + 1
    while end <= head.right_edge.i:
        t = doc[end]
        inside_name = t.ent_iob_ == "I"  # "Reporters Without Borders"
        # "U.N. Resident Coordinator for Myanmar Andrew Kirkwood": a title whose phrase ends in the name
        titled = t.dep_ == "prep" and doc[t.right_edge.i].ent_type_ == "PERSON"
        cut = (
            t.dep_ in SOURCE_CUT_DEPS
            and t.head.i == head.i
            and t.dep_ != "cc"
            and not (inside_name or titled)
        )
        if _breaks_name(t) or cut:
            break
        end += 1
    while start < head.i and doc[start].dep_ == "cc":
        start += 1
    return start, end


def _verb_group(verb: Token) -> tuple[int, int]:
    """The cue as said: the verb with the auxiliaries, negation and adverbs just before it ("has
    said", "did not confirm", "to discuss", "also said", "later told"), as PolNeAR's annotators mark
    it. The reporter's own words stay out: a focus word ("have even said") or distance ("reportedly")."""
    doc = verb.doc
    start = verb.i
    while start > 0 and doc[start - 1].head == verb and _groups_with_cue(doc[start - 1]):
        start -= 1
    end = verb.i + 1
    if end < len(doc) and doc[end].head == verb and doc[end].dep_ == "prt":
        end += 1  # "pointed out", "spoke up"
    return start, end


def _groups_with_cue(token: Token) -> bool:
    if token.dep_ == "advmod":
        word = token.lower_
        return word not in vocab.FOCUS_ADVERBS and word not in vocab.UNATTRIBUTED_ADVERBS
    return token.dep_ in CUE_GROUP_DEPS


def _mention_range(
    head: Token, name: tuple[int, int], cue: tuple[int, int], content: tuple[int, int]
) -> tuple[int, int]:
    """The whole phrase that names the source, as a reader would quote it: "Victor Cha, a Korea
    scholar at the Center for Strategic and International Studies", "one GOP source in the room".
    Its `name` (_source_range) is what entities are resolved from. Falls back to the name when the
    parse lets the phrase run into the cue, the content or a quotation, or past MAX_MENTION words."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    for child in head.rights:
        if child.dep_ in ("prep", "acl") and doc[child.left_edge.i - 1].text == ",":
            # "Yoon, in calls with ...": the parser's misplaced adverbial; "Lawmakers, briefed by
            # the agency,": a source's source, recorded as via
            end = min(end, child.left_edge.i)
    while start < head.i and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    while end > head.i + 1 and doc[end - 1].is_punct and doc[end - 1].text not in ")”’\"'":
        end -= 1
    clashes = _overlaps((start, end), cue) or _overlaps((start, end), content)
    quoted = any(t.is_quote for t in doc[start:end])
    if clashes or quoted or end - start > MAX_MENTION:
        return name
    return min(start, name[0]), max(end, name[1])


def _appositive_name(head: Token) -> tuple[int, int] | None:
    """ "Guterres’ spokesman, Stephane Dujarric, told": the name set off after a description."""
    if head.ent_type_ in ("PERSON", "ORG"):
        return None
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i and child.ent_type_ in ("PERSON", "ORG"):
            start = child.i
            while start > child.left_edge.i and child.doc[start - 1].ent_type_ == child.ent_type_:
                start -= 1
            return start, child.i + 1
    return None


def _breaks_name(token: Token) -> bool:
    """Punctuation that ends a name ("," "“"), unlike the possessive mark in "Guterres’ spokesman"."""
    return token.is_punct and (token.dep_ not in ("case", "punct") or token.text in NAME_BREAKS)


def _starts_with_that(clause: Token) -> bool:
    return _is_complementizer(clause.left_edge)


def _is_complementizer(token: Token) -> bool:
    """The "that" of "said that ...", not a demonstrative or a relative pronoun."""
    return token.lower_ == "that" and token.dep_ == "mark"


def _inside_clause_cue(verb: Token) -> bool:
    """True when the verb is itself the complement of a reporting verb (the outer cue covers it)."""
    head = verb
    for _ in range(6):
        if head.dep_ in ("ccomp", "xcomp") and head.head.lemma_.lower() in vocab.CLAUSE_CUES:
            return True
        if head.head is head:
            return False
        head = head.head
    return False


def _object_content(verb: Token) -> tuple[int, int] | None:
    """ "confirmed Pyongyang's dispatch of troops to Russia": the object, with a prepositional
    phrase right after it that the parser hung on the verb."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.ent_type_ in ("PERSON", "NORP") or obj.tag_ in ("WP", "WDT"):
        return None  # "told reporters", "what the party described as ..."
    if obj.left_edge == obj.right_edge and (obj.pos_ == "PROPN" or obj.is_upper or obj.is_title):
        return None  # "praising ECOWAS": a name alone is not a claim
    start, end = _clause_range(obj)  # type: ignore[misc]  # an object's own subtree is never empty
    for child in verb.children:
        if child.dep_ == "prep" and child.i == end and child.lower_ in vocab.OBJECT_PREPOSITIONS:
            end = child.right_edge.i + 1
    return start, end


def _object_and_charge(verb: Token, lemma: str) -> tuple[int, int] | None:
    """ "accused the government of robbing the province": whom, and of what, together."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    prep = next(
        (c for c in verb.children if c.dep_ == "prep" and (lemma, c.lower_) in vocab.OBJECT_PREPOSITION_CUES),
        None,
    )
    if obj is None or prep is None or prep.i < obj.i:
        return None
    return obj.left_edge.i, prep.right_edge.i + 1


def _reported_clause(verb: Token, lemma: str) -> Token | None:
    """The head of the clause a cue reports from outside it: the one an as-clause hangs on ("As
    Politico reported, ...", "..., as a memo put it"), or the one the cue interrupts or follows
    ("North Korea has sent troops, the Pentagon said")."""
    if _reports_its_clause(verb, lemma):
        return verb.head
    return _interrupted_clause(verb) if _interrupts(verb) else None


def _reports_its_clause(verb: Token, lemma: str) -> bool:
    """ "As Politico reported, ...", "..., as a memo put it.": a cue in an as-clause that opens or
    closes the sentence, with a subject and no complement of its own, reports the clause it hangs on.
    With a complement it is the scene ("as he explained how tough it is", "as it commented on ..."),
    and in the middle of a clause it is about a phrase, not the clause ("the fact that the race is
    close, as Cruz said, magnifies ...")."""
    head = verb.head
    if verb.dep_ != "advcl" or head is verb:
        return False
    head_lemma = head.lemma_.lower()
    if head_lemma in vocab.CLAUSE_CUES or head_lemma in vocab.OBJECT_CUES:
        return False  # "Mrs. Clinton pledges to ..., as she put it": the clause is a report of its own
    children = list(verb.children)
    mark = next((c for c in children if c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i), None)
    if mark is None or not any(c.dep_ in ("nsubj", "nsubjpass") for c in children):
        return False  # "as expected"
    doc = verb.doc
    opens = all(t.dep_ in ("advmod", "cc", "mark", "punct") for t in doc[head.left_edge.i : mark.i])
    before = [t.text for t in doc[max(mark.i - 2, 0) : mark.i] if not t.is_quote]  # 'income," as ...'
    closes = before[-1:] == [","] and _ends_sentence(verb)
    if not (opens or closes):
        return False
    if lemma in vocab.AS_CLAUSE_CUES:
        return verb.i + 1 < len(doc) and verb.nbor(1).lower_ == "it" and verb.nbor(1).dep_ == "dobj"
    own = [t for c in children if c.dep_ not in SUBJECT_DEPS for t in c.subtree]
    return (lemma in vocab.SPEECH_VERBS or lemma in vocab.CLAUSE_CUES) and not any(
        t.dep_ in ("ccomp", "xcomp", "dobj", "attr", "oprd", "pcomp", "relcl", "acl") for t in own
    )


def _interrupts(verb: Token) -> bool:
    """ "..., the Pentagon said." / "..., he told reporters": a speech verb set off after what it
    reports, or in its middle ("Even if ..., Mr. Morgan said, he has already ...")."""
    if verb.dep_ not in ("parataxis", "advcl", "ccomp"):
        return False
    doc = verb.doc
    end = verb.right_edge.i
    if end + 1 < len(doc) and doc[end + 1].text == ":":
        return False  # "..., Kall said: '...'": what was said follows the colon
    set_off = doc[end].text == "," or (end + 1 < len(doc) and doc[end + 1].text == ",")
    if verb.i < verb.head.i and not (verb.dep_ == "parataxis" and set_off):
        return False
    if verb.lemma_.lower() not in vocab.SPEECH_VERBS:
        return False
    start = _speaker_start(verb)  # the comma before the speaker may be the verb's own
    before = doc[start - 1] if start > 0 else None
    return doc[start].text == "," or before is not None and (before.is_punct or before.is_quote)


def _speaker_start(verb: Token) -> int:
    """Where the words "X said" begin: the verb's leftmost dependent other than a clause of its own,
    which the parser may have hung on it ("If this argument fails, Mr. Castañeda argues, ...")."""
    return min((c.left_edge.i for c in verb.lefts if c.dep_ not in CLAUSE_OF_ITS_OWN), default=verb.i)


def _interrupted_clause(verb: Token) -> Token:
    """The head of the clause a speech verb interrupts; for "The difference now, he told me, is
    that ...", where the parser hung the verb on the subject, the subject's verb."""
    head = verb.head
    return head.head if head.dep_ in SUBJECT_DEPS and head.head.i > verb.i else head


def _lead(verb: Token, head: Token) -> tuple[int, int] | None:
    """ "All of this, he acknowledges, could be undone": the words of the clause before the cue
    that interrupts it, which the clause's range leaves out."""
    doc = verb.doc
    start, end = head.left_edge.i, _speaker_start(verb)
    if head.i < verb.i or start >= end:
        return None
    start, end = _without_linking_word(doc, start, _without_loose_end(doc, start, end))
    # "Still, Neth says, ...": an adverb alone links to what came before; it says nothing
    says = any(t.pos_ not in ("ADV", "PUNCT", "CCONJ", "PART") for t in doc[start:end])
    return (start, end) if says else None


def _from_sentence_start(verb: Token, content: tuple[int, int]) -> tuple[int, int]:
    """ "A, but B, another source said.": a speaker closing the sentence said all of it, though the
    parser joined the verb to A and gave it only B as its clause."""
    doc, head = verb.doc, verb.head
    if verb.dep_ != "conj" or head.i >= content[0] or not _ends_sentence(verb):
        return content
    return _without_linking_word(doc, head.left_edge.i, content[1])


def _around_phrase(
    according: Token, after: int, head: Token, content: tuple[int, int]
) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """ "A, according to X, B": the clause's two pieces around the phrase (which ends before `after`),
    the one that holds the clause's head first. The other is left out where it says nothing of its
    own, is a run-in heading ("BLA surges According to ...") or what the reporter narrates
    ("..., according to their attorneys, said they came away ...")."""
    doc = according.doc
    start, end = content
    after += after < end and doc[after].is_punct
    if not start < according.i < end or after >= end:
        return content, None
    before = _without_linking_word(doc, start, _without_loose_end(doc, start, according.i))
    rest = _without_linking_word(doc, after, end)
    content, other = (before, rest) if head.i < according.i else (rest, before)
    piece = doc[other[0] : other[1]]
    run_in = according.is_title and piece.start < according.i
    # a participle goes on with what X reports ("Trump gave his blessing, according to X, becoming ...")
    narrated = _is_narration(piece.root) and piece.root.tag_ != "VBG"
    if run_in or narrated or not _says_something(piece):
        return content, None
    return content, other


def _rest_after_cue(verb: Token, lead: tuple[int, int]) -> tuple[int, int] | None:
    """ "It was, the president said, ''a stone where ...''": a quotation, object or clause with its
    own subject that the verb still governs after the comma closing its cue, when what was said
    (`lead`) began before the cue; not a contrast the reporter draws ("..., but no evidence was
    released"), nor the scene after a quotation ('"...," Melanie said, and soon, the balloons ...')."""
    doc = verb.doc
    comma = next((c for c in verb.children if c.i > verb.i and c.text == ","), None)
    if comma is None or comma.i + 1 == len(doc):
        return None
    quoted = doc[comma.i + 1].is_quote  # '"...," Trump said, "but a lot of people ..."': still his words
    after_quotation = any(t.is_quote for t in doc[lead[1] - 1 : verb.i])
    if not quoted and (after_quotation or any(c.i > comma.i and c.lower_ == "but" for c in verb.children)):
        return None
    rest = [c for c in verb.children if c.i > comma.i and not c.is_punct and c.dep_ != "cc"]
    if not rest or rest[0].dep_ not in ("conj", "ccomp", "dobj"):
        return None
    if rest[0].dep_ == "dobj" and not (quoted and any(t.pos_ in ("VERB", "AUX") for t in rest[0].subtree)):
        return None  # '"...," Maddow said, another reference to ...', "said in his book, ''An American Son''"
    if _is_own_statement(rest[0]) or _is_narration(rest[0]):
        return None
    start = comma.i + 1
    start, end = _without_linking_word(doc, start, _without_loose_end(doc, start, verb.right_edge.i + 1))
    return (start, end) if _says_something(doc[start:end]) else None


def _complement_hung_on_object(verb: Token) -> tuple[int, int] | None:
    """ "told a meeting of leaders that few people understood ...", "reported at the time that ...":
    the parser hung the verb's that-clause on the object or phrase after it as a relative clause,
    but its "that" is not a relative pronoun (the parse makes it a complementizer or an adverb)."""
    for child in verb.rights:
        if child.dep_ not in ("dobj", "prep"):
            continue
        for token in child.subtree:
            that = token.left_edge
            if token.dep_ == "relcl" and that.lower_ == "that" and that.dep_ in ("mark", "advmod"):
                return that.i, _clause_range(token)[1]
    return None


def _beyond_a_break(clause: Token, verb: Token) -> bool:
    """Whether a semicolon or a colon stands between a clause before the verb and the verb."""
    doc = verb.doc
    return clause.i < verb.i and any(t.text in (";", ":") for t in doc[clause.right_edge.i + 1 : verb.i])


def _tail(verb: Token, head: Token) -> tuple[int, int] | None:
    """ "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt": the words of the clause
    after the cue that interrupts it, which the clause's range leaves out."""
    doc = verb.doc
    whole = _clause_range(head)
    start = verb.right_edge.i + 1
    if head.i > verb.i or whole is None or start >= whole[1]:
        return None
    while start < whole[1] and doc[start].is_punct and not doc[start].is_quote:
        start += 1
    if start >= whole[1] or any(t.text in DASHES for t in doc[verb.i + 1 : start]):
        return None  # "..., Bill Clinton said this week — an apparent reversal ...": the reporter's aside
    start, end = _without_linking_word(doc, start, whole[1])
    if _is_narration(next((t for t in doc[start:end] if t.head == head), None)):
        return None
    return (start, end) if _says_something(doc[start:end]) else None


def _is_narration(clause: Token | None) -> bool:
    """What the reporter tells after a cue, not what was said: the speaker's next act ("..., he said,
    and left the room", "..., further describing ...") or the scene ("..., as fighters worked out")."""
    if clause is None:
        return False
    own_subject = any(c.dep_ in SUBJECT_DEPS for c in clause.children)
    participle = clause.tag_ == "VBG" and not any(c.dep_ == "aux" for c in clause.children)  # not "are going"
    scene = any(c.dep_ == "mark" and c.lower_ in vocab.SCENE_MARKS for c in clause.children)
    return participle or scene or (clause.dep_ == "conj" and not own_subject)


def _adjacent_quote(doc: Doc, verb: Token, source: Token, quotes: Quotations) -> tuple[int, int] | None:
    """'"Are we there? Probably not," Ms. Moore said.', 'Trump said, "When people ..."' and 'He
    said:' over a quoted paragraph: the quotation the parser left in a sentence of its own, right
    before or after the speaker and cue."""
    first, last = min(verb.i, source.left_edge.i), max(verb.i, source.right_edge.i)
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    text = doc.text
    for quote in quotes:
        if quote.end <= start:
            gap = text[quote.end : start]
        elif quote.start >= end:
            gap = text[end : quote.start]
        else:
            return None  # the speaker is inside a quotation
        if _joins(gap):
            span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
            return (span.start, span.end) if span is not None else None
    return None


def _joins(gap: str) -> bool:
    """Whether only punctuation on one line parts a speaker from a quotation, or a colon that
    ends the line ('He said:' and the quotation in the next paragraph)."""
    if gap.strip() == ":":
        return True
    return len(gap) < 4 and "\n" not in gap and not any(ch.isalnum() for ch in gap)


def _right_after_quote(text: str, verb: Token) -> bool:
    """'“...,” he continued': the verb's subject comes right after a quotation that its comma,
    question or exclamation mark leaves open for a speaker."""
    subject = next((c for c in verb.lefts if c.dep_ in SUBJECT_DEPS and c.right_edge.i == verb.i - 1), None)
    if subject is None:
        return False
    before = text[: subject.left_edge.idx].rstrip()
    return len(before) >= 2 and before[-1] in CLOSING_MARKS and before[-2] in ",?!"


def _is_via(verb: Token) -> bool:
    """ "reported citing X": the participle names the source's source, it is not a statement of its own."""
    return (
        verb.lemma_.lower() in vocab.VIA_VERBS
        and verb.dep_ in ("xcomp", "advcl")
        and verb.head.lemma_.lower() in vocab.CLAUSE_CUES
    )


def _predicative_content(verb: Token) -> tuple[int, int] | None:
    """ "calling the deployment 'very dangerous'": the object and what it is called."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    pred = next((c for c in verb.children if c.dep_ in ("oprd", "xcomp", "acomp")), None)
    if obj is None or pred is None or obj.tag_ in ("WP", "WDT"):
        return None
    start = min(obj.left_edge.i, pred.left_edge.i)
    end = max(obj.right_edge.i, pred.right_edge.i) + 1
    return start, end


def _clause_range(
    head: Token, exclude: Token | None = None, exclude_tokens: set | None = None
) -> tuple[int, int] | None:
    """The tokens of a clause (with its leading "that"), without the cue that interrupts it,
    and without a trailing contrastive clause that has its own speaker ("..., while analysts suggest ...")."""
    dropped = set(exclude_tokens or ())
    if exclude is not None:
        dropped |= set(exclude.subtree)
    doc = head.doc
    for child in head.children:
        if child.i > head.i and child.dep_ in ("advcl", "conj") and _is_own_statement(child):
            dropped |= set(child.subtree)
        elif child.i + 1 < len(doc) and (child.lower_, doc[child.i + 1].lower_) in vocab.ACCORDING_TO:
            dropped |= set(child.subtree)  # "..., according to the poll": the source of another attribution
    aside = _trailing_aside(head)
    if aside is not None:
        dropped |= set(aside.subtree)
    kept = [t.i for t in head.subtree if t not in dropped]
    while len(kept) > 1 and _is_loose(doc[kept[-1]]):
        kept.pop()  # the full stop, comma or "and" that a clause cut away leaves behind
    if not kept:
        return None
    start, end = kept[0], kept[-1] + 1
    # a cue in the middle ("X, he said, Y") breaks contiguity: keep the part holding the head
    if exclude is not None and start < exclude.i < end:
        start, end = (start, exclude.left_edge.i) if head.i < exclude.i else (exclude.right_edge.i + 1, end)
    return _without_linking_word(doc, start, end)


def _trailing_aside(head: Token) -> Token | None:
    """ "acknowledged the reality of climate change, which makes him an outlier": a relative clause
    set off by a comma at the end of a content is the reporter's aside, not what was said."""
    last = head.right_edge
    for token in head.subtree:
        if (
            token is not head
            and token.dep_ == "relcl"
            and token.right_edge == last
            and token.left_edge.tag_ in ("WDT", "WP")
            and token.left_edge.i > 0
            and token.doc[token.left_edge.i - 1].text == ","
        ):
            return token
    return None


def _without_loose_end(doc: Doc, start: int, end: int) -> int:
    """The end without the loose words (_is_loose) left behind by a clause cut away."""
    while end - 1 > start and _is_loose(doc[end - 1]):
        end -= 1
    return end


def _is_loose(token: Token) -> bool:
    """A word no phrase ends on: "and", a comma, "which", or a preposition or article whose
    object lies beyond ("Democrats during", "the rules on")."""
    if token.dep_ == "cc" or token.tag_ in ("WDT", "WP") or token.is_space:
        return True
    if token.is_punct:
        return not token.is_quote
    function_word = token.pos_ in ("ADP", "DET", "SCONJ", "CCONJ") and token.dep_ != "prt"
    return function_word and (token.head.i > token.i or token.n_rights > 0)


def _without_linking_word(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """ "Manus, which experts say can rival ...": the relative pronoun stands for the content, it is
    not part of it; nor is the "And" or "But" that links it to the sentence before. A "that" which
    opens the clause ("said that X") is, as in PARC and PolNeAR, and so is the "what" of "what it
    calls a hoax"."""
    first = doc[start]
    relative = first.tag_ in ("WDT", "WP") and first.dep_ not in ("mark", "advmod")  # not "said that"
    if relative and first.lower_ != "what" and start + 1 < end:
        start += 1  # a "that" tagged WDT but parsed as the clause's mark opens it ("said at first that")
    while start + 1 < end and doc[start].dep_ == "cc" and doc[start].pos_ == "CCONJ":
        start += 1
    return _without_opener(doc, start, end), end


def _without_opener(doc: Doc, start: int, end: int) -> int:
    """ "In addition, the campaign plans ...", "However, growth ...": the reporter's link to the
    sentence before, set off by a comma or a discourse adverb, is not what the source said. (The
    parser may hang "In" on the cue, leaving "addition" behind.)"""
    opener = doc[start]
    head = opener.head
    framing = opener.dep_ in OPENER_DEPS and start < head.i < end and head.pos_ in ("VERB", "AUX")
    orphan = opener.dep_ == "pobj" and head.i < start  # "[In] addition, ..." with "In" on the cue
    if not (framing or orphan):
        return start
    after = opener.right_edge.i + 1
    if after + 1 < end and doc[after].text in (",", "―", "—"):
        return after + 1
    if after < end and framing and opener.lower_ in vocab.DISCOURSE_ADVERBS:
        return after
    return start


def _is_own_statement(clause: Token) -> bool:
    """A clause inside a content that is a statement of its own: "..., while analysts suggest ...",
    "..., arguing that ...", "he would order a review and warned against ..."."""
    doc = clause.doc
    lemma = clause.lemma_.lower()
    is_cue = lemma in vocab.CLAUSE_CUES or lemma in vocab.OBJECT_CUES
    set_off = clause.left_edge.i > 0 and doc[clause.left_edge.i - 1].is_punct
    has_subject = any(c.dep_ in SUBJECT_DEPS for c in clause.children)
    if is_cue and clause.dep_ == "conj" and clause.tag_ == "VBD" and clause.head.tag_ != "VBD":
        return True  # the reporter's past tense, not the content's: a second statement by the same source
    if is_cue and clause.tag_ == "VBG" and set_off:
        return True
    return set_off and has_subject and is_cue


def _via(verb: Token, source: Token) -> list[tuple[int, int]]:
    """Whom the source relies on: "lawmakers, briefed by the spy agency, said"; "reported citing X"."""
    via = []
    for holder, deps in ((source, ("acl",)), (verb, ("xcomp", "advcl"))):
        for child in holder.children:
            if child.dep_ not in deps or child.lemma_.lower() not in vocab.VIA_VERBS:
                continue
            for arg in child.children:
                if arg.dep_ == "agent":
                    arg = next((c for c in arg.children if c.dep_ == "pobj"), None)
                elif arg.dep_ != "dobj":
                    continue
                if arg is not None and (
                    arg.ent_type_ in SOURCE_ENTITY_TYPES or arg.lemma_.lower() in vocab.SOURCE_NOUNS
                ):
                    via.append(_source_range(arg))
    return via


# -- the role tagger's proposals -------------------------------------------------
def _proposed(found: list[Found], tagged: SpanGroup | list[SpacySpan], quotes: Quotations) -> list[Found]:
    """Attributions around the trained role tagger's cues that the rules had no word for.

    The tagger (claimledger.components.roles) marks SOURCE, CUE and CONTENT spans but does not
    link them; the rules know the parse. A tagger cue becomes an attribution only when nothing
    the rules found covers it, it is not inside a quotation, it is a cue word (see _is_cue_word) or
    a full verb before a that-clause or a quotation (_is_unlisted_cue), and its sentence also holds
    a tagger source and content: then the content is the tagger's content on the side of the
    cue that has most of it, if it starts within a few words of the cue, and the source the
    tagger's source that holds the verb's subject, else the nearest (_tagged_source); where the
    tagger saw no content, the verb's complement clause or object is. A content lies between the
    cue and its neighbouring cues and is never one an earlier statement opened ("Asked if X, Y
    said no": X is asked, "no" is said).
    Looser proposals (other cues, or the verb's subject where the tagger saw no source) cost more
    in precision than they gained on PolNeAR dev (training/README.md has the numbers)."""
    used: set[int] = set()
    for item in found:
        for start, end in filter(None, (item.cue, item.content)):
            used.update(range(start, end))
    contents = [item.content for item in found]
    proposed = []
    for cue in tagged:
        if cue.label_ != "CUE" or used.intersection(range(cue.start, cue.end)) or quotes.holds(cue.root.idx):
            continue  # a quoted speaker's own "he believes": part of what they said, as for the rules
        listed = _is_cue_word(cue)
        if not (listed or _is_unlisted_cue(cue)):
            continue
        sentence = cue.sent
        inside = [s for s in tagged if s.start >= sentence.start and s.end <= sentence.end]
        sources = [s for s in inside if s.label_ == "SOURCE"]
        # contents between this cue and its neighbours, not yet another statement's
        cues = [s for s in inside if s.label_ == "CUE"]
        next_cue = min((s.start for s in cues if s.start >= cue.end), default=sentence.end)
        last_cue = max((s.end for s in cues if s.end <= cue.start), default=sentence.start)
        free = [
            s
            for s in inside
            if s.label_ == "CONTENT"
            and not any(a <= s.start < b for a, b in contents)
            and not _describes_source(s, sources)
        ]
        after = [s for s in free if cue.end <= s.start and s.end <= next_cue]
        before = [s for s in free if last_cue <= s.start and s.end <= cue.start]
        side = max((after, before), key=lambda group: sum(len(s) for s in group))
        if not sources:
            continue
        if not side:
            parsed = _parsed_content(cue.root)
            if parsed is None:
                continue
            side = [cue.doc[parsed[0] : parsed[1]]]
        source = _tagged_source(cue.root, sources)
        named = any(t.pos_ == "PROPN" for t in source) and source[0].pos_ != "ADP"  # a misparsed name
        if source.root.pos_ not in ("NOUN", "PROPN", "PRON") and not named:
            continue  # "More are considered critical minerals": no one said it
        gap = range(cue.end, side[0].start) if side is after else range(side[-1].end, cue.start)
        words_between = sum(1 for i in gap if not cue.doc[i].is_punct and not source.start <= i < source.end)
        if words_between > MAX_PROPOSAL_GAP:
            continue  # "published video purportedly showing ... [to collect fatigues]": not what was said
        content = _without_linking_word(
            cue.doc, side[0].start, _phrase_end(cue.doc[side[0].start : side[-1].end])
        )
        if not _says_something(cue.doc[content[0] : content[1]]):
            continue
        if not listed and not _is_reported_clause(cue.doc[content[0] : content[1]]):
            continue  # "signed an agreement", "voted to extend": an act, not a statement
        contents.append(content)
        proposed.append(
            Found(
                content=content,
                cue=(min(cue.start, _verb_group(cue.root)[0]), cue.end),
                source=(source.start, source.end),
                verb=cue.root.i,
            )
        )
    return proposed


def _describes_source(content: SpacySpan, sources: list[SpacySpan]) -> bool:
    """ "John Bentel, a staffer who told his subordinates ..., declined to comment": a clause that
    describes a source is not what the source's cue reports."""
    root = content.root
    return root.dep_ in ("relcl", "acl") and any(s.start <= root.head.i < s.end for s in sources)


def _tagged_source(verb: Token, sources: list[SpacySpan]) -> SpacySpan:
    """The tagger source that holds the verb's subject (for "pushed Stumpf to admit", its
    object), else the one nearest the verb."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None and verb.dep_ == "xcomp":
        subject = next((c for c in verb.head.children if c.dep_ in ("dobj", *SUBJECT_DEPS)), None)
    holding = [s for s in sources if subject is not None and s.start <= subject.i < s.end]
    return holding[0] if holding else min(sources, key=lambda s: abs(s.start - verb.i))


def _with_particle_in_cue(doc: Doc, item: Found) -> None:
    """ "warned against X", "spoke about X": a preposition between the cue and its content belongs
    to the cue, as PolNeAR's annotators mark it nine times in ten ("to" opens an infinitive)."""
    if item.cue is None or item.cue[1] != item.content[0] or item.content[1] - item.content[0] < 2:
        return
    first = doc[item.content[0]]
    if first.dep_ == "prep" and first.lower_ != "to" and item.cue[0] <= first.head.i < item.cue[1]:
        item.cue, item.content = (item.cue[0], first.i + 1), (first.i + 1, item.content[1])


def _with_colon_in_cue(doc: Doc, item: Found) -> None:
    """ "He said: “...”": a colon between the cue and its content ends the cue, as PolNeAR's
    annotators mark it (367 to 18 on train)."""
    if item.cue is None or item.cue[1] >= len(doc) or item.content[0] <= item.cue[1]:
        return
    if doc[item.cue[1]].text == ":" and doc[item.cue[1] - 1].text != ":":
        item.cue = (item.cue[0], item.cue[1] + 1)


def _parsed_content(verb: Token) -> tuple[int, int] | None:
    """The verb's complement clause or object, where the tagger marked no content."""
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp") and child.i > verb.i:
            return _clause_range(child)
    return _object_content(verb)


def _phrase_end(content: SpacySpan) -> int:
    """Where the tagger's content should end: at the end of the phrase its head word opens
    ("the rebel group of killing, maiming, raping, looting, and ... displacing civilians"), or of
    the verb it stopped short of ("he has [already completed ...]")."""
    root = content.root
    if root.dep_ in DANGLING_DEPS and root.head.i > content.end - 1:
        root = root.head
    edge = root.right_edge.i + 1
    end = max(content.end, min(edge, content.sent.end))
    return _without_loose_end(content.doc, content.start, end)


def _says_something(content: SpacySpan) -> bool:
    """ "Said nothing", "said so": a pronoun or adverb alone is not a claim."""
    return any(not t.is_punct and t.pos_ not in ("PRON", "ADV", "DET") for t in content)


def _complete_contents(found: list[Found], tagged: SpanGroup | list[SpacySpan]) -> None:
    """A content the parse cut short: widen it over the tagger's CONTENT spans that overlap it,
    hold neither its cue nor its source (nor the verb a noun cue depends on: "The ministry's claim
    that no one died [was disputed]"), and do not stop inside a name ("... fatigues after South");
    one that stops a word or two before the word its last word depends on runs on to that word's end."""
    contents = [
        s
        for s in tagged
        if s.label_ == "CONTENT" and not (s.end < len(s.doc) and s.doc[s.end].ent_iob_ == "I")
    ]
    if not contents:
        return
    doc = contents[0].doc
    for item in found:
        start, end = item.content
        taken: set[int] = set()
        for first, last in filter(None, (item.cue, item.source)):
            taken.update(range(first, last))
        cue = doc[item.cue[0] : item.cue[1]].root if item.cue else None
        if cue is not None and cue.pos_ == "NOUN":
            taken.update(t.i for t in cue.ancestors)
        for span in contents:
            if span.start < end and start < span.end and not taken.intersection(range(span.start, span.end)):
                start, end = min(start, span.start), max(end, span.end)
        if (start, end) != item.content:
            last = doc[end - 1]
            if end > item.content[1] and not last.is_punct and end <= last.head.i < end + 3:
                end = max(end, last.head.right_edge.i + 1)  # "..., which was [reached on Aug. 29]"
            item.content = _without_linking_word(doc, start, _without_loose_end(doc, start, end))


def _is_cue_word(cue: SpacySpan) -> bool:
    """ "According to" and its like, or a verb PolNeAR's annotators mostly mark as a cue (the
    tagger also learnt theirs for "attacked" or "shares", which our ledger does not record)."""
    if tuple(t.lower_ for t in cue[:2]) in vocab.ACCORDING_TO:
        return True
    root = cue.root
    return root.pos_ in ("VERB", "AUX") and root.lower_ in roles.cue_words() and _may_cue(root)


def _is_reported_clause(content: SpacySpan) -> bool:
    """A proposition set out as reported speech: a "that"-clause or a quotation ("worries that
    Washington will be seen ...", 'fretted "I am not ready ..."'), not an act ("signed an agreement",
    "voted to extend his mandate") nor a noun phrase."""
    return _is_complementizer(content[0]) or content[0].is_quote


def _is_unlisted_cue(cue: SpacySpan) -> bool:
    """A full verb outside the list ("worries", "reaffirmed", "fretted"): the tagger's cue is taken
    when what it governs reads as reported speech (_is_reported_clause); "is", "has" or "did" alone
    are not statements."""
    root = cue.root
    return root.pos_ == "VERB" and root.lemma_.lower() not in vocab.LIGHT_VERBS and _may_cue(root)


def _may_cue(verb: Token) -> bool:
    """Not a modifier ("a militia called X"), an act of violence, a name ("a group called X"),
    nor a source's source ("citing X")."""
    lemma = verb.lemma_.lower()
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    return (
        verb.dep_ not in ("acl", "amod")
        and lemma not in vocab.VIOLENCE_VERBS
        and not (lemma in vocab.NAMING_VERBS and before is not None and before.pos_ in ("NOUN", "PROPN"))
        and not _is_via(verb)
    )


# -- labels and signatures ------------------------------------------------------
def _with_speaker_labels(doc: Doc, text: str, found: list[Found]) -> list[Found]:
    """Transcripts and headlines: "PENCE: Well, look, ..." or "Pence: Flowers won't be at debate".
    A speaker's name before a colon at the start of a line says the rest of the line; what the
    parse found across the label is cut back to the words after it."""
    labelled = []
    for match in SPEAKER_LABEL.finditer(text):
        label = doc.char_span(match.start("label"), match.end("label"), alignment_mode="expand")
        colon = doc.char_span(match.end("label"), match.end("label") + 1, alignment_mode="expand")
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        while text[end - 1].isspace():
            end -= 1
        content = doc.char_span(match.end() - 1, end, alignment_mode="expand")
        if None in (label, colon, content) or not _is_speaker_label(label):
            continue
        labelled.append(
            Found(
                content=(content.start, content.end),
                cue=(colon.start, colon.end),
                source=(label.start, label.end),
            )
        )
    kept = []
    for item in found:
        if any(_overlaps(item.source or item.cue, label.source) for label in labelled):
            continue
        if item.source is None and any(_overlaps(item.cue, label.content) for label in labelled):
            continue  # "PENCE: ... Clinton reportedly thinks ...": the speaker's own hedge
        for label in labelled:
            start, end = item.content
            if start <= label.cue[0] and label.content[0] < end:
                item.content = (label.content[0], end)
        kept.append(item)
    return kept + labelled


def _is_speaker_label(label: SpacySpan) -> bool:
    """A name, a transcript's capitals ("WALLACE"), or a poll; not "Editor's note" nor "LONDON"."""
    words = label.text.strip()
    if words.lower() in vocab.NON_SPEAKER_LABELS or len(label) > 4:
        return False
    if words.isupper():
        return sum(c.isalpha() for c in words) > 1 and not any(t.ent_type_ in ("GPE", "LOC") for t in label)
    if label.root.lemma_.lower() in vocab.LABEL_SOURCE_NOUNS:
        return True
    if all(t.ent_type_ in ("PERSON", "ORG") for t in label if not t.is_punct):
        return True
    # a headline's "Pence:", which the tagger misses at the top: a name the article gives someone
    named = (e.text for e in label.doc.ents if e.label_ in ("PERSON", "ORG") and e.start >= label.end)
    return label[0].is_title and any(name == words or name.endswith(" " + words) for name in named)


def _signed_quotes(doc: Doc, text: str, quotes: Quotations) -> list[Found]:
    """“Donald Trump scares me.” ― Krystal Correa: a quotation signed by a dash and a name that
    ends its line."""
    signed = []
    for quote in quotes:
        match = SIGNATURE.match(text, quote.end)
        if match is None:
            continue
        name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
        dash = doc.char_span(match.start("dash"), match.end("dash"), alignment_mode="expand")
        inner = doc.char_span(quote.start + 1, quote.end - 1, alignment_mode="expand")
        if None in (name, dash, inner) or not all(t.pos_ == "PROPN" or t.ent_type_ == "PERSON" for t in name):
            continue
        signed.append(
            Found(content=(inner.start, inner.end), cue=(dash.start, dash.end), source=(name.start, name.end))
        )
    return signed


def _ends_sentence(phrase: Token) -> bool:
    """Whether only punctuation follows the phrase in its sentence."""
    return all(t.is_punct or t.is_space for t in phrase.doc[phrase.right_edge.i + 1 : phrase.sent.end])


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


# -- quotes ----------------------------------------------------------------------
def _with_quotes(doc: Doc, text: str, found: list[Found], quotes: Quotations) -> list[Found]:
    """Widen contents to the quotations they sit in, label kinds, and give orphan quotes to a speaker."""
    for item in found:
        span = _trimmed(text, _char_span(doc, item.content))
        cue_start = doc[item.cue[0]].idx if item.cue else len(text)
        source_start = doc[item.source[0]].idx if item.source else cue_start
        for quote in quotes:
            inner = Span(quote.start + 1, quote.end - 1)
            if not span.overlaps(inner):
                continue
            # the content is (part of) one quotation, or a whole quoted sentence right before "X said"
            # (what precedes it in the parse is then a headline run into the text): take it whole
            said_after = (
                quote.end <= min(cue_start, source_start)
                and not any(ch.isalnum() for ch in text[quote.end : min(cue_start, source_start)])
                and text[quote.start + 1 : quote.start + 2].isupper()
            )
            if said_after or not _outside(text, span, quote):
                span = quote
                break
        item.content_span = span
        item.kind = _kind(span, quotes)
    covered = [f.content_span for f in found]
    for quote in quotes:
        if any(c.overlaps(quote) for c in covered):
            continue
        speaker = _speaker_before(doc, text, found, quote) or _speaker_after(doc, text, found, quote)
        if speaker is not None:
            found.append(replace(speaker, kind="direct", verb=None, content_span=quote))
    return found


def _outside(text: str, span: Span, quote: Span) -> bool:
    """Whether the content has words outside the quotation (a mixed quote)."""
    left = text[span.start : quote.start] if span.start < quote.start else ""
    right = text[quote.end : span.end] if span.end > quote.end else ""
    return any(ch.isalnum() for ch in left + right)


def _kind(span: Span, quotes: Quotations) -> str:
    inside = [q for q in quotes if span.overlaps(q)]
    if not inside:
        return "indirect"
    if any(q.start <= span.start and span.end <= q.end for q in inside):
        return "direct"
    return "mixed"


def _is_statement(doc: Doc, text: str, quote: Span) -> bool:
    """A quotation that opens a sentence and says something (a clause), not a quoted phrase.
    The sentence may open after a full stop the parser did not split at ("... group. ''It's ...''")."""
    tokens = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if tokens is None or len(tokens) < 5 or not any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return False
    before = text[tokens.sent.start_char : quote.start].rstrip()
    return not before or before[-1] in ".?!"


def _speaker_before(doc: Doc, text: str, found: list[Found], quote: Span) -> Found | None:
    """The speaker a cue-less quote continues: the last quoted attribution that ends shortly before
    it, when the quote opens a sentence or follows that speaker's cue within a few words in the
    same paragraph ('"A," he said, "B."', '"A," she said, clapping. "B."')."""
    before = [f for f in found if f.content_span.end <= quote.start and f.kind != "indirect" and f.source]
    if not before:
        return None
    last = max(before, key=lambda f: f.content_span.end)
    said_end = max(_char_span(doc, part).end for part in (last.cue, last.source) if part)
    gap = text[max(last.content_span.end, said_end) : quote.start]
    opening = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if opening is not None and opening.start > 0 and doc[opening.start - 1].pos_ == "ADP":
        return None  # 'said on “Fox and Friends.”': a quoted name, not more of what was said
    if "\n" not in gap and len(WORD.findall(gap)) <= MAX_CONTINUATION_GAP:
        return last
    if "\n" not in gap and _ends_one_sentence(gap):
        return last  # '"It's finished," she said of the election, in which ... . "In my head, anyway."'
    if _is_statement(doc, text, quote) and gap.count("\n") <= 1 and len(gap) < 300:
        return last
    return None


def _ends_one_sentence(gap: str) -> bool:
    """Whether the words between a speaker's cue and a quotation close the speaker's sentence."""
    words = gap.strip()
    return bool(words) and words[-1] in ".?!" and not any(ch in ".?!" for ch in words[:-1])


def _speaker_after(doc: Doc, text: str, found: list[Found], quote: Span) -> Found | None:
    """The speaker of a quotation the cue interrupts, whose first part is too short for the parse
    to give it the cue ('''Hopefully,'' Mr. Obama said, ''this museum can help ...'''). The quotation
    opens its sentence: "on “Face the Nation,” Pence said" names a show."""
    before = text[max(0, quote.start - 20) : quote.start].rstrip(" \t")
    if before and before[-1] not in ".?!:\n":
        return None
    for item in found:
        if item.source is None or item.cue is None or item.kind == "indirect":
            continue
        said = min(doc[item.cue[0]].idx, doc[item.source[0]].idx)
        gap = text[quote.end : said]
        if quote.end <= said < item.content_span.start and not any(ch.isalnum() or ch == "\n" for ch in gap):
            return item
    return None


# -- offsets, nesting, times -----------------------------------------------------
def _char_span(doc: Doc, tokens: tuple[int, int]) -> Span:
    """The characters of a token range, without the whitespace tokens at its edges (a no-break
    space is a token of its own: "PolitiFact\u00a0says")."""
    start, end = tokens
    while end - start > 1 and doc[end - 1].is_space:
        end -= 1
    while end - start > 1 and doc[start].is_space:
        start += 1
    return Span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))


def _trimmed(text: str, span: Span) -> Span:
    """Without edge punctuation, keeping a quote mark only when its partner is inside, and
    taking in a closing mark the parser left outside ('calling it “very dangerous”.')."""
    start, end = span.start, span.end
    while True:
        while start < end and text[start] in TRIM_CHARS:
            start += 1
        while end > start and text[end - 1] in TRIM_CHARS:
            end -= 1
        inner = text[start:end]
        if end > start and text[end - 1] in CLOSING_MARKS and not any(m in inner[:-1] for m in OPENING_MARKS):
            end -= 1
        elif end > start and text[start] in OPENING_MARKS and not any(m in inner[1:] for m in CLOSING_MARKS):
            start += 1
        else:
            break
    inner = text[start:end]
    if sum(map(inner.count, DOUBLE_OPENING)) > sum(map(inner.count, DOUBLE_CLOSING)):
        closing = CLOSING_AFTER.match(text, end)
        end = closing.end() if closing else end
    return Span(start, end)


def _link_parents(attributions: list[Attribution]) -> None:
    """An attribution whose cue and content lie inside another's content is nested in it."""
    for inner in attributions:
        anchor = inner.cue or inner.content
        holders = [
            a
            for a in attributions
            if a is not inner
            and a.content.contains(anchor)
            and a.content.contains(inner.content)
            and a.content != inner.content
        ]
        if holders:
            inner.parent = min(holders, key=lambda a: a.content.end - a.content.start).id


def _link_times(doc: Doc, pairs: list[tuple[Found, Attribution]]) -> None:
    """A time expression that modifies the cue verb ("said on Monday") dates the statement."""
    by_verb = {found.verb: attribution for found, attribution in pairs if found.verb is not None}
    for time in doc._.cl_times or []:
        span = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        for _ in range(3):
            if head.i in by_verb:
                attribution = by_verb[head.i]
                if attribution.time is None and not attribution.content.overlaps(time.span):
                    attribution.time = time.id
                break
            if head.dep_ not in ("pobj", "prep", "npadvmod", "tmod", "obl") or head.head is head:
                break
            head = head.head
