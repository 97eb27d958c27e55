"""The not-a-person rule: organizations, publications, parties and peoples quoted as sources."""

from __future__ import annotations

import pytest

from directory.bodies import first_name_speaker, named_as_body, not_a_person

WORD_LIST = "a word for an organization, a publication, a party, a people or a role"


@pytest.mark.parametrize(
    ("name", "honorific", "organizations", "reason"),
    [
        ("Yukos", None, ["Yukos"], "named as an organization in the same article"),
        ("FT", None, [], "an acronym"),
        ("ILO", None, [], "an acronym"),
        (
            "Observer",
            None,
            [],
            WORD_LIST,
        ),
        (
            "Pakistanis",
            None,
            [],
            WORD_LIST,
        ),
        (
            "Republicans",
            None,
            [],
            WORD_LIST,
        ),
        (
            "Labour",
            None,
            [],
            WORD_LIST,
        ),
        ("GlaxoSmithKline", None, [], "a capital inside one word, as in a company's name"),
        ("Acme Holdings", None, [], "an organization's name"),
        # organisations as people: a word for a kind of body opens the name
        ("Consultancy Strategy Analytics", None, [], "a word for a body opens it"),
        # a plural party, people or role word, or a poll, ends a group's name, never a person's
        ("Senate Republicans", None, [], "a group's or a poll's name"),
        ("Morning Consult Poll", None, [], "a group's or a poll's name"),
        ("Harwick Analysts", None, [], "a group's or a poll's name"),
        ("Ann English", None, [], None),
        ("Tom Judge", None, [], None),
        ("Greenspan", "Mr", [], None),
        ("McDonald", None, [], None),
        ("Alan Greenspan", None, [], None),
        ("Charlotte Church", None, [], None),
    ],
)
def test_not_a_person(name, honorific, organizations, reason):
    assert not_a_person(name, honorific=honorific, organizations=organizations) == reason


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        (
            "Northfield",
            "Shares in Northfield Oil fell.",
            "the article names it as a company or a body",
        ),
        ("Kestrel", "Kestrel's shares fell.", "the article names it as a company or a body"),
        ("Observer", "x", "a word for an organization, a publication, a party, a people or a role"),
        (
            "Vexford",
            "The Vexford said it would appeal.",
            "the article names it as a company or a body",
        ),
        (
            "Quillon",
            "A report by Quillon found rents rising.",
            "the article names it as a company or a body",
        ),
        (
            "Dalmore",
            "Dalmore, the shipping group, said so.",
            "the article names it as a company or a body",
        ),
        ("Glass", "The glass was full, Glass said.", "the article uses it as a common word"),
        (
            "Meanwhile",
            "Prices rose. Meanwhile the bank waited.",
            "a capitalised word only at the start of sentences",
        ),
        ("Pennick", "Aides said so. Later Pennick said no.", None),
        ("Trump", "The Trump campaign said so.", None),
        (
            "Ravla",
            "Figures from the Retail Vending and Leasing Association (Ravla) rose. Ravla said so.",
            "the article gives it as the short name of a body",
        ),
        ("Brook", "Said Ann Brook (Brook) of the Ellis Trust.", None),
        (
            "Tarnwell",
            "Retail analyst Tarnwell said so. The Tarnwell report found prices up.",
            "the article names it as a company or a body",
        ),
        (
            "Quorra",
            "In 2019, Quorra found that most voters agreed.",
            "the article names it as a company or a body",
        ),
        (
            "Depot",
            "Grocery chain Harlow-Depot fell. Shares in Harlow-Depot fell again.",
            "the article writes it only inside a longer name",
        ),
        (
            "Net",
            "Ann Brook, editor of fansite forum.kestrel.Net, said so.",
            "the article writes it only inside a longer name",
        ),
        ("Teller", "Professor Ann Brook-Teller said so. Brook-Teller added more.", None),
        (
            "Ledgerline",
            "The bill passed, according to Ledgerline. Ledgerline said more.",
            "the article cites it as a publication or a body",
        ),
        ("Marsh", "Ann Marsh spoke. The bill passed, according to Marsh.", None),
        (
            "Wexcombe",
            "Voters in Wexcombe, a market town, said so. Wexcombe said no.",
            "the article uses it as a place",
        ),
        ("Marsh", "Faith in Marsh. Mr Marsh said no.", None),
        (
            "Wexcombe",
            "The Labour MP for Wexcombe asked. Wexcombe said so.",
            "the article uses it as a constituency",
        ),
        (
            "Marlshire",
            "Riders met in Dunmore, Marlshire said the reporter.",
            "the article writes it after a place, as a region",
        ),
        ("Marlshire", "Riders met in Dunmore, Ann Marlshire said.", None),
        (
            "Vorb",
            "Players watch a hungry Vorb fall asleep. Vorb said nothing.",
            "the article counts it as a thing ('a tired Sim')",
        ),
        ("Vorb", "Mr Vorb said so. He is a Vorb by birth.", None),
        ("God", "God has given him the mantle, the preacher said.", "a deity"),
        (
            "Gala",
            "Guests left the Mayor's Gala early. Gala said it was fun.",
            "the article writes it as the name of a thing ('the Governor's Ball')",
        ),
        ("Gala", "Guests left the Mayor's Gala early. Ms Gala said it was fun.", None),
        (
            "Mud",
            "Her hits include Mud On My Boots and Rain. Mud Off The Road followed.",
            "the article writes it only in a title ('Dirt Off Your Shoulder')",
        ),
        ("Mud", "Her hits include Mud On My Boots. Mud said so.", None),
        (
            "Checkwise",
            "After the debate Checkwise did a fact-check on the claim. Checkwise said it was true.",
            "the article has it run a check or a survey, as a body does",
        ),
        ("Checkwise", "Dr Checkwise did a survey of nurses. Checkwise said so.", None),
    ],
)
def test_how_the_article_uses_a_single_word(name, text, reason):
    assert not_a_person(name, text=text) == reason


@pytest.mark.parametrize(
    ("name", "text", "surely_a_body"),
    [
        # strong: the article itself writes the word as a body's or a place's name
        ("Northfield", "Shares in Northfield Oil fell. Northfield said so.", True),
        ("Wexcombe", "Voters in Wexcombe, a market town, said so. Wexcombe said no.", True),
        ("Labour", "Labour said the plan was wrong.", True),
        ("Acme Holdings", "Acme Holdings said so.", True),
        # weak: only how the word is written; a first name said once may look the same
        ("Quill", "Quill said so. Quill left.", False),
        ("God", "God has given him the mantle, the preacher said.", False),
        ("Sheila", "The well ran dry, said Sheila.", False),
    ],
)
def test_named_as_body_keeps_only_the_strong_reasons(name, text, surely_a_body):
    assert bool(named_as_body(name, text=text)) is surely_a_body
    if surely_a_body:
        assert not_a_person(name, text=text) == named_as_body(name, text=text)


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        (
            "Harlow Care",
            "Harlow Care said so, said Ann Lee, director general of Harlow Care England.",
            "the article names a post held at it",
        ),
        ("Ann Lee", "Ann Lee said so. She is head of the Harlow Trust.", None),
        # a spokesman speaks for a person too
        ("Ann Lee", "A spokesman for Ann Lee said so.", None),
    ],
)
def test_a_name_someone_holds_a_post_at_is_a_body(name, text, reason):
    assert named_as_body(name, text=text) == reason


def test_a_word_only_opening_sentences_is_no_person_but_not_surely_a_body():
    text = "Quill said so. Quill left."
    assert named_as_body("Quill", text=text) is None
    assert not_a_person("Quill", text=text) == "a capitalised word only at the start of sentences"


@pytest.mark.parametrize(
    ("name", "text", "first_name"),
    [
        ("Maud", "His wife, Maud, said he would be missed.", True),
        ("Maud", "Her daughter Maud said so.", True),
        ("Maud", "Maud, 34, from Leeds, said she was cold.", True),
        ("Maud", "Ann Maud, 34, said so. His wife, Maud, agreed.", False),
        ("Maud", "Mr Maud said so.", False),
        ("Maud", "Maud said so.", False),
        ("Ann Maud", "His wife, Ann Maud, said so.", False),
    ],
)
def test_a_first_name_given_to_a_relative_or_with_an_age(name, text, first_name):
    assert first_name_speaker(name, text) is first_name
