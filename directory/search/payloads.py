"""Payloads shared by the JSON API and the CLI, so both search exactly as the web site does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from directory import store
from directory.models import PERSON_KINDS

from .ranking import search_profiles


def searched_kinds(kinds, filters: dict | None) -> list[str]:
    """The kinds a search drew its results from: the kind filter's, else `kinds`."""
    wanted = (filters or {}).get("kind")
    if wanted is None:
        return list(kinds)
    return [wanted] if isinstance(wanted, str) else [str(k) for k in wanted]


def search_payload(
    db,
    index_dir: Path,
    query: str,
    *,
    limit: int = 10,
    page: int = 1,
    filters: dict[str, str] | None = None,
    sort: str = "relevance",
    all_kinds: bool = False,
) -> dict[str, Any]:
    """Search the index and join each hit with its stored profile summary, in rank order.

    Each result says whether it is a `"strong"` or a `"weak"` match (strong ones come first);
    `strong` counts the strong matches of the whole result set. `kinds` names the kinds the
    results were drawn from, while `facets["kind"]` (and `matches_by_kind`) count the matches
    of every kind, so a client can offer to include the others.
    """
    kinds = PERSON_KINDS if all_kinds else ("expert",)
    results = search_profiles(
        index_dir, query, page=page, limit=limit, filters=filters, sort=sort, kinds=kinds
    )
    summaries = {s["id"]: s for s in store.list_profile_summaries(db, [h.id for h in results.hits])}
    rows = []
    for hit in results.hits:
        summary = summaries.get(hit.id)
        if summary is None:
            # The index can briefly lead the database during an ingest; skip what is not stored yet.
            continue
        rows.append(
            {
                "id": hit.id,
                "slug": summary["slug"],
                "name": summary["name"],
                "title": summary.get("title"),
                "affiliation": summary.get("affiliation"),
                "kind": summary.get("kind"),
                "score": round(float(hit.score), 4),
                "match": hit.match,
                "highlights": hit.highlights,
                "quote_count": summary.get("quote_count", 0),
                "article_count": summary.get("article_count", 0),
                "last_quoted": summary.get("last_quoted"),
            }
        )
    by_kind = dict(results.facets.get("kind") or [])
    return {
        "query": query,
        "total": results.total,
        "strong": results.strong,
        "page": page,
        "limit": limit,
        "kinds": searched_kinds(kinds, filters),
        "matches_by_kind": {kind: int(by_kind.get(kind, 0)) for kind in PERSON_KINDS},
        "results": rows,
        "facets": {name: [list(pair) for pair in pairs] for name, pairs in results.facets.items()},
        "suggestion": results.suggestion,
    }
