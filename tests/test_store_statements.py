"""Organizations quoted as sources: statements with evidence, never profiles."""

from __future__ import annotations

import pytest
from idkit import oil_probe, slugs

from directory import store
from directory.errors import NotFound
from directory.store.statements import sentence_around


@pytest.fixture
def db(tmp_path):
    database = store.open_db(tmp_path / "directory.db")
    yield database
    database.close()


def test_organizations_quoted_as_sources_are_statements_not_profiles(db):
    store.save_extraction(db, oil_probe())
    assert slugs(db) == ["grace-okafor", "halvorsen"]
    northfield = store.get_organization(db, "northfield")
    assert northfield["experts"] == []
    [statement] = northfield["statements"]
    assert statement["text"] == "We are co-operating fully"
    assert statement["evidence"]["sentence"] == (
        '"We are co-operating fully with the authorities," Northfield said in a statement on'
        " Tuesday."
    )
    text = oil_probe().article.text
    assert text[statement["source_start"] : statement["source_end"]] == "Northfield"
    assert text[statement["cue_start"] : statement["cue_end"]] == "said"
    assert statement["article"]["title"] == "Regulators widen probe into Northfield Oil"
    assert [s["cue"] for s in store.get_organization(db, "ft")["statements"]] == ["reported"]
    assert store.get_organization(db, "regulators-office")["name"] == "Regulators' office"
    people = [p["name"] for p in store.get_article(db, statement["article"]["id"])["people"]]
    assert people == ["Halvorsen", "Grace Okafor"]


def test_re_extraction_replaces_an_articles_statements(db):
    store.save_extraction(db, oil_probe())
    fewer = oil_probe("t2")
    fewer.people = fewer.people[2:]
    fewer.statements = []
    store.save_extraction(db, fewer)
    with pytest.raises(NotFound):
        store.get_organization(db, "northfield")


@pytest.mark.parametrize(
    ("text", "part", "sentence"),
    [
        ("One. Two said this. Three.", "said this", "Two said this."),
        ('He left. "It is over," Acme said. Then', "It is over", '"It is over," Acme said.'),
        ("No full stop at all", "full stop", "No full stop at all"),
        ("First line\nSecond line here", "line here", "Second line here"),
    ],
)
def test_sentence_around(text, part, sentence):
    start = text.index(part)
    begin, end = sentence_around(text, start, start + len(part))
    assert text[begin:end] == sentence
