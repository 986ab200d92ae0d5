"""Words, signs and token patterns that make up figures: numbers, scales, bounds, currencies, units.

Multi-word entries are tuples of lower-cased spaCy tokens, so the figures stage
can match them token by token; unit names are the normalized forms a record
carries ("km", "dollar", "percent").
"""

import re

from claimledger.vocab.numbers import SCALES

# A token with digits: sign or currency, the number, a second number of a range ("4,000–5,000")
# or a denominator ("1/16"), and what is glued after it ("bn", "km", "'s").
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
NUMBER_TOKEN = re.compile(
    rf"(?P<pre>\D*?)(?P<num>{DIGITS})(?:[/⁄](?P<den>\d+)|[-–](?P<num2>{DIGITS}))?(?P<suf>.*)"
)
HAS_DIGIT = re.compile(r"\d")
# A glued suffix is a unit when what follows it is not a letter or digit: "121ft)-long".
SUFFIX = re.compile(r"(?P<unit>[^\W\d_]+\d?|%|°[CF])(?P<rest>(?:\W.*)?)")
POSSESSIVE = re.compile(r"['’′]s?")
PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}\b")

# Signs glued before the digits that are not currencies.
SIGNS = {"~": "approx", "≈": "approx", "sub-": "high", "-": "negative", "−": "negative", "minus-": "negative"}

# Abbreviated scales, glued ("$2.5bn") or apart ("$5 m"); "m" means million only
# after a currency (otherwise it is the metre), "b" and "k" likewise.
SCALE_ABBREVIATIONS = {"bn": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12, "trn": 1e12, "M": 1e6, "B": 1e9}
MONEY_SCALE_ABBREVIATIONS = {"m": 1e6, "b": 1e9, "k": 1e3, "K": 1e3}

# Counts without a number: value unknown, a floor only ("dozens" is at least two dozen).
VAGUE_COUNTS = {
    ("tens", "of", "thousands"): 2e4,
    ("hundreds", "of", "thousands"): 2e5,
    ("tens", "of", "millions"): 2e7,
    ("hundreds", "of", "millions"): 2e8,
    ("dozens",): 24,
    ("hundreds",): 200,
    ("thousands",): 2000,
    ("millions",): 2e6,
    ("billions",): 2e9,
}
# "Several" is no number ("several rebels" counts nothing a reader could add up), but it
# multiplies a scale word: "several hundred troops" is at least 300.
VAGUE_COUNTS |= {("several", word): 3 * scale for word, scale in SCALES.items()}

# Vague counts that stand without a noun ("dozens were killed"); "several" needs one.
STANDALONE_VAGUE = {"dozens", "hundreds", "thousands", "millions", "billions"}

# Parts of a whole, counted only in "half of", "two-thirds of".
FRACTIONS = {
    "half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3,
    "quarter": 1 / 4, "quarters": 1 / 4, "fourth": 1 / 4, "fourths": 1 / 4, "fifth": 1 / 5, "fifths": 1 / 5,
}  # fmt: skip

# What a phrase before the number says about it: "approx", "high" (an upper bound
# equal to the number), "low" (a lower bound), "nearly" (approximate and an upper
# bound), "between" (opens a range), "negative" ("minus 5").
MODIFIERS = {
    ("about",): "approx",
    ("around",): "approx",
    ("roughly",): "approx",
    ("approximately",): "approx",
    ("some",): "approx",
    ("an", "estimated"): "approx",
    ("estimated",): "approx",
    ("close", "to"): "nearly",
    ("circa",): "approx",
    ("~",): "approx",
    ("≈",): "approx",
    ("nearly",): "nearly",
    ("almost",): "nearly",
    ("up", "to"): "high",
    ("at", "most"): "high",
    ("less", "than"): "high",
    ("fewer", "than"): "high",
    ("under",): "high",
    ("below",): "high",
    ("just", "under"): "high",
    ("no", "more", "than"): "high",
    ("not", "more", "than"): "high",
    ("as", "many", "as"): "high",
    ("as", "much", "as"): "high",
    ("a", "maximum", "of"): "high",
    ("sub",): "high",
    ("more", "than"): "low",
    ("over",): "low",
    ("over", "than"): "low",
    ("well", "over"): "low",
    ("just", "over"): "low",
    ("at", "least"): "low",
    ("upwards", "of"): "low",
    ("exceeding",): "low",
    ("in", "excess", "of"): "low",
    ("above",): "low",
    ("a", "minimum", "of"): "low",
    ("between",): "between",
    ("minus",): "negative",
}
# Bounds that before a time unit are prepositions: "over four years".
TIME_PREPOSITIONS = {("over",)}
# The same after the number: "10,000 or more".
TRAILING_MODIFIERS = {
    ("or", "more"): "low",
    ("or", "so"): "approx",
    ("or", "less"): "high",
    ("or", "fewer"): "high",
    ("-", "odd"): "approx",
    ("+",): "low",
}
# A range is "A to B", "A-B" or "between A and B".
RANGE_WORDS = {"to", "-", "–", "—"}
# "increased by $43.6 billion to $419.2 billion" is a change and a level, not a range.
NOT_RANGE_BEFORE = {"by"}

# Currency signs and codes written before the number; "AU $" is two tokens.
CURRENCY_PREFIXES = {
    "$": "dollar", "us$": "dollar", "usd": "dollar", "a$": "dollar", "au$": "dollar", "c$": "dollar",
    "ca$": "dollar", "nz$": "dollar", "hk$": "dollar", "s$": "dollar", "nt$": "dollar",
    "€": "euro", "eur": "euro", "£": "pound", "gbp": "pound", "¥": "yen", "jpy": "yen",
    "cny": "yuan", "rmb": "yuan", "₹": "rupee", "rs": "rupee", "rs.": "rupee", "inr": "rupee",
    "₽": "rouble", "rub": "rouble", "₴": "hryvnia", "uah": "hryvnia", "₩": "won", "krw": "won",
    "₪": "shekel", "ils": "shekel", "rm": "ringgit", "chf": "franc", "₦": "naira", "₺": "lira",
}  # fmt: skip
# Country letters that may stand before a "$" token: "AU $89.99".
CURRENCY_COUNTRY_CODES = {"us", "au", "a", "c", "ca", "nz", "hk", "s", "nt"}

# Units after the number, by their lower-cased token sequence.
UNITS = {
    ("%",): "percent", ("percent",): "percent", ("per", "cent"): "percent", ("pc",): "percent",
    ("pct",): "percent", ("percentage", "point"): "percentage point",
    ("percentage", "points"): "percentage point", ("basis", "point"): "basis point",
    ("basis", "points"): "basis point", ("bps",): "basis point", ("bp",): "basis point",
    ("dollar",): "dollar", ("dollars",): "dollar", ("euro",): "euro", ("euros",): "euro",
    ("pound",): "pound", ("pounds",): "pound", ("sterling",): "pound", ("yen",): "yen",
    ("yuan",): "yuan", ("renminbi",): "yuan", ("rupee",): "rupee", ("rupees",): "rupee",
    ("rouble",): "rouble", ("roubles",): "rouble", ("ruble",): "rouble", ("rubles",): "rouble",
    ("hryvnia",): "hryvnia", ("hryvnias",): "hryvnia", ("hryvnas",): "hryvnia", ("won",): "won",
    ("shekel",): "shekel", ("shekels",): "shekel", ("ringgit",): "ringgit", ("franc",): "franc",
    ("francs",): "franc", ("naira",): "naira", ("lira",): "lira", ("peso",): "peso",
    ("pesos",): "peso", ("rand",): "rand", ("riyal",): "riyal", ("riyals",): "riyal",
    ("dinar",): "dinar", ("dinars",): "dinar", ("cent",): "cent", ("cents",): "cent",
    ("km",): "km", ("kms",): "km", ("kilometre",): "km", ("kilometres",): "km",
    ("kilometer",): "km", ("kilometers",): "km", ("mile",): "mile", ("miles",): "mile",
    ("m",): "metre", ("metre",): "metre", ("metres",): "metre", ("meter",): "metre",
    ("meters",): "metre", ("cm",): "cm", ("centimetre",): "cm", ("centimetres",): "cm",
    ("centimeter",): "cm", ("centimeters",): "cm", ("mm",): "mm", ("millimetre",): "mm",
    ("millimetres",): "mm", ("millimeter",): "mm", ("millimeters",): "mm", ("μm",): "micrometre",
    ("ft",): "foot", ("foot",): "foot", ("feet",): "foot", ("inch",): "inch", ("inches",): "inch",
    ("yard",): "yard", ("yards",): "yard", ("nautical", "miles"): "nautical mile",
    ("square", "km"): "square km", ("sq", "km"): "square km", ("km2",): "square km",
    ("km²",): "square km", ("square", "kilometres"): "square km", ("square", "kilometers"): "square km",
    ("square", "miles"): "square mile", ("sq", "mi"): "square mile", ("square", "mile"): "square mile",
    ("square", "metres"): "square metre", ("square", "meters"): "square metre",
    ("sq", "m"): "square metre", ("sqm",): "square metre", ("m2",): "square metre",
    ("m²",): "square metre", ("square", "feet"): "square foot", ("sq", "ft"): "square foot",
    ("acre",): "acre", ("acres",): "acre", ("hectare",): "hectare", ("hectares",): "hectare",
    ("ha",): "hectare", ("kg",): "kg", ("kgs",): "kg", ("kilogram",): "kg", ("kilograms",): "kg",
    ("kilo",): "kg", ("kilos",): "kg", ("g",): "gram", ("gram",): "gram", ("grams",): "gram",
    ("mg",): "milligram", ("milligram",): "milligram", ("milligrams",): "milligram",
    ("lb",): "pound", ("lbs",): "pound", ("oz",): "ounce", ("ounce",): "ounce", ("ounces",): "ounce",
    ("tonne",): "tonne", ("tonnes",): "tonne", ("ton",): "tonne", ("tons",): "tonne",
    ("t",): "tonne", ("metric", "tons"): "tonne", ("l",): "litre", ("litre",): "litre",
    ("litres",): "litre", ("liter",): "litre", ("liters",): "litre", ("gallon",): "gallon",
    ("gallons",): "gallon", ("barrel",): "barrel", ("barrels",): "barrel",
    ("mph",): "mph", ("km/h",): "km/h", ("kph",): "km/h", ("kmh",): "km/h",
    ("miles", "per", "hour"): "mph", ("miles", "per", "gallon"): "mpg", ("kilometres", "per", "hour"): "km/h",
    ("kilometers", "per", "hour"): "km/h", ("knots",): "knot", ("mpg",): "mpg",
    ("hp",): "horsepower", ("horsepower",): "horsepower", ("kw",): "kilowatt",
    ("kilowatt",): "kilowatt", ("kilowatts",): "kilowatt", ("mw",): "megawatt",
    ("megawatt",): "megawatt", ("megawatts",): "megawatt", ("gw",): "gigawatt",
    ("gigawatt",): "gigawatt", ("gigawatts",): "gigawatt", ("kwh",): "kilowatt hour",
    ("mwh",): "megawatt hour", ("gwh",): "gigawatt hour", ("v",): "volt", ("volts",): "volt",
    ("hz",): "hertz", ("ghz",): "gigahertz", ("mb",): "megabyte", ("gb",): "gigabyte",
    ("tb",): "terabyte", ("degree",): "degree", ("degrees",): "degree",
    ("degrees", "fahrenheit"): "fahrenheit", ("degrees", "celsius"): "celsius",
    ("°",): "degree", ("°", "c"): "celsius", ("°", "f"): "fahrenheit",
    ("degf",): "fahrenheit", ("°f",): "fahrenheit", ("f",): "fahrenheit", ("degc",): "celsius",
    ("°c",): "celsius", ("c",): "celsius", ("decibels",): "decibel", ("decibel",): "decibel",
    ("db",): "decibel", ("deg",): "degree", ("min",): "minute", ("mins",): "minute", ("hrs",): "hour",
    ("sec",): "second", ("secs",): "second", ("ppm",): "ppm", ("ppb",): "ppb",
    ("points",): "point", ("point",): "point", ("pts",): "point",
}  # fmt: skip
# Glued to the digits ("40km", "24pc", "$2.5bn"): the same units, written without a space.
GLUED_UNITS = {words[0]: unit for words, unit in UNITS.items() if len(words) == 1} | {"sqm": "square metre"}
# Single-letter units follow digits only, never a number in words ("one c").
LETTER_UNITS = {"m", "g", "l", "t", "v", "f", "c"}

# Counted nouns that are time units: inside a date of the times stage ("two years ago") the
# number is the date's, after "over" it says when, and a vague count of them is a duration.
TIME_NOUNS = {
    "second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year",
    "decade", "century", "season", "quarter",
}  # fmt: skip

# Words after a number that do not say what it counts.
NOT_COUNTED = {
    "%", "per", "cent", "percent", "of", "times", "am", "pm", "a.m.", "p.m.", "than", "last", "next",
}  # fmt: skip

# Nouns before a number that make it a label, not a quantity: "category 4", "Resolution 2231".
LABEL_NOUNS = {
    "#", "article", "category", "chapter", "class", "flight", "game", "grade", "highway", "level",
    "no", "no.", "number", "page", "paragraph", "phase", "platform", "resolution", "room",
    "round", "route", "section", "size", "stage", "tier", "type", "version", "week", "day", "year",
}  # fmt: skip
