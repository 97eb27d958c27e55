"""Search facade: ranking, fuzzy names, facets, sorts, highlighting, safety and index upkeep."""

from __future__ import annotations

import multiprocessing
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory import search
from directory.errors import QueryError, StoreError
from directory.search import storage
from directory.search.schema import PASSAGE_SEPARATOR, build_schema


def record(
    id,
    name,
    *,
    kind="expert",
    title=None,
    orgs=(),
    quotes=(),
    research=(),
    outlets=("Daily Example",),
    last_quoted="2016-03-01",
    countries=(),
    aliases=(),
):
    """An expert record in the store's shape (docs/architecture.md), with only what we need."""
    return {
        "id": id,
        "slug": name.lower().replace(" ", "-"),
        "name": name,
        "aliases": list(aliases),
        "kind": kind,
        "title": title,
        "affiliation": orgs[0] if orgs else None,
        "positions": [{"organization": o, "kind": "current", "evidence": []} for o in orgs],
        "publications": [],
        "research_areas": [{"topic": r, "evidence": []} for r in research],
        "editorial_roles": [],
        "quotes": [{"text": q, "kind": "direct"} for q in quotes],
        "articles": [],
        "organizations": list(orgs),
        "places": [],
        "countries": list(countries),
        "outlets": list(outlets),
        "quote_count": len(quotes),
        "last_quoted": last_quoted,
        "version": f"{id}-1",
        "hidden": False,
    }


RECORDS = [
    record(
        1,
        "Ren Xiao",
        title="professor of international politics",
        orgs=["Institute of International Studies", "Fudan University"],
        countries=["China"],
        research=["Northeast Asian security", "Chinese foreign policy"],
        quotes=["China is a pivotal major power in the region"],
        last_quoted="2025-02-03",
        outlets=["Example Post"],
    ),
    record(
        2,
        "Jakob Nielsen",
        title="usability consultant",
        orgs=["Nielsen Norman Group"],
        research=["web usability"],
        countries=["US"],
        quotes=[
            "Web design has improved a lot in ten years",
            "Users still hate pop-ups",
            "Guidelines age slowly",
        ],
        last_quoted="2005-01-10",
    ),
    record(
        3,
        "Peter Nielson",
        kind="official",
        title="party spokesman",
        quotes=["We will win the seat"],
        last_quoted="2005-04-01",
    ),
    record(
        4,
        "Leslie Nielsen",
        kind="other",
        title="actor",
        quotes=["Surely you jest"],
        last_quoted="2004-11-02",
    ),
    record(
        5,
        "Hans Müller",
        title="economist",
        orgs=["Bundesbank"],
        countries=["Germany"],
        quotes=[
            "Inflation will fall <script>alert(1)</script> next year & then rise",
            "Interest rates stay low",
        ],
        last_quoted="2016-05-01",
        research=["monetary policy"],
    ),
    record(
        6,
        "Amy Shepherdson",
        title="historian",
        orgs=["Yale University"],
        countries=["US"],
        quotes=["The archive tells a different story about Jakob Nielsen"],
        last_quoted="2015-12-12",
    ),
    record(
        7,
        "Carla Okafor",
        title="economist",
        orgs=["Bank of Example"],
        countries=["UK"],
        research=["monetary policy", "inflation"],
        quotes=["Inflation expectations are anchored", "Rates will rise", "Wages lag"],
        last_quoted="2016-06-01",
    ),
    record(
        8,
        "Stephen Vladeck",
        title="law professor",
        orgs=["University of Texas School of Law"],
        quotes=["The court will not take the case"],
        last_quoted="2016-02-02",
    ),
    record(
        9,
        "Nancy Molitor",
        title="psychologist",
        orgs=["Northwestern University"],
        quotes=["Peer influence shapes teenagers"],
        last_quoted="2016-01-01",
    ),
    record(
        10,
        "Myra Gutin",
        title="historian",
        orgs=["Rider University"],
        quotes=["Reagan changed the role of first lady"],
        last_quoted="2016-03-07",
    ),
    record(
        11,
        "Laura Hale",
        title="professor of constitutional law",
        orgs=["Law School of Example"],
        quotes=["Law professors disagree on the case"],
        last_quoted="2016-02-03",
    ),
]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "index"
    assert search.rebuild_index(path, RECORDS) == len(RECORDS)
    return path


def names(results):
    return [hit.name for hit in results.hits]


# --- ranking and names -----------------------------------------------------------------------


def test_a_name_match_beats_a_passing_mention_in_a_quote(index_dir):
    results = search.search_profiles(index_dir, "Jakob Nielsen")
    assert names(results)[:2] == ["Jakob Nielsen", "Amy Shepherdson"]


def test_an_affiliation_beats_a_topic_word(index_dir):
    assert names(search.search_profiles(index_dir, "Fudan University"))[0] == "Ren Xiao"


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Jacob Nielson web design", "Jakob Nielsen"),  # two misspellings, traps in other kinds
        ("Shepherdsen", "Amy Shepherdson"),  # edit distance
        ("Muller", "Hans Müller"),  # accent folding
        ("Xiao Ren", "Ren Xiao"),  # family name first
        ("Shepherd", "Amy Shepherdson"),  # a partial name
        ("Okafr", "Carla Okafor"),  # a dropped letter
    ],
)
def test_name_variants_find_the_person(index_dir, query, expected):
    assert names(search.search_profiles(index_dir, query))[0] == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Steve Vladek law professor", "Stephen Vladeck"),  # a nickname and a misspelling
        ("Steve", "Stephen Vladeck"),  # a nickname alone
        ("Vladeck law professor", "Stephen Vladeck"),  # a family name with a topic
        ("Nancy Reagan's influence as first lady", "Myra Gutin"),  # a given name is not enough
    ],
)
def test_names_with_topics(index_dir, query, expected):
    assert names(search.search_profiles(index_dir, query))[0] == expected


def test_other_kinds_only_on_request(index_dir):
    assert "Peter Nielson" not in names(search.search_profiles(index_dir, "Nielson"))
    everyone = search.search_profiles(index_dir, "Nielson", kinds=None)
    assert names(everyone)[0] == "Peter Nielson"


def test_a_quoted_phrase_needs_the_words_together(index_dir):
    assert names(search.search_profiles(index_dir, '"interest rates"')) == ["Hans Müller"]
    assert search.search_profiles(index_dir, '"rates interest"').total == 0


def test_did_you_mean_when_nothing_matches(index_dir):
    results = search.search_profiles(index_dir, "ecomonist")
    assert results.total == 0
    assert results.suggestion == "economist"


def test_did_you_mean_for_a_misspelled_name_that_still_matches(index_dir):
    results = search.search_profiles(index_dir, "Amy Shepherdsen")
    assert names(results)[0] == "Amy Shepherdson"
    assert results.suggestion == "Amy Shepherdson"
    assert search.search_profiles(index_dir, "Amy Shepherdson").suggestion is None


# --- facets, filters, sorts ------------------------------------------------------------------


def test_facets_count_the_whole_result_set(index_dir):
    results = search.search_profiles(index_dir, "inflation", limit=1)
    assert results.total == 2
    assert len(results.hits) == 1
    assert results.facets == {
        "kind": [("expert", 2)],
        "organization": [("Bank of Example", 1), ("Bundesbank", 1)],
        "topic": [],
        "country": [("Germany", 1), ("UK", 1)],
        "outlet": [("Daily Example", 2)],
        "year": [("2016", 2)],
    }


def test_filter_values_may_be_lists_numbers_or_odd_types(index_dir):
    assert search.search_profiles(index_dir, "economist", filters={"year": 2016}).total == 2
    assert search.search_profiles(index_dir, "economist", filters={"year": [2016, None]}).total == 2
    assert search.search_profiles(index_dir, "economist", filters={"year": 1.5}).total == 0


def test_filters_narrow_and_the_kind_facet_shows_other_kinds(index_dir):
    results = search.search_profiles(index_dir, "Nielsen", filters={"country": "US"})
    assert names(results) == ["Jakob Nielsen", "Amy Shepherdson"]
    assert dict(results.facets["kind"]) == {"expert": 2}
    everyone = search.search_profiles(index_dir, "Nielsen Nielson")
    assert dict(everyone.facets["kind"]) == {"expert": 2, "official": 1, "other": 1}
    assert everyone.total == 2


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("quotes", ["Carla Okafor", "Hans Müller"]),
        ("recent", ["Carla Okafor", "Hans Müller"]),
    ],
)
def test_sorts(index_dir, sort, expected):
    assert names(search.search_profiles(index_dir, "inflation rates", sort=sort)) == expected


def test_recent_sort_orders_by_last_quoted(index_dir):
    results = search.search_profiles(index_dir, "Nielsen", sort="recent")
    assert names(results) == ["Amy Shepherdson", "Jakob Nielsen"]


# --- highlighting ----------------------------------------------------------------------------


def test_highlights_escape_html_and_mark_matches(index_dir):
    results = search.search_profiles(index_dir, "alert inflation")
    hit = next(hit for hit in results.hits if hit.name == "Hans Müller")
    snippet = hit.highlights[0]
    assert "<mark>Inflation</mark>" in snippet
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in snippet
    assert "&amp;" in snippet
    assert "<script>" not in snippet


def test_highlights_cover_research_areas(index_dir):
    hit = search.search_profiles(index_dir, "monetary").hits[0]
    assert "<mark>monetary</mark> policy" in hit.highlights


# --- untrusted input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["", "   ", "\x00\x07", "x" * 201, None, 12],
)
def test_empty_or_oversized_queries_are_friendly_errors(index_dir, query):
    with pytest.raises(QueryError):
        search.search_profiles(index_dir, query)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"sort": "alphabet"},
        {"filters": {"colour": "red"}},
        {"filters": ["outlet"]},
        {"page": 0},
        {"page": "x"},
        {"limit": None},
    ],
)
def test_bad_options_are_friendly_errors(index_dir, kwargs):
    with pytest.raises(QueryError):
        search.search_profiles(index_dir, "economist", **kwargs)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=220))
def test_any_input_gives_results_or_a_query_error(index_dir, text):
    try:
        results = search.search_profiles(index_dir, text, filters={"outlet": text[:20] or "x"})
    except QueryError as exc:
        assert str(exc)
    else:
        assert results.total >= len(results.hits)


@pytest.mark.parametrize("query", ["AND OR NOT", '"', "name:(x", "*", "a~2^3", '"unclosed phrase'])
def test_query_syntax_is_just_text(index_dir, query):
    try:
        search.search_profiles(index_dir, query)
    except QueryError as exc:
        assert "punctuation" in str(exc) or "search" in str(exc)


# --- suggestions and similar experts ---------------------------------------------------------


def test_suggest_names_as_you_type(index_dir):
    assert [s["name"] for s in search.suggest_names(index_dir, "shep")] == ["Amy Shepherdson"]
    assert [s["name"] for s in search.suggest_names(index_dir, "xiao r")] == ["Ren Xiao"]
    everyone = search.suggest_names(index_dir, "niel", kinds=None)
    assert [s["name"] for s in everyone] == ["Jakob Nielsen", "Peter Nielson", "Leslie Nielsen"]
    assert search.suggest_names(index_dir, "") == []


def test_similar_experts_share_topics(index_dir):
    similar = search.similar_profiles(index_dir, 7)
    assert similar[0].name == "Hans Müller"
    assert 7 not in [hit.id for hit in similar]
    assert search.similar_profiles(index_dir, 999) == []


# --- index upkeep ----------------------------------------------------------------------------


def test_counts_ids_and_versions(index_dir):
    assert search.index_doc_count(index_dir) == len(RECORDS)
    assert search.index_ids(index_dir) == {r["id"] for r in RECORDS}
    assert search.index_versions(index_dir)[5] == "5-1"


def test_incremental_updates_are_seen_without_reopening(tmp_path):
    index = tmp_path / "index"
    assert search.search_profiles(index, "Okafor").total == 0  # nothing indexed yet
    search.index_records(index, RECORDS[:2])
    assert search.index_doc_count(index) == 2
    search.index_records(index, [record(2, "Jakob Nielsen", title="web pioneer")])
    search.index_records(index, [RECORDS[6]])
    assert names(search.search_profiles(index, "Okafor")) == ["Carla Okafor"]
    assert search.index_doc_count(index) == 3
    assert names(search.search_profiles(index, "pioneer")) == ["Jakob Nielsen"]
    hidden = dict(RECORDS[6], hidden=True)
    search.index_records(index, [hidden])
    search.delete_records(index, [1, 12345])
    assert search.index_ids(index) == {2}


def test_rebuild_swaps_atomically_while_searching(tmp_path):
    index = tmp_path / "index"
    search.rebuild_index(index, RECORDS)
    errors, seen = [], []

    def searching():
        try:
            for _ in range(60):
                seen.append(search.search_profiles(index, "economist").total)
        except Exception as exc:  # any failure here is the bug under test
            errors.append(exc)

    reader = threading.Thread(target=searching)
    reader.start()
    for _ in range(4):
        search.rebuild_index(index, RECORDS)
    reader.join()
    assert errors == []
    assert set(seen) == {2}
    versions = [p for p in index.iterdir() if p.is_dir()]
    assert len(versions) == storage.KEEP_VERSIONS


def test_a_second_writer_waits_for_the_lock(tmp_path):
    index = tmp_path / "index"
    with (
        storage.write_lock(index),
        pytest.raises(StoreError, match="locked"),
        storage.write_lock(index, timeout=0.1),
    ):
        pass


def _index_one(path, rec):
    search.index_records(path, [rec])


def test_two_processes_writing_at_once_both_land(tmp_path):
    index = tmp_path / "index"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_index_one, args=(index, r)) for r in RECORDS[:4]]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    assert search.index_ids(index) == {1, 2, 3, 4}


def test_an_index_from_an_older_schema_is_replaced_on_the_next_write(tmp_path):
    index = tmp_path / "index"
    (index / "v20250101T000000-1-abc").mkdir(parents=True)
    (index / "CURRENT").write_text("v20250101T000000-1-abc\n")
    assert search.index_doc_count(index) == 0
    search.index_records(index, RECORDS[:1])
    assert search.index_ids(index) == {1}
    assert (index / "CURRENT").read_text().startswith("s")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["inflat", "alert", "script", "a"]))
def test_snippets_only_ever_add_mark_tags(text, stem):
    from directory.search.highlights import snippet

    html = snippet(text + " alerting inflation", frozenset({stem}))
    assert "<" not in html.replace("<mark>", "").replace("</mark>", "")
    assert html.count("<mark>") == html.count("</mark>")


def test_an_empty_rebuild_answers_empty_results(tmp_path):
    index = tmp_path / "index"
    assert search.rebuild_index(index, []) == 0
    assert search.search_profiles(index, "anything").total == 0
    assert search.index_ids(index) == set()
    assert search.suggest_names(index, "an") == []
    assert search.similar_profiles(index, 1) == []


PHRASE_VOCABULARY = [
    "rates",
    "rate",
    "Rating",
    "interest",
    "interests",
    "of",
    "the",
    "a",
    "Müller",
    "muller",
    "hoping",
    "hope",
    "relational",
    "sky",
    "skies",
    "x",
    "—",
    "…",
    "Zürich",
    "zurich",
    "US",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PHRASE_VOCABULARY), max_size=25),
    st.lists(st.sampled_from(PHRASE_VOCABULARY), min_size=2, max_size=3),
)
def test_the_phrase_prefilter_never_loses_a_phrase(words, phrase):
    from directory.search.highlights import WORD, stem_of
    from directory.search.ranking import _phrase_in_text

    terms = [s for s in (stem_of(w) for w in phrase) if s]
    if len(terms) < 2:
        return
    text = " ".join(words)
    stems = [s for s in (stem_of(w) for w in WORD.findall(text)) if s]
    expected = any(stems[i : i + len(terms)] == terms for i in range(len(stems)))
    assert _phrase_in_text(text, terms) == expected
    assert _phrase_in_text(text.encode("utf-8"), terms) == expected


def test_a_phrase_matches_across_stop_words_stems_and_accents(tmp_path):
    index = tmp_path / "index"
    search.rebuild_index(
        index,
        [
            record(1, "Ann Lee", quotes=["The rise of the Zurich rates worried everyone"]),
            record(2, "Bo Kim", quotes=["Rates rose in Zürich, and the rise was steep"]),
        ],
    )
    assert names(search.search_profiles(index, '"rise Zürich rate"')) == ["Ann Lee"]
    assert names(search.search_profiles(index, '"zurich rates"')) == ["Ann Lee"]


def test_a_common_phrase_ranks_its_hits_first_on_every_page(tmp_path):
    index = tmp_path / "index"
    records = [
        record(i, f"Person {i:03d}", quotes=["interest rates " * (i % 5 + 1)])
        for i in range(1, 121)
    ] + [
        record(i, f"Other {i:03d}", quotes=["rates " * 9 + "interest " * 9])
        for i in range(121, 161)
    ]
    search.rebuild_index(index, records)
    for page in (1, 2, 3):
        results = search.search_profiles(index, '"interest rates"', page=page, limit=20)
        assert len(results.hits) == 20
        assert all(hit.name.startswith("Person") for hit in results.hits)


def test_facets_and_deletions_over_several_segments_match_a_rebuild(tmp_path):
    incremental, rebuilt = tmp_path / "incremental", tmp_path / "rebuilt"
    for start in range(0, len(RECORDS), 4):  # one commit (one segment) per batch
        search.index_records(incremental, RECORDS[start : start + 4])
    search.delete_records(incremental, [2])
    kept = [r for r in RECORDS if r["id"] != 2]
    search.rebuild_index(rebuilt, kept)
    for query in ("professor", "economist", "China"):
        for kinds in (("expert",), None):
            a = search.search_profiles(incremental, query, kinds=kinds)
            b = search.search_profiles(rebuilt, query, kinds=kinds)
            assert (a.total, a.facets) == (b.total, b.facets), query
            assert sorted(names(a)) == sorted(names(b))


def test_a_story_counts_only_when_several_query_words_name_it(tmp_path):
    index = tmp_path / "index"
    lead = "Regulators fined the harbour operator after a tanker spill near the northern port."
    search.index_records(
        index,
        [
            dict(record(1, "Ada Brook", title="marine biologist"), article_leads=[lead]),
            record(2, "Ben Cole", title="economist", quotes=["Rates will stay low"]),
        ],
    )
    assert names(search.search_profiles(index, "tanker spill fined harbour operator")) == [
        "Ada Brook"
    ]
    # One word of the story is no evidence that the person spoke about it.
    assert search.search_profiles(index, "tanker").total == 0


# --- strong and weak matches -----------------------------------------------------------------

MATCH_RECORDS = [
    record(
        1,
        "Ada Brennan",
        title="securities analyst",
        orgs=["Monument Securities"],
        quotes=["Securities firms will report strong trading profits"],
    ),
    record(
        2,
        "Omar Haddad",
        title="professor of computer science",
        orgs=["University of Example"],
        research=["computer security"],
        quotes=["Most attacks exploit old software", "Oil prices are a distraction"],
    ),
    record(
        3,
        "Lena Ostrova",
        title="oil analyst",
        orgs=["Petro Research"],
        quotes=["Oil prices will rise this winter", "OPEC holds the key to oil prices"],
    ),
    record(
        4,
        "Tim Dating",
        title="dating expert",
        quotes=["Meet in public the first time"],
    ),
    record(5, "Ruth Kerrigan", kind="official", title="minister", quotes=["We will act"]),
]


@pytest.fixture(scope="module")
def match_index(tmp_path_factory):
    path = tmp_path_factory.mktemp("match") / "index"
    search.rebuild_index(path, MATCH_RECORDS)
    return path


def matches(results):
    return [(hit.name, hit.match) for hit in results.hits]


def test_computer_security_never_finds_securities(match_index):
    results = search.search_profiles(match_index, "computer security")
    assert matches(results) == [("Omar Haddad", "strong")]


def test_a_generic_role_word_alone_is_a_weak_match(match_index):
    results = search.search_profiles(match_index, "cybersecurity expert")
    assert ("Tim Dating", "weak") in matches(results)
    assert results.strong == 0


def test_oil_prices_analyst_finds_a_strong_first_match(match_index):
    results = search.search_profiles(match_index, "oil prices analyst")
    assert matches(results)[0] == ("Lena Ostrova", "strong")


def test_strong_matches_come_before_weak_ones_on_every_page(match_index):
    results = search.search_profiles(match_index, "oil prices OPEC winter")
    kinds = [hit.match for hit in results.hits]
    assert kinds == sorted(kinds, key=lambda m: m != "strong")
    assert results.strong == kinds.count("strong")


def test_an_absent_topic_gives_only_weak_matches(match_index):
    results = search.search_profiles(match_index, "volcanologist on lava eruptions in public")
    assert results.strong == 0
    assert all(hit.match == "weak" for hit in results.hits)


def test_a_name_as_typed_is_a_strong_match_and_a_guessed_one_weak(match_index):
    assert matches(search.search_profiles(match_index, "Brennan"))[0] == ("Ada Brennan", "strong")
    assert matches(search.search_profiles(match_index, "Brenan"))[0] == ("Ada Brennan", "weak")
    both = search.search_profiles(match_index, "Ada Brenan")
    assert matches(both)[0] == ("Ada Brennan", "strong")


def test_a_quoted_phrase_must_be_found_for_a_strong_match(match_index):
    results = search.search_profiles(match_index, '"oil prices" winter')
    assert matches(results)[0] == ("Lena Ostrova", "strong")
    assert ("Omar Haddad", "strong") not in matches(results)


# --- topics ----------------------------------------------------------------------------------


def quoted_in(record_, articles):
    """A record whose quotes each come from a different article (id, title, lead)."""
    quotes = [
        {**q, "article": {"id": a[0], "title": a[1]}}
        for q, a in zip(record_["quotes"], articles, strict=True)
    ]
    return {
        **record_,
        "quotes": quotes,
        "articles": [{"id": a[0], "title": a[1]} for a in articles],
        "article_leads": [a[2] for a in articles],
    }


TOPIC_RECORDS = [
    quoted_in(
        record(
            1,
            "Lena Ostrova",
            title="oil analyst",
            orgs=["Petro Research"],
            quotes=[
                "Oil prices will rise because refinery capacity is short.",
                "OPEC will cut output again, and oil prices follow.",
                "Refinery capacity in Asia is the real story.",
            ],
        ),
        [
            ("a1", "Oil prices climb", "Oil prices climbed on Monday as OPEC met."),
            ("a2", "OPEC cuts output", "OPEC agreed to cut output. Oil prices rose."),
            ("a3", "Asia refiners stretched", "Refinery capacity in Asia is stretched."),
        ],
    ),
    quoted_in(
        record(
            2,
            "Sam Okoro",
            title="energy economist",
            orgs=["Grid Institute"],
            quotes=["Oil prices matter less than gas for power stations."],
        ),
        [("a1", "Oil prices climb", "Oil prices climbed on Monday as OPEC met.")],
    ),
    quoted_in(
        record(
            3,
            "Ines Duarte",
            title="historian",
            orgs=["University of Lisbon"],
            quotes=["The archive holds letters nobody has read."],
        ),
        [("a9", "Archive opens", "A royal archive opens its doors.")],
    ),
]


@pytest.fixture(scope="module")
def topic_index(tmp_path_factory):
    path = tmp_path_factory.mktemp("topics") / "index"
    search.rebuild_index(path, TOPIC_RECORDS)
    return path


def test_a_profile_is_quoted_on_recurring_phrases_with_article_counts(topic_index):
    topics = search.profile_topics(topic_index, 1)
    # Both in two of her articles; "oil prices" is also someone else's, so it weighs less.
    assert topics[:2] == [
        {"topic": "refinery capacity", "articles": 2},
        {"topic": "oil prices", "articles": 2},
    ]
    # Neither the person's own title nor employer is a topic.
    assert not {"oil analyst", "Petro Research"} & {t["topic"] for t in topics}


def test_topics_are_searched_and_counted_as_a_facet(topic_index):
    results = search.search_profiles(topic_index, "refinery capacity")
    assert [hit.name for hit in results.hits] == ["Lena Ostrova"]
    assert ("refinery capacity", 1) in results.facets["topic"]
    narrowed = search.search_profiles(topic_index, "oil", filters={"topic": "refinery capacity"})
    assert [hit.name for hit in narrowed.hits] == ["Lena Ostrova"]


def test_similar_experts_share_what_they_are_quoted_on(topic_index):
    similar = search.similar_profiles(topic_index, 1)
    assert [hit.name for hit in similar] == ["Sam Okoro"]


def test_an_unknown_profile_has_no_topics(topic_index, tmp_path):
    assert search.profile_topics(topic_index, 999) == []
    assert search.profile_topics(tmp_path / "none", 1) == []


# --- places ----------------------------------------------------------------------------------


def placed(id_, name, title, place, quotes):
    """An expert whose one position is in `place`."""
    rec = record(id_, name, title=title, orgs=["Example Bank"], quotes=quotes)
    rec["positions"] = [{**rec["positions"][0], "place": place}]
    return rec


PLACE_RECORDS = [
    placed(1, "Ana Field", "economist", "Frankfurt", ["Rates will fall this year"]),
    placed(2, "Bo Crane", "economist", "Frankfurt", ["London house prices look stretched"]),
    placed(3, "Cy Moss", "economist", "London", ["Rates will fall this year"]),
    placed(4, "Di Hale", "historian", "London", ["The archive is in London"]),
]


def test_a_place_in_the_query_puts_people_placed_there_first(tmp_path):
    search.rebuild_index(tmp_path / "index", PLACE_RECORDS)
    results = search.search_profiles(tmp_path / "index", "economist London")
    found = [hit.name for hit in results.hits]
    assert found[0] == "Cy Moss" and results.hits[0].match == "strong"
    # An economist who only mentions London still comes before one who does not.
    assert found.index("Bo Crane") < found.index("Ana Field")


def test_a_place_alone_is_a_weak_match_even_when_rarer_than_the_role(tmp_path):
    # Many economists elsewhere make "economist" commoner than "London": the place still only
    # qualifies the query, so a London historian follows every economist.
    elsewhere = [
        placed(10 + i, f"Econ{i} Person", "economist", "Frankfurt", ["Rates will fall"])
        for i in range(6)
    ]
    search.rebuild_index(tmp_path / "index", [*PLACE_RECORDS, *elsewhere])
    hits = search.search_profiles(tmp_path / "index", "economist London").hits
    assert hits[0].name == "Cy Moss" and hits[0].match == "strong"
    assert hits[-1].name == "Di Hale" and hits[-1].match == "weak"
    assert all(h.match == "strong" for h in hits[:-1])


def test_pages_of_tied_hits_neither_repeat_nor_skip(tmp_path):
    records = [record(i, f"Person{i} Same", title="economist") for i in range(1, 23)]
    search.rebuild_index(tmp_path / "index", records)
    seen = []
    for page in range(1, 9):
        seen += [
            h.id
            for h in search.search_profiles(
                tmp_path / "index", "economist", page=page, limit=3
            ).hits
        ]
    assert sorted(seen) == list(range(1, 23))


def test_answer_size_estimates_what_the_full_walk_does(index_dir):
    from directory.search import memo, ranking

    results = search.search_profiles(index_dir, "economist inflation")
    assert results.hits
    for answer in (results, results.hits):
        walked = memo.approx_size(answer)
        assert 0.7 * walked <= ranking.answer_size(answer) <= 1.4 * walked


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        (f"one quote{PASSAGE_SEPARATOR}interest rates rose", "interest rates", True),
        (f"one quote{PASSAGE_SEPARATOR}rates of interest", "interest rates", False),
        (f"first{PASSAGE_SEPARATOR}Herr Müller said", "muller said", True),
        ("Zürich bankers worry", "zurich bankers", True),
        ("Zürich’s bankers worry", "bankers worry", True),
        ("rates, the bankers said", "bankers rates", False),
    ],
)
def test_a_phrase_reads_the_same_from_a_quote_column(text, phrase, expected):
    """A quote column holds UTF-8 bytes with its own passage breaks; ASCII ones are searched
    as bytes, the rest folded: the answer is the one the text itself gives."""
    from directory.search import ranking
    from directory.search.highlights import stem_of

    field = build_schema()["quotes"]
    raw = field.to_column_value(text)
    assert field.from_column_value(raw) == text
    terms = [s for s in (stem_of(w) for w in phrase.split()) if s]
    assert ranking._phrase_in_text(raw, terms) is expected
    assert ranking._phrase_in_text(text, terms) is expected


def test_phrase_positions_are_read_across_posting_blocks(tmp_path):
    """Positions are checked block by block: the answer is Whoosh's own phrase query's."""
    import numpy as np
    from whoosh.query import Phrase

    from directory.search.ranking import _position_phrase_hits

    titles = ["professor of interest rates", "rates and interest professor", "interest professor"]
    records = [record(i, f"Person {i:04d}", title=titles[i % 3]) for i in range(1, 2501)]
    index = tmp_path / "index"
    search.rebuild_index(index, records)
    opened = storage.open_index(index)
    searcher = opened.searcher
    size = searcher.doc_count_all()
    expected = {
        d for d in searcher.search(Phrase("title", ["interest", "rate"]), limit=None).docs()
    }
    every = np.arange(size)
    found = set(_position_phrase_hits(searcher, "title", ["interest", "rate"], every))
    assert found == expected and len(found) == 833
    some = every[::7]
    found = set(_position_phrase_hits(searcher, "title", ["interest", "rate"], some))
    assert found == expected & set(some.tolist())


def test_names_within_edits_are_those_a_plain_edit_distance_finds(tmp_path):
    import random
    import string

    from directory.search import ranking

    def distance(a, b):
        previous = list(range(len(b) + 1))
        for i, x in enumerate(a, 1):
            current = [i]
            for j, y in enumerate(b, 1):
                current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
            previous = current
        return previous[-1]

    rng = random.Random(3)
    words = {
        "".join(rng.choice("aeiklmnrst") for _ in range(rng.randint(3, 8))) for _ in range(400)
    }
    index = tmp_path / "index"
    search.rebuild_index(index, [record(i, f"{w} Family") for i, w in enumerate(sorted(words))])
    ranker = ranking.ranker_for(storage.open_index(index))
    terms = {w for w in words} | {"family"}
    for _ in range(60):
        text = "".join(rng.choice(string.ascii_lowercase[:20]) for _ in range(rng.randint(3, 8)))
        for maxdist, prefix in ((1, 1), (2, 1), (2, 0)):
            expected = {
                t
                for t in terms
                if t[:prefix] == text[:prefix] and distance(t[prefix:], text[prefix:]) <= maxdist
            }
            assert set(ranker.terms_within("name", text, maxdist, prefix)) == expected, text
