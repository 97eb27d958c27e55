"""Editors' corrections: merge, split, set-kind, hide, confirm; all survive a reprocess."""

from __future__ import annotations

import json

import pytest
from storekit import sabato_clinton, sabato_cruz, smith_economist, smith_farmer

from directory import store
from directory.errors import InputError, NotFound
from directory.models import Extraction
from directory.store import corrections

CLINTON_ID = "e8193a2dd170"
CRUZ_ID = "45334e921ff5"


@pytest.fixture
def db(tmp_path):
    database = store.open_db(tmp_path / "directory.db")
    for extraction in (
        sabato_cruz(published="2015-11-20"),
        sabato_clinton(published="2016-08-10"),
        smith_economist(),
        smith_farmer(),
    ):
        store.save_extraction(database, extraction)
    yield database
    database.close()


def slugs(db) -> list[str]:
    return [s["slug"] for s in store.list_profiles(db)]


def test_merge_folds_one_profile_into_another_and_the_old_slug_still_resolves(db):
    result = corrections.merge_profiles(db, "john-smith", "john-smith-2")
    assert (result.touched, result.removed) == ([3], [4])
    record = store.get_profile(db, "john-smith-2")
    assert (record["slug"], record["article_count"], record["quote_count"]) == ("john-smith", 2, 2)
    assert record["merged_from"] == ["john-smith-2"]
    assert [(c["action"], c["person"], c["other"]) for c in record["corrections"]] == [
        ("merge", "john-smith", "john-smith-2")
    ]
    assert "john-smith-2" not in slugs(db)
    assert store.list_possible_duplicates(db) == []
    assert [r["id"] for r in store.iter_profile_records(db, ids=[3, 4])] == [3]


@pytest.mark.parametrize(
    ("keep", "other", "error"),
    [("john-smith", "john-smith", InputError), ("john-smith", "nobody", NotFound)],
)
def test_merge_refuses_bad_pairs(db, keep, other, error):
    with pytest.raises(error):
        corrections.merge_profiles(db, keep, other)


def test_split_moves_one_article_to_a_new_profile(db):
    result = corrections.split_profile(db, "larry-sabato", CLINTON_ID)
    assert result.touched == [1, 5]
    kept, split = store.get_profile(db, "larry-sabato"), store.get_profile(db, "larry-sabato-2")
    assert [a["id"] for a in kept["articles"]] == [CRUZ_ID]
    assert [a["id"] for a in split["articles"]] == [CLINTON_ID]
    assert split["corrections"][0]["action"] == "split"
    [pair] = store.list_possible_duplicates(db)  # the split pair is not offered again
    assert [pair["a"], pair["b"]] == store.list_profile_summaries(db, [3, 4])


def test_split_refuses_an_article_the_profile_is_not_in_or_its_only_one(db):
    with pytest.raises(NotFound):
        corrections.split_profile(db, "larry-sabato", "nope")
    with pytest.raises(InputError):
        corrections.split_profile(db, "richard-sabato", CLINTON_ID)


def test_set_kind_overrides_the_extracted_kind(db):
    corrections.set_kind(db, "richard-sabato", "expert")
    record = store.get_profile(db, "richard-sabato")
    assert (record["kind"], record["kinds"], record["confirmed"]) == (
        "expert",
        {"other": 1},
        ["kind"],
    )
    assert store.count_profiles(db, kind="expert") == 4
    with pytest.raises(InputError):
        corrections.set_kind(db, "richard-sabato", "wizard")


def test_hide_removes_a_profile_everywhere_until_shown_again(db):
    assert corrections.hide_profile(db, "john-smith-2").removed == [4]
    with pytest.raises(NotFound):
        store.get_profile(db, "john-smith-2")
    assert store.get_profile(db, "john-smith-2", include_hidden=True)["hidden"] is True
    assert "john-smith-2" not in slugs(db)
    assert 4 not in [r["id"] for r in store.iter_profile_records(db)]
    assert store.get_article(db, "af659ab0f7d0")["people"][0]["slug"] is None
    corrections.hide_profile(db, "john-smith-2", hidden=False)
    assert store.get_profile(db, "john-smith-2")["hidden"] is False


def test_confirm_marks_and_pins_facts(db):
    corrections.confirm_field(db, "larry-sabato", "title")
    corrections.confirm_field(db, "larry-sabato", "positions", "Center for Politics")
    corrections.confirm_field(db, "john-smith", "affiliation", "Barclays Capital")
    larry = store.get_profile(db, "larry-sabato")
    assert larry["confirmed"] == ["title"]
    assert [(t["title"], t["confirmed"]) for t in larry["titles"]] == [("director", True)]
    assert [(p["organization"], p["confirmed"]) for p in larry["positions"]] == [
        ("Center for Politics", True),
        ("University of Virginia's Center for Politics", False),
    ]
    assert store.get_profile(db, "john-smith")["affiliation"] == "Barclays Capital"


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("shoe_size", None, InputError),
        ("positions", None, InputError),
        ("positions", "Hogwarts", NotFound),
        ("kind", "wizard", InputError),
    ],
)
def test_confirm_refuses_unknown_fields_and_items(db, field, value, error):
    with pytest.raises(error):
        corrections.confirm_field(db, "larry-sabato", field, value)


def re_extract(articles):
    """A changed extractor: same people, version 2, one quote fewer for Richard Sabato."""
    by_title = {
        e.article.title: e
        for e in (
            sabato_cruz("test-2", published="2015-11-20"),
            sabato_clinton("test-2", published="2016-08-10"),
            smith_economist("test-2"),
            smith_farmer("test-2"),
        )
    }
    for article in articles:
        extraction = by_title[article.title]
        for person in extraction.people:
            if person.name == "Richard Sabato":
                person.quotes = []
        yield Extraction(article, extraction.people, "test-2")


def test_corrections_survive_a_reprocess(db):
    corrections.merge_profiles(db, "john-smith", "john-smith-2")
    corrections.split_profile(db, "larry-sabato", CLINTON_ID)
    corrections.set_kind(db, "richard-sabato", "spokesperson")
    corrections.hide_profile(db, "richard-sabato")
    corrections.confirm_field(db, "larry-sabato", "title", "professor")
    before = {r["id"]: r for r in store.iter_profile_records(db, include_hidden=True)}

    result = store.reprocess(db, re_extract, "test-2")

    assert (result.seen, result.updated, result.unchanged) == (4, 4, 0)
    after = {r["id"]: r for r in store.iter_profile_records(db, include_hidden=True)}
    assert {i: r["slug"] for i, r in after.items()} == {i: r["slug"] for i, r in before.items()}
    assert store.get_profile(db, "john-smith-2")["slug"] == "john-smith"
    assert store.get_profile(db, "john-smith")["article_count"] == 2
    assert [a["id"] for a in store.get_profile(db, "larry-sabato")["articles"]] == [CRUZ_ID]
    assert [a["id"] for a in store.get_profile(db, "larry-sabato-2")["articles"]] == [CLINTON_ID]
    assert store.get_profile(db, "larry-sabato")["title"] == "professor"
    richard = store.get_profile(db, "richard-sabato", include_hidden=True)
    assert (richard["kind"], richard["hidden"], richard["quote_count"]) == ("spokesperson", True, 0)
    assert store.reprocess(db, re_extract, "test-2").seen == 0


def test_a_new_article_after_a_merge_joins_the_survivor(db):
    corrections.merge_profiles(db, "john-smith", "john-smith-2")
    again = smith_economist()
    again.article.title = "Rates on hold"  # another story, not a near-duplicate
    again.article.text += "The bank meets again in March."
    assert store.save_extraction(db, again).person_ids == [3]
    assert store.get_profile(db, "john-smith")["article_count"] == 3


@pytest.fixture
def data_dir(tmp_path, db):
    """A data folder whose store holds the four fixture articles (no index yet)."""
    db.close()
    return tmp_path


def run(data_dir, *args):
    from click.testing import CliRunner

    from directory.cli import cli

    return CliRunner().invoke(cli, ["--data", str(data_dir), *args])


def test_cli_corrections_print_one_line_and_follow_in_the_index(data_dir):
    from directory import search

    merged = run(data_dir, "merge", "john-smith", "john-smith-2")
    assert (merged.exit_code, merged.output) == (0, "Merged john-smith-2 into john-smith.\n")
    hits = search.search_profiles(data_dir / "index", "Smith").hits
    assert [h.slug for h in hits] == ["john-smith"]
    assert run(data_dir, "split", "larry-sabato", "--article", CLINTON_ID).output == (
        f"Split article {CLINTON_ID} of larry-sabato into larry-sabato-2.\n"
    )
    assert run(data_dir, "set-kind", "richard-sabato", "expert").exit_code == 0
    assert run(data_dir, "confirm", "larry-sabato", "title").output == (
        "Confirmed the title of larry-sabato: 'director'.\n"
    )
    assert run(data_dir, "hide", "richard-sabato").output == "Hid richard-sabato.\n"
    db = store.open_db(data_dir / "directory.db", read_only=True)
    assert [s["slug"] for s in store.list_profiles(db)] == [
        "john-smith",
        "larry-sabato",
        "larry-sabato-2",
    ]


@pytest.mark.parametrize(
    "args",
    [
        ("merge", "john-smith", "nobody"),
        ("split", "larry-sabato", "--article", "nope"),
        ("confirm", "larry-sabato", "shoe_size"),
        ("hide", "nobody"),
    ],
)
def test_cli_corrections_report_bad_input_without_a_traceback(data_dir, args):
    result = run(data_dir, *args)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")


def test_cli_duplicates_lists_profiles_that_may_be_one_person(data_dir):
    result = run(data_dir, "duplicates")
    assert result.exit_code == 0
    assert result.output.splitlines()[:4] == [
        "Possibly one person (0.45, 2 quotes): john-smith John Smith [expert] chief economist,"
        " Barclays (1 art.)  |  john-smith-2 John Smith [expert] farmer (1 art.)",
        "  + same name",
        "  + same kind: expert",
        "  - roles in different walks of life (academia, finance / trades)",
    ]
    assert result.output.splitlines()[-1] == (
        "1 pair(s) of profiles that may be one person, 0 duplicate article(s)."
    )
    listed = json.loads(run(data_dir, "duplicates", "--json").output)["people"]
    assert [(p["a"]["slug"], p["b"]["slug"], p["score"]) for p in listed] == [
        ("john-smith", "john-smith-2", 0.45)
    ]
    assert set(listed[0]) == {"a", "b", "score", "for", "against", "quotes"}


def test_pairs_an_editor_kept_apart_are_not_offered_and_never_joined(db):
    store.add_correction(db, store.Action.KEEP_APART, 3, other_id=4)
    assert store.list_possible_duplicates(db) == []
    result = store.reprocess(db, re_extract, "test-2")
    assert result.updated == 4
    assert [s["slug"] for s in store.list_profiles(db) if s["name"] == "John Smith"] == [
        "john-smith",
        "john-smith-2",
    ]
    assert store.list_possible_duplicates(db) == []


def test_a_reprocess_that_makes_a_kept_apart_pair_look_alike_never_joins_it(db):
    """Kept apart (and split) stay so even when a new extractor gives both the same evidence."""
    corrections.keep_apart(db, "john-smith", "john-smith-2")
    corrections.split_profile(db, "larry-sabato", CLINTON_ID)

    def alike(articles):
        for extraction in re_extract(articles):
            if extraction.article.title == smith_farmer().article.title:
                extraction.people = smith_economist("test-2").people
            yield extraction

    store.reprocess(db, alike, "test-2")
    economist, farmer = (store.get_profile(db, s) for s in ("john-smith", "john-smith-2"))
    assert (economist["article_count"], farmer["article_count"]) == (1, 1)
    assert farmer["title"] == "chief economist"  # the evidence now says one person
    assert [a["id"] for a in store.get_profile(db, "larry-sabato-2")["articles"]] == [CLINTON_ID]
    offered = {
        frozenset((p["a"]["slug"], p["b"]["slug"])) for p in store.list_possible_duplicates(db)
    }
    assert frozenset(("john-smith", "john-smith-2")) not in offered
    assert frozenset(("larry-sabato", "larry-sabato-2")) not in offered


def test_each_correction_records_who_and_when(db):
    corrections.set_kind(db, "richard-sabato", "expert")
    corrections.confirm_field(db, "richard-sabato", "title", by="alice")
    [cli, web] = store.get_profile(db, "richard-sabato")["corrections"]
    assert (cli["by"], web["by"]) == ("cli", "alice")
    assert cli["at"] == cli["created_at"] and web["at"].endswith("+00:00")


def test_keep_apart_takes_a_pair_off_the_duplicates_and_both_records_show_it(db):
    result = corrections.keep_apart(db, "john-smith", "john-smith-2", by="alice")
    assert (result.message, result.touched) == ("Kept john-smith and john-smith-2 apart", [3, 4])
    assert store.list_possible_duplicates(db) == []
    for slug in ("john-smith", "john-smith-2"):
        [c] = store.get_profile(db, slug)["corrections"]
        assert (c["action"], c["person"], c["other"], c["value"], c["by"]) == (
            "keep-apart",
            "john-smith",
            "john-smith-2",
            "keep-apart",
            "alice",
        )
    with pytest.raises(InputError):
        corrections.keep_apart(db, "john-smith", "john-smith")
    with pytest.raises(NotFound):
        corrections.keep_apart(db, "john-smith", "nobody")


def test_confirming_the_quotes_of_an_article(db):
    corrections.confirm_field(db, "larry-sabato", "quotes", CLINTON_ID)
    quotes = store.get_profile(db, "larry-sabato")["quotes"]
    assert {(q["article"]["id"], q["confirmed"]) for q in quotes} == {
        (CRUZ_ID, False),
        (CLINTON_ID, True),
    }
    with pytest.raises(NotFound):
        corrections.confirm_field(db, "richard-sabato", "quotes", CRUZ_ID)
    with pytest.raises(NotFound):
        corrections.confirm_field(db, "larry-sabato", "quotes", None)


def test_cli_keep_apart(data_dir):
    result = run(data_dir, "keep-apart", "john-smith", "john-smith-2")
    assert (result.exit_code, result.output) == (0, "Kept john-smith and john-smith-2 apart.\n")
    assert run(data_dir, "duplicates").output.splitlines()[-1] == (
        "0 pair(s) of profiles that may be one person, 0 duplicate article(s)."
    )


def test_the_survivor_of_a_merge_keeps_its_own_name(db):
    """Merging a better-attested other person in must not rename the survivor."""
    corrections.merge_profiles(db, "john-smith", "larry-sabato")
    record = store.get_profile(db, "john-smith")
    assert (record["name"], record["family_name"]) == ("John Smith", "Smith")
    assert record["article_count"] == 3
    assert "Larry Sabato" in record["aliases"]
    assert store.get_profile(db, "larry-sabato")["slug"] == "john-smith"
    # A profile made by a split has no appearance of its own and is named from what it holds.
    result = corrections.split_profile(db, "john-smith", CRUZ_ID)
    new = store.get_profile_by_id(db, result.touched[1])
    assert new["name"] == "Larry Sabato"
