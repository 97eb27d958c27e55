"""Role vocabularies and role-word matching (directory.extract.roles)."""

from __future__ import annotations

import pytest

from directory.extract import extract_article, roles
from directory.extract.roles import is_academic, is_nationality, is_standing, role_word
from directory.models import Article


@pytest.mark.parametrize(
    ("word", "head"),
    [
        ("economist", "economist"),
        ("Professor", "professor"),
        ("vice-president", "vice-president"),
        ("seismologist", "seismologist"),
        # elected offices head titles too ("the mayor of Denver", "a city councillor")
        ("mayor", "mayor"),
        ("Councillor", "councillor"),
        ("congresswoman", "congresswoman"),
        # a plural in the source ("analysts with Strategy Analytics")
        ("analysts", "analyst"),
        # one slip of the keyboard: letters swapped, doubled, dropped
        ("anaylst", "analyst"),
        ("proffessor", "professor"),
        ("profesor", "professor"),
        ("directr", "director"),
        ("stategist", "strategist"),  # an -ist word may be a slip too
        ("criminalist", "criminalist"),
        # category 2: a band's and a musician's roles are titles too
        ("frontman", "frontman"),
        ("Drummer", "drummer"),
        ("musician", "musician"),
        # real words are not slips, short plurals are verbs
        ("lecture", None),
        ("advise", None),
        ("economics", None),
        ("heads", None),
        ("chairs", None),
        ("the", None),
    ],
)
def test_role_word(word, head):
    assert role_word(word) == head


def test_expert_and_non_expert_families_do_not_overlap():
    expert = roles.ACADEMIC_WORDS | roles.ANALYST_WORDS | roles.CRITIC_WORDS | roles.MEDICAL_WORDS
    other = roles.CAMPAIGN_WORDS | roles.ACTIVIST_WORDS | roles.PARTY_WORDS | roles.OFFICIAL_WORDS
    assert not expert & other
    # a party word alone never makes an official
    assert not roles.PARTY_WORDS & roles.OFFICIAL_WORDS


def test_academic_and_nationality_words():
    assert is_academic("criminologist") and is_academic("lecturer")
    assert not is_academic("activist")
    assert is_nationality("Welsh") and is_nationality("Tory") and is_nationality("Iraqi")
    assert not is_nationality("Investec")


@pytest.mark.parametrize(
    ("text", "name", "title", "orgs"),
    [
        # titles: "leader" heads a title, with its topic before it
        (
            'A team at Kelvin University studies robots. "A robot is a companion," said '
            "Professor Ann Lee, project leader at Kelvin.",
            "Ann Lee",
            "project leader",
            ["Kelvin University"],
        ),
        # "Minority" and "Majority" open a title; the body is the one before them
        (
            'Senate Minority Leader Tom Hale said the bill "is dead on arrival."',
            "Tom Hale",
            "Minority Leader",
            ["Senate"],
        ),
    ],
)
def test_leader_heads_a_title(text, name, title, orgs):
    people = {p.name: p for p in extract_article(Article(text=text)).people}
    assert people[name].title == title
    assert [pos.organization for pos in people[name].positions] == orgs


@pytest.mark.parametrize(
    ("text", "name", "title", "kind"),
    [
        # titles: public posts and callings that head a title; an ombudsman's remit is a
        # portfolio, not an employer
        (
            'Energy ombudsman Ruth Coles said: "Most complaints are about bills."',
            "Ruth Coles",
            "Energy ombudsman",
            "official",
        ),
        ('"The death was accidental," said the coroner, Ann Reed.', "Ann Reed", "coroner", "other"),
        ('"Pupils are thriving," said headteacher Jo Marsh.', "Jo Marsh", "headteacher", "other"),
        # a legislature's Speaker
        (
            "Commons Speaker Mike Marton said the debate was over.",
            "Mike Marton",
            "Commons Speaker",
            "official",
        ),
    ],
)
def test_public_posts_head_a_title(text, name, title, kind):
    people = {p.name: p for p in extract_article(Article(text=text)).people}
    assert (people[name].title, people[name].kind, people[name].positions) == (title, kind, [])


@pytest.mark.parametrize(
    ("title", "standing"),
    [
        ("Republican poll leader", True),
        ("current polling leader", True),
        ("project leader", False),
        ("Tory leader", False),
        ("leader", False),
    ],
)
def test_a_place_in_a_race_is_no_title(title, standing):
    assert is_standing(title) is standing


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # titles: the office held now comes before a former post
        (
            'Mayor Tom Hale, a former union leader, said the city "will not back down."',
            "Mayor; former union leader",
        ),
        # with no office now, the former post alone
        (
            '"It is a mess," said Tom Hale, the former foreign secretary.',
            "former foreign secretary",
        ),
    ],
)
def test_an_office_held_now_comes_before_a_former_post(text, title):
    [person] = extract_article(Article(text=text)).people
    assert person.title == title


@pytest.mark.parametrize(
    ("text", "name", "title", "kind", "orgs"),
    [
        # titles: occupations head a title as posts do
        (
            '"The rules are a burden," said Dan Moss, chief accountant at the Kelvin Exchange.',
            "Dan Moss",
            "chief accountant",
            "other",
            ["Kelvin Exchange"],
        ),
        (
            '"Prices are low," said Kofi Mensah, a cocoa farmer from Ghana.',
            "Kofi Mensah",
            "cocoa farmer",
            "other",
            [],
        ),
        # a creator's "of" names a work, not an employer
        (
            '"It sold well," said Sam Cole, the creator of The Glass Garden.',
            "Sam Cole",
            "creator of The Glass Garden",
            "other",
            [],
        ),
        # a student at a university studies there: no scholar
        (
            '"Fees are too high," said Amy Tan, a graduate student at Kelvin University.',
            "Amy Tan",
            "graduate student",
            "other",
            ["Kelvin University"],
        ),
        # a word for the whole firm opens the title; the employer is named after it
        (
            'Tim Hale, Group Economist at Marlow Bank, said: "Prices will rise."',
            "Tim Hale",
            "Group Economist",
            "expert",
            ["Marlow Bank"],
        ),
        (
            '"The plan is sound," said Rob Dent, Group Finance Director at Marlow Bank.',
            "Rob Dent",
            "Group Finance Director",
            "other",
            ["Marlow Bank"],
        ),
    ],
)
def test_occupations_head_a_title(text, name, title, kind, orgs):
    people = {p.name: p for p in extract_article(Article(text=text)).people}
    person = people[name]
    assert (person.title, person.kind) == (title, kind)
    assert [pos.organization for pos in person.positions] == orgs


def test_a_post_held_then_is_a_former_post():
    text = '"The offer was fair," said Ann Tully, then chief economist at Corbel Bank.'
    [person] = extract_article(Article(text=text)).people
    assert [(pos.organization, pos.kind) for pos in person.positions] == [("Corbel Bank", "former")]


def test_a_former_speaker_of_a_house_is_titled_so():
    text = '"Voters are dubious," said Newt Gingwell, the former House speaker.'
    [person] = extract_article(Article(text=text)).people
    assert (person.title, person.kind) == ("former House speaker", "official")


@pytest.mark.parametrize(
    ("title", "head"),
    [
        ("senior adviser for the group", "adviser"),
        ("director of the Institute for Fiscal Studies", "director"),
        ("director general", "director"),
        # category 2: a role held "to" a body or a person
        ("envoy to the United Nations in Geneva", "envoy"),
        ("Chief Secretary to the Treasury", "Secretary"),
        ("adviser to Mr Sanders", "adviser"),
        # (not an infinitive: the third MP "to defect")
        ("third MP to defect", "defect"),
        # category 2: a role held "at" a body written in lowercase
        ("history teacher at the high school", "teacher"),
    ],
)
def test_last_head_word(title, head):
    assert roles.last_head_word(title) == head
