"""Opening the store: WAL, foreign keys, a busy timeout, and the schema brought up to date."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from directory.errors import StoreError

from .migrations import pending_migrations, run_migrations

BUSY_TIMEOUT_MS = 10_000


def open_db(path: str | Path, *, read_only: bool = False) -> sqlite_utils.Database:
    """Open the store (WAL, foreign keys, busy timeout) and bring its schema up to date.

    `read_only` opens with a `mode=ro` URI for web workers and never migrates.
    """
    path = Path(path)
    try:
        if read_only:
            if not path.exists():
                raise StoreError(f"{path}: no database here yet (run `directory ingest` first)")
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            db = sqlite_utils.Database(conn)
            _configure(db)
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


def _configure(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
