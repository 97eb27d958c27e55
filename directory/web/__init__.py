"""The Flask web application: the factory, error pages and security headers.

The package: `db` (the store connection on `g`, the index folder), `pages` (HTML routes and
downloads), `api` (`/api/...`), `payloads` (request arguments and the data both show), `present`
(pure helpers for templates), `filters` (Jinja filters), `urls` (the app class), `hosts` (the
public address, the Host check), `limits` (request caps, rate limit), `openapi`, `auth` (editors'
sign-in, sessions, CSRF), `editing` (corrections over HTTP), `review` (the review queue and log),
and `serving` with `gunicorn_worker` (`directory serve`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from directory import config
from directory.errors import NotFound, QueryError, StoreError

from . import api, editing, pages, review
from .auth import init_auth
from .db import close_db
from .filters import FILTERS
from .hosts import init_hosts
from .limits import init_limits
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
    # Static files are cached for a year; their URLs carry a version that changes with the file.
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 365 * 24 * 3600
    app.config.from_mapping(config.load(test_config))
    app.json.sort_keys = False
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    init_hosts(app)
    init_limits(app)
    init_auth(app)
    app.jinja_env.filters.update(FILTERS)

    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(editing.bp)
    app.register_blueprint(review.bp)
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
