"""Payloads shared by the JSON API and the CLI, so both search exactly as the web site does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from directory import store
from directory.models import PERSON_KINDS

from .ranking import search_profiles


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
    """Search the index and join each hit with its stored profile summary, in rank order."""
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
                "highlights": hit.highlights,
                "quote_count": summary.get("quote_count", 0),
                "article_count": summary.get("article_count", 0),
                "last_quoted": summary.get("last_quoted"),
            }
        )
    return {
        "query": query,
        "total": results.total,
        "page": page,
        "limit": limit,
        "results": rows,
        "facets": {name: [list(pair) for pair in pairs] for name, pairs in results.facets.items()},
        "suggestion": results.suggestion,
    }
