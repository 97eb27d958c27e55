"""Pronouns and role nouns ("he added", "the senator said") resolved to a named person."""

from __future__ import annotations

import pytest

from directory.extract import extract_article
from directory.extract.pronouns import honorific_noun
from directory.models import Article


def speakers(text: str) -> dict[str, list[str]]:
    found = extract_article(Article(text=text))
    return {p.name: [q.text for q in p.quotes] for p in found.people}


@pytest.mark.parametrize(
    "honorific, noun", [("Sen.", "senator"), ("Gov", "governor"), ("Governor", "governor")]
)
def test_an_honorific_stands_for_its_noun(honorific, noun):
    assert honorific_noun(honorific) == noun


def test_a_role_noun_finds_the_person_its_short_honorific_names():
    text = (
        "Sen. Ada Mworia (D-Kan.) defended her farm bill on Tuesday.\n\n"
        "“Nobody in my state asked for a subsidy cut,” the senator said during the debate.\n"
    )
    assert speakers(text) == {"Ada Mworia": ["Nobody in my state asked for a subsidy cut"]}


def test_a_role_noun_does_not_take_a_person_with_another_office():
    text = (
        "Gov. Ada Mworia defended her farm bill on Tuesday.\n\n"
        "“Nobody in my state asked for a subsidy cut,” the senator said during the debate.\n"
    )
    assert "Ada Mworia" not in speakers(text)
