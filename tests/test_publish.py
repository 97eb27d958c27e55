"""`directory publish`: consistent read-only snapshots, and serving them without a restart.

The stores are built from the hand-made extractions of storekit, so no model is loaded."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from storekit import sabato_clinton, sabato_cruz, smith_economist, smith_farmer, table_rows

from directory import config, search, store
from directory.cli import cli
from directory.errors import InputError, StoreError
from directory.publish import (
    CHECKSUMS,
    MANIFEST,
    TEMP_PREFIX,
    publish,
    read_manifest,
    verify_snapshot,
)

ROOT = Path(__file__).resolve().parent.parent


def save(data: Path, *extractions, index: bool = True) -> None:
    """Save extractions into the store of `data`; index the profiles they touch unless told not."""
    db = store.open_db(config.db_path(data))
    try:
        touched = []
        for extraction in extractions:
            touched += store.save_extraction(db, extraction).person_ids
        if index:
            search.reindex_profiles(db, config.index_path(data), touched)
    finally:
        db.close()


def rows(path: Path, **options) -> dict:
    db = store.open_db(path, **options)
    try:
        return table_rows(db)
    finally:
        db.close()


def live(dest: Path) -> Path:
    snapshot = config.published_snapshot(dest)
    assert snapshot is not None
    return snapshot


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    save(folder, sabato_cruz(), smith_economist())
    return folder


def test_a_snapshot_is_the_store_its_index_and_a_manifest(data, tmp_path):
    dest = tmp_path / "site"
    published = publish(data, dest)
    snapshot = live(dest)
    assert published.folder == snapshot
    assert sorted(p.name for p in snapshot.iterdir()) == [
        CHECKSUMS,
        "directory.db",
        "index",
        MANIFEST,
    ]
    assert rows(config.db_path(snapshot), immutable=True) == rows(
        config.db_path(data), read_only=True
    )
    # No write-ahead log: a reader needs the file alone, and every file is read-only.
    with sqlite3.connect(f"{config.db_path(snapshot).as_uri()}?immutable=1", uri=True) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert all(p.stat().st_mode & 0o222 == 0 for p in snapshot.rglob("*") if p.is_file())
    manifest = read_manifest(snapshot)
    db = store.open_db(config.db_path(data), read_only=True)
    assert manifest["counts"] == {**store.stats(db), "indexed": 2}
    db.close()
    assert manifest["snapshot"] == snapshot.name
    assert manifest["index_version"] == (snapshot / "index" / "CURRENT").read_text().strip()
    assert set(manifest["files"]) >= {"directory.db", "index/CURRENT"}
    assert verify_snapshot(snapshot) == []
    # SHA256SUMS is what `sha256sum -c` checks on a web node after copying.
    checked = subprocess.run(
        ["sha256sum", "--quiet", "-c", CHECKSUMS], cwd=snapshot, capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert published.format().startswith(f"Published {snapshot.name} to {dest}: 2 people, ")


def test_editors_accounts_stay_on_the_writer(data, tmp_path):
    db = store.open_db(config.db_path(data))
    store.add_user(db, "alice", "correct horse battery")
    digest = db.execute("SELECT password_hash FROM users").fetchone()[0]
    db.close()
    publish(data, tmp_path / "site")
    snapshot = live(tmp_path / "site")
    copied = sqlite3.connect(f"{config.db_path(snapshot).as_uri()}?immutable=1", uri=True)
    assert copied.execute("SELECT count(*) FROM users").fetchone() == (0,)
    copied.close()
    assert digest.encode() not in config.db_path(snapshot).read_bytes()


def test_a_damaged_file_fails_verification(data, tmp_path):
    snapshot = publish(data, tmp_path / "site").folder
    target = config.db_path(snapshot)
    target.chmod(0o644)
    with open(target, "r+b") as handle:
        handle.seek(200)
        handle.write(b"\xff")
    assert verify_snapshot(snapshot) == ["directory.db"]


def test_the_snapshot_index_agrees_with_the_snapshot_store_even_when_the_live_index_lags(
    data, tmp_path
):
    # Saved but not yet indexed, as between an ingest's index batches.
    save(data, sabato_clinton(), smith_farmer(), index=False)
    live_index = config.index_path(data)
    db = store.open_db(config.db_path(data), read_only=True)
    assert search.index_versions(live_index) != store.list_profile_versions(db)
    db.close()
    snapshot = publish(data, tmp_path / "site").folder
    db = store.open_db(config.db_path(snapshot), immutable=True)
    try:
        versions = store.list_profile_versions(db)
        assert search.index_versions(config.index_path(snapshot)) == versions
        assert len(versions) == 4
    finally:
        db.close()


def test_a_store_without_an_index_gets_one_in_its_snapshot(tmp_path):
    data = tmp_path / "data"
    save(data, sabato_cruz(), index=False)
    snapshot = publish(data, tmp_path / "site").folder
    assert read_manifest(snapshot)["counts"]["indexed"] == 1
    assert not search.index_exists(config.index_path(data))  # the live folder is not touched


def test_publishing_again_swaps_the_pointer_and_keeps_the_newest(data, tmp_path):
    dest = tmp_path / "site"
    first = publish(data, dest, keep=2).folder
    save(data, sabato_clinton())
    second = publish(data, dest, keep=2).folder
    assert live(dest) == second != first
    third = publish(data, dest, keep=2)
    assert third.removed == 1
    assert sorted(p.name for p in dest.iterdir() if p.is_dir()) == sorted(
        [second.name, third.folder.name]
    )
    assert live(dest) == third.folder


def test_what_a_killed_publish_left_is_removed_and_never_served(data, tmp_path):
    dest = tmp_path / "site"
    first = publish(data, dest).folder
    half = dest / f"{TEMP_PREFIX}snap-20000101T000000Z-abcdef"
    (half / "index").mkdir(parents=True)
    (half / "directory.db").write_bytes(b"half a copy")
    assert live(dest) == first
    publish(data, dest)
    assert not half.exists()


@pytest.mark.parametrize("where", ["data", "inside", "foreign", "file"])
def test_a_destination_publish_did_not_make_is_refused(data, tmp_path, where):
    dest = {
        "data": data,
        "inside": data / "site",
        "foreign": tmp_path / "other",
        "file": tmp_path / "a-file",
    }[where]
    if where == "foreign":
        dest.mkdir()
        (dest / "notes.txt").write_text("mine")
    if where == "file":
        dest.write_text("mine")
    with pytest.raises(InputError):
        publish(data, dest)


def test_a_published_folder_is_read_by_search_and_export_and_refused_to_writers(data, tmp_path):
    dest = tmp_path / "site"
    publish(data, dest)
    before = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*"))
    runner = CliRunner()
    found = runner.invoke(cli, ["--data", str(dest), "search", "--json", "--all-kinds", "Sabato"])
    assert found.exit_code == 0, found.output
    assert [hit["name"] for hit in json.loads(found.output)["results"]] == ["Larry Sabato"]
    exported = runner.invoke(cli, ["--data", str(dest), "export", "--all"])
    assert exported.exit_code == 0, exported.output
    assert len(exported.output.splitlines()) == 2
    for command in (["ingest", str(tmp_path)], ["index"], ["hide", "larry-sabato"]):
        refused = runner.invoke(cli, ["--data", str(dest), *command])
        assert refused.exit_code == 1, refused.output
        assert "holds published snapshots, which never change" in refused.output
    # Reading opened the snapshot immutable: not even a -shm or -wal file appeared.
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*")) == before


def test_a_pointer_that_names_no_snapshot_is_a_clear_error(tmp_path):
    dest = tmp_path / "site"
    dest.mkdir()
    (dest / config.SNAPSHOT_POINTER).write_text("../elsewhere\n")
    with pytest.raises(StoreError, match="does not name a snapshot"):
        config.published_snapshot(dest)


def test_a_request_under_way_finishes_on_its_snapshot_and_the_next_sees_the_new_one(data, tmp_path):
    from directory.web import create_app
    from directory.web.db import get_db, get_index_dir

    dest = tmp_path / "site"
    first = publish(data, dest).folder
    app = create_app({"TESTING": True, "DATA_DIR": str(dest), "RATELIMIT_ENABLED": False})
    client = app.test_client()
    assert client.get("/api/search?q=Sabato&all=1").get_json()["total"] == 1
    with app.test_request_context("/"):
        db = get_db()  # a request under way when the next snapshot goes live
        save(data, sabato_clinton())
        second = publish(data, dest).folder
        assert get_index_dir() == config.index_path(first)
        assert db.execute("SELECT count(*) FROM profiles").fetchone() == (2,)
    assert get_answer(client, "/api/search?q=Sabato&all=1")["total"] == 2
    with app.test_request_context("/"):
        assert get_index_dir() == config.index_path(second)


def get_answer(client, url: str) -> dict:
    answer = client.get(url)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return answer.get_json()


def test_serve_answers_from_a_snapshot_and_follows_a_new_one_without_a_restart(data, tmp_path):
    dest = tmp_path / "site"
    publish(data, dest)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "directory", "--data", str(dest), "serve", "--port", str(port)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(tmp_path / "serve.log", "wb") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        url = f"http://127.0.0.1:{port}/api/search?q=Sabato&all=1"
        assert fetch(url, server)["total"] == 1
        save(data, sabato_clinton())
        publish(data, dest)
        assert fetch(url, server)["total"] == 2
    finally:
        server.terminate()
        server.wait(timeout=30)


def fetch(url: str, server: subprocess.Popen, seconds: float = 60) -> dict:
    """The JSON at `url`, waiting for the server to start."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                return json.loads(answer.read())
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)
