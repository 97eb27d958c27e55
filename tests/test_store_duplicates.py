"""Profiles that may be one person: the pairs offered to an editor, and the ones decided."""

from __future__ import annotations

import pytest
from idkit import article, lindqvist_bare, lindqvist_full, slugs
from storekit import quote, read_article

from directory import store
from directory.models import Extraction, Person
from directory.store import corrections


@pytest.fixture
def db(tmp_path):
    database = store.open_db(tmp_path / "directory.db")
    yield database
    database.close()


def test_a_profile_an_editor_corrected_is_not_gathered_but_offered_for_review(db):
    store.save_extraction(db, lindqvist_bare())
    corrections.set_kind(db, "lindqvist", "official")
    store.save_extraction(db, lindqvist_full())
    assert slugs(db) == ["anders-lindqvist", "lindqvist"]
    [pair] = store.list_possible_duplicates(db)
    assert (pair["a"]["slug"], pair["b"]["slug"]) == ("lindqvist", "anders-lindqvist")
    assert pair["for"][0] == "surname of a full-name profile"
    corrections.add_correction(db, store.Action.KEEP_APART, pair["a"]["id"], other_id=2)
    assert store.list_possible_duplicates(db) == []


def test_a_bare_surname_that_fits_two_profiles_stays_apart_for_review(db):
    store.save_extraction(db, lindqvist_full())
    art = article("pm-rally.txt")
    other = Person(
        name="Karin Lindqvist",
        given_name="Karin",
        family_name="Lindqvist",
        title="novelist",
        quotes=[quote(art, "Every vote counts")],
    )
    store.save_extraction(db, Extraction(art, [other], "t1"))
    store.save_extraction(db, lindqvist_bare())
    assert slugs(db) == ["anders-lindqvist", "karin-lindqvist", "lindqvist"]
    pairs = {(p["a"]["slug"], p["b"]["slug"]) for p in store.list_possible_duplicates(db)}
    assert ("anders-lindqvist", "lindqvist") in pairs


def test_pairs_come_most_quotes_first_with_the_evidence_either_way(db):
    for extraction in (
        smith("smith-economist.txt", "economist"),
        smith("smith-farmer.txt", "farmer"),
    ):
        store.save_extraction(db, extraction)
    for extraction in (
        smith("budget.txt", "economist", "Jane"),
        smith("gurria-oecd.txt", "farmer", "Jane"),
    ):
        extraction.people[0].quotes *= 3
        store.save_extraction(db, extraction)
    pairs = store.list_possible_duplicates(db)
    assert [(p["a"]["name"], p["quotes"]) for p in pairs] == [("Jane Smith", 6), ("John Smith", 2)]
    assert pairs[0]["against"] == ["roles in different walks of life (academia, finance / trades)"]
    assert 0 <= pairs[0]["score"] < 0.5


def smith(name: str, title: str, given: str = "John") -> Extraction:
    art = read_article(name)
    line = art.text.splitlines()[1][:12]
    person = Person(name=f"{given} Smith", given_name=given, family_name="Smith", title=title)
    person.quotes = [quote(art, line)]
    return Extraction(art, [person], "t1")
