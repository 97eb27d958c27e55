"""The rules of a record: the title and kind a person's own evidence gives, affiliations."""

from __future__ import annotations

import pytest
from idkit import article, marsh
from storekit import evidence, quote

from directory import store
from directory.models import Evidence, Extraction, Person, Position
from directory.store.records import clean_title, title_weight


@pytest.fixture
def db(tmp_path):
    database = store.open_db(tmp_path / "directory.db")
    yield database
    database.close()


def test_profile_title_and_kind_come_from_the_persons_own_evidence(db):
    visit = article("pm-visit.txt")
    speech = article("pm-speech.txt")
    store.save_extraction(
        db,
        marsh(
            "pm-visit.txt",
            kind="official",
            title="Prime Minister",
            title_evidence=[evidence(visit, "Prime Minister Helen Marsh visited")],
        ),
    )
    store.save_extraction(
        db,
        marsh(
            "pm-speech.txt",
            kind="other",
            title="former adviser",
            title_evidence=[evidence(speech, "Her former adviser, Tom Reed")],
        ),
    )
    store.save_extraction(db, marsh("pm-rally.txt"))
    record = store.get_profile(db, "helen-marsh")
    assert (record["title"], record["kind"]) == ("Prime Minister", "official")
    assert record["kinds"] == {"official": 1, "other": 2}
    assert [t["title"] for t in record["titles"]] == ["Prime Minister", "former adviser"]


def test_a_home_town_is_no_affiliation_and_makes_nobody_an_expert(db):
    art = article("pm-rally.txt")
    voter = Person(
        name="Tony Marten",
        given_name="Tony",
        family_name="Marten",
        kind="expert",
        positions=[Position(organization="Burnley", evidence=[evidence(art, "Helen Marsh")])],
        quotes=[quote(art, "Every vote counts")],
    )
    store.save_extraction(db, Extraction(art, [voter], "t1"))
    record = store.get_profile(db, "tony-marten")
    assert (record["kind"], record["affiliation"]) == ("other", None)
    assert record["positions"][0]["organization"] == "Burnley"


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("'s former advisor", "former advisor"),
        ("’s spokeswoman", "spokeswoman"),
        ("chief economist", "chief economist"),
        ("'s", None),
        (None, None),
    ],
)
def test_clean_title(title, shown):
    assert clean_title(title) == shown


def test_evidence_outside_the_sentence_is_someone_elses(db):
    art = article("pm-speech.txt")
    reed = Person(
        name="Tom Reed",
        given_name="Tom",
        family_name="Reed",
        title="former adviser",
        title_evidence=[Evidence("Her former adviser, Tom Reed, said", 0, 10)],
        quotes=[quote(art, "bold")],
    )
    store.save_extraction(db, Extraction(art, [reed], "t1"))
    assert store.get_profile(db, "tom-reed")["title"] == "former adviser"


NAMES = {"helen", "marsh"}


@pytest.mark.parametrize(
    ("title", "sentence", "weight"),
    [
        ("Prime Minister", "Prime Minister Helen Marsh visited flooded towns.", 1.0),
        ("minister", "Helen Marsh, the minister, said so.", 1.0),
        ("adviser", "A top Helen Marsh adviser says the plan will pass.", 0.0),
        ("spokesman", "Marsh's spokesman declined to comment.", 0.0),
        ("adviser", "The plan was drafted by a senior adviser to the cabinet, Marsh said.", 0.25),
        ("adviser", "Nothing here holds the title.", 0.5),
        ("federal judge", "Marsh attacked federal judge Ann Lowe on Friday.", 0.25),
    ],
)
def test_title_weight(title, sentence, weight):
    assert title_weight(title, sentence, NAMES) == weight


def test_a_post_at_a_university_is_expertise_even_without_a_role(db):
    art = article("pm-rally.txt")
    scholar = Person(
        name="Ada Quist",
        given_name="Ada",
        family_name="Quist",
        kind="expert",
        positions=[Position(organization="University of Westland School of Law")],
        quotes=[quote(art, "Every vote counts")],
    )
    store.save_extraction(db, Extraction(art, [scholar], "t1"))
    record = store.get_profile(db, "ada-quist")
    assert (record["kind"], record["affiliation"]) == (
        "expert",
        "University of Westland School of Law",
    )
