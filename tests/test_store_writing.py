"""Saving extractions: surname-only profiles gathered into full names, slugs kept, spans stored."""

from __future__ import annotations

import pytest
from idkit import lindqvist_bare, lindqvist_full, oil_probe, slugs
from storekit import person, quote

from directory import store
from directory.models import Article, Extraction


@pytest.fixture
def db(tmp_path):
    database = store.open_db(tmp_path / "directory.db")
    yield database
    database.close()


def test_a_surname_only_profile_is_gathered_into_the_full_name_and_redirects(db):
    store.save_extraction(db, lindqvist_bare())
    assert slugs(db) == ["lindqvist"]
    store.save_extraction(db, lindqvist_full())
    assert slugs(db) == ["anders-lindqvist"]
    record = store.get_profile(db, "lindqvist")
    assert (record["slug"], record["article_count"], record["title"]) == (
        "anders-lindqvist",
        2,
        "governor",
    )
    gathered = record["resolution"][0]
    assert gathered["name"] == "Lindqvist"
    assert gathered["reasons"][:2] == [
        "surname-only profile gathered into the full-name profile",
        "surname of a full-name profile",
    ]
    assert 0.5 <= gathered["score"] <= 1
    store.save_extraction(db, lindqvist_bare("rates-again.txt"))
    record = store.get_profile(db, "anders-lindqvist")
    assert record["article_count"] == 3
    assert record["resolution"][-1]["reasons"][0] == "surname of a full-name profile"
    assert store.list_possible_duplicates(db) == []


def test_re_ingest_and_reprocess_keep_slugs_and_redirects(db):
    for extraction in (lindqvist_bare(), lindqvist_full(), lindqvist_bare("rates-again.txt")):
        store.save_extraction(db, extraction)
    before = {r["id"]: r["slug"] for r in store.iter_profile_records(db)}
    for extraction in (lindqvist_bare(), lindqvist_full(), lindqvist_bare("rates-again.txt")):
        assert store.save_extraction(db, extraction).status == "unchanged"
    by_title = {
        e.article.title: e
        for e in (
            lindqvist_bare(version="t2"),
            lindqvist_full("t2"),
            lindqvist_bare("rates-again.txt", "t2"),
        )
    }
    result = store.reprocess(db, lambda arts: [by_title[a.title] for a in arts], "t2")
    assert result.updated == 3
    assert {r["id"]: r["slug"] for r in store.iter_profile_records(db)} == before
    assert store.get_profile(db, "lindqvist")["slug"] == "anders-lindqvist"
    assert store.get_profile(db, "anders-lindqvist")["article_count"] == 3


def test_quote_attribution_spans_are_stored_and_in_the_record(db):
    saved = store.save_extraction(db, oil_probe())
    record = store.get_profile(db, "halvorsen")
    [q] = record["quotes"]
    text = oil_probe().article.text
    assert text[q["source_start"] : q["source_end"]] == "Mr Halvorsen"
    assert text[q["cue_start"] : q["cue_end"]] == "said"
    article_quotes = store.get_article(db, saved.article_id)["people"][0]["quotes"]
    assert article_quotes[0]["source_start"] == q["source_start"]
    okafor = store.get_profile(db, "grace-okafor")["quotes"][0]
    assert (okafor["source_start"], okafor["cue_end"]) == (None, None)


def _said(text: str, name: str, words: str, **fields) -> Extraction:
    art = Article(text=text, title=text.split(".")[0], source=f"{name}-{len(text)}.txt")
    return Extraction(art, [person(name, quotes=[quote(art, words)], **fields)], "t1")


def test_a_first_name_given_to_a_relative_makes_no_profile(db):
    text = 'The writer Per Lund died on Monday. "He was a kind man," said his wife, Maud.'
    saved = store.save_extraction(db, _said(text, "Maud", "He was a kind man"))
    assert saved.person_ids == []
    assert slugs(db) == []


def test_a_bare_surname_joins_the_full_name_its_article_writes(db):
    store.save_extraction(db, lindqvist_full())
    ann = 'Ann Lindqvist runs the dairy. "Milk is cheap," said Ann Lindqvist.'
    store.save_extraction(db, _said(ann, "Ann Lindqvist", "Milk is cheap"))
    bare = 'A report by Ann Lindqvist came out. "It is fair," Lindqvist said of it.'
    store.save_extraction(db, _said(bare, "Lindqvist", "It is fair"))
    assert sorted(slugs(db)) == ["anders-lindqvist", "ann-lindqvist"]
    record = store.get_profile(db, "ann-lindqvist")
    assert record["article_count"] == 2
    assert "the article gives this full name" in record["resolution"][-1]["reasons"]
