"""The ingest pipeline: summary, parallel extraction, store and index."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from processes import descendants, wait_gone

from directory import config
from directory.ingest import read_articles
from directory.ingest.pipeline import (
    CHUNK_ARTICLES,
    RUNNING_MARKER,
    IngestSummary,
    extract_chunk,
    extract_stream,
    ingest_paths,
)
from directory.models import Article


def test_summary_is_one_line_with_every_count():
    summary = IngestSummary(
        read=12, new=9, duplicate=1, unchanged=2, failed=3, people=7, quotes=20, seconds=4.0
    )
    assert summary.format() == (
        "Ingested 12 articles (9 new, 1 duplicate, 2 unchanged, 3 failed): "
        "7 people, 20 quotes in 4.0 s (3.0 articles/s)"
    )
    assert summary.exit_code == 1
    assert IngestSummary(read=1, new=1).exit_code == 0


# --- the whole pipeline, with the real extractor, store and index ----------------------------

from directory import search, store  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ROOT = Path(__file__).resolve().parent.parent
GIVEN = ["Anna", "Bruno", "Clara", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas"]
FAMILY = ["Berg", "Costa", "Duval", "Eriksen", "Fischer", "Garcia", "Hansen", "Ito", "Jansen"]


def tiny_corpus(folder: Path, count: int) -> Path:
    """`count` short distinct articles, each quoting one economist (people recur)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        name = f"{GIVEN[i % len(GIVEN)]} {FAMILY[(i // len(GIVEN)) % len(FAMILY)]}"
        (folder / f"{i:04d}.txt").write_text(
            f"Budget vote number {i} splits the council\n\n"
            f'"The plan for district {i} is sound," said Dr {name}, an economist at the '
            f"University of Testland. The council will vote on item {i} next week.\n",
            encoding="utf-8",
        )
    return folder


def db_counts(data: Path) -> dict[str, int]:
    db = store.open_db(config.db_path(data))
    try:
        return {
            table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "article_sources", "profiles", "appearances", "quotes")
        }
    finally:
        db.close()


def assert_store_whole_and_indexed(data: Path) -> None:
    """integrity_check passes, no orphan rows, every article complete, index == store."""
    db = store.open_db(config.db_path(data))
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        # Every stored article has exactly the people and quotes its extraction lists.
        for row in db.query("SELECT id, extraction, duplicate_of FROM articles"):
            people = json.loads(row["extraction"])["people"] if not row["duplicate_of"] else []
            stored = db.execute(
                "SELECT count(*) FROM appearances WHERE article_id = ?", [row["id"]]
            ).fetchone()[0]
            quotes = db.execute(
                "SELECT count(*) FROM quotes WHERE article_id = ?", [row["id"]]
            ).fetchone()[0]
            assert (stored, quotes) == (len(people), sum(len(p["quotes"]) for p in people))
        assert search.index_versions(config.index_path(data)) == store.list_profile_versions(db)
    finally:
        db.close()


def test_ingest_fixtures_counts_failures_and_rerun_adds_nothing(tmp_path):
    data = tmp_path / "data"
    err = io.StringIO()
    paths = [str(FIXTURES / "good"), str(FIXTURES / "bad"), str(tmp_path / "missing.txt")]
    summary = ingest_paths(data, paths, jobs=1, progress=False, stderr=err)
    bad = FIXTURES / "bad"
    expected_failures = [
        f"{bad}/binary.txt: binary or not UTF-8",
        f"{bad}/empty.txt: empty",
        f"{bad}/latin1.txt: binary or not UTF-8",
        f"{bad}/malformed.json:1: malformed JSON: Invalid control character at column 40",
        f"{bad}/no-entries.rss: feed has no entries",
        f"{bad}/no-text.html: no article text in the HTML",
        f"{tmp_path}/missing.txt: no such file",
    ]
    assert summary.failures == expected_failures
    assert err.getvalue().splitlines() == expected_failures
    assert (summary.read, summary.new, summary.failed, summary.exit_code) == (9, 9, 7, 1)
    assert summary.people > 0 and summary.quotes > 0
    before = db_counts(data)
    assert before["articles"] == 9
    assert_store_whole_and_indexed(data)

    again = ingest_paths(data, [str(FIXTURES / "good")], jobs=1, progress=False, stderr=err)
    assert (again.read, again.new, again.unchanged, again.failed) == (9, 0, 9, 0)
    assert db_counts(data) == before


def test_an_ingest_over_a_missing_or_outdated_index_indexes_every_profile(tmp_path):
    data = tmp_path / "data"
    corpus = tiny_corpus(tmp_path / "corpus", 6)
    first = sorted(corpus.iterdir())
    ingest_paths(data, [str(p) for p in first[:3]], jobs=1, progress=False)
    index_dir = config.index_path(data)
    # An index written in an older format is no index at all to this version.
    (index_dir / "CURRENT").write_text("s1-20000101T000000-1-abc\n", encoding="utf-8")
    assert not search.index_exists(index_dir)
    ingest_paths(data, [str(p) for p in first[3:]], jobs=1, progress=False)
    assert_store_whole_and_indexed(data)
    assert search.index_doc_count(index_dir) == db_counts(data)["profiles"]


def test_stdin_is_one_article(tmp_path, monkeypatch):
    text = 'Ferry fares rise\n\n"Fares will rise again," said Dr Anna Berg, an economist.\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    summary = ingest_paths(tmp_path, ["-"], jobs=1, progress=False)
    assert (summary.read, summary.new, summary.failed) == (1, 1, 0)


def test_parallel_extraction_matches_sequential_in_order(tmp_path):
    corpus = tiny_corpus(tmp_path / "corpus", 2 * CHUNK_ARTICLES + 5)
    articles = [a for a in read_articles([str(corpus)]) if isinstance(a, Article)]
    sequential = list(extract_stream(articles, 1))
    parallel = list(extract_stream(articles, 2))
    assert [e.article.source for e in parallel] == sorted(str(p) for p in corpus.iterdir())
    assert [e.to_dict() for e in parallel] == [e.to_dict() for e in sequential]


def test_an_article_that_breaks_the_extractor_fails_alone(monkeypatch):
    import directory.extract as extract

    real = extract.extract_articles

    def fragile(articles, **_):
        for article in articles:
            yield fragile_one(article)

    def fragile_one(article):
        if "BREAK" in article.text:
            raise RuntimeError("rule crashed")
        return next(real([article]))

    monkeypatch.setattr(extract, "extract_articles", fragile)
    monkeypatch.setattr(extract, "extract_article", fragile_one)
    articles = [
        Article(text="Dr Anna Berg said it was fine.", source="a.txt"),
        Article(text="BREAK here.", source="b.jsonl", id="b-2"),
        Article(text="Dr Hugo Ito said it was late.", source="c.txt"),
    ]
    results = extract_chunk(articles)
    assert [type(r).__name__ for r in results] == ["Extraction", "ExtractFailure", "Extraction"]
    assert results[1].reason == "extraction failed: RuntimeError('rule crashed')"


KILL_TEST_ARTICLES = 150


@pytest.mark.slow
def test_sigkill_mid_ingest_leaves_whole_articles_and_a_rerun_completes(tmp_path):
    corpus = tiny_corpus(tmp_path / "corpus", KILL_TEST_ARTICLES)
    data = tmp_path / "data"
    command = [sys.executable, "-m", "directory", "--data", str(data), "ingest", str(corpus)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    log = open(tmp_path / "first.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [*command, "--jobs", "2"], cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
    )
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        stored = 0
        while time.monotonic() < deadline and process.poll() is None:
            stored = _count_articles(data)
            if stored >= 10:
                break
            time.sleep(0.05)
        assert process.poll() is None, "the ingest finished before it could be killed"
        assert stored >= 10
        workers = descendants(process.pid)
        assert len(workers) >= 2, "the extraction workers were not found"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        # The workers die with their parent: none is left waiting for work that never comes.
        assert wait_gone(workers, 10) == set()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # the workers of the process we started
        log.close()
    assert process.returncode == -signal.SIGKILL
    killed_at = _count_articles(data)
    assert 10 <= killed_at < KILL_TEST_ARTICLES
    assert (data / RUNNING_MARKER).exists()
    db = store.open_db(config.db_path(data))
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    db.close()

    rerun = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.startswith(f"Ingested {KILL_TEST_ARTICLES} articles (")
    counts = f"{KILL_TEST_ARTICLES - killed_at} new, 0 duplicate, {killed_at} unchanged, 0 failed"
    assert counts in rerun.stdout
    assert _count_articles(data) == KILL_TEST_ARTICLES
    assert not (data / RUNNING_MARKER).exists()
    assert_store_whole_and_indexed(data)


def _count_articles(data: Path) -> int:
    """Articles committed so far, read the way another process would see them."""
    path = config.db_path(data)
    if not path.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # the schema is not created yet


def test_a_store_error_on_one_article_fails_it_alone_but_a_full_disk_stops(tmp_path, monkeypatch):
    from directory.errors import StoreError

    real = store.save_extraction
    cause = sqlite3.IntegrityError("UNIQUE constraint failed")

    def flaky(db, extraction):
        if "Keller" in extraction.article.text:
            raise StoreError("cannot save the article (UNIQUE constraint failed)") from cause
        return real(db, extraction)

    monkeypatch.setattr(store, "save_extraction", flaky)
    paths = [str(FIXTURES / "good" / "headline.txt"), str(FIXTURES / "good" / "entities.txt")]
    summary = ingest_paths(tmp_path, paths, jobs=1, progress=False, stderr=io.StringIO())
    assert summary.failures == [f"{paths[0]}: cannot save the article (UNIQUE constraint failed)"]
    assert (summary.new, summary.failed) == (1, 1)

    def full(db, extraction):
        raise StoreError("cannot save the article (disk full)") from sqlite3.OperationalError()

    monkeypatch.setattr(store, "save_extraction", full)
    with pytest.raises(StoreError, match="disk full"):
        ingest_paths(tmp_path / "other", paths, jobs=1, progress=False, stderr=io.StringIO())


def good_json(name: str) -> str:
    return json.dumps(
        {"text": f'"Prices will rise again," said {name}, an economist at the University of Oslo.'}
    )


def test_one_unparsable_file_never_sinks_the_run(tmp_path):
    """a-good.json, m-bigint.json (a 5,000-digit number), z-good.json: both good ones stored."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.json").write_text(good_json("Maria Lindqvist"))
    (folder / "m-bigint.json").write_text('{"text": "A story.", "n": ' + "1" * 5000 + "}")
    (folder / "z-good.json").write_text(good_json("Anders Okafor"))
    err = io.StringIO()
    summary = ingest_paths(tmp_path / "data", [folder], jobs=1, progress=False, stderr=err)
    assert (summary.new, summary.failed, summary.exit_code) == (2, 1, 1)
    assert (
        f"{folder / 'm-bigint.json'}: malformed JSON: a number too long to read" in err.getvalue()
    )
    assert not (tmp_path / "data" / RUNNING_MARKER).exists()
    names = {hit.name for hit in search.search_profiles(config.index_path(tmp_path / "data"),
                                                        "economist").hits}  # fmt: skip
    assert names == {"Maria Lindqvist", "Anders Okafor"}


def test_the_marker_is_removed_when_a_run_stops_on_an_error(tmp_path, monkeypatch):
    from directory.errors import StoreError

    paths = [str(FIXTURES / "good" / "headline.txt"), str(FIXTURES / "good" / "entities.txt")]
    real = store.save_extraction
    saved = []

    def full_after_one(db, extraction):
        if saved:
            raise StoreError("cannot save the article (disk full)") from sqlite3.OperationalError()
        saved.append(extraction)
        return real(db, extraction)

    monkeypatch.setattr(store, "save_extraction", full_after_one)
    with pytest.raises(StoreError):
        ingest_paths(tmp_path, paths, jobs=1, progress=False, stderr=io.StringIO())
    assert not (tmp_path / RUNNING_MARKER).exists()
    # The article saved before the error is in the index too: nothing is left to catch up.
    db = store.open_db(config.db_path(tmp_path))
    assert search.index_versions(config.index_path(tmp_path)) == store.list_profile_versions(db)


def test_the_marker_stays_when_the_index_cannot_follow(tmp_path, monkeypatch):
    from directory.ingest import pipeline

    def broken(db, index_dir, ids):
        raise OSError("index folder gone")

    monkeypatch.setattr(pipeline, "reindex_profiles", broken)
    paths = [str(FIXTURES / "good" / "headline.txt")]
    ingest_paths(tmp_path, paths, jobs=1, progress=False, stderr=io.StringIO())
    assert (tmp_path / RUNNING_MARKER).exists()  # the next ingest syncs the index first
