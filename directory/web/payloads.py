"""What a request asks for and the data it shows, shared by the HTML pages and the JSON API:
search arguments read and checked, the search payload, records loaded by slug or id."""

from __future__ import annotations

from typing import Any

from flask import current_app, request

from directory import search, store
from directory.errors import NotFound, QueryError

from .db import get_db, get_index_dir
from .present import parse_int

# The search's facets (query parameters of the same names) and sorts, with their headings, in
# the order the search defines them.
FACETS = tuple(
    zip(
        search.FACETS,
        ("Kind", "Organization", "Quoted on", "Country", "Outlet", "Year quoted"),
        strict=True,
    )
)
SORTS = dict(zip(search.SORTS, ("Best match", "Most quoted", "Recently quoted"), strict=True))
TRUE_VALUES = ("1", "true", "yes", "on")
MAX_SLUG_LENGTH = 200
MAX_FACET_VALUE = 200


def check_slug(slug: str) -> str:
    """The slug, or NotFound for absurd lengths (no lookup needed)."""
    if not slug or len(slug) > MAX_SLUG_LENGTH:
        raise NotFound("no such expert")
    return slug


def read_query() -> str:
    """The `q` parameter, stripped; QueryError when empty or too long."""
    query = " ".join(request.args.get("q", "").split())
    if not query:
        raise QueryError("Type a name, an organization or a topic to search for.")
    limit = current_app.config["MAX_QUERY_LENGTH"]
    if len(query) > limit:
        raise QueryError(
            f"That search is too long ({len(query)} characters): "
            f"keep it to {limit} characters or fewer."
        )
    return query


def read_filters() -> dict[str, str]:
    """The facet filters present in the query string (unknown parameters are ignored)."""
    filters = {}
    for name, _heading in FACETS:
        value = " ".join(request.args.get(name, "").split())
        if value:
            filters[name] = value[:MAX_FACET_VALUE]
    return filters


def read_search_args(limit_default: int) -> dict[str, Any]:
    """Query, page, limit, sort, filters and kinds from the request, clamped and checked."""
    config = current_app.config
    filters = read_filters()
    sort = request.args.get("sort", "relevance")
    return {
        "query": read_query(),
        "page": parse_int(request.args.get("page"), 1, 1, config["MAX_PAGE"]),
        "limit": parse_int(request.args.get("limit"), limit_default, 1, config["MAX_PAGE_SIZE"]),
        "sort": sort if sort in SORTS else "relevance",
        "filters": filters,
        # A kind filter or ?all=1 widens the search beyond experts.
        "all_kinds": request.args.get("all", "").lower() in TRUE_VALUES or "kind" in filters,
    }


def run_search(args: dict[str, Any]) -> dict[str, Any]:
    """The search payload shared with the API and the CLI."""
    return search.search_payload(
        get_db(),
        get_index_dir(),
        args["query"],
        limit=args["limit"],
        page=args["page"],
        filters=args["filters"] or None,
        sort=args["sort"],
        all_kinds=args["all_kinds"],
    )


class MovedProfile(Exception):
    """A slug merged into another profile: answered with a redirect to the surviving slug."""

    def __init__(self, slug: str):
        super().__init__(slug)
        self.slug = slug


def load_profile(slug: str) -> dict[str, Any]:
    """The full record for a slug (NotFound for unknown or absurd slugs, MovedProfile if merged)."""
    record = store.get_profile(get_db(), check_slug(slug))
    if record.get("slug") and record["slug"] != slug:
        raise MovedProfile(record["slug"])
    return record


def load_article(article_id: str) -> dict[str, Any]:
    """One stored article with the people quoted in it (NotFound for unknown ids)."""
    if not article_id or len(article_id) > MAX_SLUG_LENGTH:
        raise NotFound("no such article")
    return store.get_article(get_db(), article_id)
