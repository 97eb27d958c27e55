"""Faults: SIGKILL in the middle of ingests, a full disk and a read-only data folder.

The kill loop forks a child from this (already warmed) process for each round, so no round pays
for loading spaCy; the child ingests a batch of tiny articles and is killed at a random moment.
After every kill the store must pass SQLite's integrity and foreign-key checks, and the index must
equal the database once the catch-up that the next ingest runs has run.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from directory import config, search, store
from directory.cli import cli
from directory.ingest import pipeline

KILL_ROUNDS = int(os.environ.get("DIRECTORY_KILL_ROUNDS", "20"))
ARTICLES_PER_ROUND = 24

EXPERTS = [
    ("Halima Osei", "professor of hydrology", "University of Tamale"),
    ("Pavel Sokolov", "senior fellow", "Baltic Energy Institute"),
    ("Lucia Ferrante", "economist", "Centre for Port Studies"),
    ("Ravi Menon", "epidemiologist", "Kerala Public Health Foundation"),
    ("Ingrid Aalto", "associate professor of law", "University of Turku"),
]


def tiny_article(number: int) -> str:
    """A short article (headline first) quoting one expert; `number` keeps each one distinct."""
    name, role, org = EXPERTS[number % len(EXPERTS)]
    return (
        f"River levels report number {number}\n"
        f'"The river rose {number % 7 + 2} metres in a week," said {name}, a {role} at the '
        f"{org}. {name.split()[-1]} said the warning came {number} hours too late.\n"
    )


def write_batch(folder: Path, numbers) -> Path:
    """Write one .txt file per article number into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in numbers:
        (folder / f"a{number:05d}.txt").write_text(tiny_article(number), encoding="utf-8")
    return folder


def check_store(data: Path) -> dict:
    """SQLite's integrity and foreign-key checks plus our own orphan checks; returns counts."""
    conn = sqlite3.connect(f"{config.db_path(data).resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # A quote's article is its appearance's article.
        mismatched = conn.execute(
            "SELECT COUNT(*) FROM quotes q JOIN appearances a ON a.id = q.appearance_id "
            "WHERE a.article_id != q.article_id"
        ).fetchone()[0]
        assert mismatched == 0
        # Every stored article kept its extraction (saved in the same transaction).
        assert conn.execute(
            "SELECT COUNT(*) FROM articles WHERE duplicate_of IS NULL AND extraction IS NULL"
        ).fetchone() == (0,)
        counts = {
            table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("articles", "profiles", "appearances", "quotes")
        }
        counts["duplicates"] = conn.execute(
            "SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL"
        ).fetchone()[0]
        return counts
    finally:
        conn.close()


def check_index_equals_store(data: Path) -> int:
    """Run the catch-up an interrupted ingest triggers, then compare index and store versions.

    Returns how many profiles the catch-up had to (re)index or drop.
    """
    db = store.open_db(config.db_path(data))
    try:
        index_dir = config.index_path(data)
        # The index must stay readable whatever moment the kill hit.
        search.index_versions(index_dir)
        repaired = sum(search.sync_index(db, index_dir))
        assert search.index_versions(index_dir) == store.list_profile_versions(db)
        return repaired
    finally:
        db.close()


def _ingest_child(data: str, batch: str) -> None:
    # A new `directory ingest` process starts with a fresh random seed; a forked child would
    # inherit ours, and Whoosh names its segments with `random`.
    random.seed()
    # Small index batches, so kills also land inside Whoosh commits, not only SQLite writes.
    pipeline.INDEX_BATCH_ARTICLES = 3
    pipeline.ingest_paths(data, [batch], jobs=1, progress=False, stderr=open(os.devnull, "w"))  # noqa: SIM115


def run_ingest_child(data: Path, batch: Path) -> multiprocessing.Process:
    """Start an ingest in a forked child of this warmed process."""
    child = multiprocessing.get_context("fork").Process(
        target=_ingest_child, args=(str(data), str(batch))
    )
    child.start()
    return child


@pytest.fixture(scope="module")
def warmed():
    """Load the spaCy model once, so every forked child starts warm."""
    from directory.extract.nlp import load_nlp

    load_nlp()


def test_sigkill_during_ingest_leaves_a_consistent_store(tmp_path, warmed):
    data = tmp_path / "data"
    rng = random.Random(8)
    # An unkilled round first: it measures how long a round takes, and kills aim inside it.
    started = time.monotonic()
    child = run_ingest_child(data, write_batch(tmp_path / "b0", range(ARTICLES_PER_ROUND)))
    child.join(120)
    full_round = time.monotonic() - started
    assert child.exitcode == 0
    baseline = check_store(data)
    assert baseline["articles"] == ARTICLES_PER_ROUND
    assert baseline["duplicates"] == 0
    check_index_equals_store(data)

    killed_mid_run, next_number = 0, ARTICLES_PER_ROUND
    added, repaired = [], []
    for round_number in range(1, KILL_ROUNDS + 1):
        # Each round re-sends three stored articles (duplicates) and adds new ones.
        numbers = [*rng.sample(range(next_number), 3)]
        numbers += range(next_number, next_number + ARTICLES_PER_ROUND)
        next_number += ARTICLES_PER_ROUND
        batch = write_batch(tmp_path / f"b{round_number}", numbers)
        before = check_store(data)
        child = run_ingest_child(data, batch)
        time.sleep(rng.uniform(0.02, full_round))
        if child.is_alive():
            os.kill(child.pid, signal.SIGKILL)
        child.join(30)
        killed_mid_run += child.exitcode == -signal.SIGKILL
        after = check_store(data)
        # Nothing already stored is lost; at most this round's new articles were added.
        assert before["articles"] <= after["articles"] <= before["articles"] + len(numbers)
        added.append(after["articles"] - before["articles"])
        repaired.append(check_index_equals_store(data))
    # The kills must mostly land while the ingest runs, or the loop proves little.
    assert killed_mid_run >= KILL_ROUNDS * 3 // 4, (
        f"only {killed_mid_run} kills hit a running ingest"
    )
    # Kills landed at different points: some rounds stored part of their batch, and some left
    # the index behind the store for the catch-up to repair.
    assert any(0 < n < ARTICLES_PER_ROUND for n in added), added
    assert any(repaired), repaired
    print(
        f"\n{KILL_ROUNDS} rounds ({full_round:.2f} s each unkilled), {killed_mid_run} killed "
        f"mid-ingest; articles stored per killed round {added}; profiles the catch-up "
        f"re-indexed {repaired}"
    )


# --- full disk and read-only data folder -------------------------------------------------------


def _mount_tmpfs(target: Path, size: str) -> bool:
    """Mount a small tmpfs at `target` (needs root); False when this machine does not allow it."""
    target.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target)], capture_output=True
    )
    return done.returncode == 0


def _umount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], capture_output=True)


@pytest.fixture
def small_disk(tmp_path):
    """An 8 MB tmpfs data folder, unmounted afterwards."""
    mount = tmp_path / "disk"
    if not _mount_tmpfs(mount, "8m"):
        pytest.skip("cannot mount a tmpfs here (needs root and mount): full-disk test not run")
    yield mount
    _umount(mount)


def ingest_cli(data: Path, *paths: Path):
    """`directory ingest` in-process (the model is already loaded)."""
    return CliRunner().invoke(
        cli, ["--data", str(data), "ingest", "--jobs", "1", *map(str, paths)], catch_exceptions=True
    )


def _fill(folder: Path, leave_bytes: int) -> Path:
    """Fill the filesystem of `folder` until about `leave_bytes` remain free."""
    filler = folder / "filler.bin"
    free = shutil.disk_usage(folder).free - leave_bytes
    with open(filler, "wb") as out:
        chunk = b"\0" * 65536
        while free > 0:
            out.write(chunk[: min(len(chunk), free)])
            free -= len(chunk)
    return filler


def test_full_disk_gives_a_clear_error_and_loses_nothing(tmp_path, small_disk, warmed):
    data = small_disk / "data"
    first = ingest_cli(data, write_batch(tmp_path / "first", range(5)))
    assert first.exit_code == 0, first.output
    before = check_store(data)
    filler = _fill(small_disk, leave_bytes=8 * 1024)
    # Long articles, so the store has to grow past what is left.
    big = tmp_path / "big"
    big.mkdir()
    for number in range(20):
        body = " ".join(tiny_article(1000 + number).splitlines()[1:]) * 10
        (big / f"big{number}.txt").write_text(f"Long report {number}\n{body}\n", encoding="utf-8")
    result = ingest_cli(data, big)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "Error:" in result.output
    assert "full" in result.output.lower() or "space" in result.output.lower()
    filler.unlink()
    after = check_store(data)
    assert after["articles"] >= before["articles"]
    # Everything stored before the disk filled is still there and readable.
    db = store.open_db(config.db_path(data), read_only=True)
    try:
        for number in range(5):
            titles = [row["title"] for row in db.query("SELECT title FROM articles")]
            assert f"River levels report number {number}" in titles
    finally:
        db.close()
    # With room again, an ingest completes and the index catches up with the store.
    again = ingest_cli(data, big)
    assert again.exit_code == 0, again.output
    check_store(data)
    check_index_equals_store(data)


def test_read_only_data_folder_gives_a_clear_error_and_still_serves(tmp_path, small_disk, warmed):
    data = small_disk / "data"
    first = ingest_cli(data, write_batch(tmp_path / "first", range(3)))
    assert first.exit_code == 0, first.output
    before = check_store(data)
    remount = subprocess.run(
        ["mount", "-o", "remount,ro", str(small_disk)], capture_output=True, text=True
    )
    assert remount.returncode == 0, remount.stderr
    result = ingest_cli(data, write_batch(tmp_path / "more", range(3, 6)))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "Error:" in result.output
    assert "read-only" in result.output.lower() or "readonly" in result.output.lower()
    # The site keeps answering from the read-only folder, and `serve` accepts it as it is.
    from directory.web import create_app
    from directory.web.serving import prepare_store

    prepare_store(data)

    client = create_app({"TESTING": True, "DATA_DIR": str(data)}).test_client()
    assert client.get("/healthz").status_code == 200
    found = client.get("/api/search?q=hydrology")
    assert found.status_code == 200, found.get_data(as_text=True)
    assert found.get_json()["results"][0]["name"] == "Halima Osei"
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], capture_output=True)
    assert check_store(data) == before


def test_a_cleanly_closed_store_in_a_read_only_folder_serves_searches_and_exports(
    tmp_path, small_disk, warmed
):
    data = small_disk / "data"
    first = ingest_cli(data, write_batch(tmp_path / "first", range(3)))
    assert first.exit_code == 0, first.output
    before = check_store(data)
    # Closed cleanly: the last writer folds the log into the file and removes it (a read-only
    # connection, such as check_store's, leaves its -wal and -shm behind).
    store.open_db(config.db_path(data)).close()
    assert sorted(p.name for p in data.iterdir()) == ["directory.db", "index"]
    remount = subprocess.run(
        ["mount", "-o", "remount,ro", str(small_disk)], capture_output=True, text=True
    )
    assert remount.returncode == 0, remount.stderr
    try:
        # Each in a new process, so no connection of this one keeps the store open.
        env = {**os.environ, "PYTHONPATH": str(config.PROJECT_ROOT)}

        def run(*args: str) -> subprocess.CompletedProcess:
            command = [sys.executable, "-m", "directory", "--data", str(data), *args]
            return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)

        found = run("search", "--json", "hydrology")
        assert found.returncode == 0, found.stderr
        assert json.loads(found.stdout)["results"][0]["name"] == "Halima Osei"
        exported = run("export", "--all")
        assert exported.returncode == 0, exported.stderr
        assert len(exported.stdout.splitlines()) == before["profiles"]
        served = subprocess.run(
            [sys.executable, "-c", SERVE_READ_ONLY, str(data)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert served.returncode == 0, served.stderr
        assert served.stdout.split() == ["200", "Halima", "Osei"]
        assert sorted(p.name for p in data.iterdir()) == ["directory.db", "index"]
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], capture_output=True)
    assert check_store(data) == before


# What `directory serve` does before its workers start, then one search through the app.
SERVE_READ_ONLY = """
import sys
from pathlib import Path
from directory.web import create_app
from directory.web.serving import prepare_index, prepare_store
data = Path(sys.argv[1])
prepare_store(data)
prepare_index(data)
client = create_app({"TESTING": True, "DATA_DIR": str(data)}).test_client()
answer = client.get("/api/search?q=hydrology")
print(answer.status_code, answer.get_json()["results"][0]["name"])
"""
