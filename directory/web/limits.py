"""Request limits and API rate limiting, shared by every web worker through one SQLite file."""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits.storage import Storage
from werkzeug.exceptions import BadRequest

from directory import config

log = logging.getLogger(__name__)

# The `limits` package ships memory, redis, memcached and mongodb storages. memory:// is private to
# one gunicorn worker (N workers would allow N times the limit) and the others need a server this
# project does not run, so counters live in a small SQLite file that every worker opens.
STORAGE_SCHEME = "sqlite"
# Expired counters are swept once every this many increments, so the file stays small.
SWEEP_EVERY = 1000
# Any one query-string value longer than this is rejected (facet values, slugs, ids are short).
MAX_PARAM_LENGTH = 1000
MAX_PARAMS = 50
INTEGER_PARAMS = ("page", "limit")
API_SUFFIXES = (".json", ".jsonld", ".vcf")
# Searches cost the most per request (the index, facets, highlights; the CSV runs up to ten
# searches and reads up to a thousand records), so each has a budget of its own per address.
SEARCH_LIMITS = {"site.search": "RATELIMIT_SEARCH", "site.search_csv": "RATELIMIT_CSV"}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS counters (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL,
    expires REAL NOT NULL
)
"""

_INCR = """
INSERT INTO counters (key, value, expires) VALUES (:key, :amount, :expires)
ON CONFLICT (key) DO UPDATE SET
    value = CASE WHEN counters.expires <= :now THEN :amount ELSE counters.value + :amount END,
    expires = CASE WHEN counters.expires <= :now THEN :expires ELSE counters.expires END
RETURNING value
"""


class SQLiteStorage(Storage):
    """A `limits` storage for fixed-window counters in one SQLite file (`sqlite:///path`)."""

    STORAGE_SCHEME = [STORAGE_SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        path = unquote(urlparse(uri or "").path)
        if not path:
            raise ValueError(f"{uri!r}: give a file, as sqlite:///path/to/ratelimit.db")
        self.path = Path(path)
        self._local = threading.local()
        self._increments = 0

    @property
    def base_exceptions(self):
        """Errors that mean the storage, not the request, failed."""
        return sqlite3.Error

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection; a forked worker opens its own, never the parent's."""
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            connection = sqlite3.connect(self.path, timeout=5, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            # Counters are disposable: losing the last second of them in a power cut is harmless.
            connection.execute("PRAGMA synchronous=OFF")
            connection.execute(_SCHEMA)
            local.connection, local.pid = connection, os.getpid()
        return local.connection

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Add `amount` to the count of `key`, starting a new `expiry`-second window if lapsed."""
        now = time.time()
        connection = self._connection()
        row = connection.execute(
            _INCR, {"key": key, "amount": amount, "expires": now + expiry, "now": now}
        ).fetchone()
        self._increments += 1
        if self._increments % SWEEP_EVERY == 0:
            connection.execute("DELETE FROM counters WHERE expires <= ?", (now,))
        return int(row[0])

    def get(self, key: str) -> int:
        """The current count of `key` (0 once its window lapsed)."""
        row = (
            self._connection()
            .execute("SELECT value FROM counters WHERE key = ? AND expires > ?", (key, time.time()))
            .fetchone()
        )
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        """When the window of `key` ends, as a Unix time."""
        row = (
            self._connection()
            .execute("SELECT expires FROM counters WHERE key = ?", (key,))
            .fetchone()
        )
        return float(row[0]) if row else time.time()

    def check(self) -> bool:
        """Whether the file can be read."""
        try:
            self._connection().execute("SELECT 1").fetchone()
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        """Forget every counter; returns how many there were."""
        return self._connection().execute("DELETE FROM counters").rowcount

    def clear(self, key: str) -> None:
        """Forget the counter of `key`."""
        self._connection().execute("DELETE FROM counters WHERE key = ?", (key,))


def default_storage_uri(data_dir: str | os.PathLike) -> str:
    """A counter file outside the data folder (which may be read-only), one per data folder."""
    tag = hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:16]
    user = getattr(os, "getuid", lambda: "user")()
    folder = Path(tempfile.gettempdir()) / f"directory-ratelimit-{user}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return f"{STORAGE_SCHEME}:///{folder / tag}.db"


def is_api_request() -> bool:
    """True for the JSON API and the machine-readable record exports, which are rate limited."""
    path = request.path
    return path.startswith("/api/") or path.endswith(API_SUFFIXES)


def search_limit() -> str:
    """The rate limit of the search endpoint being requested (a `limits` string)."""
    name = SEARCH_LIMITS.get(request.endpoint or "", "RATELIMIT_SEARCH")
    return current_app.config.get(name) or config.DEFAULTS[name]


def is_search_request() -> bool:
    """True for the search page and its CSV download, which are rate limited."""
    return request.endpoint in SEARCH_LIMITS


def check_parameters() -> None:
    """Reject malformed or oversized query parameters with 400 before any view runs."""
    args = request.args
    if len(args) > MAX_PARAMS:
        raise BadRequest(f"Too many parameters (at most {MAX_PARAMS}).")
    for name, value in args.items(multi=True):
        if len(value) > MAX_PARAM_LENGTH or len(name) > MAX_PARAM_LENGTH:
            raise BadRequest(f"The parameter {name[:40]!r} is too long.")
        if "\x00" in value or "\x00" in name:
            raise BadRequest(f"The parameter {name[:40]!r} holds a NUL character.")
    # Ranges are the views' business (they clamp); a value that is not a number at all is not.
    for name in INTEGER_PARAMS:
        raw = args.get(name)
        if raw and not _is_positive_int(raw):
            raise BadRequest(f"{name} must be a whole number from 1 up, not {raw[:40]!r}.")


def _is_positive_int(raw: str) -> bool:
    """A plain ASCII decimal of at most 9 digits, 1 or more."""
    text = raw.strip()
    return text.isascii() and text.isdigit() and len(text) <= 9 and int(text) >= 1


def init_limits(app: Flask) -> Limiter:
    """Install the body-size cap, the parameter checks and the API and search rate limits."""
    conf = app.config
    if not conf.get("MAX_CONTENT_LENGTH"):
        # Flask's own default is None (no cap); nothing this site accepts needs a large body.
        conf["MAX_CONTENT_LENGTH"] = 64 * 1024
    if not conf.get("RATELIMIT_STORAGE_URI"):
        conf["RATELIMIT_STORAGE_URI"] = default_storage_uri(conf.get("DATA_DIR", "data"))
    # A broken counter file must not take the site down: log it and let the request through.
    conf.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    conf.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    conf.setdefault("RATELIMIT_KEY_PREFIX", "directory")
    app.before_request(check_parameters)
    limiter = Limiter(
        get_remote_address,
        # One budget per client across every API route, not one per route.
        application_limits=[lambda: app.config.get("RATELIMIT_API", "600 per minute")],
        application_limits_exempt_when=lambda: not is_api_request(),
        # Per route (each its own counter), only on the search endpoints.
        default_limits=[search_limit],
        default_limits_exempt_when=lambda: not is_search_request(),
        strategy="fixed-window",
    )
    limiter.init_app(app)
    app.extensions["directory_limiter"] = limiter
    return limiter
