"""The store: SQLite through sqlite-utils, the source of truth for articles, profiles and quotes.

Extracted data (articles, appearances of a person in an article, quotes) and editors' corrections
live in separate tables. Each appearance keeps the profile the resolver chose (`resolved_id`) and
the profile it belongs to once corrections are applied (`profile_id`); the merged expert record is
computed from the appearances of a profile plus its corrections, and a few summary columns of
`people` (name, kind, counts, dates, `version`) are materialised for listing and sorting.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from directory import resolve
from directory.errors import InputError, NotFound, StoreError
from directory.migrations import pending_migrations, run_migrations
from directory.models import Article, Extraction, Person, person_to_dict

log = logging.getLogger(__name__)

ARTICLE_ID_LENGTHS = (12, 16, 64)
SHINGLE_SIZE = 3
NEAR_DUPLICATE_JACCARD = 0.8
NEAR_DUPLICATE_SAME_TITLE = 0.5
SKETCH_SIZE = 16
SKETCH_MIN_SHARED = 4  # of SKETCH_SIZE; texts with Jaccard >= 0.8 share about 10
MAX_SKETCH_CANDIDATES = 20
SKETCH_POSTINGS = 200
BATCH = 500
EXPERT_SHARE_DIVISOR = 3  # a profile is an expert when >= 1/3 of its articles say so
BUSY_TIMEOUT_MS = 10_000
MAX_MERGE_CHAIN = 100
LIST_ORDERS = {
    "name": "p.name COLLATE NOCASE, p.id",
    "quotes": "p.quote_count DESC, p.name COLLATE NOCASE, p.id",
    "recent": "p.last_quoted IS NULL, p.last_quoted DESC, p.last_seq DESC, p.id",
}
FACT_LISTS = ("positions", "publications", "research_areas", "editorial_roles")
SCALAR_FIELDS = ("name", "title", "affiliation", "kind")
VISIBLE = "p.hidden = 0 AND p.merged_into IS NULL AND p.article_count > 0"
SUMMARY_COLUMNS = (
    "p.id, p.slug, p.name, p.kind, p.title, p.affiliation, p.quote_count, p.article_count, "
    "p.first_quoted, p.last_quoted"
)


@dataclass
class SaveResult:
    """What saving one extraction did; `person_ids` are the profiles to re-index."""

    article_id: str
    duplicate_of: str | None
    person_ids: list[int] = field(default_factory=list)
    status: str = "new"


# -- opening ---------------------------------------------------------------------------------


def open_db(path: str | Path, *, read_only: bool = False) -> sqlite_utils.Database:
    """Open the store (WAL, foreign keys, busy timeout) and bring its schema up to date.

    `read_only` opens with a `mode=ro` URI for web workers and never migrates.
    """
    path = Path(path)
    try:
        if read_only:
            if not path.exists():
                raise StoreError(f"{path}: no database here yet (run `directory ingest` first)")
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            db = sqlite_utils.Database(conn)
            _configure(db)
            if pending_migrations(db):
                raise StoreError(f"{path}: database needs migrating; open it read-write once")
            return db
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(path)
        db.enable_wal()
        _configure(db)
        db.execute("PRAGMA synchronous = NORMAL")
        run_migrations(db)
        return db
    except (sqlite3.Error, OSError) as error:
        raise StoreError(f"{path}: cannot open the store ({error})") from error


def _configure(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# -- saving ----------------------------------------------------------------------------------


def save_extraction(
    db: sqlite_utils.Database, extraction: Extraction, *, replace: bool = False
) -> SaveResult:
    """Store one article and its people in one transaction; dedupes and resolves identities.

    Identical text is stored once ("unchanged", or "duplicate" when it came from another
    source); a near-duplicate is stored with `duplicate_of` and none of its quotes are counted.
    A stored article whose extractor version changed (or, with `replace`, whose extraction
    differs) has its people re-resolved ("updated") with profile ids kept stable.
    """
    if not (extraction.article.text or "").strip():
        raise InputError("the article has no text")
    raw = json.dumps(extraction.to_dict(), sort_keys=True, ensure_ascii=False)
    try:
        with db.atomic():
            return _save(db, extraction, raw, replace)
    except sqlite3.Error as error:
        raise StoreError(f"cannot save the article ({error})") from error


def _save(db: sqlite_utils.Database, extraction: Extraction, raw: str, replace: bool) -> SaveResult:
    article = extraction.article
    article_id = _article_id(db, article.content_hash)
    row = _one(db, "SELECT * FROM articles WHERE id = ?", [article_id])
    if row is None:
        duplicate_of, similarity = _find_near_duplicate(db, article.title, article.text)
        _insert_article(db, article_id, extraction, raw, duplicate_of, similarity)
        if duplicate_of is None:
            save_sketch(db, article_id, article.text)
        _add_source(db, article_id, article.source)
        if duplicate_of:
            return SaveResult(article_id, duplicate_of, [], "duplicate")
        touched = _write_people(db, article_id, extraction.people, {})
        refresh_profiles(db, touched)
        return SaveResult(article_id, None, sorted(touched), "new")

    known_sources = _sources(db, article_id)
    added = _add_source(db, article_id, article.source)
    same = row["extraction"] == raw or (
        not replace and row["extractor_version"] == extraction.extractor_version
    )
    if same:
        if added and known_sources:
            return SaveResult(article_id, row["duplicate_of"] or article_id, [], "duplicate")
        return SaveResult(article_id, row["duplicate_of"], [], "unchanged")
    db.execute(
        "UPDATE articles SET extractor_version = ?, extraction = ? WHERE id = ?",
        [extraction.extractor_version, raw, article_id],
    )
    if row["duplicate_of"]:
        return SaveResult(article_id, row["duplicate_of"], [], "updated")
    touched = _replace_people(db, article_id, extraction.people)
    refresh_profiles(db, touched)
    return SaveResult(article_id, None, sorted(touched), "updated")


def is_article_stored(db: sqlite_utils.Database, article: Article, version: str) -> bool:
    """Whether this exact text from this source is stored by this extractor version already.

    `save_extraction` would answer "unchanged" for it, so extracting it again is waste.
    """
    row = _one(
        db,
        "SELECT id, extractor_version FROM articles WHERE content_hash = ?",
        [article.content_hash],
    )
    if row is None or row["extractor_version"] != version:
        return False
    return not article.source or article.source in _sources(db, row["id"])


def _one(db: sqlite_utils.Database, sql: str, params: Sequence[Any] = ()) -> dict | None:
    return next(iter(db.query(sql, params)), None)


def _article_id(db: sqlite_utils.Database, content_hash: str) -> str:
    """A short stable id from the content hash, longer only if a prefix is already taken."""
    for length in ARTICLE_ID_LENGTHS:
        candidate = content_hash[:length]
        row = _one(db, "SELECT content_hash FROM articles WHERE id = ?", [candidate])
        if row is None or row["content_hash"] == content_hash:
            return candidate
    raise StoreError(f"article id collision for {content_hash}")


def title_key(title: str | None, text: str) -> str | None:
    """The folded headline (or, without one, the first line) that near-duplicates share."""
    line = title or next((ln for ln in text.splitlines() if ln.strip()), "")
    key = " ".join(resolve.tokens(line))[:200]
    return key or None


def _stable_hash(words: Sequence[str]) -> int:
    """A 64-bit hash of some words that is the same in every process (unlike hash())."""
    digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[int]:
    """Hashed word `size`-shingles of a text, for Jaccard overlap."""
    words = resolve.tokens(text)
    if len(words) < size:
        return {_stable_hash(words)} if words else set()
    return {_stable_hash(words[i : i + size]) for i in range(len(words) - size + 1)}


def sketch(shingle_set: set[int], size: int = SKETCH_SIZE) -> list[int]:
    """The smallest shingle hashes (a bottom-k sketch): near-duplicates share most of them."""
    return sorted(shingle_set)[:size]


def jaccard(a: set[int], b: set[int]) -> float:
    """Overlap of two shingle sets, 0..1."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _find_near_duplicate(
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
            row = _one(
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


def _insert_article(
    db: sqlite_utils.Database,
    article_id: str,
    extraction: Extraction,
    raw: str,
    duplicate_of: str | None,
    similarity: float | None,
) -> None:
    article = extraction.article
    seq = _one(db, "SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM articles")["n"]
    db.execute(
        """INSERT INTO articles (id, content_hash, sha256, seq, title, title_key, url, outlet,
               published, author, source, text, duplicate_of, similarity, extractor_version,
               extraction, ingested_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            article_id,
            article.content_hash,
            article.sha256,
            seq,
            article.title,
            title_key(article.title, article.text),
            article.url,
            article.outlet,
            article.published,
            article.author,
            article.source,
            article.text,
            duplicate_of,
            similarity,
            extraction.extractor_version,
            raw,
            _now(),
        ],
    )


def _sources(db: sqlite_utils.Database, article_id: str) -> list[str]:
    rows = db.query("SELECT source FROM article_sources WHERE article_id = ?", [article_id])
    return [r["source"] for r in rows]


def _add_source(db: sqlite_utils.Database, article_id: str, source: str | None) -> bool:
    """Record where an article was read from; True when that source is new."""
    if not source:
        return False
    cursor = db.execute(
        "INSERT OR IGNORE INTO article_sources (article_id, source) VALUES (?, ?)",
        [article_id, source],
    )
    return cursor.rowcount > 0


def _replace_people(db: sqlite_utils.Database, article_id: str, people: list[Person]) -> set[int]:
    """Swap an article's appearances for a new extraction's, keeping each person's profile."""
    old = list(
        db.query(
            "SELECT id, resolved_id, profile_id, full_key, family_key FROM appearances"
            " WHERE article_id = ? ORDER BY position",
            [article_id],
        )
    )
    touched = {row["profile_id"] for row in old}
    _delete_appearances(db, [row["id"] for row in old])
    return touched | _write_people(db, article_id, people, _previous_profiles(old))


def _previous_profiles(old: list[dict]) -> dict[str, int]:
    """Name keys of an article's old appearances mapped to the profile the resolver gave them."""
    previous: dict[str, int] = {}
    families = Counter(row["family_key"] for row in old)
    for row in old:
        previous.setdefault("full:" + row["full_key"], row["resolved_id"])
        if families[row["family_key"]] == 1:
            previous["family:" + row["family_key"]] = row["resolved_id"]
    return previous


def _delete_appearances(db: sqlite_utils.Database, ids: list[int]) -> None:
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        marks = ",".join("?" * len(batch))
        db.execute(f"DELETE FROM quotes WHERE appearance_id IN ({marks})", batch)
        db.execute(f"DELETE FROM appearance_orgs WHERE appearance_id IN ({marks})", batch)
        db.execute(f"DELETE FROM appearances WHERE id IN ({marks})", batch)


def _write_people(
    db: sqlite_utils.Database, article_id: str, people: list[Person], previous: dict[str, int]
) -> set[int]:
    """Resolve and write the appearances, quotes and organizations of one article's people."""
    prepared = []
    for position, person in enumerate(people):
        key = resolve.name_key(person)
        if key is None:
            # an honorific alone ("President") names nobody a profile could be kept for
            log.debug(
                "article %s: skipped a person with no usable name: %r", article_id, person.name
            )
            continue
        prepared.append((position, person, key, resolve.signals_of(person)))
    if not prepared:
        return set()
    keys = [item[2] for item in prepared]
    sticky = {}
    for index, key in enumerate(keys):
        kept = previous.get("full:" + key.full) or previous.get("family:" + key.family)
        if kept is not None and _exists(db, kept):
            sticky[index] = kept
    candidates = _load_candidates(db, keys)
    matches = resolve.assign_profiles(keys, [item[3] for item in prepared], candidates, sticky)
    path = _path_corrections(db)
    touched = set()
    for (position, person, key, signals), match in zip(prepared, matches, strict=True):
        resolved_id = match.profile_id or _create_profile(db, person)
        profile_id = _effective_profile(path, resolved_id, article_id)
        _insert_appearance(
            db, article_id, position, person, key, signals, match, resolved_id, profile_id
        )
        touched.add(profile_id)
    return touched


def _exists(db: sqlite_utils.Database, profile_id: int) -> bool:
    return _one(db, "SELECT 1 AS x FROM people WHERE id = ?", [profile_id]) is not None


def _load_candidates(
    db: sqlite_utils.Database, keys: list[resolve.NameKey]
) -> list[resolve.Candidate]:
    """Profiles with an appearance sharing a family name (or all name tokens) with any key."""
    families = sorted({k.family for k in keys})
    reordered = sorted({k.sorted_tokens for k in keys if k.given})
    clauses = [f"family_key IN ({','.join('?' * len(families))})"]
    params: list[Any] = list(families)
    if reordered:
        clauses.append(f"sorted_key IN ({','.join('?' * len(reordered))})")
        params += reordered
    rows = db.query(
        f"SELECT profile_id, name_key, signals FROM appearances WHERE {' OR '.join(clauses)}",
        params,
    )
    candidates: dict[int, resolve.Candidate] = {}
    for row in rows:
        candidate = candidates.setdefault(row["profile_id"], resolve.Candidate(row["profile_id"]))
        candidate.weight += 1
        name = resolve.NameKey(**{**json.loads(row["name_key"])})
        if name not in candidate.names:
            candidate.names.append(name)
        candidate.signals.update(resolve.Signals.from_dict(json.loads(row["signals"])))
    return list(candidates.values())


def _display_name(person: Person) -> str:
    return " ".join(person.name.split()) or person.name


def _create_profile(db: sqlite_utils.Database, person: Person) -> int:
    """A new profile with a unique slug from the person's name (collisions get -2, -3, ...)."""
    slug = unique_slug(db, resolve.name_slug(person.name))
    cursor = db.execute(
        "INSERT INTO people (slug, created_at, name, kind) VALUES (?, ?, ?, ?)",
        [slug, _now(), _display_name(person), person.kind or "other"],
    )
    return cursor.lastrowid


def unique_slug(db: sqlite_utils.Database, base: str) -> str:
    """`base`, or `base-2`, `base-3`... whichever is not taken yet."""
    taken = {
        row["slug"]
        for row in db.query(
            "SELECT slug FROM people WHERE slug = ? OR slug LIKE ?", [base, base + "-%"]
        )
    }
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _insert_appearance(
    db: sqlite_utils.Database,
    article_id: str,
    position: int,
    person: Person,
    key: resolve.NameKey,
    signals: resolve.Signals,
    match: resolve.Match,
    resolved_id: int,
    profile_id: int,
) -> None:
    data = person_to_dict(person)
    quotes = data.pop("quotes")
    cursor = db.execute(
        """INSERT INTO appearances (article_id, position, resolved_id, profile_id, name, kind,
               title, given_key, family_key, full_key, sorted_key, name_key, signals, reason,
               person)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            article_id,
            position,
            resolved_id,
            profile_id,
            _display_name(person),
            person.kind or "other",
            person.title,
            key.given,
            key.family,
            key.full,
            key.sorted_tokens,
            json.dumps(
                {
                    "given": key.given,
                    "family": key.family,
                    "middle": list(key.middle),
                    "suffix": key.suffix,
                }
            ),
            json.dumps(signals.to_dict()),
            match.reason,
            json.dumps(data, ensure_ascii=False),
        ],
    )
    appearance_id = cursor.lastrowid
    for ord_, quote in enumerate(quotes):
        db.execute(
            """INSERT INTO quotes (appearance_id, article_id, ord, text, kind, cue, start, "end",
                   confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                appearance_id,
                article_id,
                ord_,
                quote["text"],
                quote["kind"],
                quote.get("cue"),
                quote["start"],
                quote["end"],
                quote.get("confidence"),
            ],
        )
    orgs = {}
    for pos in person.positions:
        for name in (pos.organization, pos.parent):
            if name and name.strip():
                orgs.setdefault(resolve.slugify(resolve.org_key(name), fallback=""), name.strip())
    for org_slug, org_name in orgs.items():
        if org_slug:
            db.execute(
                "INSERT OR IGNORE INTO appearance_orgs (appearance_id, org_slug, org_name)"
                " VALUES (?, ?, ?)",
                [appearance_id, org_slug, org_name],
            )


# -- corrections applied to appearances ------------------------------------------------------


def _path_corrections(db: sqlite_utils.Database) -> list[dict]:
    """The merges and splits, in the order editors made them."""
    return list(
        db.query(
            "SELECT action, person_id, other_id, article_id FROM corrections"
            " WHERE action IN ('merge', 'split') ORDER BY id"
        )
    )


def _effective_profile(path: list[dict], resolved_id: int, article_id: str) -> int:
    """The profile an appearance belongs to after replaying merges and splits in order."""
    profile = resolved_id
    for c in path:
        if c["action"] == "merge" and profile == c["other_id"]:
            profile = c["person_id"]
        elif c["action"] == "split" and profile == c["person_id"] and article_id == c["article_id"]:
            profile = c["other_id"]
    return profile


def reapply_corrections(db: sqlite_utils.Database) -> list[int]:
    """Recompute every appearance's profile from the resolver's choice plus all corrections.

    Run after a reprocess; returns the ids of every profile (all are refreshed).
    """
    with db.atomic():
        db.execute("UPDATE appearances SET profile_id = resolved_id")
        for c in _path_corrections(db):
            if c["action"] == "merge":
                db.execute(
                    "UPDATE appearances SET profile_id = ? WHERE profile_id = ?",
                    [c["person_id"], c["other_id"]],
                )
            else:
                db.execute(
                    "UPDATE appearances SET profile_id = ? WHERE profile_id = ? AND article_id = ?",
                    [c["other_id"], c["person_id"], c["article_id"]],
                )
        ids = [row["id"] for row in db.query("SELECT id FROM people ORDER BY id")]
        refresh_profiles(db, ids)
    return ids


@dataclass
class ReprocessResult:
    """What a reprocess did: articles re-extracted, by outcome, and the profiles now live."""

    seen: int = 0
    updated: int = 0
    unchanged: int = 0
    profile_ids: list[int] = field(default_factory=list)


def iter_stored_articles(
    db: sqlite_utils.Database, *, stale_for: str | None = None
) -> Iterator[Article]:
    """Stored articles in ingestion order (only those extracted by another version, if given)."""
    if stale_for is None:
        rows = db.query("SELECT id FROM articles ORDER BY seq")
    else:
        rows = db.query(
            "SELECT id FROM articles WHERE extractor_version IS NOT ? ORDER BY seq", [stale_for]
        )
    for article_id in [r["id"] for r in rows]:
        row = _one(db, "SELECT * FROM articles WHERE id = ?", [article_id])
        if row is not None:
            yield Article(
                text=row["text"],
                title=row["title"],
                url=row["url"],
                outlet=row["outlet"],
                published=row["published"],
                source=row["source"],
                author=row["author"],
            )


def reprocess(
    db: sqlite_utils.Database,
    extract: Callable[[Iterable[Article]], Iterable[Extraction]],
    version: str,
    *,
    force: bool = False,
) -> ReprocessResult:
    """Re-extract stored articles (those of another extractor version, or all with `force`).

    Each article is re-saved in its own transaction with profile ids kept; editors'
    corrections are replayed at the end, so none is lost.
    """
    result = ReprocessResult()
    articles = iter_stored_articles(db, stale_for=None if force else version)
    for extraction in extract(articles):
        saved = save_extraction(db, extraction, replace=True)
        result.seen += 1
        if saved.status == "updated":
            result.updated += 1
        else:
            result.unchanged += 1
    result.profile_ids = reapply_corrections(db)
    return result


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


def add_correction(
    db: sqlite_utils.Database,
    action: str,
    person_id: int,
    *,
    other_id: int | None = None,
    article_id: str | None = None,
    field_name: str | None = None,
    value: str | None = None,
) -> int:
    """Record one editor's correction; returns its id."""
    cursor = db.execute(
        """INSERT INTO corrections (action, person_id, other_id, article_id, field, value,
               created_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [action, person_id, other_id, article_id, field_name, value, _now()],
    )
    return cursor.lastrowid


def create_profile_for_appearance(
    db: sqlite_utils.Database, profile_id: int, article_id: str
) -> int:
    """A new empty profile named after a profile's appearance in an article (used by split)."""
    row = _one(
        db,
        "SELECT person FROM appearances WHERE profile_id = ? AND article_id = ? ORDER BY position",
        [profile_id, article_id],
    )
    if row is None:
        raise NotFound(f"that profile is not quoted in article {article_id}")
    data = json.loads(row["person"])
    return _create_profile(db, Person(name=data["name"], kind=data.get("kind") or "other"))


# -- reading: ids and slugs ------------------------------------------------------------------


def get_profile_id(db: sqlite_utils.Database, slug: str) -> int:
    """The id of the live profile a slug names, following merges (NotFound if unknown)."""
    row = _one(db, "SELECT id FROM people WHERE slug = ?", [slug])
    if row is None:
        raise NotFound(f"no expert {slug!r}")
    return _follow_merges(db, row["id"])


def profile_version(db: sqlite_utils.Database, slug: str) -> tuple[int, str] | None:
    """(id, record version) of the visible profile with this slug; None when the slug is unknown,
    merged away or hidden (get_expert says which)."""
    row = _one(db, f"SELECT p.id, p.version FROM people p WHERE p.slug = ? AND {VISIBLE}", [slug])
    return None if row is None or not row["version"] else (row["id"], row["version"])


def _follow_merges(db: sqlite_utils.Database, profile_id: int) -> int:
    for _ in range(MAX_MERGE_CHAIN):
        row = _one(db, "SELECT merged_into FROM people WHERE id = ?", [profile_id])
        if row is None:
            raise NotFound(f"no expert with id {profile_id}")
        if row["merged_into"] is None:
            return profile_id
        profile_id = row["merged_into"]
    raise StoreError("merge chain too long")


def get_expert(db: sqlite_utils.Database, slug: str, *, include_hidden: bool = False) -> dict:
    """The full record of a slug; a merged-away slug gives the surviving profile's record.

    Raises NotFound for unknown slugs, hidden profiles and profiles no article quotes any more.
    """
    if not isinstance(slug, str) or not slug:
        raise NotFound("no such expert")
    return get_expert_by_id(db, get_profile_id(db, slug), include_hidden=include_hidden)


def get_expert_by_id(
    db: sqlite_utils.Database, profile_id: int, *, include_hidden: bool = False
) -> dict:
    """The full record of a profile id (following merges); NotFound like get_expert."""
    try:
        profile_id = _follow_merges(db, int(profile_id))
    except (TypeError, ValueError) as error:
        raise NotFound(f"no expert with id {profile_id!r}") from error
    record = _build_records(db, [profile_id]).get(profile_id)
    if record is None or (not include_hidden and (record["hidden"] or not record["article_count"])):
        raise NotFound(f"no expert with id {profile_id}")
    return record


def iter_expert_records(
    db: sqlite_utils.Database,
    ids: Iterable[int] | None = None,
    *,
    include_hidden: bool = False,
    batch_size: int = BATCH,
) -> Iterator[dict]:
    """Full records in id order, a batch of queries per `batch_size` profiles.

    Hidden, merged-away and unquoted profiles are left out (so an id asked for and not yielded
    should leave the search index).
    """
    if ids is None:
        where = "1" if include_hidden else VISIBLE
        ids = [
            row["id"] for row in db.query(f"SELECT p.id FROM people p WHERE {where} ORDER BY p.id")
        ]
    else:
        ids = sorted({int(i) for i in ids})
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        records = _build_records(db, batch)
        for profile_id in batch:
            record = records.get(profile_id)
            if record is None:
                continue
            if not include_hidden and (
                record["hidden"] or record["merged_into"] is not None or not record["article_count"]
            ):
                continue
            yield record


def list_expert_versions(db: sqlite_utils.Database) -> dict[int, str]:
    """Each visible profile's record version, to check the search index against the store."""
    return {
        row["id"]: row["version"]
        for row in db.query(f"SELECT p.id, p.version FROM people p WHERE {VISIBLE}")
    }


def list_expert_summaries(db: sqlite_utils.Database, ids: Iterable[int]) -> list[dict]:
    """The summaries of the visible profiles among `ids`, in the order given."""
    ids = [int(i) for i in ids]
    found: dict[int, dict] = {}
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        marks = ",".join("?" * len(batch))
        for row in db.query(
            f"SELECT {SUMMARY_COLUMNS} FROM people p WHERE {VISIBLE} AND p.id IN ({marks})", batch
        ):
            found[row["id"]] = row
    return [found[i] for i in ids if i in found]


def list_experts(
    db: sqlite_utils.Database,
    *,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
    order: str = "name",
) -> list[dict]:
    """Summaries of visible profiles (all kinds when `kind` is None), a page at a time."""
    if order not in LIST_ORDERS:
        raise InputError(f"unknown order {order!r}; use one of {', '.join(LIST_ORDERS)}")
    where, params = VISIBLE, []
    if kind is not None:
        where += " AND p.kind = ?"
        params.append(kind)
    params += [max(0, int(limit)), max(0, int(offset))]
    return list(
        db.query(
            f"SELECT {SUMMARY_COLUMNS} FROM people p WHERE {where}"
            f" ORDER BY {LIST_ORDERS[order]} LIMIT ? OFFSET ?",
            params,
        )
    )


def count_experts(db: sqlite_utils.Database, *, kind: str | None = None) -> int:
    """How many visible profiles there are (of one kind when given)."""
    where, params = VISIBLE, []
    if kind is not None:
        where += " AND p.kind = ?"
        params.append(kind)
    return _one(db, f"SELECT COUNT(*) AS n FROM people p WHERE {where}", params)["n"]


def stats(db: sqlite_utils.Database) -> dict[str, int]:
    """Headline counts: experts, people, articles, duplicates, quotes, organizations."""
    return {
        "experts": count_experts(db, kind="expert"),
        "people": count_experts(db),
        "articles": _one(db, "SELECT COUNT(*) AS n FROM articles WHERE duplicate_of IS NULL")["n"],
        "duplicates": _one(db, "SELECT COUNT(*) AS n FROM articles WHERE duplicate_of IS NOT NULL")[
            "n"
        ],
        "quotes": _one(db, "SELECT COUNT(*) AS n FROM quotes")["n"],
        "organizations": _one(db, "SELECT COUNT(DISTINCT org_slug) AS n FROM appearance_orgs")["n"],
        "corrections": _one(db, "SELECT COUNT(*) AS n FROM corrections")["n"],
    }


# -- reading: articles -----------------------------------------------------------------------


def _article_ref(row: dict, prefix: str = "") -> dict:
    return {
        "id": row[prefix + "id"],
        "title": row[prefix + "title"],
        "url": row[prefix + "url"],
        "outlet": row[prefix + "outlet"],
        "published": row[prefix + "published"],
    }


LEAD_CHARS = 400
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s")


def article_leads(db: sqlite_utils.Database, article_ids: Iterable[str]) -> dict[str, str]:
    """The opening of each article (its first two sentences, at most LEAD_CHARS characters):
    what the story is about, which searching for the story should find."""
    ids = sorted({str(i) for i in article_ids})
    leads: dict[str, str] = {}
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        marks = ",".join("?" * len(batch))
        for row in db.query(
            f"SELECT id, substr(text, 1, {LEAD_CHARS * 2}) AS head FROM articles "
            f"WHERE id IN ({marks})",
            batch,
        ):
            leads[row["id"]] = _lead(row["head"] or "")
    return leads


def _lead(head: str) -> str:
    ends = [m.end() for m in _SENTENCE_END.finditer(head)][:2]
    fitting = [e for e in ends if e <= LEAD_CHARS]
    return " ".join(head[: fitting[-1] if fitting else LEAD_CHARS].split())


def get_article(db: sqlite_utils.Database, article_id: str) -> dict:
    """One article with its text and the people quoted in it (NotFound for unknown ids)."""
    row = _one(db, "SELECT * FROM articles WHERE id = ?", [article_id])
    if row is None:
        raise NotFound(f"no article {article_id!r}")
    apps = list(
        db.query(
            """SELECT a.id, a.name, a.kind, a.title, a.person, p.id AS profile_id, p.slug,
                      p.hidden FROM appearances a JOIN people p ON p.id = a.profile_id
               WHERE a.article_id = ? ORDER BY a.position""",
            [article_id],
        )
    )
    quotes = _quotes_by_appearance(db, [a["id"] for a in apps])
    people = []
    for app in apps:
        data = json.loads(app["person"])
        people.append(
            {
                "id": None if app["hidden"] else app["profile_id"],
                "slug": None if app["hidden"] else app["slug"],
                "name": app["name"],
                "aliases": data.get("aliases") or [],
                "kind": app["kind"],
                "title": app["title"],
                "evidence": _person_evidence(data),
                "quotes": quotes.get(app["id"], []),
            }
        )
    duplicates = [
        r["id"]
        for r in db.query(
            "SELECT id FROM articles WHERE duplicate_of = ? ORDER BY seq", [article_id]
        )
    ]
    return {
        **_article_ref(row),
        "text": row["text"],
        "sha256": row["sha256"],
        "author": row["author"],
        "duplicate_of": row["duplicate_of"],
        "similarity": row["similarity"],
        "duplicates": duplicates,
        "sources": _sources(db, article_id),
        "extractor_version": row["extractor_version"],
        "people": people,
    }


def _person_evidence(data: dict) -> list[dict]:
    """Every evidence sentence of one person's facts in one article, in text order."""
    found = {}
    for item in data.get("title_evidence") or []:
        found[(item["start"], item["end"])] = item
    for name in FACT_LISTS:
        for fact in data.get(name) or []:
            for item in fact.get("evidence") or []:
                found[(item["start"], item["end"])] = item
    return [found[k] for k in sorted(found)]


def list_articles(db: sqlite_utils.Database, limit: int = 50, offset: int = 0) -> list[dict]:
    """Article summaries, newest first (undated ones by ingestion order, after dated ones)."""
    return list(
        db.query(
            """SELECT ar.id, ar.title, ar.url, ar.outlet, ar.published, ar.duplicate_of,
                      (SELECT COUNT(*) FROM appearances a WHERE a.article_id = ar.id)
                      AS people_count
               FROM articles ar ORDER BY ar.published IS NULL, ar.published DESC, ar.seq DESC
               LIMIT ? OFFSET ?""",
            [max(0, int(limit)), max(0, int(offset))],
        )
    )


def list_duplicate_articles(db: sqlite_utils.Database) -> list[dict]:
    """Near-duplicate articles (with the original they repeat) and identical texts read twice."""
    near = [
        {
            "id": r["id"],
            "title": r["title"],
            "duplicate_of": r["duplicate_of"],
            "similarity": r["similarity"],
            "kind": "near",
            "sources": _sources(db, r["id"]),
        }
        for r in db.query(
            "SELECT id, title, duplicate_of, similarity FROM articles"
            " WHERE duplicate_of IS NOT NULL ORDER BY seq"
        )
    ]
    identical = [
        {
            "id": r["id"],
            "title": r["title"],
            "duplicate_of": r["id"],
            "similarity": 1.0,
            "kind": "identical",
            "sources": _sources(db, r["id"]),
        }
        for r in db.query(
            """SELECT ar.id, ar.title FROM articles ar
               WHERE (SELECT COUNT(*) FROM article_sources s WHERE s.article_id = ar.id) > 1
               ORDER BY ar.seq"""
        )
    ]
    return near + identical


def list_possible_duplicates(db: sqlite_utils.Database) -> list[dict]:
    """Groups of visible profiles with the same full name that were kept apart.

    An editor either merges them or leaves them; groups an editor split apart are not listed.
    """
    rows = db.query(
        f"""SELECT a.full_key, a.profile_id FROM appearances a JOIN people p ON p.id = a.profile_id
            WHERE a.given_key IS NOT NULL AND {VISIBLE}
            GROUP BY a.full_key, a.profile_id ORDER BY a.full_key, a.profile_id"""
    )
    groups: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        groups[row["full_key"]].append(row["profile_id"])
    splits = {
        frozenset((r["person_id"], r["other_id"]))
        for r in db.query("SELECT person_id, other_id FROM corrections WHERE action = 'split'")
    }
    result = []
    for key, ids in groups.items():
        if len(ids) < 2:
            continue
        if all(frozenset((a, b)) in splits for i, a in enumerate(ids) for b in ids[i + 1 :]):
            continue
        result.append({"name": key, "profiles": list_expert_summaries(db, ids)})
    return result


# -- reading: organizations ------------------------------------------------------------------


def list_organizations(db: sqlite_utils.Database, limit: int | None = None) -> list[dict]:
    """Organizations where visible experts hold or held a post: {slug, name, expert_count}."""
    rows = db.query(
        f"""SELECT o.org_slug, o.org_name, COUNT(DISTINCT a.profile_id) AS n
            FROM appearance_orgs o JOIN appearances a ON a.id = o.appearance_id
            JOIN people p ON p.id = a.profile_id
            WHERE {VISIBLE} AND p.kind = 'expert'
            GROUP BY o.org_slug, o.org_name"""
    )
    merged: dict[str, dict] = {}
    for row in rows:
        entry = merged.setdefault(row["org_slug"], {"slug": row["org_slug"], "names": Counter()})
        entry["names"][row["org_name"]] += row["n"]
    result = []
    for slug, entry in merged.items():
        experts = _org_expert_ids(db, slug)
        name = entry["names"].most_common(1)[0][0]
        result.append({"slug": slug, "name": name, "expert_count": len(experts)})
    result.sort(key=lambda o: (-o["expert_count"], o["name"].lower()))
    return result[:limit] if limit else result


def _org_expert_ids(db: sqlite_utils.Database, org_slug: str) -> list[int]:
    rows = db.query(
        f"""SELECT DISTINCT a.profile_id FROM appearance_orgs o
            JOIN appearances a ON a.id = o.appearance_id JOIN people p ON p.id = a.profile_id
            WHERE o.org_slug = ? AND {VISIBLE} AND p.kind = 'expert' ORDER BY a.profile_id""",
        [org_slug],
    )
    return [r["profile_id"] for r in rows]


def get_organization(db: sqlite_utils.Database, slug: str) -> dict:
    """An organization with the summaries of its experts (NotFound if none are visible)."""
    ids = _org_expert_ids(db, slug)
    if not ids:
        raise NotFound(f"no organization {slug!r}")
    names = Counter(
        r["org_name"]
        for r in db.query("SELECT org_name FROM appearance_orgs WHERE org_slug = ?", [slug])
    )
    experts = sorted(list_expert_summaries(db, ids), key=lambda s: s["name"].lower())
    return {"slug": slug, "name": names.most_common(1)[0][0], "experts": experts}


# -- records ---------------------------------------------------------------------------------


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
        for profile_id, record in _build_records(db, batch).items():
            db.execute(
                """UPDATE people SET name = ?, kind = ?, title = ?, affiliation = ?,
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


def _quotes_by_appearance(
    db: sqlite_utils.Database, appearance_ids: list[int]
) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = defaultdict(list)
    for start in range(0, len(appearance_ids), BATCH):
        batch = appearance_ids[start : start + BATCH]
        marks = ",".join("?" * len(batch))
        for q in db.query(
            f"""SELECT appearance_id, text, kind, cue, start, "end", confidence FROM quotes
                WHERE appearance_id IN ({marks}) ORDER BY appearance_id, ord""",
            batch,
        ):
            found[q.pop("appearance_id")].append(q)
    return found


def _build_records(db: sqlite_utils.Database, ids: list[int]) -> dict[int, dict]:
    """Full records for a batch of profile ids: four queries, whatever the batch size."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    people = {r["id"]: r for r in db.query(f"SELECT * FROM people WHERE id IN ({marks})", ids)}
    apps_by_profile: dict[int, list[dict]] = defaultdict(list)
    apps = list(
        db.query(
            f"""SELECT a.id, a.profile_id, a.position, a.name, a.kind, a.title, a.person,
                       ar.id AS article_id, ar.title AS article_title, ar.url AS article_url,
                       ar.outlet AS article_outlet, ar.published AS article_published, ar.seq
                FROM appearances a JOIN articles ar ON ar.id = a.article_id
                WHERE a.profile_id IN ({marks})""",
            ids,
        )
    )
    for app in apps:
        apps_by_profile[app["profile_id"]].append(app)
    quotes = _quotes_by_appearance(db, [a["id"] for a in apps])
    corrections: dict[int, list[dict]] = defaultdict(list)
    merged_into: dict[int, int] = {}
    other_ids = set()
    for c in db.query(
        f"SELECT * FROM corrections WHERE person_id IN ({marks}) OR other_id IN ({marks})"
        " ORDER BY id",
        ids + ids,
    ):
        if c["person_id"] in people:
            corrections[c["person_id"]].append(c)
        if c["action"] == "split" and c["other_id"] in people:
            corrections[c["other_id"]].append(c)
        if c["action"] == "merge" and c["other_id"] in people:
            merged_into[c["other_id"]] = c["person_id"]
        other_ids.add(c["person_id"])
        if c["other_id"] is not None:
            other_ids.add(c["other_id"])
    slugs = _slugs(db, other_ids)
    return {
        pid: _assemble(
            row,
            apps_by_profile.get(pid, []),
            quotes,
            corrections.get(pid, []),
            slugs,
            merged_into.get(pid),
        )
        for pid, row in people.items()
    }


def _slugs(db: sqlite_utils.Database, ids: Iterable[int]) -> dict[int, str]:
    ids = sorted(ids)
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {
        r["id"]: r["slug"]
        for r in db.query(f"SELECT id, slug FROM people WHERE id IN ({marks})", ids)
    }


def _chronological(app: dict) -> tuple[str, int]:
    """Articles by publication date; undated ones fall back to ingestion order."""
    return (app["article_published"] or "", app["seq"])


def _assemble(
    row: dict,
    apps: list[dict],
    quotes: dict[int, list[dict]],
    corrections: list[dict],
    slugs: dict[int, str],
    merged_into: int | None,
) -> dict:
    """One expert record from a profile's appearances and its corrections."""
    apps = sorted(apps, key=_chronological)
    for app in apps:
        app["data"] = json.loads(app["person"])
        app["article"] = {
            "id": app["article_id"],
            "title": app["article_title"],
            "url": app["article_url"],
            "outlet": app["article_outlet"],
            "published": app["article_published"],
        }
    overrides, confirmed = _editor_values(corrections)
    name_app = _name_source(apps)
    name = overrides.get("name") or (name_app["name"] if name_app else row["name"])
    data = name_app["data"] if name_app else {}
    articles = list({app["article_id"]: app["article"] for app in apps}.values())
    dated = sorted(a["published"] for a in articles if a["published"])
    facts = {key: _merge_facts(apps, key, confirmed.get(key, set())) for key in FACT_LISTS}
    titles = _merge_titles(apps, confirmed.get("title", set()))
    ledger = [{**q, "article": app["article"]} for app in apps for q in quotes.get(app["id"], [])]
    record = {
        "id": row["id"],
        "slug": row["slug"],
        "name": name,
        "aliases": _aliases(apps, name),
        "given_name": data.get("given_name"),
        "family_name": data.get("family_name"),
        "honorific": next(
            (a["data"].get("honorific") for a in reversed(apps) if a["data"].get("honorific")), None
        ),
        "kind": overrides.get("kind") or _kind(apps, row["kind"]),
        "title": overrides.get("title")
        or next((a["title"] for a in reversed(apps) if a["title"]), None),
        "titles": titles,
        "affiliation": overrides.get("affiliation") or _affiliation(apps),
        **facts,
        "quotes": ledger,
        "articles": articles,
        "article_count": len(articles),
        "quote_count": len(ledger),
        "first_quoted": dated[0] if dated else None,
        "last_quoted": dated[-1] if dated else None,
        "organizations": _distinct(
            n for p in facts["positions"] for n in (p.get("organization"), p.get("parent"))
        ),
        "places": _distinct(p.get("place") for p in facts["positions"]),
        "countries": _distinct(p.get("country") for p in facts["positions"]),
        "outlets": _distinct(a["outlet"] for a in articles),
        "kinds": dict(Counter(a["kind"] for a in apps)),
        "hidden": _hidden(corrections),
        "merged_into": merged_into,
        "merged_from": [
            slugs[c["other_id"]]
            for c in corrections
            if c["action"] == "merge" and c["other_id"] in slugs
        ],
        "confirmed": sorted(f for f in SCALAR_FIELDS if f in confirmed),
        "corrections": [_correction_view(c, slugs) for c in corrections],
    }
    record["version"] = hashlib.sha256(
        json.dumps(record, sort_keys=True, default=str).encode()
    ).hexdigest()[:16]
    return record


def _editor_values(corrections: list[dict]) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Values editors set (latest wins) and the facts they confirmed, by field."""
    overrides: dict[str, str] = {}
    confirmed: dict[str, set[str]] = defaultdict(set)
    for c in corrections:
        if c["action"] == "set-kind":
            overrides["kind"] = c["value"]
            confirmed["kind"].add(c["value"])
        elif c["action"] == "confirm":
            if c["field"] in SCALAR_FIELDS:
                if c["value"] is not None:
                    overrides[c["field"]] = c["value"]
                confirmed[c["field"]].add(fact_key(c["field"], c["value"]))
            else:
                confirmed[c["field"]].add(fact_key(c["field"], c["value"]))
    return overrides, confirmed


def fact_key(field_name: str, value: str | None) -> str:
    """The folded key facts of one field are grouped (and confirmed) by."""
    if field_name in ("positions", "editorial_roles"):
        return resolve.org_key(value)
    return " ".join(resolve.tokens(value))


def _name_source(apps: list[dict]) -> dict | None:
    """The appearance whose name is the fullest (most words bar honorifics, most used, earliest)."""
    if not apps:
        return None
    words = [resolve.name_slug(a["name"]).split("-") for a in apps]
    counts = Counter("-".join(w) for w in words)
    best = max(range(len(apps)), key=lambda i: (len(words[i]), counts["-".join(words[i])], -i))
    return apps[best]


def _aliases(apps: list[dict], name: str) -> list[str]:
    seen = {" ".join(resolve.tokens(name))}
    aliases = []
    for app in apps:
        for alias in [app["name"], *(app["data"].get("aliases") or [])]:
            key = " ".join(resolve.tokens(alias))
            if key and key not in seen:
                seen.add(key)
                aliases.append(alias)
    return aliases


def _kind(apps: list[dict], default: str) -> str:
    """Expert if a third of the articles quote the person as one; else the most common kind."""
    # A third, not any: one misread article must not make a president quoted in 200 an expert.
    kinds = [a["kind"] for a in apps]
    if not kinds:
        return default
    if kinds.count("expert") * EXPERT_SHARE_DIVISOR >= len(kinds):
        return "expert"
    counts = Counter(kinds)
    top = max(counts.values())
    return next(k for k in reversed(kinds) if counts[k] == top)


def _affiliation(apps: list[dict]) -> str | None:
    """The current post of the most recent article that gives one: 'Organization, Parent'."""
    for wanted in ("current", "held"):
        for app in reversed(apps):
            for pos in app["data"].get("positions") or []:
                if pos.get("kind") == wanted and pos.get("organization"):
                    parts = [pos["organization"]]
                    if pos.get("parent") and pos["parent"] != pos["organization"]:
                        parts.append(pos["parent"])
                    return ", ".join(parts)
    return None


FACT_IDENTITY = {
    "positions": lambda f: (
        resolve.org_key(f.get("organization")),
        f.get("kind"),
        " ".join(resolve.tokens(f.get("role"))),
    ),
    "publications": lambda f: " ".join(resolve.tokens(f.get("title"))),
    "research_areas": lambda f: " ".join(resolve.tokens(f.get("topic"))),
    "editorial_roles": lambda f: (
        resolve.org_key(f.get("journal")),
        " ".join(resolve.tokens(f.get("role"))),
    ),
}
FACT_LABEL = {
    "positions": "organization",
    "publications": "title",
    "research_areas": "topic",
    "editorial_roles": "journal",
}


def _merge_facts(apps: list[dict], name: str, confirmed: set[str]) -> list[dict]:
    """One entry per distinct fact across articles, with evidence, articles and first/last seen."""
    merged: dict[Any, dict] = {}
    for app in apps:
        for fact in app["data"].get(name) or []:
            key = FACT_IDENTITY[name](fact)
            entry = merged.get(key)
            if entry is None:
                entry = merged[key] = {**fact, "evidence": [], "articles": []}
                entry["confirmed"] = fact_key(name, fact.get(FACT_LABEL[name])) in confirmed
            entry["confidence"] = max(entry.get("confidence") or 0.0, fact.get("confidence") or 0.0)
            entry["evidence"] += [
                {**e, "article": app["article"]} for e in fact.get("evidence") or []
            ]
            if app["article"] not in entry["articles"]:
                entry["articles"].append(app["article"])
    for entry in merged.values():
        _seen(entry)
    return list(merged.values())


def _merge_titles(apps: list[dict], confirmed: set[str]) -> list[dict]:
    """Every title the articles give, kept side by side when they disagree."""
    merged: dict[str, dict] = {}
    for app in apps:
        if not app["title"]:
            continue
        key = " ".join(resolve.tokens(app["title"]))
        entry = merged.setdefault(
            key,
            {"title": app["title"], "evidence": [], "articles": [], "confirmed": key in confirmed},
        )
        entry["evidence"] += [
            {**e, "article": app["article"]} for e in app["data"].get("title_evidence") or []
        ]
        if app["article"] not in entry["articles"]:
            entry["articles"].append(app["article"])
    for entry in merged.values():
        _seen(entry)
    return list(merged.values())


def _seen(entry: dict) -> None:
    dated = sorted(a["published"] for a in entry["articles"] if a["published"])
    entry["first_seen"] = dated[0] if dated else None
    entry["last_seen"] = dated[-1] if dated else None


def _distinct(values: Iterable[str | None]) -> list[str]:
    seen, result = set(), []
    for value in values:
        key = re.sub(r"\s+", " ", value or "").strip().lower()
        if key and key not in seen:
            seen.add(key)
            result.append(value)
    return result


def _hidden(corrections: list[dict]) -> bool:
    hidden = False
    for c in corrections:
        if c["action"] == "hide":
            hidden = c["value"] != "0"
    return hidden


def _correction_view(c: dict, slugs: dict[int, str]) -> dict:
    return {
        "id": c["id"],
        "action": c["action"],
        "field": c["field"],
        "value": c["value"],
        "article_id": c["article_id"],
        "person": slugs.get(c["person_id"]),
        "other": slugs.get(c["other_id"]) if c["other_id"] is not None else None,
        "created_at": c["created_at"],
    }
