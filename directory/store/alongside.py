"""Who is quoted with whom: the profiles most often quoted in the same articles as a profile."""

from __future__ import annotations

import sqlite_utils

from .reading import list_profile_summaries


def list_quoted_alongside(db: sqlite_utils.Database, profile_id: int, limit: int = 5) -> list[dict]:
    """Summaries of the visible profiles quoted in most of the same (original) articles as
    `profile_id`, most shared first, each with `shared`: how many articles quote both."""
    rows = db.query(
        """SELECT other.profile_id AS id, COUNT(DISTINCT other.article_id) AS shared
           FROM appearances own
           JOIN articles ar ON ar.id = own.article_id AND ar.duplicate_of IS NULL
           JOIN appearances other
             ON other.article_id = own.article_id AND other.profile_id != own.profile_id
           WHERE own.profile_id = ?
           GROUP BY other.profile_id
           ORDER BY shared DESC, other.profile_id
           LIMIT ?""",
        [int(profile_id), max(1, int(limit)) * 4],
    )
    shared = {row["id"]: row["shared"] for row in rows}
    # Hidden, merged-away and unquoted profiles drop out here; a few spare rows cover them.
    summaries = list_profile_summaries(db, list(shared))
    return [{**s, "shared": shared[s["id"]]} for s in summaries][: max(1, int(limit))]
