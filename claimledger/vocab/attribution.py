"""Words that introduce attributed statements: reporting verbs, nominal cues, sources' sources.

Lemmas, lower case. Which argument holds the content differs by verb: most take a
clause ("said that ..."), some also take a noun phrase ("confirmed the dispatch",
"denied the allegations"), a few take an infinitive ("claimed to have ...").
"""

# Verbs whose clausal complement (or the clause they interrupt: "X, he said") is a statement.
CLAUSE_CUES = frozenset(
    """
    say tell add state claim report announce confirm deny insist argue assert acknowledge admit
    allege warn note explain write declare maintain contend suggest believe think estimate
    predict expect fear hope reveal disclose indicate stress emphasise emphasize underline
    reiterate repeat recall recount remark comment respond reply answer concede complain
    boast testify tweet post posit caution urge vow pledge promise threaten accuse charge
    assure inform agree disagree conclude find show signal hint imply observe point
    speculate suspect doubt question wonder ask demand recommend propose predict forecast
    brief assess reckon acknowledge shout yell scream exclaim chant joke quip
    mention describe characterize characterise dismiss reject underscore highlight clarify
    """.split()
)

# Verbs whose direct object can itself be the content ("NATO confirmed Pyongyang's dispatch").
OBJECT_CUES = frozenset(
    """
    confirm deny cite share report announce reveal disclose acknowledge admit reject dismiss claim
    dispute allege predict forecast estimate describe condemn welcome praise criticise
    criticize blame demand promise pledge vow threaten question emphasise emphasize stress
    underscore highlight
    """.split()
)

# Verbs whose infinitive complement is the content ("Russia denied having ...", "vowed to retaliate").
INFINITIVE_CUES = frozenset("claim vow pledge promise threaten deny refuse".split())

# Verbs that report speech only right after a quotation ('“...,” he continued.'), not elsewhere
# ("Resistance continues “...”", a subheading run into a quotation).
AFTER_QUOTE_CUES = frozenset({"continue"})

# Verbs that report speech only in an as-clause, with "it" ("as a Homeland Security memo put it").
AS_CLAUSE_CUES = frozenset({"put"})

# Conjunctions that open the scene a statement was made in ("..., Spencer said, as fighters worked out").
SCENE_MARKS = frozenset("as while when".split())

# Verb + particle cues whose prepositional object is the content.
PHRASAL_CUES = {
    ("call", "for"): "called for",
    ("call", "on"): "called on",
    ("warn", "of"): "warned of",
    ("warn", "about"): "warned about",
    ("speak", "of"): "spoke of",
    ("talk", "about"): "talked about",
    ("complain", "about"): "complained about",
    ("point", "to"): "pointed to",
}
# ... of which these say something only with an infinitive ("called on Trump to stop", not "called on
# the Pope").
PHRASAL_CUES_WITH_INFINITIVE = frozenset({("call", "on")})

# "accused the government of robbing ...": the object and what it is accused of, together.
OBJECT_PREPOSITION_CUES = frozenset(
    {("accuse", "of"), ("blame", "for"), ("credit", "for"), ("charge", "with"), ("criticize", "for"),
     ("criticise", "for"), ("praise", "for"), ("thank", "for"), ("warn", "against"), ("urge", "to")}
)  # fmt: skip

# "call X Y": the object and its predicate together are the content ("calling it 'very dangerous'").
PREDICATIVE_CUES = frozenset("call describe label brand term".split())

# Nouns that carry a statement in a "that"-clause ("reports that ...", "assessments that ...").
NOMINAL_CUES = frozenset(
    """
    report assessment claim allegation statement announcement assertion warning estimate
    belief suggestion accusation charge evidence indication sign fear concern rumor rumour
    testimony promise pledge vow threat conclusion finding argument insistence admission
    """.split()
)

# Common nouns that name a source ("citing officials", "briefed by the spy agency").
SOURCE_NOUNS = frozenset(
    """
    official source agency service ministry department office spokesperson spokesman spokeswoman
    intelligence report document statement media analyst expert diplomat investigator police
    military army government authority observer monitor witness resident
    """.split()
)

# Verbs that tell whom a source relies on: "briefed by the spy agency", "citing officials".
VIA_VERBS = frozenset("brief cite quote source inform tell".split())

# Adverbs by which the reporter passes on a claim without naming its source.
UNATTRIBUTED_ADVERBS = frozenset("reportedly allegedly purportedly supposedly".split())
# Adverbs by which the reporter stresses a statement ("have even said"): not how it was said.
FOCUS_ADVERBS = frozenset("even only merely simply".split())

# Heads of a "according to X" style source phrase.
ACCORDING_TO = (("according", "to"), ("as", "per"))

# Subjects that are never sources of a statement ("it was said", "this shows").
NON_SOURCES = frozenset("this that there which what".split())

# Verbs that can stand after the clause they report, set off by a comma ("..., the Pentagon said").
SPEECH_VERBS = frozenset(
    """
    say tell add state claim report announce confirm insist argue assert acknowledge admit
    allege warn note explain write declare maintain contend suggest reply respond recall
    stress emphasise emphasize continue conclude predict concede complain testify tweet post
    ask answer demand wonder boast remark comment recount reiterate repeat
    shout yell scream exclaim chant joke quip
    """.split()
)

# Prepositions that, right after an object content, still belong to it ("the dispatch of troops to Russia").
OBJECT_PREPOSITIONS = frozenset("to of from into against with over about".split())

# Verbs the role tagger learnt as cues from political news ("Trump attacked Clinton's record")
# that in conflict reporting name violence, not speech ("Militants attacked a train").
VIOLENCE_VERBS = frozenset("attack strike target bomb shell shoot kill raid storm ambush".split())
# Verbs too light to be a cue on their own: the tagger sometimes marks "was" or "did not".
LIGHT_VERBS = frozenset("be have do let will get".split())

# Verbs that after a noun name it rather than report speech ("a militia called the anti-Balaka").
NAMING_VERBS = frozenset("call name dub title label term".split())

# Labels before a colon at the start of a line that introduce no speaker ("Editor's note: ...").
NON_SPEAKER_LABELS = frozenset(
    (
        "note",
        "editor's note",
        "editor’s note",
        "update",
        "updated",
        "correction",
        "clarification",
        "related",
        "read more",
        "watch",
        "listen",
        "see also",
        "photo",
        "photos",
        "video",
        "source",
        "sources",
        "byline",
        "breaking",
        "contributing",
        "disclosure",
        "advertisement",
        "programming note",
        "transcript",
        "partial transcript",
        "the latest",
    )
)

# Nouns that can speak through a label or a headline ("Poll: Wealthy voters abandon ...").
LABEL_SOURCE_NOUNS = frozenset("poll survey study report".split())

# Adverbs that link a sentence to the one before ("However debates are not likely to ..."): the
# reporter's words at the start of a content, not the source's.
DISCOURSE_ADVERBS = frozenset(
    "however still meanwhile moreover instead indeed also yet nonetheless nevertheless".split()
)
