"""Word lists the ledger's reconciliation uses, apart from its logic."""

from __future__ import annotations

import re

# Units that count the same thing; figures in either measure one quantity.
UNIT_SYNONYMS = {
    "soldier": "troop",
    "service member": "troop",
    "servicemen": "troop",
    "fighter": "troop",
    "person": "people",
    "individual": "people",
    "death": "dead",
    "fatality": "dead",
    "us dollar": "dollar",
    "usd": "dollar",
}

# Words between a figure and a place that make the place where the counted things are:
# "10,000 troops to Russia", "50,000 troops deployed in the Kursk region", "troops are now in Russia".
PLACE_GAP = re.compile(
    r"\s+(?:(?:are|were|is|was|now|already|still|been|have|had|[a-z]+ed)\s+){0,3}"
    r"(?:in|into|to|inside|at|across|near|on)\s+(?:the\s+)?"
)

# Units that measure how long or how far, not how many: no question is asked of them.
NOT_COUNTED = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "mm", "km", "mile"})

# Entity types that can own counted things (troops, casualties, money), and that can be places.
OWNER_TYPES = frozenset({"country", "organization", "group"})
PLACE_TYPES = frozenset({"country", "location"})

# Words right before a figure that make it a rate ("one interpreter for every 30 soldiers"), not a count.
RATE_BEFORE = re.compile(r"\b(?:every|per|each|one in|out of)\s+$", re.I)
