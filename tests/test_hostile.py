"""Hostile input: generated article text, names and queries through extract, ingest, search and
every route; XSS payloads rendered in a real Chromium.

Example counts are bounded (see `settings` below) so the module runs in well under a minute.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import threading
import urllib.parse

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory import config, search, store
from directory.errors import InputError, QueryError
from directory.ingest import pipeline
from directory.models import Article, Extraction, Person, Position, Quote

# DIRECTORY_HOSTILE_SCALE=10 runs ten times as many examples (docs/reliability.md reports both).
SCALE = int(os.environ.get("DIRECTORY_HOSTILE_SCALE", "1"))
FAST = settings(
    max_examples=150 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SLOW = settings(FAST, max_examples=30 * SCALE)

# --- strategies --------------------------------------------------------------------------------

# Every code point but lone surrogates (which no UTF-8 text can hold), control characters included.
ANY_CHAR = st.characters(exclude_categories=["Cs"])
NASTY = [
    "\x00", "\x1b[31m", "\u202e", "\u200b", "\ufeff", "\r\n", "\t", "\u2028", "\x85",
    '"', "\u201c", "\u201d", "\u00ab", "\u00bb", "\u201e", "'", "`", "\\", "<", ">", "&",
    "</script>", "<!--", "{{", "}}", "{%", "%}", "%s", "${x}", "*", "?", "~", "^", ":", "(", ")",
    "AND", "OR", "NOT", "TO", "[", "]", "name:", "NULL", "\U0001f600", "\u0301", "\ufffd",
]  # fmt: skip
PARAM_NAMES = ["q", "page", "limit", "sort", "kind", "all", "org", "country", "outlet", "year"]
QUOTE_MARKS = ['"', "\u201c", "\u201d", "\u00ab", "\u00bb", "\u201e", "'"]

nasty_text = st.lists(
    st.one_of(st.text(ANY_CHAR, max_size=40), st.sampled_from(NASTY)), max_size=30
).map("".join)
names = st.one_of(
    nasty_text,
    st.text(ANY_CHAR, min_size=1, max_size=120),
    st.builds(lambda a, b: f"{a} {b}", st.text(ANY_CHAR, max_size=20), st.text(max_size=20)),
    st.integers(200, 3000).map(lambda n: "A" * n),
)
# Thousands of bare quotation marks; attributed quotes repeat fewer times, because extraction
# time grows with the square of their count (docs/reliability.md) and the suite must stay fast.
quote_storm = st.one_of(
    st.builds(
        lambda mark, n, filler: (mark + filler) * n,
        st.sampled_from(QUOTE_MARKS),
        st.integers(1, 3000),
        st.sampled_from(["", " ", "x", "\n"]),
    ),
    st.builds(
        lambda mark, n: (mark + ", said Ann Lee. ") * n,
        st.sampled_from(QUOTE_MARKS),
        st.integers(1, 60),
    ),
)
long_token = st.builds(
    lambda c, n: c * n, st.sampled_from(["x", "\u00e9", "-", "9"]), st.integers(1000, 30000)
)
quoted_article = st.builds(
    lambda quote, name, role, org: (
        f'"{quote}," said {name}, a {role} at the {org}.\n'
        f"{name.split()[-1] if name.split() else name} added that {quote}."
    ),
    nasty_text,
    names,
    nasty_text,
    nasty_text,
)
article_text = st.one_of(nasty_text, quote_storm, long_token, quoted_article, st.text(ANY_CHAR))
queries = st.one_of(
    nasty_text, st.text(ANY_CHAR, max_size=400), st.lists(st.sampled_from(NASTY)).map(" ".join)
)


# --- fixtures ----------------------------------------------------------------------------------

SEED = Article(
    text=(
        '"Flood defences were built for a climate we no longer have," said Halima Osei, a '
        "professor of hydrology at the University of Tamale. Osei said the warning came late."
    ),
    title="Rivers rise across the north",
    outlet="Test Courier",
    published="2025-03-02",
)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """A data folder holding one real article, so routes have something to find."""
    from directory.extract import extract_article

    folder = tmp_path_factory.mktemp("hostile")
    db = store.open_db(config.db_path(folder))
    result = store.save_extraction(db, extract_article(SEED))
    search.reindex_profiles(db, config.index_path(folder), result.person_ids)
    db.close()
    return folder


@pytest.fixture(scope="module")
def client(data):
    from directory.web import create_app

    # The API limit is lifted: these tests send hundreds of requests from one address.
    app = create_app({"TESTING": True, "DATA_DIR": str(data), "RATELIMIT_ENABLED": False})
    return app.test_client()


def fresh_random() -> None:
    """Reseed `random` as a new process would be: Hypothesis seeds it the same for every example,
    and Whoosh names new segments with it, so repeated names would collide in one index."""
    random.seed()


def _get(client, path: str):
    response = client.get(path)
    assert response.status_code < 500, (path, response.status_code)
    assert b"Traceback" not in response.data
    return response


def _routes_for(slug: str, article_id: str) -> list[str]:
    slug, article_id = urllib.parse.quote(slug, safe=""), urllib.parse.quote(article_id, safe="")
    return [
        f"/experts/{slug}",
        f"/experts/{slug}.json",
        f"/experts/{slug}.jsonld",
        f"/experts/{slug}.vcf",
        f"/api/experts/{slug}",
        f"/organizations/{slug}",
        f"/articles/{article_id}",
        f"/articles/{article_id}.json",
        f"/api/articles/{article_id}",
    ]


# --- extract -----------------------------------------------------------------------------------


@SLOW
@given(text=article_text, title=st.one_of(st.none(), nasty_text))
def test_extract_never_crashes_and_offsets_point_into_the_text(text, title):
    from directory.extract import extract_article

    try:
        extraction = extract_article(Article(text=text, title=title))
    except InputError:
        return
    json.dumps(extraction.to_dict(), ensure_ascii=False)
    for person in extraction.people:
        assert person.name.strip()
        for quote in person.quotes:
            assert 0 <= quote.start <= quote.end <= len(text)
            assert text[quote.start : quote.end] == quote.text


# --- ingest, then every route for what was stored ------------------------------------------------


@SLOW
@given(text=article_text, title=st.one_of(st.none(), nasty_text))
def test_ingest_then_every_route_answers(tmp_path_factory, data, client, text, title):
    fresh_random()
    source = tmp_path_factory.mktemp("in") / "article.json"
    source.write_text(json.dumps({"text": text, "title": title}), encoding="utf-8")
    summary = pipeline.ingest_paths(data, [source], jobs=1, progress=False, stderr=_Sink())
    assert summary.read + summary.failed == 1
    db = store.open_db(config.db_path(data), read_only=True)
    try:
        rows = list(db.query("SELECT id FROM articles ORDER BY seq DESC LIMIT 1"))
        people = list(db.query("SELECT slug FROM profiles ORDER BY id DESC LIMIT 3"))
    finally:
        db.close()
    for person in people:
        for path in _routes_for(person["slug"], rows[0]["id"]):
            _get(client, path)
        _get(client, "/api/search?q=" + urllib.parse.quote(person["slug"][:100]))
    _get(client, "/")


@SLOW
@given(name=names, title=st.one_of(st.none(), nasty_text), org=nasty_text, quote=nasty_text)
def test_hostile_names_are_stored_indexed_and_served(data, client, name, title, org, quote):
    fresh_random()
    extraction = _extraction(name, title, org, quote)
    db = store.open_db(config.db_path(data))
    try:
        result = store.save_extraction(db, extraction)
        search.reindex_profiles(db, config.index_path(data), result.person_ids)
        slugs = [store.get_profile_by_id(db, pid)["slug"] for pid in result.person_ids]
    except InputError:
        return
    finally:
        db.close()
    for slug in slugs:
        assert slug and "/" not in slug
        for path in _routes_for(slug, result.article_id):
            response = _get(client, path)
            if path == f"/experts/{urllib.parse.quote(slug, safe='')}.json":
                assert response.status_code == 200
                assert response.get_json()["slug"] == slug
    _get(client, "/api/search?q=" + urllib.parse.quote(name[:150]))


def _extraction(name: str, title, org: str, quote: str, marker: str = "") -> Extraction:
    """An extraction built directly, so names hold what no NER model would produce."""
    text = f'{marker}"{quote}," said {name}, a professor at the {org}.'
    start = text.index('"') + 1
    person = Person(
        name=name,
        kind="expert",
        title=f"professor {quote[:30]}",
        positions=[Position(organization=org or "Nowhere", role="professor", kind="current")],
        quotes=[Quote(text=quote, kind="direct", cue="said", start=start, end=start + len(quote))],
    )
    return Extraction(article=Article(text=text, title=title), people=[person])


# --- search and every route with generated parameters --------------------------------------------


@FAST
@given(query=queries)
def test_search_answers_results_or_a_400(data, client, query):
    quoted = urllib.parse.quote(query)
    for path in (f"/search?q={quoted}", f"/api/search?q={quoted}", f"/api/suggest?q={quoted}"):
        # An empty search page sends the reader to the home page's search box.
        assert _get(client, path).status_code in (200, 302, 400)
    with contextlib.suppress(QueryError):
        search.search_profiles(config.index_path(data), query)


@FAST
@given(
    segment=st.one_of(nasty_text, st.text(ANY_CHAR, max_size=300)),
    params=st.dictionaries(
        st.one_of(st.sampled_from(PARAM_NAMES), nasty_text),
        st.one_of(nasty_text, st.integers().map(str)),
        max_size=6,
    ),
)
def test_every_route_answers_below_500(client, segment, params):
    query = urllib.parse.urlencode(params)
    for path in [*_routes_for(segment, segment), "/", "/search", "/api/search", "/healthz"]:
        _get(client, f"{path}?{query}" if query else path)


@pytest.mark.parametrize(
    "body, field",
    [
        ('{"text": "\\ud800 said \\"hello\\" Ann Lee."}', "text"),
        ('{"text": "Ann Lee said \\"hello\\".", "title": "\\udfff"}', "title"),
    ],
)
def test_lone_surrogate_in_json_article_is_one_failure_line(tmp_path, data, body, field):
    source = tmp_path / "surrogate.json"
    source.write_text(body)
    err = _Sink()
    summary = pipeline.ingest_paths(data, [source], jobs=1, progress=False, stderr=err)
    assert (summary.read, summary.failed) == (0, 1)
    assert err.text == f"{source}: '{field}' holds a lone surrogate escape (not valid Unicode)\n"


class _Sink:
    """A stderr stand-in that keeps what was written."""

    def __init__(self):
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


# --- XSS in the real browser -------------------------------------------------------------------

# Each payload, if it ever ran, would set window.__xss (or open a dialog, which is also caught).
XSS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    '"><svg onload="window.__xss=1">',
    "</script><script>window.__xss=1</script>",
    "javascript:window.__xss=1",
    '{{ 7*7 }}<iframe srcdoc="<script>parent.__xss=1</script>">',
    "'-window.__xss=1-'",
]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed (/usr/bin/chromium): XSS browser checks not run")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as runner:
        launched = runner.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory):
    """A site whose people, titles, organizations and quotes are XSS payloads, on 127.0.0.1."""
    from werkzeug.serving import make_server

    from directory.web import create_app

    folder = tmp_path_factory.mktemp("xss")
    db = store.open_db(config.db_path(folder))
    slugs, articles = [], []
    for number, payload in enumerate(XSS):
        name = f"Mal {payload} Actor{number}"
        extraction = _extraction(
            name,
            f"Title {payload}",
            f"Org {payload}",
            f"Quote {payload}",
            marker=f"Report {number} {payload}\n",
        )
        result = store.save_extraction(db, extraction)
        search.reindex_profiles(db, config.index_path(folder), result.person_ids)
        slugs += [store.get_profile_by_id(db, pid)["slug"] for pid in result.person_ids]
        articles.append(result.article_id)
    db.close()
    app = create_app({"TESTING": True, "DATA_DIR": str(folder), "RATELIMIT_ENABLED": False})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", slugs, articles
    server.shutdown()


def test_xss_payloads_render_as_text_in_chromium(browser, xss_site):
    base, slugs, articles = xss_site
    assert len(slugs) == len(XSS)
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    paths = ["/", "/search?q=Mal", "/search?q=" + urllib.parse.quote(XSS[0])]
    paths += [f"/experts/{slug}" for slug in slugs]
    paths += [f"/articles/{article}" for article in articles]
    for path in paths:
        response = page.goto(base + path)
        assert response.status < 500, path
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") is None, path
    assert dialogs == []
    # The payloads are shown as text, and the JSON-LD still parses to the exact name.
    page.goto(f"{base}/experts/{slugs[3]}")
    assert XSS[3] in page.inner_text("body")
    ld = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
    )
    assert ld["name"] == f"Mal {XSS[3]} Actor3"
    page.close()
