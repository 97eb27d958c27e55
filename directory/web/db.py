"""The store and the index of the running app: one read-only connection per thread (flaskr's
`get_db`), and the index folder beside it. When the data folder is one `directory publish`
writes, each request reads which snapshot is live, so a new one is served without a restart."""

from __future__ import annotations

import threading
from pathlib import Path

from flask import current_app, g

from directory import config, store
from directory.errors import StoreError


def data_dir() -> Path:
    """The request's data folder: the app's, or the snapshot live when the request began."""
    if "data_dir" not in g:
        configured = Path(current_app.config["DATA_DIR"])
        snapshot = live_snapshot(configured)
        g.data_dir, g.snapshot = (snapshot, True) if snapshot else (configured, False)
    return g.data_dir


# The live snapshot of each folder `directory publish` writes, under the pointer file's inode and
# mtime: a publish replaces the file, so a stat (a few microseconds) tells whether to read it again.
_live: dict[Path, tuple[tuple[int, int], Path]] = {}


def live_snapshot(folder: Path) -> Path | None:
    """The snapshot live in `folder` now, or None when it is a plain data folder."""
    try:
        stat = (folder / config.SNAPSHOT_POINTER).stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    known = _live.get(folder)
    if known is not None and known[0] == (stat.st_ino, stat.st_mtime_ns):
        return known[1]
    snapshot = config.published_snapshot(folder)
    if snapshot is not None:
        _live[folder] = ((stat.st_ino, stat.st_mtime_ns), snapshot)
    return snapshot


# Each worker thread keeps its read-only connection between requests: opening one and checking
# its migrations cost about a third of a typical request. WAL readers see every committed write.
_connections = threading.local()


def get_db():
    """The request's read-only store connection, reused by the thread (flaskr's get_db)."""
    if "db" not in g:
        path = config.db_path(data_dir())
        if not path.exists():
            raise StoreError(f"no directory at {data_dir()}: run `directory ingest PATH` first")
        cached = getattr(_connections, "by_path", None)
        if cached is None:
            cached = _connections.by_path = {}
        key = (str(path), path.stat().st_ino)
        if key not in cached:
            # A new snapshot, or a store replaced: this thread's other connections are done
            # (a thread serves one request at a time), so they close rather than pile up.
            for old in list(cached):
                cached.pop(old).close()
            cached[key] = store.open_db(path, read_only=True, immutable=g.snapshot)
        g.db = cached[key]
    return g.db


def get_index_dir() -> Path:
    """The Whoosh index folder of the running app."""
    return config.index_path(data_dir())


def close_db(_error=None) -> None:
    """Release the request's store connection; it stays open for the thread's next request."""
    db = g.pop("db", None)
    if db is not None and db.conn.in_transaction:
        db.conn.rollback()
