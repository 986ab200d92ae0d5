"""The attributions stage on hand-written sentences, one capability each."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from claimledger.components.attributions import Found, _complete_contents

pytestmark = pytest.mark.slow


def found(parse, text):
    doc = parse(text)
    return doc, [
        {
            "source": a.source.text(doc) if a.source else None,
            "cue": a.cue.text(doc) if a.cue else None,
            "content": a.content.text(doc),
            "kind": a.kind,
            "parent": a.parent,
            "id": a.id,
            "via": a.via,
            "time": a.time,
        }
        for a in doc._.cl_attributions
    ]


def test_indirect_speech_with_that(parse):
    _, atts = found(parse, "The minister said that the talks had failed.")
    assert atts == [
        {
            "source": "The minister",
            "cue": "said",
            "content": "that the talks had failed",  # as in PARC and PolNeAR
            "kind": "indirect",
            "parent": None,
            "id": "a1",
            "via": [],
            "time": None,
        }
    ]


def test_cue_after_its_content(parse):
    _, atts = found(parse, "Troops have crossed the border, the ministry said on Friday.")
    assert [(a["source"], a["cue"], a["content"]) for a in atts] == [
        ("the ministry", "said", "Troops have crossed the border")
    ]


@pytest.mark.parametrize(
    "text, cue",
    [
        ("The minister has also said that the talks had failed.", "has also said"),  # as PolNeAR marks it
        ("The minister later told reporters that the talks had failed.", "later told"),
        ("Officials have even said that the talks had failed.", "said"),  # the reporter's stress
        ("The minister said: “The talks have failed.”", "said:"),  # PolNeAR: 367 to 18 on train
        ("The senator has called for new elections.", "has called for"),
        ("The report points out that the talks had failed.", "points out"),
    ],
)
def test_a_cue_holds_the_adverbs_that_say_how_or_when_it_was_said(parse, text, cue):
    _, atts = found(parse, text)
    assert [a["cue"] for a in atts] == [cue]


def test_a_relative_pronoun_is_the_source_and_its_noun_names_it(parse):
    doc, atts = found(parse, "The plan drew praise from some economists, who argue that taxes should be low.")
    assert [(a["source"], a["cue"], a["content"]) for a in atts] == [
        ("who", "argue", "that taxes should be low")
    ]
    names = {e.id: e.name for e in doc._.cl_entities}
    assert [names[e] for e in doc._.cl_attributions[0].source_entities] == ["economists"]


def test_direct_quote_keeps_its_marks(parse):
    _, atts = found(parse, "“We will not give up,” the mayor told reporters.")
    assert [(a["content"], a["kind"], a["source"], a["cue"]) for a in atts] == [
        ("“We will not give up,”", "direct", "the mayor", "told")
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # a question: the parser leaves the quotation a sentence of its own
            "“Does anybody know what the platform of the party is?” Graham asked. “Neither do I.”",
            [
                ("Graham", "asked", "“Does anybody know what the platform of the party is?”"),
                ("Graham", "asked", "“Neither do I.”"),
            ],
        ),
        (
            "“Did you shoot him? He better not be dead,” she yells.",
            [("she", "yells", "“Did you shoot him? He better not be dead,”")],
        ),
        (  # a colon that ends the line, and the quotation in the next paragraph
            'The rally ended early.\n\nHe said:\n\n"We have a situation where our cities are dangerous."',
            [("He", "said:", '"We have a situation where our cities are dangerous."')],
        ),
        (  # a subject the parser found inside the quotation is not the speaker
            "“Our campaign is in panic mode. Full panic mode,” said Leslie Wimes, an organizer.",
            [("Leslie Wimes, an organizer", "said", "“Our campaign is in panic mode. Full panic mode,”")],
        ),
        (  # ... nor when it is the only subject: the name between the quotation and the verb is
            "“He's absolutely right. There's a severe disconnect between this White House and our military,” "
            "Flynn, a top Trump surrogate, said Thursday morning on Fox News’s “Fox and Friends.”",
            [
                (
                    "Flynn",
                    "said",
                    "“He's absolutely right. There's a severe disconnect between this White House and "
                    "our military,”",
                )
            ],
        ),
        (  # a quotation after a preposition names something
            "“He is right,” Flynn, a top aide, said on “Fox and Friends.”",
            [("Flynn, a top aide,", "said", "“He is right,”")],
        ),
        (  # after a colon comes what was said, not the clause before the speaker
            'He wants to make some news, Kall said: "I feel like he has got a surprise up his sleeve."',
            [("Kall", "said:", '"I feel like he has got a surprise up his sleeve."')],
        ),
        (  # the quotation goes on after the rest of the speaker's sentence
            "“It’s finished,” she said of the vote, which she was sure he would win. “In my head, anyway.”",
            [("she", "said", "“It’s finished,”"), ("she", "said", "“In my head, anyway.”")],
        ),
    ],
)
def test_a_quotation_the_parse_leaves_alone_goes_to_the_speaker_beside_it(parse, text, expected):
    _, atts = found(parse, text)
    assert [(a["source"], a["cue"], a["content"]) for a in atts] == expected


def test_multi_sentence_quote_is_one_content(parse):
    text = "“We tried everything. Nothing worked,” the coach said."
    _, atts = found(parse, text)
    assert [a["content"] for a in atts] == ["“We tried everything. Nothing worked,”"]


def test_a_speaker_who_continues_after_a_quotation_is_its_cue(parse):
    text = (
        "“How many times do we have to see this in our country?” Clinton said.\n“Maybe I can, by speaking "
        "directly to white people, say, look, this is not who we are,” she continued."
    )
    _, atts = found(parse, text)
    assert [(a["source"], a["cue"]) for a in atts] == [("Clinton", "said"), ("she", "continued")]
    _, atts = found(parse, "Prices continued to rise in March.")  # elsewhere "continue" says nothing
    assert atts == []


def test_quote_that_continues_goes_to_the_previous_speaker(parse):
    text = "“The bridge is closed,” the police chief said. “It will stay closed until Monday.”"
    _, atts = found(parse, text)
    assert [(a["content"], a["source"], a["kind"]) for a in atts] == [
        ("“The bridge is closed,”", "the police chief", "direct"),
        ("“It will stay closed until Monday.”", "the police chief", "direct"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a few words between the cue and the next quotation
        "“The bridge is closed,” she said, clapping. “Not for long.”",
        # a sentence the parser ran on after a long description of the speaker
        "''The bridge is closed,'' said Ana Ruiz, an engineer who has inspected it for the city and "
        "the county. ''It will stay closed until the cables are replaced.''",
    ],
)
def test_quote_continued_after_a_few_words_or_a_long_speaker(parse, text):
    _, atts = found(parse, text)
    assert len(atts) == 2 and atts[0]["source"] == atts[1]["source"]
    assert atts[0]["cue"] == atts[1]["cue"] == "said"
    assert [a["kind"] for a in atts] == ["direct", "direct"]


def test_a_report_inside_a_relative_clause_keeps_its_words(parse):
    # the relative clause is the content here, not an aside to cut from it
    _, atts = found(parse, "The talks stalled over the convoy, which reportedly carried weapons.")
    assert [(a["cue"], a["content"]) for a in atts] == [("reportedly", "reportedly carried weapons")]


def test_a_new_line_opens_a_new_sentence(parse):
    text = "5:45 p.m.\n\nThe candidate’s doctor is calling him “extremely fit.”"
    _, atts = found(parse, text)
    assert [(a["source"], a["cue"]) for a in atts] == [("The candidate’s doctor", "is calling")]


def test_a_content_keeps_its_words_and_drops_its_links(parse):
    text = (
        "But the plan is tilted toward the rich, according to the poll. Trump has called what he saw a hoax."
    )
    _, atts = found(parse, text)
    assert {a["cue"]: a["content"] for a in atts} == {
        "according to": "the plan is tilted toward the rich",
        "has called": "what he saw a hoax",
    }


def test_a_short_quote_before_the_cue_goes_with_the_rest(parse):
    text = "''Hopefully,'' Mr. Obama said, ''this museum can help us talk to each other.''"
    _, atts = found(parse, text)
    assert sorted((a["content"], a["source"], a["cue"]) for a in atts) == [
        ("''Hopefully,''", "Mr. Obama", "said"),
        ("''this museum can help us talk to each other.''", "Mr. Obama", "said"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "He has said from the start that he will ensure the wall is paid for.",
        "Lazar told FBI agents that he trawled randomly through the accounts of important people.",
    ],
)
def test_that_after_the_cue_opens_the_content_however_it_is_tagged(parse, text):
    _, atts = found(parse, text)
    assert atts[0]["content"].startswith("that he ")


def test_a_speaker_set_off_in_the_middle_of_what_they_said_splits_it_in_two_pieces(parse, nlp):
    text = "Even if the company's plan proves short-lived, Mr. Morgan said, he has finished most of the work."
    assert retagged(parse, nlp, text, roles=[]) == [  # the rules alone
        ("Mr. Morgan", "said", "Even if the company's plan proves short-lived"),
        ("Mr. Morgan", "said", "he has finished most of the work"),
    ]
    _, atts = found(parse, "All of this, he acknowledges, could be undone at the ballot box.")
    assert [(a["source"], a["cue"], a["content"]) for a in atts] == [
        ("he", "acknowledges", "All of this"),
        ("he", "acknowledges", "could be undone at the ballot box"),
    ]
    _, atts = found(parse, "Still, he acknowledges, the vote could undo all of this.")  # no piece "Still"
    assert [a["content"] for a in atts] == ["the vote could undo all of this"]


@pytest.mark.parametrize(
    "text, contents",
    [
        pytest.param(
            "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt in 1999.",
            ["Lenox was a juggernaut", "until it went bankrupt in 1999"],
            id="the clause goes on after the cue",
        ),
        pytest.param(
            "Many of the visitors were older, she said, and ''I had to step back and think.''",
            ["Many of the visitors were older", "''I had to step back and think.''"],
            id="the clause goes on in a quotation after the cue",
        ),
        pytest.param(
            "It was, the president said, ''a stone where men and women were torn from their families.''",
            ["It was", "''a stone where men and women were torn from their families.''"],
            id="the cue's own object after the comma that closes it",
        ),
        pytest.param(
            "If this argument fails to persuade, Mr. Castañeda argues, there are other tools in the toolbox.",
            ["If this argument fails to persuade", "there are other tools in the toolbox"],
            id="a clause the parser hung on the cue before its speaker",
        ),
        pytest.param(
            '"I think Holt will be very fair," Trump said during a rally, "but a lot of people are going to '
            'be watching."',
            ['"I think Holt will be very fair,"', '"but a lot of people are going to be watching."'],
            id="a quotation after the cue goes on with its speaker's words",
        ),
        pytest.param(
            "The talks failed, he said, and left the room.",
            ["The talks failed"],
            id="a verb without a subject after the cue is what the speaker did next",
        ),
        pytest.param(
            "The difference now, he told me on Friday, is that he anchors a news program.",
            ["The difference now", "is that he anchors a news program"],
            id="the clause a cue hung on the subject interrupts",
        ),
    ],
)
def test_a_content_in_two_pieces_around_its_cue(parse, text, contents):
    _, atts = found(parse, text)
    assert [a["content"] for a in atts] == contents
    assert len({(a["source"], a["cue"]) for a in atts}) == 1


@pytest.mark.parametrize(
    "text, contents",
    [
        pytest.param(
            "“The bridge is closed,” the chief said.\n\nResidents gathered outside. “We need it.”",
            ["“The bridge is closed,”"],
            id="a quote after words in another paragraph is not continued",
        ),
        pytest.param(
            "Graham has acknowledged the reality of climate change, which makes him an outlier in his party.",
            ["the reality of climate change"],
            id="a relative clause set off at the end is the reporter's aside",
        ),
        pytest.param(
            "According to officials, 104 passengers had been rescued, "
            "while 17 injured people were taken to a hospital.",
            ["104 passengers had been rescued, while 17 injured people were taken to a hospital"],
            id="a while-clause without a speaker stays",
        ),
        pytest.param(
            "The blast went off near the station, according to the police commissioner.\n\nNo one was hurt.",
            ["The blast went off near the station"],
            id="according to X before a paragraph break stays out",
        ),
        pytest.param(
            "Prisons held 200,000 in 1972 and have since grown to 2.3 million, according to a study.",
            ["Prisons held 200,000 in 1972 and have since grown to 2.3 million"],
            id="according to X at the end covers the whole sentence",
        ),
        pytest.param(
            "The top 1 percent would see their incomes go up by as much as 19.9 percent, according to the "
            "Tax Foundation, more than twice what it projected.",
            [
                "The top 1 percent would see their incomes go up by as much as 19.9 percent",
                "more than twice what it projected",
            ],
            id="according to X in the middle: the clause around it, not the phrase itself",
        ),
        pytest.param(
            "Most Americans - 63 percent in 2014, according to the National Academies report - still believe "
            "immigration is a good thing.",
            [
                "Most Americans - 63 percent in 2014",
                "believe immigration is a good thing",
                "immigration is a good thing",  # "still believe": a statement of its own
            ],
            id="according to X in the middle of the clause",
        ),
        pytest.param(
            "An emergency has been declared. BLA surges According to the Global Terrorism Index, "
            "Pakistan experienced a 45% increase in terrorism deaths last year.",
            ["Pakistan experienced a 45% increase in terrorism deaths last year"],
            id="according to X after a run-in heading",
        ),
        pytest.param(
            "Trump gave his blessing, according to court documents reported previously by The Post, "
            "becoming a 93 percent owner of the new enterprise.",
            ["Trump gave his blessing", "becoming a 93 percent owner of the new enterprise"],
            id="according to X before a participle",
        ),
        pytest.param(
            "In addition, the campaign will release more records, the spokesman said.",
            ["the campaign will release more records"],
            id="the reporter's link to the sentence before stays out",
        ),
        pytest.param(
            "However, growth is slowing in rich countries, the fund said.",
            ["growth is slowing in rich countries"],
            id="a discourse adverb stays out",
        ),
        pytest.param(
            "Writing for a Los Angeles Times panel that all agreed Pence won the debate, Mark Z. Barabak "
            "noted that the way Pence carried himself was critical to his success.",
            ["that the way Pence carried himself was critical to his success"],
            id="the that-clause after the verb, not a clause the parser hung before it",
        ),
        pytest.param(
            "It’s an extremely unlikely scenario; Clinton’s team says she’ll continue her march.",
            ["she’ll continue her march"],
            id="a clause before a semicolon is the reporter's",
        ),
        pytest.param(
            "In Honolulu, he told a meeting of island leaders that few people understood the stakes.",
            ["that few people understood the stakes"],
            id="a that-clause the parser hung on the object",
        ),
        pytest.param(
            "Still, The New York Times reported at the time that the RT editor in chief, Margarita Simonyan, "
            "conveyed to Ms. Martin that her statement was ''not in line with our editorial policy.''",
            [
                "that the RT editor in chief, Margarita Simonyan, conveyed to Ms. Martin that her statement "
                "was ''not in line with our editorial policy.''"
            ],
            id="a that-clause the parser hung on a phrase after the verb",
        ),
        pytest.param(
            "Palmieri called on Trump to stop attacking Machado and apologize.",
            ["Trump to stop attacking Machado and apologize"],
            id="called on someone to do something",
        ),
        pytest.param("Trump called on the Pope in Rome.", [], id="called on someone: a visit"),
        pytest.param(
            '"You will have to ask a bear," Maddow said, another reference to the film.',
            ['"You will have to ask a bear,"'],
            id="what follows the cue: the reporter's aside",
        ),
        pytest.param(
            "The revolution dampened plans to return home, Mr. Rubio said in his 2012 book, "
            "''An American Son.''",
            ["The revolution dampened plans to return home"],
            id="what follows the cue: a quoted title",
        ),
        pytest.param(
            "Hillary Clinton thinks the federal government requires too many tests for U.S. school children, "
            "former President Bill Clinton said this week at an event in Wyoming — an apparent reversal of "
            "her past support for the No Child Left Behind law.",
            [
                "Hillary Clinton thinks the federal government requires too many tests for U.S. school "
                "children",
                "the federal government requires too many tests for U.S. school children",
            ],
            id="what follows the cue: an aside after a dash",
        ),
        pytest.param(
            "“He really does love us,” Melanie said, and soon, the balloons were dropping.",
            ["“He really does love us,”"],
            id="what follows the cue: the scene after a quotation",
        ),
        pytest.param(
            "The money went to what the senators said was economic gerrymandering.",
            ["was economic gerrymandering"],
            id="a clause that lent its first word to the sentence, without its speaker and cue",
        ),
        pytest.param(
            "The videos do not show his hands, which he said were at his side.",
            ["were at his side"],
            id="a relative clause's report holds neither its speaker nor its cue",
        ),
        pytest.param(
            "“His legend will live on,” Spencer said, as a few young fighters worked out inside the gym.",
            ["“His legend will live on,”"],
            id="what follows the cue: the scene",
        ),
        pytest.param(
            "Clinton’s van was supposed to be escorted by an NYPD protective detail, but the Secret Service "
            "whisked her away before cops could accompany her, another source said.",
            [
                "Clinton’s van was supposed to be escorted by an NYPD protective detail, but the Secret "
                "Service whisked her away before cops could accompany her"
            ],
            id="a speaker closing the sentence said all of it",
        ),
        pytest.param(
            '"They should consider changing their name," the spokesperson added, further describing the '
            'challenges as "baseless."',
            ['"They should consider changing their name,"', "the challenges"],
            id="a participle after the cue is what the speaker did next",
        ),
    ],
)
def test_what_a_content_holds(parse, text, contents):
    _, atts = found(parse, text)
    assert [a["content"] for a in atts] == contents


def test_mixed_quote(parse):
    _, atts = found(parse, "The senator said the bill was “a disgrace to the country”.")
    assert [(a["content"], a["kind"]) for a in atts] == [
        ("the bill was “a disgrace to the country”", "mixed")
    ]


def test_nominal_content_of_confirm(parse):
    _, atts = found(parse, "NATO confirmed the dispatch of troops to Russia.")
    assert [(a["source"], a["cue"], a["content"]) for a in atts] == [
        ("NATO", "confirmed", "the dispatch of troops to Russia")
    ]


def test_nested_attribution_has_a_parent(parse):
    text = "Ukraine claims Russia has lost 600 tanks, the newspaper reported."
    _, atts = found(parse, text)
    outer = next(a for a in atts if a["cue"] == "reported")
    inner = next(a for a in atts if a["cue"] == "claims")
    assert inner["parent"] == outer["id"] and outer["parent"] is None
    assert inner["content"] == "Russia has lost 600 tanks"


def test_contrastive_clause_with_its_own_speaker_is_cut(parse):
    text = "Officials say 500 people died, while analysts suggest that the toll is higher."
    _, atts = found(parse, text)
    by_cue = {a["cue"]: a["content"] for a in atts}
    assert by_cue["say"] == "500 people died"
    assert by_cue["suggest"] == "that the toll is higher"


def test_source_relying_on_another_source_is_via(parse):
    doc, atts = found(parse, "Lawmakers, briefed by the intelligence agency, said the troops had arrived.")
    assert atts[0]["source"] == "Lawmakers"
    names = {e.id: e.name for e in doc._.cl_entities}
    assert [names[v].lower() for v in atts[0]["via"]] == ["intelligence agency"]


def test_citing_names_the_source_source(parse):
    doc, atts = found(parse, "The agency reported the launch, citing military officials.")
    assert len(atts) == 1 and atts[0]["via"]


def test_according_to(parse):
    _, atts = found(parse, "According to the United Nations, 2,000 people have fled the city.")
    assert [(a["source"], a["cue"], a["content"]) for a in atts] == [
        ("the United Nations", "According to", "2,000 people have fled the city")
    ]


def test_reportedly_is_an_unattributed_report(parse):
    _, atts = found(parse, "The army has reportedly withdrawn from the town.")
    assert [(a["source"], a["cue"]) for a in atts] == [(None, "reportedly")]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The president rejected the plan, calling it “a trap”.", "The president"),
        (  # the parser hangs the participle on the reported clause; it goes on with the reporting verb
            "Foreign policy analysts said geopolitical factors have contributed to elevating Burma's "
            "bipartisan appeal, citing the strategic importance of the country.",
            "Foreign policy analysts",
        ),
        (  # ... but not past a clause that is itself a statement
            "Comey cannot say that “from his perspective,” Lewandowski added, saying it should be “up to "
            "the prosecutor to move forward or not.”",
            "Lewandowski",
        ),
    ],
)
def test_participle_cue_inherits_the_subject(parse, text, speaker):
    _, atts = found(parse, text)
    participle = next(a for a in atts if a["cue"].endswith("ing"))
    assert participle["source"] == speaker


def test_statement_time_is_linked(parse):
    import datetime as dt

    doc = parse("The ministry said on Monday that the border was closed.", dt.date(2024, 10, 29))
    (attribution,) = doc._.cl_attributions
    times = {t.id: t.value for t in doc._.cl_times}
    assert times[attribution.time] == "2024-10-28"


def test_words_inside_a_quote_are_not_new_statements(parse):
    _, atts = found(parse, "“I believe the courts will be fair,” Marapira said.")
    assert [a["cue"] for a in atts] == ["said"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "“",
        "He said “",
        "‘Moscow‘s fight’",
        "“Nested ‘quote’ here,” she said.",
        "said said said",
        "\u200f“x”\u200b",
    ],
)
def test_odd_quote_marks_never_crash(parse, text):
    doc, atts = found(parse, text)
    for a in doc._.cl_attributions:
        assert 0 <= a.content.start <= a.content.end <= len(text)


def test_config_turns_off_nominal_cues_and_unattributed_reports():
    from claimledger.annotations import register_extensions
    from claimledger.pipeline import load_model

    register_extensions()
    nlp = load_model()
    for name in ("claimledger_entities", "claimledger_times"):
        nlp.add_pipe(name)
    nlp.add_pipe("claimledger_attributions", config={"nominal_cues": False, "unattributed": False})
    doc = nlp("NATO confirmed reports that troops were there. The army has reportedly withdrawn.")
    assert [a.cue.text(doc) for a in doc._.cl_attributions] == ["confirmed"]


def retagged(parse, nlp, text, roles):
    """The attributions stage run again over `text` after the role tagger's spans are replaced by
    `roles` ((words, label) pairs, each the first occurrence of its words)."""
    doc = parse(text)
    spans = []
    for words, label in roles:
        start = doc.text.index(words)
        spans.append(doc.char_span(start, start + len(words), label=label))
    doc.spans["attribution_roles"] = spans
    doc = nlp.get_pipe("claimledger_attributions")(doc)
    return [
        (a.source.text(doc) if a.source else None, a.cue.text(doc) if a.cue else None, a.content.text(doc))
        for a in doc._.cl_attributions
    ]


def test_a_tagger_cue_the_rules_do_not_know_links_through_the_tagger_spans(parse, nlp):
    text = "The governor blasted that the budget was a disgrace."
    roles = [("The governor", "SOURCE"), ("blasted", "CUE"), ("that the budget was a disgrace", "CONTENT")]
    assert retagged(parse, nlp, text, roles) == [
        ("The governor", "blasted", "that the budget was a disgrace")
    ]


def test_a_tagger_content_that_widens_a_rule_content_does_not_stop_short_of_its_last_word(parse):
    doc = parse("The minister said the limit of 10,000, which was reached on Monday, would stay.")
    rule = Found(content=(3, 7), cue=(2, 3), source=(0, 2))  # "the limit of 10,000"
    tagged = [Span(doc, 3, 10, label="CONTENT")]  # "the limit of 10,000, which was"
    _complete_contents([rule], tagged)
    assert doc[rule.content[0] : rule.content[1]].text == "the limit of 10,000, which was reached on Monday"


def test_a_tagger_cue_is_dropped_without_a_source_or_for_a_word_that_is_rarely_a_cue(parse, nlp):
    text = "The governor blasted that the budget was a disgrace."
    no_source = [("blasted", "CUE"), ("that the budget was a disgrace", "CONTENT")]
    assert retagged(parse, nlp, text, no_source) == []
    text = "Militants attacked the train that was leaving the station."
    rare = [("Militants", "SOURCE"), ("attacked", "CUE"), ("the train that was leaving", "CONTENT")]
    assert retagged(parse, nlp, text, rare) == []


@pytest.mark.parametrize(
    "text, roles, expected",
    [
        (  # a full verb outside the word list, before a that-clause: a statement
            "The senator worries that the bill will fail.",
            [("The senator", "SOURCE"), ("worries", "CUE"), ("that the bill will fail", "CONTENT")],
            [("The senator", "worries", "that the bill will fail")],
        ),
        (  # ... before an infinitive: an act, not a statement
            "The house voted to extend his mandate.",
            [("The house", "SOURCE"), ("voted", "CUE"), ("to extend his mandate", "CONTENT")],
            [],
        ),
        (  # ... before a noun
            "The minister signed an agreement with six states.",
            [("The minister", "SOURCE"), ("signed", "CUE"), ("an agreement with six states", "CONTENT")],
            [],
        ),
        (  # a light verb is no cue on its own
            "The senator was sure that the bill would pass.",
            [("The senator", "SOURCE"), ("was", "CUE"), ("sure that the bill would pass", "CONTENT")],
            [],
        ),
    ],
)
def test_an_unlisted_tagger_cue_needs_a_full_verb_and_a_that_clause(parse, nlp, text, roles, expected):
    assert retagged(parse, nlp, text, roles) == expected


@pytest.mark.parametrize(
    "text, roles, speakers",
    [
        (  # the tagger source that is the verb's subject, not the nearest one
            "The Europeans, after talks with the president's advisers, derided the deal as toothless.",
            [
                ("The Europeans", "SOURCE"),
                ("the president's advisers", "SOURCE"),
                ("derided", "CUE"),
                ("the deal as toothless", "CONTENT"),
            ],
            ["The Europeans"],
        ),
        (  # a tagger cue inside a quotation is part of what the quoted speaker said
            "“It is over,” Wyne said. “And he believes that their rapport will last.”",
            [("he", "SOURCE"), ("believes", "CUE"), ("that their rapport will last", "CONTENT")],
            ["Wyne", "Wyne"],
        ),
    ],
)
def test_whose_statement_a_tagger_cue_makes(parse, nlp, text, roles, speakers):
    assert [source for source, _, _ in retagged(parse, nlp, text, roles)] == speakers


def test_a_tagger_source_is_a_name_however_the_parser_heads_it(parse, nlp):
    # the parser reads "Tulsa" as a verb and heads the name with it; the tagger has it right
    text = (
        "The U.S. Department of Justice is investigating the shooting.\n“I will just make this promise "
        "to you: We will achieve justice in this case,” Tulsa police Chief Chuck Jordan said Monday."
    )
    roles = [
        ("“I will just make this promise to you: We will achieve justice in this case,”", "CONTENT"),
        ("Tulsa police Chief Chuck Jordan", "SOURCE"),
        ("said", "CUE"),
    ]
    assert retagged(parse, nlp, text, roles) == [
        (
            "Tulsa police Chief Chuck Jordan",
            "said",
            "“I will just make this promise to you: We will achieve justice in this case,”",
        )
    ]


def test_a_span_does_not_end_in_a_no_break_space(parse, nlp):
    text = "PolitiFact\u00a0claimed that the figure was wrong."
    roles = [("PolitiFact\u00a0", "SOURCE"), ("claimed", "CUE"), ("that the figure was wrong", "CONTENT")]
    assert retagged(parse, nlp, text, roles) == [("PolitiFact", "claimed", "that the figure was wrong")]


def test_a_clause_that_describes_the_source_is_not_what_the_cue_reports(parse, nlp):
    text = "John Bentel, a staffer who told his subordinates never to speak of it, declined to comment."
    roles = [
        ("John Bentel, a staffer who", "SOURCE"),
        ("told his subordinates never to speak of it", "CONTENT"),
        ("declined", "CUE"),
        ("to comment", "CONTENT"),
    ]
    assert [content for _, _, content in retagged(parse, nlp, text, roles)] == ["to comment"]


def test_tagger_cues_in_one_sentence_do_not_share_or_swallow_contents(parse, nlp):
    text = "Asked whether he was ever bullied, the candidate replied no."
    roles = [
        ("Asked", "CUE"),
        ("whether he was ever bullied", "CONTENT"),
        ("the candidate", "SOURCE"),
        ("replied", "CUE"),
        ("no", "CONTENT"),
    ]
    assert sorted(retagged(parse, nlp, text, roles)) == [
        ("the candidate", "Asked", "whether he was ever bullied"),
        ("the candidate", "replied", "no"),
    ]


def test_a_tagger_cue_without_a_tagger_content_takes_the_verb_s_complement(parse, nlp):
    text = "The governor blasted that the budget was a disgrace."
    roles = [("The governor", "SOURCE"), ("blasted", "CUE")]
    assert retagged(parse, nlp, text, roles) == [
        ("The governor", "blasted", "that the budget was a disgrace")
    ]


def test_a_tagger_content_cut_before_its_verb_runs_on_to_it(parse, nlp):
    text = "The governor blasted that the budget has failed the poorest towns."
    roles = [("The governor", "SOURCE"), ("blasted", "CUE"), ("the budget has", "CONTENT")]
    assert retagged(parse, nlp, text, roles) == [
        ("The governor", "blasted", "the budget has failed the poorest towns")
    ]


@pytest.mark.parametrize(
    "text, roles, expected",
    [
        (  # a dangling preposition at the end is cut
            "The governor blasted the budget during the session.",
            [("The governor", "SOURCE"), ("blasted", "CUE"), ("the budget during", "CONTENT")],
            ("The governor", "blasted", "the budget"),
        ),
        (  # one between the cue and the content belongs to the cue, as PolNeAR marks it
            "The group warned against hackers from abroad.",
            [("The group", "SOURCE"), ("warned", "CUE"), ("against hackers from abroad", "CONTENT")],
            ("The group", "warned against", "hackers from abroad"),
        ),
    ],
)
def test_a_tagger_content_has_no_preposition_at_its_edges(parse, nlp, text, roles, expected):
    assert retagged(parse, nlp, text, roles) == [expected]


def test_tagger_content_completes_a_content_the_rules_cut_short(parse, nlp):
    text = "The mayor said the bridge is safe, while critics disagree."
    assert retagged(parse, nlp, text, []) == [("The mayor", "said", "the bridge is safe")]
    tagged = retagged(parse, nlp, text, [("the bridge is safe, while critics disagree", "CONTENT")])
    assert tagged == [("The mayor", "said", "the bridge is safe, while critics disagree")]
    # ... but not over the verb the cue noun depends on
    text = "The ministry's claim that no civilians died was disputed."
    tagged = retagged(parse, nlp, text, [("that no civilians died was disputed", "CONTENT")])
    assert tagged == [("ministry's", "claim", "that no civilians died")]


def test_a_quotation_parsed_as_a_sentence_of_its_own_is_the_content(parse):
    _, atts = found(parse, '"Are we where we need to be? Probably not," Ms. Moore said.')
    assert [(a["source"], a["cue"], a["content"]) for a in atts] == [
        ("Ms. Moore", "said", '"Are we where we need to be? Probably not,"')
    ]


def test_a_preposition_before_the_verb_is_not_its_particle(parse):
    # "for one, called": a phrasal cue's particle ("called for") follows its verb; this once built
    # a cue span that ended before it began and crashed the later stages.
    doc, atts = found(parse, "Rush Limbaugh, for one, called the plan ''liberal Democrat lingo.''")
    assert all(a.cue is None or a.cue.start < a.cue.end for a in doc._.cl_attributions)
    assert all(a["cue"] != "" for a in atts)


def test_source_is_the_whole_phrase_and_resolves_through_its_name(parse):
    doc, atts = found(
        parse, "Victor Cha, a Korea scholar at the Center for Strategic Studies, said the talks had failed."
    )
    # with the comma that closes the apposition, as PolNeAR marks it
    assert atts[0]["source"] == "Victor Cha, a Korea scholar at the Center for Strategic Studies,"
    entity = doc._.cl_attributions[0].source_entities[0]
    assert next(e.name for e in doc._.cl_entities if e.id == entity) == "Victor Cha"


def test_anonymous_source_keeps_its_description(parse):
    _, atts = found(parse, "A senior official who spoke on condition of anonymity said the talks had failed.")
    assert atts[0]["source"] == "A senior official who spoke on condition of anonymity"


def test_cue_holds_auxiliaries_and_negation(parse):
    _, atts = found(
        parse, "The ministry has said that the talks failed. The army did not confirm the attack."
    )
    assert [a["cue"] for a in atts] == ["has said", "did not confirm"]


def test_transcript_speaker_labels_say_the_rest_of_their_line(parse):
    text = (
        "Partial transcript as follows:\n\n"
        '"WALLACE: Will she be there tomorrow night?\n\n'
        '"PENCE: Well, look, Hillary Clinton apparently thinks this is a game show.\n\n'
        "Editor's note: This story was updated."
    )
    _, atts = found(parse, text)
    top = [(a["source"], a["cue"], a["content"]) for a in atts if a["parent"] is None]
    assert top == [
        ("WALLACE", ":", "Will she be there tomorrow night?"),
        ("PENCE", ":", "Well, look, Hillary Clinton apparently thinks this is a game show"),
    ]


def test_a_headline_label_is_a_speaker_when_the_article_names_them(parse):
    text = "Pence: Flowers Won’t Be at Debate, Trump Was ‘Mocking’ Clinton Camp.\n\nMike Pence said more."
    _, atts = found(parse, text)
    assert ("Pence", ":", "Flowers Won’t Be at Debate, Trump Was ‘Mocking’ Clinton Camp") in [
        (a["source"], a["cue"], a["content"]) for a in atts
    ]
    _, atts = found(parse, "LONDON: The city is big.\n\nPeople in London spoke.")
    assert atts == []


def test_a_quotation_signed_with_a_dash_and_a_name(parse):
    text = "“Donald Trump scares me.” ― Krystal Correa\n“He can’t even answer a question.” ― Esther Tapia\n"
    _, atts = found(parse, text)
    assert [(a["source"], a["cue"], a["content"], a["kind"]) for a in atts] == [
        ("Krystal Correa", "―", "“Donald Trump scares me.”", "direct"),
        ("Esther Tapia", "―", "“He can’t even answer a question.”", "direct"),
    ]


def test_a_tagger_content_runs_to_the_end_of_its_phrase(parse, nlp):
    text = "The government accuses the rebel group of killing, maiming, raping and looting in the villages."
    roles = [("The government", "SOURCE"), ("accuses", "CUE"), ("the rebel group of killing,", "CONTENT")]
    [(_, _, content)] = retagged(parse, nlp, text, roles)
    assert content.endswith("looting in the villages")


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "As Ms. Simonyan put it in a statement in July, RT is providing a perspective you won't get "
            "elsewhere.",
            [("Ms. Simonyan", "put it", "RT is providing a perspective you won't get elsewhere")],
            id="as X put it, before the clause",
        ),
        pytest.param(
            "The requirement is a lawful source of income, as a Homeland Security memo put it.",
            [("a Homeland Security memo", "put it", "The requirement is a lawful source of income")],
            id="as X put it, after the clause",
        ),
        pytest.param(
            "Yet, as Mr. Bown observed, few products would be picked.",
            [("Mr. Bown", "observed", "few products would be picked")],
            id="as X observed",
        ),
        pytest.param(
            "Clinton spoke as he explained how tough it is to run.",
            [("he", "explained", "how tough it is to run")],
            id="an as-clause cue with its own complement is the scene",
        ),
        pytest.param(
            'The requirement is a "lawful source of income," as a Homeland Security memo put it.',
            [("a Homeland Security memo", "put it", 'The requirement is a "lawful source of income,"')],
            id="as X put it, after a quotation's closing comma",
        ),
        pytest.param(
            "The group spelled out its concerns as it commented on proposed market regulations.",
            [("it", "commented on", "proposed market regulations")],
            id="an as-clause cue with its own prepositional object is the scene",
        ),
        pytest.param(
            "The fact that the race is close, as Cruz said on Monday, only magnifies the stakes.",
            [("Cruz", "said", "that the race is close")],
            id="an as-clause in the middle of a clause is about a phrase, not the clause",
        ),
        pytest.param(
            "Mrs. Clinton pledges to ''make the economy work for everyone,'' as she put it.",
            [("Mrs. Clinton", "pledges", "to ''make the economy work for everyone,''")],
            id="an as-clause on a report restates it",
        ),
        pytest.param("As expected, the bill passed.", [], id="as expected: no one speaks"),
        pytest.param("He put it on the table as the talks began.", [], id="put it, not in an as-clause"),
    ],
)
def test_a_cue_in_an_as_clause_reports_the_clause_it_hangs_on(parse, text, expected):
    _, atts = found(parse, text)
    assert [(a["source"], a["cue"], a["content"]) for a in atts] == expected
