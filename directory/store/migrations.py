"""Schema migrations: one named function each, recorded in `_migrations`; re-running is a no-op."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

import sqlite_utils

from .dedup import save_sketch

log = logging.getLogger(__name__)

MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = []


def migration(fn: Callable[[sqlite_utils.Database], None]):
    """Register a migration; they run in the order they are defined."""
    MIGRATIONS.append(fn)
    return fn


@migration
def m001_initial(db: sqlite_utils.Database) -> None:
    """Articles, profiles, appearances, quotes, organizations and editors' corrections."""
    _execute_all(
        db,
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            sha256 TEXT NOT NULL,
            seq INTEGER NOT NULL UNIQUE,
            title TEXT,
            title_key TEXT,
            url TEXT,
            outlet TEXT,
            published TEXT,
            author TEXT,
            source TEXT,
            text TEXT NOT NULL,
            duplicate_of TEXT REFERENCES articles(id),
            similarity REAL,
            extractor_version TEXT,
            extraction TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX idx_articles_title_key ON articles(title_key);
        CREATE INDEX idx_articles_duplicate_of ON articles(duplicate_of);
        CREATE INDEX idx_articles_published ON articles(published);

        CREATE TABLE article_sources (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            PRIMARY KEY (article_id, source)
        );

        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'other',
            title TEXT,
            affiliation TEXT,
            quote_count INTEGER NOT NULL DEFAULT 0,
            article_count INTEGER NOT NULL DEFAULT 0,
            first_quoted TEXT,
            last_quoted TEXT,
            last_seq INTEGER,
            hidden INTEGER NOT NULL DEFAULT 0,
            merged_into INTEGER REFERENCES people(id),
            version TEXT
        );
        CREATE INDEX idx_people_kind ON people(kind);
        CREATE INDEX idx_people_name ON people(name);
        CREATE INDEX idx_people_merged_into ON people(merged_into);
        CREATE INDEX idx_people_quote_count ON people(quote_count);
        CREATE INDEX idx_people_last_quoted ON people(last_quoted);

        CREATE TABLE appearances (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            resolved_id INTEGER NOT NULL REFERENCES people(id),
            profile_id INTEGER NOT NULL REFERENCES people(id),
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            title TEXT,
            given_key TEXT,
            family_key TEXT NOT NULL,
            full_key TEXT NOT NULL,
            sorted_key TEXT NOT NULL,
            name_key TEXT NOT NULL,
            signals TEXT NOT NULL,
            reason TEXT,
            person TEXT NOT NULL
        );
        CREATE INDEX idx_appearances_article ON appearances(article_id);
        CREATE INDEX idx_appearances_profile ON appearances(profile_id);
        CREATE INDEX idx_appearances_resolved ON appearances(resolved_id);
        CREATE INDEX idx_appearances_family ON appearances(family_key);
        CREATE INDEX idx_appearances_full ON appearances(full_key);
        CREATE INDEX idx_appearances_sorted ON appearances(sorted_key);

        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            appearance_id INTEGER NOT NULL REFERENCES appearances(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            cue TEXT,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            confidence REAL
        );
        CREATE INDEX idx_quotes_appearance ON quotes(appearance_id);
        CREATE INDEX idx_quotes_article ON quotes(article_id);

        CREATE TABLE appearance_orgs (
            appearance_id INTEGER NOT NULL REFERENCES appearances(id) ON DELETE CASCADE,
            org_slug TEXT NOT NULL,
            org_name TEXT NOT NULL,
            PRIMARY KEY (appearance_id, org_slug)
        );
        CREATE INDEX idx_appearance_orgs_slug ON appearance_orgs(org_slug);

        CREATE TABLE corrections (
            id INTEGER PRIMARY KEY,
            action TEXT NOT NULL,
            person_id INTEGER NOT NULL REFERENCES people(id),
            other_id INTEGER REFERENCES people(id),
            article_id TEXT,
            field TEXT,
            value TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX idx_corrections_person ON corrections(person_id);
        """,
    )


@migration
def m002_listing_indexes(db: sqlite_utils.Database) -> None:
    """Indexes for browsing by kind in name order, the directory's default listing."""
    _execute_all(
        db,
        """
        CREATE INDEX idx_people_kind_name ON people(kind, name COLLATE NOCASE);
        CREATE INDEX idx_people_name_nocase ON people(name COLLATE NOCASE);
        """,
    )


@migration
def m003_article_sketches(db: sqlite_utils.Database) -> None:
    """Bottom-k shingle sketches of original articles: near-duplicates under any headline."""
    _execute_all(
        db,
        """
        CREATE TABLE article_sketches (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            hash INTEGER NOT NULL,
            PRIMARY KEY (article_id, hash)
        );
        CREATE INDEX idx_article_sketches_hash ON article_sketches(hash);
        """,
    )
    for row in list(db.query("SELECT id, text FROM articles WHERE duplicate_of IS NULL")):
        save_sketch(db, row["id"], row["text"])


@migration
def m004_profiles_table(db: sqlite_utils.Database) -> None:
    """The `people` table holds profiles and is named so; references to it follow the rename."""
    db.execute("ALTER TABLE people RENAME TO profiles")


@migration
def m005_correction_authors(db: sqlite_utils.Database) -> None:
    """Who made each correction: an editor's username or `cli` (NULL: made before, by the CLI)."""
    db.execute('ALTER TABLE corrections ADD COLUMN "by" TEXT')


@migration
def m006_users(db: sqlite_utils.Database) -> None:
    """Editors who sign in to the web site: a name, a slow salted password hash and a role."""
    db.execute(
        """CREATE TABLE users (
            name TEXT PRIMARY KEY,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL,
            created_at TEXT NOT NULL
        )"""
    )


@migration
def m007_resolution_scores(db: sqlite_utils.Database) -> None:
    """Each appearance keeps the resolver's score (0..1) and its reasons (a JSON list)."""
    _execute_all(
        db,
        """
        ALTER TABLE appearances ADD COLUMN score REAL;
        ALTER TABLE appearances ADD COLUMN reasons TEXT
        """,
    )


@migration
def m008_quote_attribution_spans(db: sqlite_utils.Database) -> None:
    """Each quote keeps the offsets of the words naming its speaker and of its reporting cue."""
    _execute_all(
        db,
        """
        ALTER TABLE quotes ADD COLUMN source_start INTEGER;
        ALTER TABLE quotes ADD COLUMN source_end INTEGER;
        ALTER TABLE quotes ADD COLUMN cue_start INTEGER;
        ALTER TABLE quotes ADD COLUMN cue_end INTEGER
        """,
    )


@migration
def m009_statements(db: sqlite_utils.Database) -> None:
    """Words of organizations, publications and bodies quoted as sources ("Yukos said")."""
    _execute_all(
        db,
        """
        CREATE TABLE statements (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            org_slug TEXT NOT NULL,
            org_name TEXT NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            cue TEXT,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            confidence REAL,
            source_start INTEGER,
            source_end INTEGER,
            cue_start INTEGER,
            cue_end INTEGER,
            sentence TEXT NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL
        );
        CREATE INDEX idx_statements_org ON statements(org_slug);
        CREATE INDEX idx_statements_article ON statements(article_id)
        """,
    )


@migration
def m010_absorbed_profiles(db: sqlite_utils.Database) -> None:
    """A surname-only profile gathered into the full-name profile it belongs to redirects there."""
    db.execute("ALTER TABLE profiles ADD COLUMN absorbed_into INTEGER REFERENCES profiles(id)")


def _execute_all(db: sqlite_utils.Database, script: str) -> None:
    """Run statements one by one: executescript would commit the migration's transaction."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def run_migrations(db: sqlite_utils.Database) -> list[str]:
    """Apply every migration not yet recorded; returns the names applied."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row["name"] for row in db.query("SELECT name FROM _migrations")}
    applied = []
    for fn in MIGRATIONS:
        if fn.__name__ in done:
            continue
        with db.atomic():
            fn(db)
            db.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                [fn.__name__, datetime.now(UTC).isoformat(timespec="seconds")],
            )
        log.info("applied migration %s", fn.__name__)
        applied.append(fn.__name__)
    return applied


def pending_migrations(db: sqlite_utils.Database) -> list[str]:
    """Names of migrations not applied yet (a read-only database cannot apply them)."""
    if "_migrations" not in db.table_names():
        return [fn.__name__ for fn in MIGRATIONS]
    done = {row["name"] for row in db.query("SELECT name FROM _migrations")}
    return [fn.__name__ for fn in MIGRATIONS if fn.__name__ not in done]
