"""The not-a-person rule: organizations, publications, parties and peoples quoted as sources."""

from __future__ import annotations

import pytest

from directory.bodies import not_a_person

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
    ],
)
def test_how_the_article_uses_a_single_word(name, text, reason):
    assert not_a_person(name, text=text) == reason
