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
