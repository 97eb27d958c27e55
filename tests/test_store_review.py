"""The review queue: each kind of doubt listed with its evidence, most quotes first; each
decision (a correction) takes its item off, also after a reprocess; the corrections log."""

from __future__ import annotations

import pytest
from reviewkit import VERSION, article, extractions, quote

from directory import store
from directory.models import Extraction, Person, Position
from directory.store.review import not_person_reasons


@pytest.fixture
def db(tmp_path):
    database = store.open_db(tmp_path / "directory.db")
    for extraction in extractions():
        store.save_extraction(database, extraction)
    yield database
    database.close()


def queue(db) -> list[tuple[str, str, int]]:
    """(type, profile slug, quotes affected) of each item, in queue order."""
    return [(i["type"], i["profile"]["slug"], i["quotes"]) for i in store.review_queue(db)]


def item(db, kind: str, slug: str) -> dict:
    found = [i for i in store.review_queue(db) if (i["type"], i["profile"]["slug"]) == (kind, slug)]
    assert len(found) == 1, found
    return found[0]


def test_the_queue_lists_every_kind_of_doubt_most_quotes_first(db):
    # Tomas Vell, a finance minister, is an official though one article calls him an economist.
    assert queue(db) == [
        ("kind", "tomas-vell", 4),
        ("duplicate", "mara-quist", 3),
        ("attribution", "mara-quist", 2),
        ("fact", "mara-quist", 2),
        ("name", "calder", 1),
        ("missing", "ines-oduya", 1),
    ]


def test_each_item_carries_its_evidence(db):
    pair = item(db, "duplicate", "mara-quist")
    assert (pair["other"]["slug"], pair["reasons_for"], pair["score"]) == (
        "mara-quist-2",
        ["same name"],
        0.4,
    )
    said = item(db, "attribution", "mara-quist")
    assert [(q["text"], q["confidence"]) for q in said["low_quotes"]] == [
        ("Councils must clear their drains,", 0.77)
    ]
    assert said["article"]["title"] == "River towns raise their walls"
    fact = item(db, "fact", "mara-quist")
    assert (fact["field"], fact["value"], fact["confidence"]) == (
        "positions",
        "Calder Foundation",
        0.75,
    )
    assert item(db, "kind", "tomas-vell")["kinds"] == {"official": 1, "expert": 1}
    assert item(db, "missing", "ines-oduya")["missing"] == ["title", "affiliation"]
    assert (
        "a word of an organization's name in the directory" in item(db, "name", "calder")["reasons"]
    )


def test_a_fact_some_article_states_with_confidence_is_not_listed(db):
    again = article(
        ("Trust names a new adviser", "Mara Quist, adviser to Calder Foundation, spoke.")
    )
    quist = Person(
        "Mara Quist",
        given_name="Mara",
        family_name="Quist",
        kind="expert",
        positions=[
            Position("Leeds Water Institute", kind="current", confidence=0.9),
            Position("Calder Foundation", role="adviser", kind="current", confidence=0.9),
        ],
        quotes=[quote(again, "spoke")],
    )
    store.save_extraction(db, Extraction(again, [quist], VERSION))
    assert [i for i in store.review_queue(db) if i["type"] == "fact"] == []


def decide(db):
    """One decision per item, as an editor would make them."""
    store.keep_apart(db, "mara-quist", "mara-quist-2", by="alice")
    floods = item(db, "attribution", "mara-quist")["article"]["id"]
    store.confirm_field(db, "mara-quist", "quotes", floods, by="alice")
    store.confirm_field(db, "mara-quist", "positions", "Calder Foundation", by="alice")
    store.set_kind(db, "tomas-vell", "official", by="alice")
    store.hide_profile(db, "calder", by="alice")
    store.confirm_field(db, "ines-oduya", "title", "economist", by="alice")
    store.confirm_field(db, "ines-oduya", "affiliation", "Northbank Capital", by="alice")


def test_each_decision_takes_its_item_off_the_queue(db):
    decide(db)
    assert queue(db) == []
    assert store.list_possible_duplicates(db) == []


def test_decisions_survive_a_reprocess(db):
    decide(db)

    def re_extract(articles):
        by_title = {e.article.title: e for e in extractions("review-2")}
        for stored in articles:
            yield Extraction(stored, by_title[stored.title].people, "review-2")

    assert store.reprocess(db, re_extract, "review-2").seen == 4
    assert queue(db) == []
    assert store.list_possible_duplicates(db) == []


def test_merging_or_splitting_a_pair_takes_it_off(db, tmp_path):
    store.merge_profiles(db, "mara-quist", "mara-quist-2")
    assert [t for t in queue(db) if t[0] == "duplicate"] == []
    reservoirs = next(
        a["id"]
        for a in store.get_profile(db, "mara-quist")["articles"]
        if a["title"].startswith("Reservoirs")
    )
    store.split_profile(db, "mara-quist", reservoirs)
    assert [t for t in queue(db) if t[0] == "duplicate"] == []


def test_splitting_off_a_doubtful_attribution_takes_it_off(db):
    store.merge_profiles(db, "mara-quist", "mara-quist-2")
    floods = item(db, "attribution", "mara-quist")["article"]["id"]
    store.split_profile(db, "mara-quist", floods)
    assert [t for t in queue(db) if t[0] == "attribution"] == []


def test_the_log_lists_the_latest_corrections_newest_first(db):
    decide(db)
    store.hide_profile(db, "calder", hidden=False)
    log = store.list_recent_corrections(db, limit=3)
    assert [(c["action"], c["person"], c["by"]) for c in log] == [
        ("hide", "calder", "cli"),
        ("confirm", "ines-oduya", "alice"),
        ("confirm", "ines-oduya", "alice"),
    ]
    assert log[0]["at"] and log[0]["hidden_now"] is False
    keep = store.list_recent_corrections(db)[-1]
    assert (keep["action"], keep["person"], keep["other"], keep["value"]) == (
        "keep-apart",
        "mara-quist",
        "mara-quist-2",
        "keep-apart",
    )


@pytest.mark.parametrize(
    ("name", "honorific", "expected"),
    [
        ("Mara Quist", False, []),
        ("Falconer", True, []),
        ("Falconer", False, ["only ever named by one word, without Mr, Ms, Dr or a title"]),
        (
            "Labour",
            False,
            [
                "a word of an organization's name in the directory",
                "only ever named by one word, without Mr, Ms, Dr or a title",
            ],
        ),
        (
            "Labour Party",
            False,
            [
                "the name of an organization in the directory",
                "holds a word organizations are named with",
            ],
        ),
        ("Northbank Group", False, ["holds a word organizations are named with"]),
        ("NATO", True, ["written in capitals, like an acronym"]),
        ("Agent 47", False, ["holds digits"]),
    ],
)
def test_not_person_reasons(name, honorific, expected):
    assert (
        not_person_reasons(name, {"labour party", "leeds water institute"}, honorific) == expected
    )
