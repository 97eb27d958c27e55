"""Profile rows: a new profile with a unique slug, appearances moved between profiles, and the
summary columns (name, kind, counts, dates, version) recomputed from the record."""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlite_utils

from directory import resolve
from directory.errors import NotFound
from directory.models import Person

from .reading import build_records
from .sql import BATCH, now, one


def display_name(person: Person) -> str:
    return " ".join(person.name.split()) or person.name


def create_profile(db: sqlite_utils.Database, person: Person) -> int:
    """A new profile with a unique slug from the person's name (collisions get -2, -3, ...)."""
    slug = unique_slug(db, resolve.name_slug(person.name))
    cursor = db.execute(
        "INSERT INTO profiles (slug, created_at, name, kind) VALUES (?, ?, ?, ?)",
        [slug, now(), display_name(person), person.kind or "other"],
    )
    return cursor.lastrowid


def unique_slug(db: sqlite_utils.Database, base: str) -> str:
    """`base`, or `base-2`, `base-3`... whichever is not taken yet."""
    taken = {
        row["slug"]
        for row in db.query(
            "SELECT slug FROM profiles WHERE slug = ? OR slug LIKE ?", [base, base + "-%"]
        )
    }
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def create_profile_for_appearance(
    db: sqlite_utils.Database, profile_id: int, article_id: str
) -> int:
    """A new empty profile named after a profile's appearance in an article (used by split)."""
    row = one(
        db,
        "SELECT person FROM appearances WHERE profile_id = ? AND article_id = ? ORDER BY position",
        [profile_id, article_id],
    )
    if row is None:
        raise NotFound(f"that profile is not quoted in article {article_id}")
    data = json.loads(row["person"])
    return create_profile(db, Person(name=data["name"], kind=data.get("kind") or "other"))


def move_appearances(
    db: sqlite_utils.Database, from_id: int, to_id: int, article_id: str | None = None
) -> int:
    """Point appearances of one profile (optionally in one article) at another; returns count."""
    if article_id is None:
        cursor = db.execute(
            "UPDATE appearances SET profile_id = ? WHERE profile_id = ?", [to_id, from_id]
        )
    else:
        cursor = db.execute(
            "UPDATE appearances SET profile_id = ? WHERE profile_id = ? AND article_id = ?",
            [to_id, from_id, article_id],
        )
    return cursor.rowcount


def refresh_profiles(db: sqlite_utils.Database, ids: Iterable[int]) -> None:
    """Recompute the materialised summary columns (and version) of these profiles."""
    ids = sorted({int(i) for i in ids})
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        marks = ",".join("?" * len(batch))
        last_seq = {
            r["profile_id"]: r["seq"]
            for r in db.query(
                f"""SELECT a.profile_id, MAX(ar.seq) AS seq FROM appearances a
                    JOIN articles ar ON ar.id = a.article_id
                    WHERE a.profile_id IN ({marks}) GROUP BY a.profile_id""",
                batch,
            )
        }
        for profile_id, record in build_records(db, batch).items():
            db.execute(
                """UPDATE profiles SET name = ?, kind = ?, title = ?, affiliation = ?,
                       quote_count = ?, article_count = ?, first_quoted = ?, last_quoted = ?,
                       last_seq = ?, hidden = ?, merged_into = ?, version = ? WHERE id = ?""",
                [
                    record["name"],
                    record["kind"],
                    record["title"],
                    record["affiliation"],
                    record["quote_count"],
                    record["article_count"],
                    record["first_quoted"],
                    record["last_quoted"],
                    last_seq.get(profile_id),
                    int(record["hidden"]),
                    record["merged_into"],
                    record["version"],
                    profile_id,
                ],
            )
