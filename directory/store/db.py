"""Opening the store: WAL, foreign keys, a busy timeout, and the schema brought up to date."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from directory.errors import StoreError

from .migrations import pending_migrations, run_migrations

BUSY_TIMEOUT_MS = 10_000


def open_db(
    path: str | Path, *, read_only: bool = False, immutable: bool = False
) -> sqlite_utils.Database:
    """Open the store (WAL, foreign keys, busy timeout) and bring its schema up to date.

    `read_only` opens with a `mode=ro` URI for web workers and never migrates; a store in a
    folder nobody can write is opened as immutable. `immutable` (read-only too) is for a
    published snapshot, which never changes: no lock, no -wal or -shm file is ever looked for.
    """
    path = Path(path)
    try:
        if read_only or immutable:
            if not path.exists():
                raise StoreError(f"{path}: no database here yet (run `directory ingest` first)")
            try:
                db = _open_read_only(path, immutable=immutable)
            except sqlite3.OperationalError:
                if immutable or not _unwritable(path):
                    raise
                db = _open_read_only(path, immutable=True)
            if pending_migrations(db):
                raise StoreError(f"{path}: database needs migrating; open it read-write once")
            return db
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(path)
        db.enable_wal()
        _configure(db)
        db.execute("PRAGMA synchronous = NORMAL")
        run_migrations(db)
        return db
    except (sqlite3.Error, OSError) as error:
        raise StoreError(f"{path}: cannot open the store ({error})") from error


def _open_read_only(path: Path, *, immutable: bool) -> sqlite_utils.Database:
    """A read-only connection, its first read done (that is when a WAL store needs its -shm)."""
    mode = "immutable=1" if immutable else "mode=ro"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)
    db = sqlite_utils.Database(conn)
    try:
        _configure(db)
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return db


def _unwritable(path: Path) -> bool:
    """True when no writer can change the store: its folder cannot be written (a read-only mount
    or permissions) and no write-ahead log holds changes not yet in the file.

    A WAL store closed cleanly leaves no -wal or -shm file, and a `mode=ro` reader must create
    the -shm it lacks, which such a folder refuses; opened immutable it reads the file alone,
    which is then the whole store.
    """
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return False
    return not os.access(path.parent, os.W_OK)


def _configure(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
