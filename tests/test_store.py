"""The store: saving, article deduplication, identity across articles, the ledger and provenance."""

from __future__ import annotations

import sqlite3

import pytest
from storekit import (
    VERSION,
    person,
    quote,
    read_article,
    sabato_clinton,
    sabato_cruz,
    smith_economist,
    smith_farmer,
)

from directory import store
from directory.errors import InputError, NotFound, StoreError
from directory.models import Article, Extraction, Person, Position
from directory.store import dedup, writing

CRUZ = {
    "id": "45334e921ff5",
    "title": "Cruz faces a hard road in swing states",
    "url": "https://example.org/cruz",
    "outlet": "Example Times",
    "published": "2015-11-20",
}
CLINTON = {
    "id": "e8193a2dd170",
    "title": "Historians weigh the election",
    "url": None,
    "outlet": "Example Post",
    "published": "2016-08-10",
}


@pytest.fixture
def db(tmp_path):
    database = store.open_db(tmp_path / "directory.db")
    yield database
    database.close()


def cruz(**changes):
    return sabato_cruz(
        url=CRUZ["url"], outlet=CRUZ["outlet"], published=CRUZ["published"], **changes
    )


def clinton(**changes):
    return sabato_clinton(outlet=CLINTON["outlet"], published=CLINTON["published"], **changes)


def test_open_db_sets_wal_foreign_keys_and_migrates_once(tmp_path):
    path = tmp_path / "sub" / "directory.db"
    db = store.open_db(path)
    assert db.journal_mode == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert [r["name"] for r in db.query("SELECT name FROM _migrations")] == [
        "m001_initial",
        "m002_listing_indexes",
        "m003_article_sketches",
        "m004_profiles_table",
        "m005_correction_authors",
        "m006_users",
        "m007_resolution_scores",
        "m008_quote_attribution_spans",
        "m009_statements",
        "m010_absorbed_profiles",
    ]
    db.close()
    again = store.open_db(path)
    assert again.execute("SELECT COUNT(*) FROM _migrations").fetchone()[0] == 10


def test_read_only_store_reads_but_never_writes(tmp_path, db):
    store.save_extraction(db, cruz())
    reader = store.open_db(tmp_path / "directory.db", read_only=True)
    assert store.count_profiles(reader) == 1
    with pytest.raises(StoreError):
        store.save_extraction(reader, smith_farmer())
    with pytest.raises(StoreError, match="no database here yet"):
        store.open_db(tmp_path / "missing.db", read_only=True)


def test_save_returns_stable_id_from_content_hash(db):
    extraction = cruz()
    result = store.save_extraction(db, extraction)
    assert result == store.SaveResult("45334e921ff5", None, [1], "new")
    assert extraction.article.content_hash.startswith(result.article_id)
    article = store.get_article(db, result.article_id)
    assert article["text"] == extraction.article.text
    assert article["extractor_version"] == VERSION


def test_resaving_identical_text_changes_nothing(db):
    store.save_extraction(db, cruz())
    before = store.get_profile(db, "larry-sabato")
    assert store.save_extraction(db, cruz()) == store.SaveResult(
        "45334e921ff5", None, [], "unchanged"
    )
    assert store.get_profile(db, "larry-sabato") == before


def test_is_article_stored_needs_same_text_version_and_source(db):
    extraction = cruz()
    article = extraction.article
    assert not store.is_article_stored(db, article, VERSION)
    store.save_extraction(db, extraction)
    assert store.is_article_stored(db, article, VERSION)
    assert not store.is_article_stored(db, article, VERSION + ".next")
    elsewhere = Article(text=article.text, title=article.title, source="elsewhere/copy.txt")
    assert not store.is_article_stored(db, elsewhere, VERSION)


def test_identical_text_from_another_source_is_stored_once(db):
    store.save_extraction(db, cruz())
    original = cruz()
    spaced = Article(
        text=original.article.text.replace(" ", "  ").replace("\n", "\n\n"),
        title=original.article.title,
        source="elsewhere/copy.txt",
    )
    result = store.save_extraction(db, Extraction(spaced, original.people, VERSION))
    assert result == store.SaveResult("45334e921ff5", "45334e921ff5", [], "duplicate")
    assert store.stats(db)["articles"] == 1
    assert store.get_profile(db, "larry-sabato")["quote_count"] == 2
    listed = store.list_duplicate_articles(db)
    assert [(d["id"], d["kind"], len(d["sources"])) for d in listed] == [
        ("45334e921ff5", "identical", 2)
    ]


def test_near_duplicate_is_stored_but_not_counted(db):
    store.save_extraction(db, cruz())
    art = read_article("sabato-cruz-update.txt")
    copy = Extraction(art, [person("Larry Sabato", kind="expert", quotes=[quote(art, "He could")])])
    result = store.save_extraction(db, copy)
    assert result.status == "duplicate"
    assert result.duplicate_of == "45334e921ff5"
    assert result.person_ids == []
    assert store.get_profile(db, "larry-sabato")["quote_count"] == 2
    assert store.get_article(db, result.article_id)["duplicate_of"] == "45334e921ff5"
    assert store.get_article(db, "45334e921ff5")["duplicates"] == [result.article_id]
    stats = store.stats(db)
    assert (stats["articles"], stats["duplicates"], stats["quotes"]) == (1, 1, 2)
    [listed] = store.list_duplicate_articles(db)
    assert (listed["id"], listed["kind"]) == (result.article_id, "near")
    assert listed["similarity"] >= dedup.NEAR_DUPLICATE_JACCARD


def test_same_headline_but_different_text_is_not_a_duplicate(db):
    store.save_extraction(db, cruz())
    art = Article(text="Cruz faces a hard road in swing states\nAn entirely different story.")
    assert store.save_extraction(db, Extraction(art, [])).status == "new"


def test_one_profile_per_person_across_articles(db):
    assert store.save_extraction(db, cruz()).person_ids == [1]
    assert store.save_extraction(db, clinton()).person_ids == [1, 2]
    assert store.list_profiles(db) == [
        {
            "id": 1,
            "slug": "larry-sabato",
            "name": "Larry Sabato",
            "kind": "expert",
            "title": "director",
            "affiliation": "University of Virginia's Center for Politics",
            "quote_count": 4,
            "article_count": 2,
            "first_quoted": "2015-11-20",
            "last_quoted": "2016-08-10",
        },
        {
            "id": 2,
            "slug": "richard-sabato",
            "name": "Richard Sabato",
            "kind": "other",
            "title": "president",
            "affiliation": "building trades council",
            "quote_count": 1,
            "article_count": 1,
            "first_quoted": "2016-08-10",
            "last_quoted": "2016-08-10",
        },
    ]
    record = store.get_profile(db, "larry-sabato")
    assert [key for key in record if key.startswith("_")] == []
    assert record["aliases"] == ["Sabato", "Prof Sabato"]
    assert record["articles"] == [CRUZ, CLINTON]
    assert [(q["text"], q["cue"], q["article"]["id"]) for q in record["quotes"]] == [
        ("Ted Cruz lacks support from his colleagues in Congress", "said", CRUZ["id"]),
        ("He could win solidly conservative states", "said", CRUZ["id"]),
        ("She will win if the president is still popular in November", "said", CLINTON["id"]),
        ("Something has to be big", "added", CLINTON["id"]),
    ]
    first = record["quotes"][0]
    assert cruz().article.text[first["start"] : first["end"]] == first["text"]
    assert record["outlets"] == ["Example Times", "Example Post"]


def test_same_full_name_without_shared_evidence_stays_apart_and_is_flagged(db):
    store.save_extraction(db, smith_economist())
    store.save_extraction(db, smith_farmer())
    economist, farmer = store.get_profile(db, "john-smith"), store.get_profile(db, "john-smith-2")
    assert (economist["title"], farmer["title"]) == ("chief economist", "farmer")
    [pair] = store.list_possible_duplicates(db)
    assert (pair["a"]["slug"], pair["b"]["slug"]) == ("john-smith", "john-smith-2")
    assert (pair["score"], pair["quotes"]) == (0.45, 2)
    assert pair["for"] == ["same name", "same kind: expert"]
    assert pair["against"] == ["roles in different walks of life (academia, finance / trades)"]


def test_kind_is_expert_when_a_third_of_the_articles_say_so(db):
    store.save_extraction(db, cruz())
    later = clinton()
    later.people[0].kind = "official"
    store.save_extraction(db, later)
    assert store.get_profile(db, "larry-sabato")["kind"] == "expert"  # one of two
    for n, name in enumerate(("smith-economist.txt", "smith-farmer.txt")):
        art = read_article(name)
        text = art.text.splitlines()[1]
        quoted = text[text.index('"') + 1 : text.index(",")]
        store.save_extraction(
            db,
            Extraction(
                art,
                [
                    person(
                        "Larry Sabato",
                        kind="official",
                        title="director",
                        positions=[Position(organization="Center for Politics")],
                        quotes=[quote(art, quoted)],
                    )
                ],
            ),
        )
        assert store.get_profile(db, "larry-sabato")["article_count"] == 3 + n
    assert store.get_profile(db, "larry-sabato")["kind"] == "official"  # one of four


def test_undated_articles_keep_null_dates_and_bare_name_joins_the_only_profile(db):
    page = person(
        "David Page",
        kind="expert",
        title="economist",
        positions=[Position(organization="Investec")],
    )
    first = read_article("undated-page.txt")
    page.quotes = [quote(first, "Investors were braced for this outcome")]
    store.save_extraction(db, Extraction(first, [page]))
    second = read_article("undated-page-2.txt")
    bare = person(
        "David Page", kind="expert", quotes=[quote(second, "The pound has room to fall further")]
    )
    store.save_extraction(db, Extraction(second, [bare]))
    record = store.get_profile(db, "david-page")
    assert (record["article_count"], record["first_quoted"], record["last_quoted"]) == (
        2,
        None,
        None,
    )
    assert record["positions"][0]["first_seen"] is None
    assert store.list_possible_duplicates(db) == []


def test_ids_and_slugs_stay_put_when_articles_arrive_and_are_re_extracted(db):
    store.save_extraction(db, clinton())
    store.save_extraction(db, cruz())
    store.save_extraction(db, smith_economist())
    ids = {s["slug"]: s["id"] for s in store.list_profiles(db)}
    assert ids == {"larry-sabato": 1, "richard-sabato": 2, "john-smith": 3}
    changed = clinton(version="test-2")
    changed.people.reverse()
    changed.people[0].name = "Richard J. Sabato"
    result = store.save_extraction(db, changed)
    assert (result.status, result.person_ids) == ("updated", [1, 2])
    assert {s["slug"]: s["id"] for s in store.list_profiles(db)} == ids
    assert store.get_article(db, result.article_id)["extractor_version"] == "test-2"


def test_re_extraction_that_drops_a_person_removes_their_quotes(db):
    store.save_extraction(db, cruz())
    store.save_extraction(db, clinton())
    fewer = clinton(version="test-2")
    fewer.people = fewer.people[:1]
    assert store.save_extraction(db, fewer).person_ids == [1, 2]
    with pytest.raises(NotFound):
        store.get_profile(db, "richard-sabato")
    assert store.count_profiles(db) == 1


def test_replace_re_saves_a_changed_extraction_of_the_same_version(db):
    store.save_extraction(db, cruz())
    same_version = cruz()
    same_version.people[0].quotes.pop()
    assert store.save_extraction(db, same_version).status == "unchanged"
    assert store.save_extraction(db, same_version, replace=True).status == "updated"
    assert store.get_profile(db, "larry-sabato")["quote_count"] == 1


def test_provenance_and_conflicting_facts_are_kept(db):
    store.save_extraction(db, cruz())
    later = clinton()
    later.people[0].title = "professor of politics"
    store.save_extraction(db, later)
    record = store.get_profile(db, "larry-sabato")
    assert record["title"] == "professor of politics"
    assert [(t["title"], t["first_seen"], t["last_seen"]) for t in record["titles"]] == [
        ("director", "2015-11-20", "2015-11-20"),
        ("professor of politics", "2016-08-10", "2016-08-10"),
    ]
    assert record["affiliation"] == "University of Virginia's Center for Politics"
    first = record["positions"][0]
    assert (first["organization"], first["articles"], first["confirmed"]) == (
        "Center for Politics",
        [CRUZ],
        False,
    )
    assert first["evidence"] == [
        {"sentence": "said Larry Sabato, director", "start": 95, "end": 122, "article": CRUZ}
    ]
    assert record["organizations"] == [
        "Center for Politics",
        "University of Virginia",
        "University of Virginia's Center for Politics",
    ]


def test_a_failed_save_leaves_nothing_behind(db, monkeypatch):
    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(writing, "_insert_appearance", broken)
    with pytest.raises(StoreError):
        store.save_extraction(db, cruz())
    assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM profiles").fetchone()[0] == 0


def test_empty_article_is_refused(db):
    with pytest.raises(InputError):
        store.save_extraction(db, Extraction(Article(text="  \n")))


def test_records_are_read_in_a_fixed_number_of_queries(db):
    for extraction in (cruz(), clinton(), smith_economist(), smith_farmer()):
        store.save_extraction(db, extraction)
    queries = []
    db._tracer = lambda sql, params: queries.append(sql)
    one = list(store.iter_profile_records(db, ids=[1]))
    used_for_one = len(queries)
    queries.clear()
    every = list(store.iter_profile_records(db))
    assert [r["slug"] for r in one] == ["larry-sabato"]
    assert [r["slug"] for r in every] == [
        "larry-sabato",
        "richard-sabato",
        "john-smith",
        "john-smith-2",
    ]
    assert len(queries) == used_for_one + 1  # plus the query listing the ids
    assert store.list_profile_versions(db) == {r["id"]: r["version"] for r in every}


def test_lists_orders_and_lookups(db):
    for extraction in (cruz(), clinton(), smith_economist()):
        store.save_extraction(db, extraction)
    assert [s["slug"] for s in store.list_profiles(db, kind="expert", order="quotes")] == [
        "larry-sabato",
        "john-smith",
    ]
    assert [s["slug"] for s in store.list_profiles(db, order="recent")][0] == "larry-sabato"
    assert [s["slug"] for s in store.list_profiles(db, limit=1, offset=1)] == ["larry-sabato"]
    assert store.count_profiles(db, kind="expert") == 2
    assert [s["slug"] for s in store.list_profile_summaries(db, [3, 1, 99])] == [
        "john-smith",
        "larry-sabato",
    ]
    assert store.stats(db)["experts"] == 2
    assert store.list_organizations(db, limit=2) == [
        {"slug": "barclays", "name": "Barclays", "expert_count": 1},
        {"slug": "center-for-politics", "name": "Center for Politics", "expert_count": 1},
    ]
    org = store.get_organization(db, "university-of-virginia")
    assert [e["slug"] for e in org["experts"]] == ["larry-sabato"]
    assert [a["id"] for a in store.list_articles(db)][:2] == [CLINTON["id"], CRUZ["id"]]
    with pytest.raises(InputError):
        store.list_profiles(db, order="shoe size")


@pytest.mark.parametrize("slug", ["nobody", "", "larry-sabato-2"])
def test_unknown_slugs_are_not_found(db, slug):
    store.save_extraction(db, cruz())
    with pytest.raises(NotFound):
        store.get_profile(db, slug)


@pytest.mark.parametrize("article_id", ["nope", "", "45334e921ff"])
def test_unknown_articles_and_organizations_are_not_found(db, article_id):
    store.save_extraction(db, cruz())
    with pytest.raises(NotFound):
        store.get_article(db, article_id)
    with pytest.raises(NotFound):
        store.get_organization(db, "nowhere")


def test_article_lists_its_people_with_quotes(db):
    store.save_extraction(db, clinton())
    article = store.get_article(db, CLINTON["id"])
    assert [
        (p["slug"], p["kind"], [q["text"] for q in p["quotes"]]) for p in article["people"]
    ] == [
        (
            "larry-sabato",
            "expert",
            [
                "She will win if the president is still popular in November",
                "Something has to be big",
            ],
        ),
        ("richard-sabato", "other", ["march behind"]),
    ]


def budget(name: str) -> Extraction:
    """One of the budget fixtures, quoting Jane Doe of the IFS."""
    art = read_article(name)
    doe = person(
        "Jane Doe",
        kind="expert",
        title="economist",
        positions=[Position(organization="Institute for Fiscal Studies")],
        quotes=[quote(art, "The public finances are in a stronger position")],
    )
    return Extraction(art, [doe], VERSION)


@pytest.mark.parametrize(
    ("copy", "low", "high"),
    [("budget-retitled.txt", 0.8, 1.0), ("budget-revised.txt", 0.5, 0.8)],
)
def test_near_duplicates_under_another_headline_or_revised_are_not_counted(db, copy, low, high):
    original = store.save_extraction(db, budget("budget.txt"))
    result = store.save_extraction(db, budget(copy))
    assert (result.status, result.duplicate_of) == ("duplicate", original.article_id)
    similarity = store.get_article(db, result.article_id)["similarity"]
    assert low <= similarity < high
    assert store.get_profile(db, "jane-doe")["quote_count"] == 1


def test_sketch_migration_backfills_stored_articles(tmp_path):
    path = tmp_path / "directory.db"
    db = store.open_db(path)
    store.save_extraction(db, budget("budget.txt"))
    db.execute("DROP TABLE article_sketches")
    db.execute("DELETE FROM _migrations WHERE name = 'm003_article_sketches'")
    db.close()
    db = store.open_db(path)
    assert db.execute("SELECT COUNT(*) FROM article_sketches").fetchone()[0] == dedup.SKETCH_SIZE
    assert store.save_extraction(db, budget("budget-retitled.txt")).status == "duplicate"


def test_a_store_from_before_the_profiles_table_opens_with_every_profile(tmp_path):
    path = tmp_path / "directory.db"
    db = store.open_db(path)
    saved = store.save_extraction(db, cruz())
    before = store.get_profile(db, "larry-sabato")
    # The store as the previous version left it: the profiles in a table named people.
    db.execute("ALTER TABLE profiles RENAME TO people")
    db.execute("DELETE FROM _migrations WHERE name = 'm004_profiles_table'")
    db.close()
    with pytest.raises(StoreError, match="needs migrating"):
        store.open_db(path, read_only=True)
    db = store.open_db(path)
    assert "people" not in db.table_names() and "profiles" in db.table_names()
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert store.get_profile(db, "larry-sabato") == before
    assert store.save_extraction(db, cruz()).status == "unchanged"
    assert saved.person_ids


def single(name: str, who, org: str, said: str, **fields) -> Extraction:
    """A fixture article quoting one person of `org`."""
    art = read_article(name)
    one = who if not isinstance(who, str) else person(who)
    one.kind = "expert"
    one.positions = [Position(organization=org)]
    one.quotes = [quote(art, said)]
    for key, value in fields.items():
        setattr(one, key, value)
    return Extraction(art, [one], VERSION)


def test_diacritics_honorifics_and_family_name_first_join_across_articles(db):
    store.save_extraction(db, cruz())
    store.save_extraction(
        db, single("gurria-oecd.txt", "José Ángel Gurría", "OECD", "Growth will be slower")
    )
    store.save_extraction(
        db,
        single(
            "gurria-trade.txt",
            "Jose Angel Gurria",
            "Organisation for Economic Co-operation and Development",
            "must not fail",
            positions=[
                Position(
                    organization="Organisation for Economic Co-operation and Development",
                    acronym="OECD",
                )
            ],
        ),
    )
    prof = Person(name="Prof Sabato", honorific="Prof", family_name="Sabato")
    store.save_extraction(
        db, single("sabato-prof.txt", prof, "University of Virginia", "Turnout will decide it")
    )
    ren = Person(name="Ren Xiao", given_name="Xiao", family_name="Ren")
    store.save_extraction(
        db, single("ren-xiao.txt", ren, "Fudan University", "The order of the calls matters")
    )
    swapped = Person(name="Xiao Ren", given_name="Xiao", family_name="Ren")
    store.save_extraction(
        db, single("ren-xiao-swapped.txt", swapped, "Fudan University", "China is a pivotal")
    )
    counts = {s["slug"]: s["article_count"] for s in store.list_profiles(db)}
    assert counts == {"jose-angel-gurria": 2, "larry-sabato": 2, "ren-xiao": 2}
    larry = store.get_profile(db, "larry-sabato")
    assert (larry["name"], larry["aliases"]) == ("Larry Sabato", ["Prof Sabato", "Sabato"])


def test_article_leads_are_the_first_two_sentences(db):
    from directory.store.reading import LEAD_CHARS, _lead

    result = store.save_extraction(db, sabato_cruz())
    article_id = result.article_id
    leads = store.article_leads(db, [article_id, "no-such-article"])
    assert list(leads) == [article_id]
    text = store.get_article(db, article_id)["text"]
    assert " ".join(text.split()).startswith(leads[article_id])
    assert _lead('It rained. "Floods," he said. More.') == 'It rained. "Floods," he said.'
    assert _lead("x" * 1000) == "x" * LEAD_CHARS
    assert _lead("A first sentence. " + "y" * 900) == "A first sentence."


def test_every_fact_list_has_a_merge_rule():
    from directory.models import FACT_FIELDS, Person
    from directory.store.records import FACT_RULES

    assert set(FACT_RULES) == set(FACT_FIELDS)
    assert set(FACT_FIELDS) <= set(Person.__dataclass_fields__)
