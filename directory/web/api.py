"""The JSON API: search, expert and article records, name suggestions, its OpenAPI document."""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify, request

from directory.errors import DirectoryError
from directory.search import suggest_names

from .db import get_index_dir
from .openapi import openapi_document
from .payloads import load_article, load_profile, read_search_args, run_search

log = logging.getLogger(__name__)
bp = Blueprint("api", __name__, url_prefix="/api")

SUGGEST_LIMIT = 8
SUGGEST_MAX_LENGTH = 60


@bp.route("/search")
def search():
    """Search results as JSON: query, total, results, facets."""
    args = read_search_args(limit_default=10)
    return jsonify(run_search(args))


@bp.route("/experts/<slug>")
def expert(slug: str):
    """The full merged record of an expert."""
    return jsonify(load_profile(slug))


@bp.route("/articles/<article_id>")
def article(article_id: str):
    """One article with the people quoted in it."""
    return jsonify(load_article(article_id))


@bp.route("/suggest")
def suggest():
    """Names starting with what was typed so far, for the search box."""
    prefix = " ".join(request.args.get("q", "").split())[:SUGGEST_MAX_LENGTH]
    if len(prefix) < 2:
        return jsonify({"query": prefix, "suggestions": []})
    try:
        found = suggest_names(get_index_dir(), prefix, limit=SUGGEST_LIMIT)
    except (DirectoryError, OSError) as error:
        # Suggestions are a convenience: a missing index answers none rather than an error.
        log.warning("suggestions unavailable: %s", error)
        found = []
    suggestions = [{"name": item["name"], "slug": item["slug"]} for item in found]
    return jsonify({"query": prefix, "suggestions": suggestions})


@bp.route("/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of this API."""
    config = current_app.config
    return jsonify(
        openapi_document(
            server_url=request.url_root.rstrip("/"),
            max_page_size=config["MAX_PAGE_SIZE"],
            max_query_length=config["MAX_QUERY_LENGTH"],
            max_page=config["MAX_PAGE"],
        )
    )


@bp.after_request
def no_cache_for_errors(response):
    """Keep error answers out of shared caches."""
    if response.status_code >= 400:
        response.headers["Cache-Control"] = "no-store"
    return response
