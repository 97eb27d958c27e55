"""Identity in the store: one person, one profile; organizations' words kept as statements.

Hand-built extractions of the articles in tests/fixtures/identity (no model needed).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from storekit import evidence, quote

from directory import store
from directory.errors import NotFound
from directory.models import Article, Evidence, Extraction, Person, Position, Quote, Statement
from directory.store import corrections
from directory.store.records import clean_title

FIXTURES = Path(__file__).parent / "fixtures" / "identity"


@pytest.fixture
def db(tmp_path):
    database = store.open_db(tmp_path / "directory.db")
    yield database
    database.close()


def article(name: str) -> Article:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return Article(text=text, title=text.splitlines()[0], source=str(FIXTURES / name))


def lindqvist_bare(name: str = "rates-bare.txt", version: str = "t1") -> Extraction:
    art = article(name)
    words = art.text.split('"')[1]
    bare = Person(name="Lindqvist", honorific="Mr", aliases=["Mr Lindqvist"])
    bare.quotes = [quote(art, words)]
    return Extraction(art, [bare], version)


def lindqvist_full(version: str = "t1") -> Extraction:
    art = article("rates-full.txt")
    full = Person(
        name="Anders Lindqvist",
        given_name="Anders",
        family_name="Lindqvist",
        honorific="Mr",
        aliases=["Mr Lindqvist"],
        kind="official",
        title="governor",
        title_evidence=[evidence(art, "Anders Lindqvist, governor of the Riksmark central bank")],
        positions=[Position(organization="Riksmark central bank", role="governor")],
        quotes=[quote(art, "We cannot relax yet")],
    )
    return Extraction(art, [full], version)


def slugs(db) -> list[str]:
    return [s["slug"] for s in store.list_profiles(db)]


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


def oil_probe(version: str = "t1") -> Extraction:
    """Today's kind of extraction: a company and a newspaper read as people, plus a statement."""
    art = article("oil-probe.txt")
    said = art.text.index("said in a statement")
    northfield = Person(name="Northfield", quotes=[quote(art, "We are co-operating fully")])
    northfield.quotes[0].source_start = art.text.index("Northfield said")
    northfield.quotes[0].source_end = northfield.quotes[0].source_start + len("Northfield")
    northfield.quotes[0].cue_start, northfield.quotes[0].cue_end = said, said + 4
    ft = Person(
        name="FT",
        kind="expert",
        quotes=[quote(art, "the company had set aside funds", kind="indirect", cue="reported")],
    )
    start = art.text.index("Mr Halvorsen, the")
    halvorsen = Person(
        name="Halvorsen",
        honorific="Mr",
        aliases=["Mr Halvorsen"],
        title="former chief engineer",
        quotes=[
            Quote(
                "Nobody wanted to pay for the repairs",
                "direct",
                "said",
                art.text.index("Nobody"),
                art.text.index("Nobody") + 36,
                0.9,
                source_start=start,
                source_end=start + len("Mr Halvorsen"),
                cue_start=art.text.index("said the pipeline"),
                cue_end=art.text.index("said the pipeline") + 4,
            )
        ],
    )
    okafor = Person(
        name="Grace Okafor",
        given_name="Grace",
        family_name="Okafor",
        kind="expert",
        title="energy analyst",
        positions=[Position(organization="Kestrel Capital", role="energy analyst")],
        quotes=[quote(art, "The market has already priced in the worst")],
    )
    regulators = Statement(
        "Regulators' office",
        quote(art, "widened their inquiry into Northfield Oil", kind="indirect", cue="have"),
    )
    return Extraction(art, [northfield, ft, halvorsen, okafor], version, [regulators])


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


def marsh(name: str, **fields) -> Extraction:
    art = article(name)
    line = art.text.split('"')[1]
    helen = Person(
        name="Helen Marsh",
        given_name="Helen",
        family_name="Marsh",
        honorific="Mrs",
        quotes=[quote(art, line)],
        **fields,
    )
    return Extraction(art, [helen], "t1")


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
