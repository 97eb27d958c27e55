"""Near-duplicate articles: word shingles, Jaccard overlap and bottom-k sketches.

An article that repeats a stored one (a revised story under the same headline, or the same story
under another) is stored with `duplicate_of` and none of its quotes count.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import sqlite_utils

from directory.text import tokens

from .sql import one

SHINGLE_SIZE = 3
NEAR_DUPLICATE_JACCARD = 0.8
NEAR_DUPLICATE_SAME_TITLE = 0.5
SKETCH_SIZE = 16
SKETCH_MIN_SHARED = 4  # of SKETCH_SIZE; texts with Jaccard >= 0.8 share about 10
MAX_SKETCH_CANDIDATES = 20
SKETCH_POSTINGS = 200


def title_key(title: str | None, text: str) -> str | None:
    """The folded headline (or, without one, the first line) that near-duplicates share."""
    line = title or next((ln for ln in text.splitlines() if ln.strip()), "")
    key = " ".join(tokens(line))[:200]
    return key or None


def _stable_hash(words: Sequence[str]) -> int:
    """A 64-bit hash of some words that is the same in every process (unlike hash())."""
    digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[int]:
    """Hashed word `size`-shingles of a text, for Jaccard overlap."""
    words = tokens(text)
    if len(words) < size:
        return {_stable_hash(words)} if words else set()
    return {_stable_hash(words[i : i + size]) for i in range(len(words) - size + 1)}


# Kept over MinHash LSH (datasketch): the same 52 on the corpus at 3.5-6x the time (bench/).
def sketch(shingle_set: set[int], size: int = SKETCH_SIZE) -> list[int]:
    """The smallest shingle hashes (a bottom-k sketch): near-duplicates share most of them."""
    return sorted(shingle_set)[:size]


def jaccard(a: set[int], b: set[int]) -> float:
    """Overlap of two shingle sets, 0..1."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def find_near_duplicate(
    db: sqlite_utils.Database, title: str | None, text: str
) -> tuple[str | None, float | None]:
    """The stored original this text nearly repeats, with its Jaccard overlap, if any.

    Candidates share the headline (a revised story: overlap >= NEAR_DUPLICATE_SAME_TITLE) or
    enough of the text's sketch (the same story under another headline: >= NEAR_DUPLICATE_JACCARD).
    """
    mine = shingles(text)
    if not mine:
        return None, None
    key = title_key(title, text)
    values = sketch(mine)
    # the strongest sketch matches only: boilerplate shingles are shared by many articles
    # and at most SKETCH_POSTINGS articles per value, so a common one costs no more than a rare one
    per_value = " UNION ALL ".join(
        "SELECT * FROM (SELECT article_id FROM article_sketches WHERE hash = ? LIMIT ?)"
        for _ in values
    )
    similar = [
        r["article_id"]
        for r in db.query(
            f"""SELECT article_id, COUNT(*) AS n FROM ({per_value})
                GROUP BY article_id HAVING n >= ? ORDER BY n DESC LIMIT ?""",
            [
                *(x for value in values for x in (value, SKETCH_POSTINGS)),
                SKETCH_MIN_SHARED,
                MAX_SKETCH_CANDIDATES,
            ],
        )
    ]
    rows = list(
        db.query(
            "SELECT id, title_key, text, seq FROM articles"
            " WHERE duplicate_of IS NULL AND title_key = ? ORDER BY seq LIMIT ?",
            [key, MAX_SKETCH_CANDIDATES],
        )
    )
    seen = {row["id"] for row in rows}
    for article_id in similar:
        if article_id not in seen:
            row = one(
                db,
                "SELECT id, title_key, text, seq FROM articles"
                " WHERE id = ? AND duplicate_of IS NULL",
                [article_id],
            )
            if row:
                rows.append(row)
    rows.sort(key=lambda row: row["seq"])
    best_id, best = None, 0.0
    for row in rows:
        similarity = jaccard(mine, shingles(row["text"]))
        wanted = (
            NEAR_DUPLICATE_SAME_TITLE if key and row["title_key"] == key else NEAR_DUPLICATE_JACCARD
        )
        if similarity >= wanted and similarity > best:
            best_id, best = row["id"], similarity
    if best_id is None:
        return None, None
    return best_id, round(best, 3)


def save_sketch(db: sqlite_utils.Database, article_id: str, text: str) -> None:
    """Index an original article's sketch so later near-duplicates find it."""
    for value in set(sketch(shingles(text))):
        db.execute(
            "INSERT OR IGNORE INTO article_sketches (article_id, hash) VALUES (?, ?)",
            [article_id, value],
        )
