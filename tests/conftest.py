"""Shared fixtures: the web app built on a real data dir (flaskr's app, client, runner)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "samples" / "xi-putin-trump-calls.txt"
WEB_FIXTURES = Path(__file__).parent / "fixtures" / "web"
WEB_ARTICLES = sorted((WEB_FIXTURES / "articles").glob("*.json"))

# A speaker whose name, title, organization and quote carry script payloads. Extraction would
# never find such a name, so this article's people are written straight to the store.
# Debian's Chromium, with the flags that keep it off the network (the machine has none).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE_NAME = "Eve <script>alert('name')</script> Mallory"
HOSTILE_TEXT = (
    "Payload check <img src=x onerror=alert('text')> here.\n"
    "\"Nothing </script><script>alert('quote')</script> runs,\" said Eve Mallory, "
    "a fellow at the javascript:alert('org') Institute."
)


def hostile_extraction():
    """An extraction whose article, speaker, title, organization and quote carry payloads."""
    from directory.models import Article, Evidence, Extraction, Person, Position, Quote

    text = HOSTILE_TEXT
    quote = "Nothing </script><script>alert('quote')</script> runs,"
    q_start = text.index(quote)
    sentence_start = text.index('"Nothing')
    sentence = text[sentence_start:]
    return Extraction(
        article=Article(
            text=text,
            title="<script>alert('title')</script> Hostile <b>headline</b>",
            url="javascript:alert('url')",
            outlet="<img src=x onerror=alert('outlet')>",
            published="2025-03-01",
            source="tests/hostile",
        ),
        people=[
            Person(
                name=HOSTILE_NAME,
                given_name="Eve",
                family_name="Mallory",
                kind="expert",
                title="fellow <svg onload=alert('title')>",
                positions=[
                    Position(
                        organization="javascript:alert('org') Institute",
                        role="fellow",
                        kind="current",
                        evidence=[Evidence(sentence, sentence_start, len(text))],
                        confidence=0.9,
                    )
                ],
                quotes=[Quote(quote, "direct", "said", q_start, q_start + len(quote), 0.9)],
            )
        ],
        extractor_version="test-hostile",
    )


@pytest.fixture(scope="session")
def web_data_dir(tmp_path_factory):
    """A data dir with the sample article, the web fixture articles and the hostile one."""
    from directory import config, store
    from directory.ingest import ingest_paths
    from directory.search import reindex_profiles

    data = tmp_path_factory.mktemp("web-data")
    # One process: the model loads once in this session, not in a pool of workers.
    summary = ingest_paths(data, [SAMPLE, *WEB_ARTICLES], jobs=1, progress=False)
    assert summary.failed == 0, summary.failures
    db = store.open_db(config.db_path(data))
    result = store.save_extraction(db, hostile_extraction())
    reindex_profiles(db, config.index_path(data), result.person_ids)
    db.conn.close()
    return data


@pytest.fixture
def app(web_data_dir):
    """The Flask app over the shared web data dir, rate limits off."""
    from directory.web import create_app

    return create_app({"TESTING": True, "DATA_DIR": str(web_data_dir), "RATELIMIT_ENABLED": False})


@pytest.fixture
def client(app):
    """A test client for `app`."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner for `app`."""
    return app.test_cli_runner()


# -- editors ------------------------------------------------------------------------------------

EDITING_ARTICLES = sorted((WEB_FIXTURES / "editing").glob("*.json"))
EDITOR = "alice"
EDITOR_PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashes():
    """Argon2 at its cheapest in tests: at the real cost (3 passes over 64 MiB) each sign-in
    takes most of a second on a loaded machine. Yields the store's own hasher, whose settings
    test_store_users checks."""
    from argon2 import PasswordHasher
    from argon2.profiles import CHEAPEST

    from directory.store import users

    real = users.HASHER
    users.HASHER = PasswordHasher.from_parameters(CHEAPEST)
    users._unknown_user_hash.cache_clear()
    yield real
    users.HASHER = real
    users._unknown_user_hash.cache_clear()


@pytest.fixture(scope="session")
def editing_source(tmp_path_factory):
    """A data dir with the sample article and two articles quoting two people named Nadia
    Ferrer (a possible duplicate pair), ingested once; tests that correct work on a copy."""
    from directory.ingest import ingest_paths

    data = tmp_path_factory.mktemp("editing-source")
    summary = ingest_paths(data, [SAMPLE, *EDITING_ARTICLES], jobs=1, progress=False)
    assert summary.failed == 0, summary.failures
    return data


def copy_data_dir(source: Path, target: Path, *, editor: str = EDITOR) -> Path:
    """A copy of a data dir (store and index) with one editor added."""
    import shutil

    from directory import config, store

    shutil.copytree(source, target)
    db = store.open_db(config.db_path(target))
    store.add_user(db, editor, EDITOR_PASSWORD)
    db.close()
    return target


@pytest.fixture
def editing_dir(editing_source, tmp_path):
    """A fresh copy of the editing data dir with the editor `alice`."""
    return copy_data_dir(editing_source, tmp_path / "data")


@pytest.fixture
def editing_app(editing_dir, tmp_path):
    """The app over `editing_dir`, with its own counter file (failed sign-ins start at zero)."""
    from directory.web import create_app

    return create_app(
        {
            "TESTING": True,
            "DATA_DIR": str(editing_dir),
            "RATELIMIT_STORAGE_URI": f"sqlite:///{tmp_path / 'counters.db'}",
        }
    )


def csrf_token_of(response) -> str:
    """The CSRF token of the first form on a page."""
    import re

    found = re.search(r'name="csrf_token" value="([^"]+)"', response.get_data(as_text=True))
    assert found, "no CSRF token on the page"
    return found.group(1)


def sign_in(client, username: str = EDITOR, password: str = EDITOR_PASSWORD):
    """Sign in through /login as a browser would; returns the POST's response."""
    token = csrf_token_of(client.get("/login"))
    return client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}
    )


@pytest.fixture
def editor_client(editing_app):
    """A test client signed in as `alice`."""
    client = editing_app.test_client()
    assert sign_in(client).status_code == 303
    return client
