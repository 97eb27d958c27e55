"""The store and the index of the running app: one read-only connection per thread (flaskr's
`get_db`), and the index folder beside it."""

from __future__ import annotations

import threading
from pathlib import Path

from flask import current_app, g

from directory import config, store
from directory.errors import StoreError


def data_dir() -> Path:
    """The data folder of the running app."""
    return Path(current_app.config["DATA_DIR"])


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
            cached[key] = store.open_db(path, read_only=True)
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
