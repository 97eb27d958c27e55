"""The Flask web application: factory, database on `g`, error pages and security headers."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from flask import Flask, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from directory import config
from directory.errors import NotFound, QueryError, StoreError

from .urls import CachedUrlFlask

log = logging.getLogger(__name__)

TEMPLATES = config.PROJECT_ROOT / "templates"
STATIC = Path(__file__).resolve().parent.parent / "static"

# No inline script anywhere: scripts and styles come only from /static on this origin.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Paths answered with JSON errors rather than HTML pages.
JSON_SUFFIXES = (".json", ".jsonld")


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: config defaults, then DIRECTORY_* env, then `test_config`."""
    app = CachedUrlFlask(
        __name__,
        template_folder=str(TEMPLATES),
        static_folder=str(STATIC),
        static_url_path="/static",
    )
    app.config.from_mapping(config.from_env())
    # Static files are cached for a year; their URLs carry a version that changes with the file.
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 365 * 24 * 3600
    if test_config:
        app.config.from_mapping(test_config)
    app.json.sort_keys = False
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    from directory.limits import init_limits

    from . import pages, routes_api
    from .filters import FILTERS

    init_limits(app)
    app.jinja_env.filters.update(FILTERS)

    app.register_blueprint(pages.bp)
    app.register_blueprint(routes_api.bp)
    app.url_defaults(version_static_urls)
    app.teardown_appcontext(close_db)
    app.after_request(add_security_headers)
    register_error_handlers(app)
    return app


def version_static_urls(endpoint: str, values: dict) -> None:
    """Add `v=<mtime>` to static URLs so a changed file gets a new URL past long caches."""
    if endpoint != "static" or "v" in values or "filename" not in values:
        return
    path = STATIC / values["filename"]
    try:
        values["v"] = int(path.stat().st_mtime)
    except OSError:
        return


def data_dir() -> Path:
    """The data folder of the running app."""
    from flask import current_app

    return Path(current_app.config["DATA_DIR"])


# Each worker thread keeps its read-only connection between requests: opening one and checking
# its migrations cost about a third of a typical request. WAL readers see every committed write.
_connections = threading.local()


def get_db():
    """The request's read-only store connection, reused by the thread (flaskr's get_db)."""
    if "db" not in g:
        from directory import store

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


def add_security_headers(response):
    """Set the CSP and the other security headers on every response."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def wants_json() -> bool:
    """True for API and .json/.jsonld paths, whose errors are JSON."""
    path = request.path
    return path.startswith("/api/") or path.endswith(JSON_SUFFIXES)


def error_response(status: int, title: str, message: str):
    """An error as JSON for API paths, else as a rendered page."""
    if wants_json():
        return jsonify({"error": message, "status": status}), status
    return render_template("error.html", status=status, title=title, message=message), status


def register_error_handlers(app: Flask) -> None:
    """Turn library errors and HTTP errors into pages (or JSON), never a traceback."""

    @app.errorhandler(NotFound)
    def not_found(error):
        return error_response(404, "Not found", str(error) or "Nothing here.")

    @app.errorhandler(QueryError)
    def bad_query(error):
        return error_response(400, "Cannot search for that", str(error))

    @app.errorhandler(StoreError)
    def no_store(error):
        log.warning("store unavailable: %s", error)
        return error_response(503, "The directory is not ready", str(error))

    @app.errorhandler(HTTPException)
    def http_error(error):
        return error_response(error.code or 500, error.name, error.description or error.name)

    @app.errorhandler(Exception)
    def unexpected(error):
        log.exception("unhandled error on %s", request.path)
        return error_response(500, "Something went wrong", "The error has been logged.")
