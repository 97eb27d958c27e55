"""Roles written with what they head, before a name (directory.extract.offices)."""

from __future__ import annotations

import pytest

from directory.extract import extract_article
from directory.extract.nlp import load_nlp
from directory.extract.offices import body_after_of, party_seat, portfolio_post, role_before_of
from directory.models import Article


def title_and_orgs(text: str, name: str) -> tuple[str | None, list[str]]:
    person = next(p for p in extract_article(Article(text=text)).people if p.name == name)
    return person.title, [p.organization for p in person.positions]


@pytest.mark.parametrize(
    ("text", "name", "title", "orgs"),
    [
        # category 2: a capitalised office with "of" before the name
        (
            "Secretary of State John Kerrow said the deal was good.",
            "John Kerrow",
            "Secretary of State",
            [],
        ),
        (
            "Chancellor of the Exchequer Gordon Browne said the deal was good.",
            "Gordon Browne",
            "Chancellor of the Exchequer",
            [],
        ),
        (
            "The deal was good, said former Secretary of State Colin Powers.",
            "Colin Powers",
            "former Secretary of State",
            [],
        ),
        # the body the office is of, where the model reads the words after "of" as one
        (
            "President of the Royal Society Sir Paul Nurse said the deal was good.",
            "Paul Nurse",
            "President of the Royal Society",
            ["Royal Society"],
        ),
        # (lowercase topics, as before)
        (
            "Head of research Ann Leigh said the deal was good.",
            "Ann Leigh",
            "Head of research",
            [],
        ),
    ],
)
def test_an_office_with_what_it_heads_before_the_name(text, name, title, orgs):
    assert title_and_orgs(text, name) == (title, orgs)


def test_the_office_starts_at_its_role_and_its_body_is_a_whole_name():
    doc = load_nlp()("Secretary of State John Kerrow said so.")
    assert role_before_of(doc, 2) == 0  # "State" is the word before the name
    assert body_after_of(doc, 2, 3) is None  # a bare "State" names no body
    doc = load_nlp()("The loss of revenue Tom Lavery said was fine.")
    assert role_before_of(doc, 3) is None  # "loss" heads nothing


@pytest.mark.parametrize(
    ("text", "name", "title", "orgs"),
    [
        # category 2: a party member's seat on a body; the party word is no body's name
        (
            "Dianne Fenwick, the ranking Democrat on the Senate Intelligence Committee, said "
            "none of the emails came from her.",
            "Dianne Fenwick",
            "ranking Democrat",
            ["Senate Intelligence Committee"],
        ),
        (
            "John Corlan, the top Republican on the House Budget Committee, said it was wrong.",
            "John Corlan",
            "top Republican",
            ["House Budget Committee"],
        ),
    ],
)
def test_a_party_seat_on_a_body_is_a_title_at_that_body(text, name, title, orgs):
    assert title_and_orgs(text, name) == (title, orgs)


def test_a_bare_party_member_holds_no_seat():
    assert party_seat("Democrat from Ohio") is None
    assert party_seat("Democrat on the committee") is None


@pytest.mark.parametrize(
    ("text", "post"),
    [
        # category 2: a post named by its portfolio is one title, with no employer in it
        (
            "Secretary of State for Culture, Media and Sport",
            "Secretary of State for Culture, Media and Sport",
        ),
        ("Minister for Defence Procurement", "Minister for Defence Procurement"),
        ("Shadow Secretary of State for the Family", "Shadow Secretary of State for the Family"),
        (
            "State Minister for National Development Planning",
            "State Minister for National Development Planning",
        ),
        ("Commissioner for Transport", "Commissioner for Transport"),
        ("Minister of State", "Minister of State"),
        # (a bare post, or one "of" a body, is read elsewhere)
        ("Industry Secretary", None),
        ("General Secretary of Unison", None),
        ("spokesman for the council", None),
    ],
)
def test_a_post_named_by_its_portfolio(text, post):
    assert portfolio_post(text) == post


def test_a_portfolio_post_is_the_title_and_no_body():
    text = "Anne Tolley, Minister for Defence Procurement, said she was disappointed."
    person = extract_article(Article(text=text)).people[0]
    assert (person.title, person.positions) == ("Minister for Defence Procurement", [])
