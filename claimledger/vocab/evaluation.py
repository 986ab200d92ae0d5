"""Spellings the evaluation treats as one, so a metric judges what was found, not how it is written."""

# Canonical spelling -> the other spellings of the same unit. Gold data (NewsQuant) uses CQE's
# names, the extractor its own. Units compare in their canonical spelling, also when one must
# contain the other as whole words ("troop" in "north korean troop"); the symbols keep a
# currency or a length from matching a rate ("dollar per month", "metre per second").
UNIT_SPELLINGS = {
    "%": ("percent", "per cent", "percentage", "pct"),
    "$": ("dollar", "usd", "us dollar"),
    "€": ("euro", "eur"),
    "£": ("pound", "gbp", "pound sterling"),
    "¥": ("yen", "jpy", "japanese yen"),
    "km": ("kilometre", "kilometer"),
    "m": ("metre", "meter"),
    "mph": ("mile per hour", "miles per hour"),
    "person": ("people",),
    "year old": ("age", "year of age"),
}

# Left off the front of a name before names are compared ("the Pentagon" is "Pentagon").
DETERMINERS = ("the ", "a ", "an ")
