"""Time expressions, normalized to TIMEX3 values against the publication date.

Patterns over `doc.text` find the expressions (spaCy's DATE entities have
TimeBank-incompatible spans and no values); each pattern has a normalizer that
resolves the words against the publication date, TempEval's document creation
time, read from `doc._.published` (a datetime.date; without one, relative
values keep "X" where the date would go). Spans follow TimeBank: modifiers
("last", "early", "the end of", "nearly") are inside, a leading preposition
is not.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from claimledger.annotations import Span, TimeExpression
from claimledger.vocab import numbers
from claimledger.vocab import times as vocab

# -- calendar arithmetic: TIMEX3 values at one granularity, "X" where nothing anchors them

FAR_DAYS = 60  # past this distance a yearless date follows the tense rather than the calendar


def day(ref: dt.date | None, offset: int = 0) -> str:
    return (ref + dt.timedelta(days=offset)).isoformat() if ref else "XXXX-XX-XX"


def week(ref: dt.date | None, offset: int = 0) -> str:
    if ref is None:
        return "XXXX-WXX"
    year, number, _ = (ref + dt.timedelta(weeks=offset)).isocalendar()
    return f"{year}-W{number:02d}"


def month(ref: dt.date | None, offset: int = 0) -> str:
    if ref is None:
        return "XXXX-XX"
    year, index = divmod(ref.year * 12 + ref.month - 1 + offset, 12)
    return f"{year:04d}-{index + 1:02d}"


def quarter(ref: dt.date | None, offset: int = 0) -> str:
    if ref is None:
        return "XXXX-QX"
    year, index = divmod(ref.year * 4 + (ref.month - 1) // 3 + offset, 4)
    return f"{year:04d}-Q{index + 1}"


def year(ref: dt.date | None, offset: int = 0) -> str:
    return f"{ref.year + offset:04d}" if ref else "XXXX"


def weekday_date(ref: dt.date, weekday: int, direction: int, include_today: bool = True) -> dt.date:
    """The nearest date on that ISO weekday before (direction -1) or after (+1) the reference."""
    gap = (ref.isoweekday() - weekday) % 7 if direction < 0 else (weekday - ref.isoweekday()) % 7
    if gap == 0 and not include_today:
        gap = 7
    return ref + dt.timedelta(days=gap * direction)


def month_year(ref: dt.date, number: int, direction: int, include_current: bool = True) -> int:
    """The year of the nearest month `number` before (direction -1) or after (+1) the reference."""
    if number == ref.month and include_current:
        return ref.year
    if direction < 0:
        return ref.year if number < ref.month else ref.year - 1
    return ref.year if number > ref.month else ref.year + 1


def nearest_date(
    ref: dt.date, on_year: Callable[[int], dt.date | None], tense: Callable[[], int]
) -> str | None:
    """A date given without its year ("Oct. 5", "Christmas"): the year that puts it closest to the reference.

    Far from the reference (a season away), the tense of the clause decides instead.
    """
    years = [y for y in (ref.year - 1, ref.year, ref.year + 1) if dt.MINYEAR <= y <= dt.MAXYEAR]
    candidates = [d for d in map(on_year, years) if d is not None]
    if not candidates:
        return None
    best = min(candidates, key=lambda d: abs((d - ref).days))
    if abs((best - ref).days) > FAR_DAYS:
        direction = tense()
        sided = [d for d in candidates if direction and (d - ref).days * direction >= 0]
        best = min(sided, key=lambda d: abs((d - ref).days)) if sided else best
    return best.isoformat()


def fixed_day(number: int, day_of_month: int) -> Callable[[int], dt.date | None]:
    return lambda y: (
        dt.date(y, number, day_of_month) if day_of_month <= calendar.monthrange(y, number)[1] else None
    )


def nth_weekday(number: int, weekday: int, nth: int) -> Callable[[int], dt.date]:
    """ "The fourth Thursday of November" in a given year."""

    def on_year(y: int) -> dt.date:
        first = dt.date(y, number, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))

    return on_year


def spoken_year(text: str) -> int:
    """ "1996", "nineteen ninety-six", "two thousand" as a number."""
    words = text.lower().replace("-", " ").split()
    if words[0].isdigit():
        return int(words[0])
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(vocab.NUMBERS.get(w, 0) for w in words[2:])
    rest = words[1:]
    return vocab.NUMBERS[words[0]] * 100 + (0 if rest == ["hundred"] else sum(vocab.NUMBERS[w] for w in rest))


def full_date(y: int, m: int, d: int) -> str | None:
    return f"{y:04d}-{m:02d}-{d:02d}" if 1 <= d <= calendar.monthrange(y, m)[1] else None


BOUNDS = (
    (re.compile(r"(\d{4})-(\d\d)-(\d\d)"), lambda y, m, d: (full_date(y, m, d),) * 2),
    (re.compile(r"(\d{4})-W(\d\d)-WE$"), lambda y, w: weekdays_of(y, w, 6, 7)),
    (re.compile(r"(\d{4})-W(\d\d)$"), lambda y, w: weekdays_of(y, w, 1, 7)),
    (
        re.compile(r"(\d{4})-(\d\d)$"),
        lambda y, m: (full_date(y, m, 1), full_date(y, m, calendar.monthrange(y, m)[1])),
    ),
    (re.compile(r"(\d{4})-Q([1-4])$"), lambda y, q: (full_date(y, 3 * q - 2, 1), month_end(y, 3 * q))),
    (re.compile(r"(\d{4})$"), lambda y: (f"{y:04d}-01-01", f"{y:04d}-12-31")),
    (re.compile(r"(\d{3})$"), lambda c: (f"{c:03d}0-01-01", f"{c:03d}9-12-31")),
)


def weekdays_of(y: int, w: int, first: int, last: int) -> tuple[str | None, str | None]:
    if w < 1 or w > dt.date(y, 12, 28).isocalendar()[1]:
        return None, None
    return dt.date.fromisocalendar(y, w, first).isoformat(), dt.date.fromisocalendar(y, w, last).isoformat()


def month_end(y: int, m: int) -> str | None:
    return full_date(y, m, calendar.monthrange(y, m)[1])


def bounds(value: str) -> tuple[str | None, str | None]:
    """The first and last day a date value covers; (None, None) for what is not a calendar period."""
    for pattern, span_of in BOUNDS:
        m = pattern.match(value)
        if m:
            return span_of(*(int(g) for g in m.groups()))
    return None, None


# -- the grammar: building blocks, then one pattern and one normalizer per kind of expression


def alternation(words, capitalized: bool = False) -> str:
    """A regex alternative of the words, longest first; capitalized ones match case-sensitively."""
    forms = sorted(set(words), key=len, reverse=True)
    if capitalized:
        forms = [
            f for w in forms for f in (" ".join(part[:1].upper() + part[1:] for part in w.split()), w.upper())
        ]
    pattern = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    return f"(?-i:{pattern})" if capitalized else f"(?:{pattern})"


def number_value(text: str) -> float | None:
    """The number in "3", "5 1/2", "twenty-five", "a dozen"; None for "several" and the like."""
    text = " ".join(text.lower().split())
    if text[0].isdigit():
        whole, _, fraction = text.partition(" ")
        return float(whole.replace(",", "")) + (0.5 if fraction == "1/2" else 0)
    if text in vocab.NUMBERS:
        return vocab.NUMBERS[text]
    tens, _, ones = text.replace(" ", "-").partition("-")
    if tens in vocab.NUMBERS and ones in vocab.NUMBERS:
        return vocab.NUMBERS[tens] + vocab.NUMBERS[ones]
    return None


def duration(count: float | None, unit: str) -> str:
    """ "P3Y", "PT5H", "PXW" for a count (None when vague) of a unit word."""
    unit = unit_key(unit)
    code = vocab.UNITS[unit]
    multiple = 1
    if code[0].isdigit():
        multiple, code = int(code[0]), code[1:]
    if unit in vocab.YEARS_IN and count is not None:
        multiple, code = vocab.YEARS_IN[unit], "Y"
    prefix = "PT" if unit in vocab.CLOCK_UNITS else "P"
    if count is None:
        return f"{prefix}X{code}"
    amount = count * multiple
    whole = int(amount)
    if amount == whole:
        return f"{prefix}{whole}{code}"
    if unit in vocab.SUBUNITS:  # "2 1/2 years" is P2Y6M
        factor, subcode = vocab.SUBUNITS[unit]
        return f"{prefix}{whole}{code}{round((amount - whole) * factor)}{subcode}"
    return f"{prefix}{amount}{code}"


def unit_key(unit: str) -> str:
    """The singular unit word: "centuries" -> "century"."""
    unit = unit.lower()
    return {"centuries": "century", "millennia": "millennium"}.get(unit, unit.removesuffix("s"))


def shifted(ref: dt.date | None, unit: str, offset: int) -> str | None:
    """The calendar period `offset` units away from the reference, at that unit's granularity."""
    unit = unit_key(unit)
    if unit in ("day", "night"):
        return day(ref, offset)
    if unit in ("week", "fortnight"):
        return week(ref, offset * (2 if unit == "fortnight" else 1))
    if unit == "weekend":
        return week(ref, offset) + "-WE"
    if unit == "month":
        return month(ref, offset)
    if unit == "quarter":
        return quarter(ref, offset)
    if unit == "year":
        return year(ref, offset)
    if unit in vocab.YEARS_IN:
        return year(ref, vocab.YEARS_IN[unit] * offset)
    return None


WEEKDAY_WORD = re.compile(r"\b" + alternation(vocab.WEEKDAYS, capitalized=True) + r"\b")


class Context:
    """What a normalizer may look at besides its match: the reference date and the parse."""

    def __init__(self, doc: Doc, ref: dt.date | None):
        self.doc = doc
        self.text = doc.text  # spaCy joins the tokens on every access
        self.ref = ref
        self.starts: list[int] | None = None  # token offsets, computed when a normalizer first asks
        self.weekday_tenses: dict[int, set[int]] | None = None  # computed when a bare weekday first asks

    def token(self, start: int, end: int) -> Token | None:
        """The syntactic head of the tokens that overlap [start, end)."""
        if self.starts is None:
            self.starts = [token.idx for token in self.doc]
        first = max(bisect.bisect_right(self.starts, start) - 1, 0)
        last = bisect.bisect_left(self.starts, end)
        if first >= last:
            return None
        tokens = self.doc[first:last]
        return next((t for t in tokens if not first <= t.head.i < last or t.head.i == t.i), tokens[-1])

    def tense(self, start: int, end: int, possessive: int = -1) -> int:
        """Whether the expression speaks of the past (-1) or the future (1); 0 when nothing says.

        Read from the words just before it ("by May") and from the verb it hangs on
        ("will meet Monday", "met Monday"), since a bare "Monday" may go either way.
        A possessive ("Friday's meeting") names the day by its event, whose time a past clause
        does not tell (news backshifts "was the focus of Tuesday's talks"): it says `possessive`,
        unless the event is a planned one in a clause that looks ahead ("will attend Tuesday's talks").
        """
        token = self.token(start, end)
        if token is None:
            return -1
        if token.i + 1 < len(self.doc) and self.doc[token.i + 1].tag_ == "POS":
            event = token.head
            planned = event.i != token.i and event.lemma_.lower() in vocab.PLANNED_EVENTS
            if planned and self.tense(event.idx, event.idx + len(event)) > 0:
                return 1
            return possessive
        verb = token
        if token.dep_ == "compound" and token.i and self.doc[token.i - 1].pos_ in ("VERB", "AUX"):
            verb = self.doc[token.i - 1]  # "said Sunday Israel will": a day is no part of a name
        for _ in range(4):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        lemmas = {stem for t in (verb, *auxiliaries) for stem in stems(t)}
        if verb.dep_ in ("xcomp", "ccomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
            lemmas |= stems(verb.head)
        tags = {verb.tag_} | {c.tag_ for c in auxiliaries}
        before = " ".join(self.text[max(0, start - 16) : start].lower().split())
        to_be = "to" in lemmas and verb.head.lemma_ == "be"  # "is to resume trading Tuesday"
        if verb.pos_ in ("VERB", "AUX") and (lemmas & vocab.FUTURE_WORDS or to_be):
            return 1
        # "has left" and "the year ended March 31" are past; the passive "is heard" is not
        perfect = verb.tag_ == "VBN" and ("have" in lemmas or verb.dep_ == "acl")
        if verb.pos_ in ("VERB", "AUX") and ("VBD" in tags or perfect):
            return -1
        if before.endswith(vocab.FUTURE_PREPOSITIONS) or tags & {"VBZ", "VBP"}:
            return 1
        return 0

    def agreed_tense(self, weekday: int) -> int:
        """The direction the article's own tenses give every bare mention of that weekday, 0 when
        they disagree or say nothing: a weekday repeated in one story names one day."""
        if self.weekday_tenses is None:
            self.weekday_tenses = {}
            for m in WEEKDAY_WORD.finditer(self.text):
                said = self.tense(m.start(), m.end(), possessive=0)
                if said:
                    self.weekday_tenses.setdefault(weekday_of(m.group()), set()).add(said)
        said = self.weekday_tenses.get(weekday, set())
        return next(iter(said)) if len(said) == 1 else 0


def stems(token: Token) -> set[str]:
    """The token's lemma, and for a verb in -s its form without it: the lemma of "hopes" is "hop"."""
    lemma = token.lemma_.lower()
    return {lemma, token.lower_.removesuffix("s")} if token.tag_ == "VBZ" else {lemma}


Normalized = tuple[str, str] | None  # (type, value), or None when the match is no time expression


def months_of(text: str) -> int:
    return vocab.MONTHS[text.lower().rstrip(".")]


def weekday_of(text: str) -> int:
    return vocab.WEEKDAYS[text.lower()]


def day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def norm_full_date(m: re.Match, ctx: Context) -> Normalized:
    number = months_of(m["m"] or m["m2"])
    d = day_number(m["d"] or m["d2"])
    if m["y"]:
        value = full_date(spoken_year(m["y"]), number, d)
    elif ctx.ref is None:
        value = f"XXXX-{number:02d}-{d:02d}" if d <= calendar.monthrange(2000, number)[1] else None
    else:
        value = nearest_date(ctx.ref, fixed_day(number, d), lambda: ctx.tense(m.start(), m.end()))
    return ("date", value) if value else None


def norm_numeric_date(m: re.Match, ctx: Context) -> Normalized:
    y = int(m["y"])
    y = y if y > 99 else y + (2000 if y < 50 else 1900)
    value = full_date(y, int(m["mo"]), int(m["d"])) if 1 <= int(m["mo"]) <= 12 else None
    return ("date", value) if value else None


def norm_month_year(m: re.Match, ctx: Context) -> Normalized:
    return "date", f"{spoken_year(m['y']):04d}-{months_of(m['m']):02d}"


def norm_year(m: re.Match, ctx: Context) -> Normalized:
    token = ctx.token(m.start("y"), m.end("y"))
    if token is not None and token.dep_ == "nummod" and token.head.tag_ == "NNS" and not m["fiscal"]:
        return None  # "2000 troops" is a count
    if token is not None and not m["fiscal"] and in_name(token):
        return None  # "the Global Terrorism Index 2025" is a title
    return "date", f"{spoken_year(m['y']):04d}"


def in_name(token: Token) -> bool:
    """A year written after the name it belongs to, as in report and event titles."""
    name = token.doc[token.i - 1] if token.i else None
    return (
        name is not None
        and token.head.i == name.i
        and name.pos_ == "PROPN"
        and name.ent_type_ not in ("DATE", "TIME")
        and name.lower_.rstrip(".") not in vocab.MONTHS
    )


def norm_holiday(m: re.Match, ctx: Context) -> Normalized:
    name = " ".join(m["name"].lower().split())
    on_year = (
        fixed_day(*vocab.HOLIDAYS[name])
        if name in vocab.HOLIDAYS
        else nth_weekday(*vocab.FLOATING_HOLIDAYS[name])
    )
    if ctx.ref is None:
        return "date", "XXXX-XX-XX"
    shift = vocab.SHIFTS[m["shift"].lower()] if m["shift"] else 0
    if shift:
        return "date", on_year(ctx.ref.year + shift).isoformat()
    return "date", nearest_date(ctx.ref, on_year, lambda: ctx.tense(m.start(), m.end()))


def norm_decade(m: re.Match, ctx: Context) -> Normalized:
    if m["y"]:
        return "date", m["y"][:3]
    short = int(m["yy"])
    return "date", f"{19 if short >= 30 else 20}{short // 10}"


def norm_century(m: re.Match, ctx: Context) -> Normalized:
    ordinal = m["ord"].lower()
    number = numbers.ORDINALS.get(ordinal) or day_number(ordinal)
    return "date", f"{number - 1:02d}"


def norm_reference(m: re.Match, ctx: Context) -> Normalized:
    text = " ".join(m.group().lower().split())
    if text == "current":
        token = ctx.token(m.start(), m.end())
        if token is None or token.pos_ != "ADJ":
            return None
    return "date", vocab.REFERENCES[text]


def norm_day_offset(m: re.Match, ctx: Context) -> Normalized:
    if m["word"]:
        word = " ".join(m["word"].lower().split())
        offset = vocab.DAY_OFFSETS[word]
        part = m["part"] or ("night" if word == "tonight" else None)
    else:
        offset = -1 if m["which"].lower() == "last" else 0
        part = m["part2"]
    value = day(ctx.ref, offset)
    if part:
        return "time", f"{value}T{vocab.PARTS_OF_DAY[part.lower()]}"
    return "date", value


def norm_weekday(m: re.Match, ctx: Context) -> Normalized:
    number = weekday_of(m["wd"])
    part = vocab.PARTS_OF_DAY.get((m["part"] or "").lower())
    if m["plural"]:
        return "set", f"XXXX-WXX-{number}" + (f"T{part}" if part else "")
    if ctx.ref is None:
        value = f"XXXX-WXX-{number}"
    elif m["shift"]:
        shift = vocab.SHIFTS[" ".join(m["shift"].lower().split())]
        if shift == 0:
            value = (ctx.ref + dt.timedelta(days=number - ctx.ref.isoweekday())).isoformat()
        else:
            value = weekday_date(ctx.ref, number, shift, include_today=False).isoformat()
    else:
        direction = ctx.tense(m.start("wd"), m.end("wd"), possessive=0) or ctx.agreed_tense(number)
        value = weekday_date(ctx.ref, number, 1 if direction > 0 else -1).isoformat()
    return ("time", f"{value}T{part}") if part else ("date", value)


def norm_relative(m: re.Match, ctx: Context) -> Normalized:
    shift = vocab.SHIFTS[" ".join(m["shift"].lower().split())]
    if m["unit"]:
        unit = m["unit"].lower()
        if unit in vocab.TRAILING_UNITS and m["shift"].lower() == "past":
            return "duration", duration(1, unit)
        if unit in vocab.YEARS_IN:  # "the last decade" is the 1980s, not a year
            digits = 5 - len(str(vocab.YEARS_IN[unit]))
            return "date", year(ctx.ref, vocab.YEARS_IN[unit] * shift)[:digits]
        return "date", shifted(ctx.ref, unit, shift)
    if m["month"]:
        number = months_of(m["month"])
        if ctx.ref is None:
            return "date", f"XXXX-{number:02d}"
        y = ctx.ref.year if shift == 0 else month_year(ctx.ref, number, shift, include_current=False)
        return "date", f"{y:04d}-{number:02d}"
    season = vocab.SEASONS[m["season"].lower()]
    return "date", f"{season_year(ctx.ref, season, shift)}-{season}"


def season_year(ref: dt.date | None, season: str, shift: int) -> str:
    """The year of the last, this or next season; TIMEX3 gives winter the year it starts in."""
    if ref is None:
        return "XXXX"
    start = vocab.SEASON_STARTS[season] - 1
    now = ref.year * 12 + ref.month - 1
    if shift < 0:  # the latest one already over
        return f"{(now - 3 - start) // 12:04d}"
    if shift > 0:  # the first one not yet begun
        return f"{(now - start) // 12 + 1:04d}"
    return f"{ref.year - 1 if season == 'WI' and ref.month <= 2 else ref.year:04d}"


def norm_weekend(m: re.Match, ctx: Context) -> Normalized:
    """The weekend just past, or the coming one when the clause looks ahead."""
    if ctx.ref is None:
        return "date", "XXXX-WXX-WE"
    if ctx.ref.isoweekday() >= 6:
        return "date", week(ctx.ref) + "-WE"
    return "date", week(ctx.ref, 0 if ctx.tense(m.start(), m.end()) > 0 else -1) + "-WE"


def norm_year_back(m: re.Match, ctx: Context) -> Normalized:
    return "date", year(ctx.ref, -1)


def norm_month_relative_year(m: re.Match, ctx: Context) -> Normalized:
    return "date", f"{year(ctx.ref, vocab.SHIFTS[m['shift'].lower()])}-{months_of(m['month']):02d}"


def norm_season(m: re.Match, ctx: Context) -> Normalized:
    token = ctx.token(m.start("season"), m.end("season"))
    if not m["y"] and (token is None or token.pos_ not in ("NOUN", "PROPN")):
        return None
    if (
        not m["y"]
        and m["season"].lower() == "fall"
        and not ctx.text[max(0, m.start() - 7) : m.start()].lower().endswith("in the ")
    ):
        return None  # "a fall in prices"
    season = vocab.SEASONS[m["season"].lower()]
    y = f"{spoken_year(m['y']):04d}" if m["y"] else season_year(ctx.ref, season, 0)
    return "date", f"{y}-{season}"


def norm_month(m: re.Match, ctx: Context) -> Normalized:
    token = ctx.token(m.start(), m.end())
    if token is None or token.tag_ == "MD" or token.pos_ == "VERB":
        return None  # "May" the modal, "March" the verb
    number = months_of(m.group())
    if ctx.ref is None:
        return "date", f"XXXX-{number:02d}"
    direction = ctx.tense(m.start(), m.end())
    if direction == 0:
        direction = 1 if (number - ctx.ref.month) % 12 <= 3 else -1  # soon, or else past
    return "date", f"{month_year(ctx.ref, number, direction):04d}-{number:02d}"


def norm_quarter(m: re.Match, ctx: Context) -> Normalized:
    if m["y"] or m["y2"]:
        return "date", f"{spoken_year(m['y'] or m['y2']):04d}-Q{numbers.ORDINALS[m['q'].lower()]}"
    if m["shift"] or m["shift2"]:
        shift = vocab.SHIFTS[(m["shift"] or m["shift2"]).lower()]
        return "date", f"{year(ctx.ref, shift)}-Q{numbers.ORDINALS[m['q'].lower()]}"
    if ctx.ref is None:
        return "date", "XXXX-QX"
    if m["q"]:
        number = numbers.ORDINALS[m["q"].lower()]
        current = (ctx.ref.month - 1) // 3 + 1
        y = ctx.ref.year if number - current < 2 else ctx.ref.year - 1
        return "date", f"{y:04d}-Q{number}"
    return "date", quarter(ctx.ref, 0 if (m["which"] or "").lower() == "current" else -1)


def norm_counted(m: re.Match, ctx: Context) -> Normalized:
    if m["unit2"]:
        return "set", duration(1, m["unit2"])
    if (m["num"] or "").lower() == "a" and m["unit"].lower() == "second":
        return None  # "a second day" counts days
    if "-" in m["sep"] and m["unit"].lower().endswith("s"):
        return None  # "three-quarters" is a fraction
    count = number_value(m["num"]) if m["num"] else None
    if count is not None and m["half"]:
        count += 0.5
    if (
        m["num"]
        and m["num"].lower() in ("a", "an")
        and RATE.search(ctx.text, max(0, m.start() - 12), m.start())
    ):
        return "set", duration(1, m["unit"])  # "$5 a day"
    if m["ago"]:
        direction = vocab.AGO[" ".join(m["ago"].lower().split())]
        if count is None or count != int(count) or unit_key(m["unit"]) in vocab.CLOCK_UNITS:
            return "date", "PAST_REF" if direction < 0 else "FUTURE_REF"
        return "date", shifted(ctx.ref, m["unit"], int(count) * direction)
    return "duration", duration(count, m["unit"])


def norm_every(m: re.Match, ctx: Context) -> Normalized:
    if m["freq"]:
        return "set", vocab.FREQUENCIES[m["freq"].lower()]
    if m["wd"]:
        return "set", f"XXXX-WXX-{weekday_of(m['wd'])}"
    if m["month"]:
        return "set", f"XXXX-{months_of(m['month']):02d}"
    if m["season"]:
        return "set", f"XXXX-{vocab.SEASONS[m['season'].lower()]}"
    return "set", duration(number_value(m["num"]) if m["num"] else 1, m["unit"])


def norm_clock(m: re.Match, ctx: Context) -> Normalized:
    if m["named"]:
        clock = vocab.NAMED_TIMES[m["named"].lower()]
    else:
        hour, minute = int(m["h"] or m["h2"]), int(m["min"] or m["min2"] or 0)
        meridiem = (m["ampm"] or "").lower()[:1]
        if hour > 24 or minute > 59 or (meridiem and not 1 <= hour <= 12):
            return None
        if meridiem == "p" and hour < 12:
            hour += 12
        elif meridiem == "a" and hour == 12:
            hour = 0
        zone = (m["zone"] or m["zone2"] or "").upper()
        clock = f"{hour:02d}:{minute:02d}" + ("Z" if zone in vocab.UNIVERSAL_TIME else "")
    return "time", f"{day(ctx.ref)}T{clock}"


def norm_bare_plural(m: re.Match, ctx: Context) -> Normalized:
    return "duration", duration(None, m["unit"] or m["unit2"])


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    normalize: Callable[[re.Match, Context], Normalized]


def build_rules() -> list[Rule]:
    """Compile the patterns once; the order breaks ties between equally long matches."""
    month_any = alternation(
        [m.capitalize() + "." for m in vocab.MONTHS if len(m) <= 4 and m != "may"] + list(vocab.MONTHS),
        capitalized=True,
    )
    month_any = month_any.replace(r"\.|", r"\.?|")  # "Oct." or "Oct"
    month_full = alternation([m.lower() for m in calendar.month_name[1:]], capitalized=True)
    weekday = alternation(vocab.WEEKDAYS, capitalized=True)
    day_number = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|[:,]\d)"
    tens = alternation(numbers.TENS)
    ones = alternation(numbers.ONES)
    teens = alternation([w for w, n in vocab.NUMBERS.items() if 10 <= n < 20])
    spoken = (
        rf"(?:nineteen|twenty)[\s-](?:{tens}(?:[\s-]{ones})?|{teens}|hundred)"
        rf"|two\s+thousand(?:\s+(?:and\s+)?{ones})?"
    )
    year_number = rf"(?<![\d$£€.,])(?:1[6-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d|\s*percent)|\b(?:{spoken})\b"
    digits = r"(?<![\d,.])\d{1,3}(?:,\d\d\d)*(?:\.\d+)?(?:\s+1/2)?"
    number = rf"(?:{digits}|{tens}[\s-]{ones}|{alternation(vocab.NUMBERS)})"
    unit = alternation(set(vocab.UNITS)) + "s?"
    parts = alternation(vocab.PARTS_OF_DAY)
    seasons = alternation(vocab.SEASONS)
    shifts = alternation(vocab.SHIFTS)
    holidays = alternation(list(vocab.HOLIDAYS) + list(vocab.FLOATING_HOLIDAYS), capitalized=True)
    ordinal = alternation(["first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th"])
    zones = alternation(vocab.TIME_ZONES)
    ago = alternation(vocab.AGO)
    patterns = [
        (
            "full_date",
            rf"(?:{weekday},?\s+)?(?:(?P<m>{month_any})\s+(?P<d>{day_number})"
            rf"|(?:the\s+)?(?P<d2>{day_number})(?:\s+of)?\s+(?P<m2>{month_any}))(?:,?\s+(?P<y>{year_number}))?",
            norm_full_date,
        ),
        ("iso_date", r"(?<![\d-])(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)(?![\d-])", norm_numeric_date),
        (
            "slash_date",
            r"(?<![\d/])(?P<mo>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d)(?![\d/])",
            norm_numeric_date,
        ),
        ("month_year", rf"(?P<m>{month_any}),?\s+(?:of\s+)?(?P<y>{year_number})", norm_month_year),
        ("year", rf"(?:(?P<fiscal>fiscal|calendar)\s+|the\s+year\s+)?(?P<y>{year_number})", norm_year),
        ("holiday", rf"(?:(?P<shift>last|this|next)\s+)?(?P<name>{holidays})", norm_holiday),
        ("decade", r"(?:(?P<y>(?:1[6-9]|20)\d0)|'(?P<yy>\d0))'?s\b", norm_decade),
        (
            "century",
            rf"(?:the\s+)?(?P<ord>{alternation(numbers.ORDINALS)}|\d\d?(?:st|nd|rd|th))[\s-]+century",
            norm_century,
        ),
        ("reference", rf"\b{alternation(vocab.REFERENCES)}\b", norm_reference),
        (
            "day_offset",
            rf"\b(?:(?P<word>{alternation(vocab.DAY_OFFSETS)})(?:\s+(?P<part>{parts}))?"
            rf"|(?P<which>this|last)\s+(?P<part2>morning|afternoon|evening|night))\b",
            norm_day_offset,
        ),
        (
            "weekday",
            rf"(?:\b(?P<shift>{shifts})\s+)?(?P<wd>{weekday})(?P<plural>s)?(?:\s+(?P<part>{parts}))?\b",
            norm_weekday,
        ),
        (
            "relative",
            rf"\b(?:the\s+)?(?P<shift>{shifts})\s+(?:(?:fiscal\s+)?(?P<unit>week|weekend|month|year|quarter|decade|century)"
            rf"|(?P<season>{seasons})|(?P<month>{month_full}))\b",
            norm_relative,
        ),
        ("weekend", r"\bthe\s+weekend\b", norm_weekend),
        (
            "year_back",
            r"\b(?:the\s+)?(?:comparable\s+)?year-(?:earlier|ago)(?:\s+(?:quarter|period|level|results))?\b",
            norm_year_back,
        ),
        (
            "month_relative_year",
            rf"(?P<month>{month_full})\s+(?:of\s+)?(?P<shift>last|this|next)\s+year\b",
            norm_month_relative_year,
        ),
        ("season", rf"\b(?P<season>{seasons})(?:\s+(?:of\s+)?(?P<y>{year_number}))?\b", norm_season),
        ("month", rf"\b{month_full}\b", norm_month),
        (
            "quarter",
            rf"\b(?:(?:the|this|last|next)\s+)?(?:(?P<y2>{year_number})\s+|(?P<shift>last|this|next)\s+year's\s+)?"
            rf"(?:(?:fiscal|calendar)\s+)?(?P<q>{ordinal})[\s-]+quarter"
            rf"(?:(?:\s+of)?,?\s+(?P<y>{year_number})|\s+of\s+(?P<shift2>last|this|next)\s+year)?\b"
            rf"|\bthe\s+(?:(?P<which>latest|last|most\s+recent|current|previous)\s+)?quarter\b",
            norm_quarter,
        ),
        (
            "counted",
            rf"\b(?P<the>(?:the|these|those)\s+)?(?:{alternation(vocab.DURATION_ANCHORS)}\s+)?"
            rf"(?:(?P<num>{number})|{alternation(vocab.VAGUE_NUMBERS)})(?P<sep>[\s-]+)"
            rf"(?:{alternation(vocab.COUNT_FILLERS)}\s+)?(?P<unit>{unit})\b(?![\s-]old)"
            rf"(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so)?(?:\s+(?P<ago>{ago})\b)?"
            rf"|\bper\s+(?P<unit2>day|week|month|year|hour)\b",
            norm_counted,
        ),
        (
            "bare_plural",
            r"(?:(?<=\bfor\s)|(?<=\bwithin\s))(?P<unit>(?:years|months|weeks|days|decades|hours))\b"
            r"|\b(?:the\s+)?(?:recent|coming|past|next)\s+(?P<unit2>(?:years|months|weeks|days|decades))\b",
            norm_bare_plural,
        ),
        (
            "every",
            rf"\b(?:every|each)\s+(?:(?P<num>{number})\s+)?(?:(?P<unit>{unit})|(?P<wd>{weekday})|(?P<month>{month_full})"
            rf"|(?P<season>{seasons}))\b|\b(?P<freq>{alternation(vocab.FREQUENCIES)})\b",
            norm_every,
        ),
        (
            "clock",
            rf"(?<![\d.:$])(?P<h>\d{{1,2}})(?:[:.](?P<min>\d\d))?\s*(?P<ampm>[ap]\.m\.?|[ap]m\b)(?:\s+(?P<zone>{zones}))?"
            rf"|(?<![\d.:$])(?P<h2>\d{{1,2}}):(?P<min2>\d\d)(?:\s+(?P<zone2>{zones}))?(?![\d:])"
            rf"|\b(?P<named>{alternation(vocab.NAMED_TIMES)})\b",
            norm_clock,
        ),
    ]
    # Every expression starts a word; saying so first spares the engine most positions.
    word_start = r"(?<!\w)(?=[\w'])"
    return [
        Rule(name, re.compile(f"{word_start}(?:{pattern})", re.IGNORECASE), normalize)
        for name, pattern, normalize in patterns
    ]


# -- finding: every rule's matches, the longest ones kept, modifiers and clock times joined on

TYPES_WITH_BOUNDS = ("date", "time")
MODIFIED = re.compile(r"(?:^|\W)(" + alternation(vocab.DATE_MODIFIERS) + r")[\s-]*$", re.IGNORECASE)
APPROXIMATED = re.compile(r"(?:^|\W)(" + alternation(vocab.APPROXIMATORS) + r")\s+$", re.IGNORECASE)
RATE = re.compile(r"(?:\d|%|\b(?:times|twice|once|million|billion|percent|dollars|cents))\s*$", re.IGNORECASE)
YEAR_BACK = re.compile(
    r"(?:(?:a|one)\s+year\s+(?:ago|earlier)|(?:the\s+)?(?:comparable\s+)?year-(?:earlier|ago).*)", re.I
)
QUARTER_VALUE = re.compile(r"(\d{4})(-Q[1-4])")
YEAR_VALUE = re.compile(r"\d{4}")
JOINER = re.compile(r",?\s+(?:on\s+|of\s+)?|\s*,\s*")
LOOKBACK = 24


@dataclass
class Found:
    start: int
    end: int
    type: str
    value: str
    rule: str = ""


def find_times(doc: Doc, rules: list[Rule]) -> list[Found]:
    """The time expressions of a Doc, in text order, normalized against `doc._.published`."""
    ctx = Context(doc, doc._.published)
    text = ctx.text
    candidates = [(m, rule) for rule in rules for m in rule.pattern.finditer(text)]
    candidates.sort(key=lambda c: (c[0].start() - c[0].end(), c[0].start()))
    taken: list[Found] = []
    for m, rule in candidates:
        if any(f.start < m.end() and m.start() < f.end for f in taken):
            continue
        normalized = within_calendar(rule, m, ctx)
        if normalized and normalized[1]:
            hyphened = rule.name == "counted" and m["the"] and "-" in m["sep"]  # "the two-year plan"
            start = m.end("the") if hyphened else m.start()
            taken.append(Found(start, m.end(), *normalized, rule=rule.name))
    taken.sort(key=lambda f: f.start)
    return join_clock_times(text, compare_periods(text, [widen(text, f) for f in taken]))


def within_calendar(rule: Rule, m: re.Match, ctx: Context) -> Normalized:
    """The rule's normalization, or None where date arithmetic leaves years 1 to 9999 (the reach of
    Python's dates): "last week" said on 0001-01-01 has no date to name."""
    try:
        return rule.normalize(m, ctx)
    except (OverflowError, ValueError):
        return None


def compare_periods(text: str, found: list[Found]) -> list[Found]:
    """ "Up from a year earlier" after "the third quarter" means that quarter a year before."""
    period = None
    for item in found:
        if YEAR_BACK.fullmatch(text[item.start : item.end]) and period:
            item.value = f"{int(period[1]) - 1:04d}{period[2]}"
        elif item.type == "date":
            period = QUARTER_VALUE.fullmatch(item.value) or (
                None if YEAR_VALUE.fullmatch(item.value) else period
            )
    return found


def widen(text: str, found: Found) -> Found:
    """Take in the modifiers TimeBank keeps inside a span: "early next year", "nearly two years"."""
    before = text[max(0, found.start - LOOKBACK) : found.start]
    pattern = APPROXIMATED if found.rule == "counted" else MODIFIED
    m = pattern.search(before)
    if m:
        found.start -= len(before) - m.start(1)
    return found


def join_clock_times(text: str, found: list[Found]) -> list[Found]:
    """ "10 p.m. Wednesday" and "Monday at noon" are one time: the clock on that day."""
    joined: list[Found] = []
    for item in found:
        last = joined[-1] if joined else None
        if last and JOINER.fullmatch(text[last.end : item.start]) and clock_and_day(last, item):
            clock, date = (last, item) if last.type == "time" else (item, last)
            last.value = date.value + clock.value[clock.value.index("T") :]
            last.end, last.type = item.end, "time"
        else:
            joined.append(item)
    return joined


def clock_and_day(a: Found, b: Found) -> bool:
    return {a.type, b.type} == {"time", "date"} and DAY_VALUE.fullmatch(
        (a if a.type == "date" else b).value
    ) is not None


DAY_VALUE = re.compile(r"(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)")


def set_annotations(doc: Doc, found: list[Found]) -> None:
    times = []
    for index, item in enumerate(found, start=1):
        earliest, latest = bounds(item.value) if item.type in TYPES_WITH_BOUNDS else (None, None)
        times.append(
            TimeExpression(f"t{index}", Span(item.start, item.end), item.type, item.value, earliest, latest)
        )
    doc._.cl_times = times


class TimeTagger:
    """The spaCy component: holds the compiled patterns, finds and writes per Doc."""

    def __init__(self, name: str):
        self.name = name
        self.rules = build_rules()

    def __call__(self, doc: Doc) -> Doc:
        set_annotations(doc, find_times(doc, self.rules))
        return doc


@Language.factory(
    "claimledger_times",
    assigns=["doc._.cl_times"],
    requires=["token.dep", "token.pos", "token.tag"],
)
def make_times(nlp: Language, name: str) -> TimeTagger:
    return TimeTagger(name)
