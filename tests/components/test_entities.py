"""The entities stage: aliases, demonyms, misspellings, people across a text, roles, pronouns, agencies."""

from __future__ import annotations

import pytest

from claimledger.annotations import Span
from claimledger.components.entities import (
    acronym,
    bare_role,
    edit_distance,
    entity_at,
    find_entities,
    norm,
    role_of,
    source_entities,
)


def test_norm_cuts_glued_possessives_and_straightens_apostrophes():
    assert norm("Moscow‘s") == "Moscow"
    assert norm("’s") == "'s"
    assert norm("People’s") == "People"


def test_edit_distance_stops_past_the_limit():
    assert edit_distance("Pyongyong", "Pyongyang", 1) == 1
    assert edit_distance("Sigh", "Singh", 1) == 1
    assert edit_distance("Kursk", "Moscow", 1) == 2


def test_role_of_reads_multiword_and_hyphenated_roles():
    assert role_of(["secretary", "-", "general"]) == "secretary-general"
    assert role_of(["commission", "president"]) == "president"
    assert role_of(["spokesman"]) == "spokesperson"
    assert role_of(["troops"]) is None


def test_bare_role_is_a_role_word_and_nothing_more():
    assert bare_role(["secretary", "general"]) and bare_role(["president"])
    assert not bare_role(["vice", "president"]) and not bare_role(["former", "minister"])


def test_acronym_matches_initials_of_capitalized_words():
    assert acronym(("NIS",), ("National", "Intelligence", "Service"))
    assert not acronym(("NIS",), ("North", "Korea"))


def entity_of(doc, text: str, nth: int = 0):
    """The entity (record) mentioned at the nth occurrence of text."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    eid = entity_at(doc, Span(start, start + len(text)))
    return next((e for e in doc._.cl_entities if e.id == eid), None)


def same(doc, a: str, b: str, nth_a: int = 0, nth_b: int = 0) -> bool:
    ea, eb = entity_of(doc, a, nth_a), entity_of(doc, b, nth_b)
    return ea is not None and ea is eb


@pytest.mark.slow
def test_country_aliases_capitals_and_short_forms(parse):
    doc = parse(
        "The DPRK sent troops to Russia. Moscow welcomed them, while Pyongyang stayed silent. "
        "The United States and the U.S. military watched, and Washington protested. "
        "Kyiv said the North was escalating. North Korea denied it."
    )
    assert same(doc, "DPRK", "Pyongyang")
    assert same(doc, "DPRK", "the North")
    assert same(doc, "DPRK", "North Korea")
    assert entity_of(doc, "DPRK").name == "North Korea"
    assert same(doc, "Russia", "Moscow")
    assert same(doc, "United States", "U.S.")
    assert same(doc, "United States", "Washington")
    assert entity_of(doc, "Kyiv").name == "Ukraine"
    assert entity_of(doc, "Russia").type == "country"


@pytest.mark.slow
def test_demonyms_are_mentions_of_their_country_and_the_koreas_stay_apart(parse):
    doc = parse(
        "South Korea said North Korean troops were in Russia. South Korean lawmakers agreed, "
        "and North Korea denied it."
    )
    assert same(doc, "North Korean", "North Korea")
    assert same(doc, "South Korean", "South Korea")
    assert not same(doc, "South Korea", "North Korea")


@pytest.mark.slow
def test_misspelt_capital_joins_its_country(parse):
    doc = parse("Concerns rose over Pyongyong's involvement. Pyongyang has not commented.")
    assert same(doc, "Pyongyong", "Pyongyang")
    assert entity_of(doc, "Pyongyong").type == "country"


@pytest.mark.slow
def test_a_titled_surname_with_a_typo_joins_the_full_name(parse):
    doc = parse(
        "Pentagon spokesperson Sabrina Sigh said on Monday that troops had moved. "
        "“This is a calculation they have to make,” Ms Singh said."
    )
    assert same(doc, "Sabrina Sigh", "Ms Singh")
    assert entity_of(doc, "Sabrina Sigh").type == "person"
    assert not same(doc, "Pentagon", "Sabrina Sigh")


@pytest.mark.slow
def test_people_across_a_document_by_surname_and_role(parse):
    doc = parse(
        "Analysts worry about Vladimir Putin's war. Nato secretary-general Mark Rutte confirmed the reports. "
        "Moscow denied the allegations. The Russian president sidestepped the question. "
        "Mr Putin told reporters it was a sovereign decision. "
        "The Nato chief told reporters in Brussels that it was an escalation. Mr Rutte repeated it later."
    )
    assert same(doc, "Vladimir Putin", "Mr Putin")
    assert same(doc, "Vladimir Putin", "The Russian president")
    assert same(doc, "Mark Rutte", "The Nato chief")
    assert same(doc, "Mark Rutte", "Mr Rutte")
    assert entity_of(doc, "Nato").name == "NATO"  # nested inside "The Nato chief"
    assert not same(doc, "Vladimir Putin", "Mark Rutte")


@pytest.mark.slow
def test_a_subject_pronoun_goes_to_the_last_subject_person(parse):
    doc = parse(
        "South Korean president Yoon Suk Yeol, in telephone calls with Mr Rutte, shared intelligence. "
        "He called for closer coordination, Mr Yoon's office said."
    )
    assert same(doc, "He", "Yoon Suk Yeol")
    assert same(doc, "Mr Yoon", "Yoon Suk Yeol")


@pytest.mark.slow
def test_short_forms_of_organizations(parse):
    doc = parse(
        "Kyiv has deployed soldiers, the New York Times reported. The commander told the Times so. "
        "South Korea's National Intelligence Service said more would follow."
    )
    assert same(doc, "New York Times", "Times", 0, 1)
    assert entity_of(doc, "National Intelligence Service").type == "organization"


@pytest.mark.slow
def test_a_countrys_spy_agency_is_its_named_agency(parse):
    doc = parse(
        "On Tuesday, South Korean lawmakers, briefed by the country's spy agency, said troops might move. "
        "South Korea's National Intelligence Service said Pyongyang had shipped troops. "
        "The North is preparing a launch, the Yonhap news agency reported citing South Korea's spy agency."
    )
    assert same(doc, "the country's spy agency", "National Intelligence Service")
    assert same(doc, "South Korea's spy agency", "National Intelligence Service")
    assert entity_of(doc, "National Intelligence Service").name == "National Intelligence Service"
    assert same(doc, "South Korea", "South Korea", 0, 1)


@pytest.mark.slow
def test_groups_in_subject_position_join_by_head_noun(parse):
    doc = parse(
        "South Korean lawmakers said troops were deployed. The lawmakers did not give any timetable. "
        "North Korean officials declined to comment."
    )
    group = entity_of(doc, "South Korean lawmakers")
    assert group.type == "group" and group.name == "South Korean lawmakers"
    assert same(doc, "South Korean lawmakers", "The lawmakers")
    assert not same(doc, "South Korean lawmakers", "North Korean officials")


def span_of(doc, text: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    return Span(start, start + len(text))


def names(doc, ids: list[str]) -> list[str]:
    by_id = {e.id: e.name for e in doc._.cl_entities}
    return [by_id[i] for i in ids]


@pytest.mark.slow
def test_source_entities_of_named_coordinated_and_described_phrases(parse):
    doc = parse(
        "Pentagon spokesperson Sabrina Sigh said on Monday that troops had moved. "
        "Moscow and Pyongyang initially denied the allegations. "
        "The Pentagon said more would come, the Yonhap news agency reported. "
        "Some officials said nothing, and South Korea's spy chief told lawmakers."
    )
    assert names(doc, source_entities(doc, span_of(doc, "Pentagon spokesperson Sabrina Sigh"))) == [
        "Sabrina Sigh"
    ]
    assert names(doc, source_entities(doc, span_of(doc, "Moscow and Pyongyang"))) == ["Russia", "North Korea"]
    assert names(doc, source_entities(doc, span_of(doc, "The Pentagon"))) == ["Pentagon"]
    assert names(doc, source_entities(doc, span_of(doc, "the Yonhap news agency"))) == ["Yonhap"]
    officials = source_entities(doc, span_of(doc, "Some officials"))
    assert names(doc, officials) == ["officials"]
    count = len(doc._.cl_entities)
    assert source_entities(doc, span_of(doc, "Some officials")) == officials  # found again, not added twice
    assert len(doc._.cl_entities) == count
    chief = source_entities(doc, span_of(doc, "South Korea's spy chief"))
    assert [e.type for e in doc._.cl_entities if e.id in chief] == ["person"]


@pytest.mark.slow
def test_source_entities_adds_a_description_nothing_names(nlp):
    doc = nlp("The police questioned independent analysts on Monday.")
    before = len(doc._.cl_entities)
    analysts = source_entities(doc, span_of(doc, "independent analysts"))
    assert len(doc._.cl_entities) == before + 1
    added = doc._.cl_entities[-1]
    assert analysts == [added.id] and added.type == "group" and added.name == "independent analysts"
    assert source_entities(doc, span_of(doc, "independent analysts")) == analysts


@pytest.mark.slow
def test_names_with_particles_acronyms_and_company_suffixes(parse):
    doc = parse(
        "Syrian leader Ahmed al-Sharaa signed the text. Al-Sharaa said it would last. "
        "The Government Accountability Office (GAO) objected, and the GAO asked Apple Inc. to wait. "
        "Apple declined."
    )
    assert entity_of(doc, "Ahmed al-Sharaa").name == "Ahmed al-Sharaa"
    assert same(doc, "Ahmed al-Sharaa", "Al-Sharaa")
    assert same(doc, "Government Accountability Office", "GAO", 0, 1)
    assert same(doc, "Apple Inc.", "Apple", 0, 1)


@pytest.mark.slow
def test_a_title_with_of_teaches_the_role_and_is_no_organization(parse):
    doc = parse("U.S. Secretary of State Marco Rubio arrived on Monday. Rubio met officials in Jeddah.")
    assert same(doc, "Marco Rubio", "Rubio", 0, 0)
    assert entity_of(doc, "State") is None


@pytest.mark.slow
def test_source_entities_finds_role_holders_and_resolves_they(parse):
    doc = parse(
        "US president Joe Biden joined the outcry on Monday. "
        "Independent military analysts disagreed. They said the deployment was small. "
        "The president insisted it was dangerous."
    )
    assert names(doc, source_entities(doc, span_of(doc, "The president"))) == ["Joe Biden"]
    they = source_entities(doc, span_of(doc, "They"))
    assert names(doc, they) == ["Independent military analysts"]
    assert span_of(doc, "They") in next(e for e in doc._.cl_entities if e.id == they[0]).mentions


@pytest.mark.slow
def test_a_countrys_ministry_by_name_and_by_description_but_not_another_countrys(parse):
    doc = parse(
        "The Russian Defense Ministry said it struck targets. Russia's defense ministry later denied it. "
        "Ukraine's Defense Ministry disagreed."
    )
    assert same(doc, "Russian Defense Ministry", "Russia's defense ministry")
    assert not same(doc, "Russian Defense Ministry", "Defense Ministry", 0, 1)
    assert entity_of(doc, "Ukraine").name == "Ukraine"


@pytest.mark.slow
def test_a_countrys_military_and_a_place_with_a_geographic_suffix(parse):
    doc = parse(
        "Israel's military said it struck the Gaza Strip. The Israel Defense Forces (IDF) later said Gaza "
        "was calm. The Israeli military denied it."
    )
    assert same(doc, "Israel's military", "Israel Defense Forces")
    assert same(doc, "The Israeli military", "IDF")
    assert entity_of(doc, "Israel Defense Forces").name == "Israel Defense Forces"
    assert same(doc, "Gaza Strip", "Gaza", 0, 1)


@pytest.mark.slow
def test_a_countrys_envoy_is_the_ambassador_the_text_names(parse):
    doc = parse(
        "Robert Wood, U.S. deputy U.N. ambassador, told reporters the treaty was dangerous. "
        "North Korea's envoy defended the treaty. "
        '"There is no reason to be concerned," Ambassador Song Kim said. '
        "Washington's envoy urged Beijing to act."
    )
    assert same(doc, "Washington's envoy", "Robert Wood")
    assert same(doc, "North Korea's envoy", "Song Kim")
    assert not same(doc, "Robert Wood", "Song Kim")


@pytest.mark.slow
def test_a_country_the_parser_glued_before_a_personal_name_is_cut_off(nlp):
    doc = nlp.make_doc(
        "The U.N. coordinator for Nepal Andrew Kirk said aid was blocked. Kirk said more was needed."
    )
    for _, component in nlp.pipeline[: nlp.pipe_names.index("claimledger_entities")]:
        doc = component(doc)
    start = doc.text.index("Nepal")
    doc.ents = [doc.char_span(start, start + len("Nepal Andrew Kirk"), label="PERSON")]
    entities, _ = find_entities(doc, nlp.get_pipe("claimledger_entities").world)
    by_name = {e.name: e for e in entities}
    assert by_name["Andrew Kirk"].type == "person" and "Kirk" in by_name["Andrew Kirk"].aliases
    assert by_name["Nepal"].type == "country"


@pytest.mark.slow
def test_source_entities_of_a_title_ending_in_a_name_is_the_person(parse):
    doc = parse("U.N. Resident Coordinator for Nepal Andrew Kirk said aid convoys were blocked.")
    source = span_of(doc, "U.N. Resident Coordinator for Nepal Andrew Kirk")
    assert names(doc, source_entities(doc, source)) == ["Andrew Kirk"]


@pytest.mark.slow
def test_descriptions_of_an_armed_group_join_its_name(parse):
    doc = parse(
        "The Patriotic Liberation Army, or PLA, claimed the attack on Monday. "
        "The banned militant outfit said it had seized a town. "
        "The group also attacked an army base, and PLA fighters burned a bridge. "
        "The opposition movement said nothing."
    )
    assert same(doc, "Patriotic Liberation Army", "The banned militant outfit")
    assert same(doc, "Patriotic Liberation Army", "The group")
    assert same(doc, "Patriotic Liberation Army", "PLA", nth_b=1)  # an acronym read as a modifier
    assert entity_of(doc, "The opposition movement") is None  # no armed word: a body never named


@pytest.mark.slow
def test_a_generic_official_is_the_person_whose_title_shares_its_words(parse):
    doc = parse(
        "“The line is closed,” Peter Mbeki, the regional port manager in Durban, told reporters. "
        "Health minister Jane Doe visited the city. "
        "“We cannot reach the ships,” the port official said."
    )
    assert names(doc, source_entities(doc, span_of(doc, "the port official"))) == ["Peter Mbeki"]


@pytest.mark.slow
def test_a_capital_named_as_a_place_is_a_location_not_its_government(parse):
    doc = parse("Talks were held in Riyadh on Monday. Riyadh said it welcomed the outcome.")
    assert entity_of(doc, "Riyadh").type == "location"
    assert entity_of(doc, "Riyadh", 1).name == "Saudi Arabia"


@pytest.mark.slow
def test_definite_descriptions_of_the_storys_country_place_and_military(parse):
    doc = parse(
        "Kenya's president spoke on Monday. The East African nation has long hosted refugees. "
        "Iran is the only country that enriches uranium. "
        "Gunmen attacked a bus in Sindh province. Police in the province said six people died. "
        "Fighting broke out between rebels and Malian forces. The military said it had killed ten rebels."
    )
    assert same(doc, "Kenya", "The East African nation")
    assert entity_of(doc, "the only country") is None  # a predicate, not a mention
    assert same(doc, "Sindh", "the province")
    assert same(doc, "Malian forces", "The military")
    assert entity_of(doc, "Malian forces").type == "organization"


@pytest.mark.slow
def test_a_role_without_its_body_and_a_surname_read_as_a_noun_join_the_person(parse):
    doc = parse(
        "U.N. Secretary-General Antonio Guterres spoke on Monday. "
        "“We will not give up,” Guterres’ spokesman said. "
        "“The secretary-general will keep working,” he added. The vice president declined to comment."
    )
    assert same(doc, "Antonio Guterres", "Guterres", nth_b=1)
    assert same(doc, "Antonio Guterres", "The secretary-general")
    assert not same(doc, "Antonio Guterres", "The vice president")


@pytest.mark.slow
def test_initials_of_a_person_and_a_countrys_group_outside_subject_position(parse):
    doc = parse(
        "Crown Prince Mohammed bin Salman met Rubio. MBS said Rubio met Ukrainian officials in Jeddah."
    )
    assert entity_of(doc, "MBS").name == "Mohammed bin Salman"
    officials = entity_of(doc, "Ukrainian officials")
    assert officials.type == "group" and officials.name == "Ukrainian officials"


@pytest.mark.slow
def test_first_person_pronouns_are_no_one_named_and_quantifiers_are_a_group(parse):
    doc = parse("“I think China was not expecting it,” Smith said. Some have even said they want peace.")
    assert source_entities(doc, span_of(doc, "I")) == []
    some = source_entities(doc, span_of(doc, "Some"))
    assert [e.type for e in doc._.cl_entities if e.id in some] == ["group"]


@pytest.mark.slow
def test_a_continent_in_a_description_picks_a_country_there(parse):
    doc = parse(
        "Britain signed a deal with Kenya on Monday. Britain said the deal was fair, and Britain will pay. "
        "The East African nation welcomed the money."
    )
    assert same(doc, "Kenya", "The East African nation")


@pytest.mark.slow
def test_source_entities_splits_a_group_of_several_countries(parse):
    doc = parse(
        "Ugandan officials said the talks went well. Kenyan and Ugandan officials said they would meet again."
    )
    groups = source_entities(doc, span_of(doc, "Kenyan and Ugandan officials"))
    assert names(doc, groups) == ["Kenyan officials", "Ugandan officials"]
    assert groups[1] == entity_of(doc, "Ugandan officials").id


@pytest.mark.slow
def test_an_organization_called_an_armed_group_is_one(parse):
    doc = parse("The Union of Hope, a separatist militia, attacked a base. The group said it would fight on.")
    assert same(doc, "Union of Hope", "The group")
