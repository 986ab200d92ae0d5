"""Word lists that claim grouping uses, apart from its logic."""

from __future__ import annotations

# Cue lemmas by which a source affirms what others said before ('NATO confirmed the dispatch').
CONFIRMATION_CUES = frozenset("confirm corroborate verify acknowledge admit concede validate".split())

# Heads of short contents that only point back at a claim made before them in the article
# ('Moscow denied the allegations', 'Moscow confirmed the deployment'): they are grouped by
# what they point at, the claim stated just before.
ANAPHORIC_HEADS = frozenset(
    """
    allegation allegations accusation accusations claim claims report reports charge charges
    deployment dispatch finding findings assessment assessments statement statements account
    accounts story stories rumor rumors rumour rumours suggestion suggestions it this that them
    """.split()
)
DETERMINERS = frozenset("the these those this that such its their any all".split())
