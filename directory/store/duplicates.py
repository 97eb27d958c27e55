"""Profiles that may be one person: the borderline pairs the resolver kept apart, for an editor.

Each pair comes with the resolver's score and its evidence for and against, so an editor can
merge them (`merge`) or keep them apart for good (`split`, `keep-apart`); a pair an editor
decided is never offered again.
"""

from __future__ import annotations

import json
from collections import defaultdict
from itertools import combinations

import sqlite_utils

from directory import resolve

from .reading import VISIBLE, list_profile_summaries
from .records import Action


def load_profile_evidence(
    db: sqlite_utils.Database, where: str = VISIBLE, params: list | None = None
) -> dict[int, resolve.Candidate]:
    """Each profile's names and pooled evidence, as the resolver compares them."""
    rows = db.query(
        f"""SELECT a.profile_id, a.article_id, a.name_key, a.signals FROM appearances a
            JOIN profiles p ON p.id = a.profile_id WHERE {where}""",
        params or [],
    )
    found: dict[int, resolve.Candidate] = {}
    articles: dict[int, set[str]] = defaultdict(set)
    for row in rows:
        candidate = found.setdefault(row["profile_id"], resolve.Candidate(row["profile_id"]))
        name = resolve.NameKey(**json.loads(row["name_key"]))
        if name not in candidate.names:
            candidate.names.append(name)
        candidate.signals.update(resolve.Signals.from_dict(json.loads(row["signals"])))
        articles[row["profile_id"]].add(row["article_id"])
    for profile_id, candidate in found.items():
        candidate.weight = len(articles[profile_id])
    return found


def decided_pairs(db: sqlite_utils.Database) -> set[frozenset[int]]:
    """Pairs of profiles an editor split apart or kept apart."""
    return {
        frozenset((r["person_id"], r["other_id"]))
        for r in db.query(
            "SELECT person_id, other_id FROM corrections WHERE action IN (?, ?)"
            " AND other_id IS NOT NULL",
            [Action.SPLIT.value, Action.KEEP_APART.value],
        )
    }


def list_possible_duplicates(db: sqlite_utils.Database) -> list[dict]:
    """Pairs of visible profiles that may be one person, most quotes first.

    Each is {"a": summary, "b": summary, "score": 0..1, "for": [reasons], "against": [reasons],
    "quotes": both profiles' quote counts}. Listed: every pair with the same full name, and
    pairs of compatible names (a surname and a full name, an initial, a nickname) that score at
    least `resolve.REVIEW_SCORE`. Pairs an editor split apart or kept apart are left out.
    """
    profiles = load_profile_evidence(db)
    by_family: dict[str, set[int]] = defaultdict(set)
    for profile_id, candidate in profiles.items():
        for name in candidate.names:
            by_family[name.family].add(profile_id)
            if name.given:
                by_family["sorted:" + name.sorted_tokens].add(profile_id)
    decided = decided_pairs(db)
    seen: set[frozenset[int]] = set()
    pairs = []
    for ids in by_family.values():
        for a, b in combinations(sorted(ids), 2):
            pair = frozenset((a, b))
            if pair in seen or pair in decided:
                continue
            seen.add(pair)
            verdict = resolve.compare_profiles(profiles[a], profiles[b])
            if verdict is None:
                continue
            same_name = verdict.pros[0] in ("same name", "same name, in another order")
            if not same_name and verdict.score < resolve.REVIEW_SCORE:
                continue
            pairs.append((a, b, verdict))
    ids = sorted({i for a, b, _ in pairs for i in (a, b)})
    summaries = {s["id"]: s for s in list_profile_summaries(db, ids)}
    result = [
        {
            "a": summaries[a],
            "b": summaries[b],
            "score": verdict.score,
            "for": list(verdict.pros),
            "against": list(verdict.cons),
            "quotes": summaries[a]["quote_count"] + summaries[b]["quote_count"],
        }
        for a, b, verdict in pairs
        if a in summaries and b in summaries
    ]
    result.sort(key=lambda p: (-p["quotes"], -p["score"], p["a"]["id"], p["b"]["id"]))
    return result
