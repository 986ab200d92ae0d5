"""Words that make up English time expressions, and the TIMEX3 codes they stand for."""

from claimledger.vocab.numbers import CARDINALS, SCALES

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

# ISO weekday numbers, as in TIMEX3 "XXXX-WXX-1".
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4,
    "friday": 5, "saturday": 6, "sunday": 7,
}  # fmt: skip

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# The month each season starts in (meteorological seasons).
SEASON_STARTS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "mid-afternoon": "AF", "midafternoon": "AF",
    "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip

# Holidays on a fixed day (month, day), and on the nth weekday of a month (month, ISO weekday, nth).
HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
    "valentine's day": (2, 14),
}  # fmt: skip
FLOATING_HOLIDAYS = {"thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4)}

# Clock times said as words: hour and minute.
NAMED_TIMES = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}

# Words that count units of time: the cardinals, and the articles and phrases that stand for a number.
NUMBERS = {
    **CARDINALS, "hundred": SCALES["hundred"], "dozen": SCALES["dozen"],
    "a": 1, "an": 1, "a hundred": 100, "a dozen": 12, "a couple of": 2, "a couple": 2, "couple of": 2,
}  # fmt: skip

# Counts without a number: "several weeks" is PXW.
VAGUE_NUMBERS = ("a few", "few", "several", "many", "some", "a number of", "dozens of", "hundreds of")

# Unit words and their TIMEX3 duration letter; times of day take the "PT" prefix.
UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "fortnight": "2W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
    "century": "CE", "centuries": "CE", "millennium": "ML", "millennia": "ML",
}  # fmt: skip
CLOCK_UNITS = ("second", "minute", "hour")
# How a fraction of a unit is written in the next smaller one: half a year is 6 months ("P2Y6M").
SUBUNITS = {"year": (12, "M"), "hour": (60, "M"), "minute": (60, "S")}
# Long units counted in years, as TimeBank does: "two decades" is P20Y, "a decade ago" a year.
YEARS_IN = {"decade": 10, "century": 100, "millennium": 1000}

# Adverbs of recurrence, as TIMEX3 SET values.
FREQUENCIES = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W",
    "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
}  # fmt: skip

# Words that refer to the present, past or future as a whole.
REFERENCES = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "more recently": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
}  # fmt: skip

# Days counted from the publication date.
DAY_OFFSETS = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}  # fmt: skip

# A deictic word before a calendar unit: which one it picks, counted from the current one.
SHIFTS = {
    "last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "coming": 1,
    "next": 1, "following": 1, "this past": -1, "this coming": 1, "the current": 0,
}  # fmt: skip

# Words after a counted unit that place it before or after the publication date.
# ("later" and "before" are left out: they count from another event, not from publication.)
AGO = {"ago": -1, "earlier": -1, "from now": 1, "hence": 1}

# Words between a count and its unit that leave the length as it is: "two more weeks".
COUNT_FILLERS = ("more", "straight", "consecutive", "full", "additional", "further", "long")

# Words before a duration that say which end of the timeline it sits at: "the next two weeks".
DURATION_ANCHORS = (
    "past",
    "last",
    "next",
    "coming",
    "first",
    "previous",
    "following",
    "final",
    "ensuing",
    "same",
    "latest",
)

# Modifiers kept inside a span (TIMEX3 "mod"); they do not change the value.
DATE_MODIFIERS = (
    "early", "late", "mid", "mid-", "earlier", "later", "the end of", "the beginning of",
    "the start of", "the middle of", "the end of the", "end of", "the first half of",
    "the second half of", "the turn of",
)  # fmt: skip
APPROXIMATORS = (
    "around", "nearly", "almost", "roughly", "some", "at least", "more than",
    "less than", "up to", "another", "just", "approximately", "at most",
    "barely", "fewer than", "a full", "a further",
)  # fmt: skip

# Time zones that may follow a clock time.
TIME_ZONES = ("EST", "EDT", "CST", "CDT", "PST", "PDT", "GMT", "UTC", "BST", "CET", "local time")
UNIVERSAL_TIME = ("GMT", "UTC")  # written "Z" in a TIMEX3 value

# Lemmas of the verbs around a bare weekday or month that put it in the future ("will meet Monday").
FUTURE_WORDS = frozenset(
    (
        "will", "shall", "would", "going",
        "plan", "schedule", "set", "due", "expect", "intend", "hope", "aim", "prepare",
    )
)  # fmt: skip
# Nouns of events set in advance: "Tuesday's talks" in a clause that looks ahead are still to come.
PLANNED_EVENTS = frozenset(
    (
        "talk", "meeting", "summit", "visit", "vote", "election", "hearing", "session", "conference",
        "deadline", "ceremony", "trial", "referendum", "debate", "negotiation", "inauguration",
    )
)  # fmt: skip
# Words just before a date that put it in the future ("by May", "as early as Tuesday").
FUTURE_PREPOSITIONS = (
    "by", "until", "through", "as soon as", "as early as", "starting", "beginning", "before", "effective",
    "ahead of",
)  # fmt: skip

# Units that after "the past" name the stretch up to now, a duration ("in the past month" is P1M);
# TimeBank writes "the past year" as the calendar year, so "year" is not among them.
TRAILING_UNITS = ("week", "month", "decade", "century")
