"""Words that grade how firmly a source commits, and how far the reporter stands from a claim.

Kept apart on purpose: the source's certainty ("might", "believed") is not the
reporter's distance ("claims", "reportedly").
"""

# Words in the content that lower the source's commitment, by the level they lower it to.
POSSIBLE = frozenset("could may might possibly perhaps maybe potentially possible conceivably".split())
PROBABLE = frozenset(
    """
    likely probably presumably believed thought expected appears appear appeared seems seem seemed
    suspected estimated reportedly apparently unlikely
    """.split()
)

# Cue lemmas that commit less than a plain "said".
PROBABLE_CUES = frozenset(
    """
    suggest believe estimate expect think assess suspect predict forecast reckon guess anticipate
    indicate
    """.split()
)
POSSIBLE_CUES = frozenset("speculate hypothesize hypothesise hint".split())
UNKNOWN_CUES = frozenset("ask wonder question".split())

# Cues by which the source says the content is false.
DENIAL_CUES = frozenset("deny reject dismiss refute rebut dispute disavow contradict".split())

# Cues and adverbs by which the reporter keeps a distance from what is claimed.
DISTANCING_CUES = frozenset("claim allege purport".split())
DISTANCING_ADVERBS = frozenset("reportedly allegedly purportedly supposedly ostensibly so-called".split())

# Ordered from weakest to strongest commitment; the weakest signal in a content wins.
LEVELS = ("unknown", "possible", "probable", "certain")
