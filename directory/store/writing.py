"""Saving extractions: one transaction per article, deduplicated, each person resolved to a
profile; and reprocessing stored articles when the extractor changes."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from directory import bodies, resolve
from directory.errors import InputError, StoreError
from directory.models import Article, Extraction, Person, Statement, person_to_dict
from directory.text import tokens

from .corrections import effective_profile, path_corrections, reapply_corrections
from .dedup import find_near_duplicate, save_sketch, title_key
from .profiles import create_profile, display_name, refresh_profiles
from .reading import sources
from .sql import BATCH, now, one
from .statements import save_statements, statements_of

log = logging.getLogger(__name__)

ARTICLE_ID_LENGTHS = (12, 16, 64)


@dataclass
class SaveResult:
    """What saving one extraction did; `person_ids` are the profiles to re-index."""

    article_id: str
    duplicate_of: str | None
    person_ids: list[int] = field(default_factory=list)
    status: str = "new"


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
    row = one(db, "SELECT * FROM articles WHERE id = ?", [article_id])
    if row is None:
        duplicate_of, similarity = find_near_duplicate(db, article.title, article.text)
        _insert_article(db, article_id, extraction, raw, duplicate_of, similarity)
        if duplicate_of is None:
            save_sketch(db, article_id, article.text)
        _add_source(db, article_id, article.source)
        if duplicate_of:
            return SaveResult(article_id, duplicate_of, [], "duplicate")
        touched = _write_people(db, article_id, extraction, {})
        refresh_profiles(db, touched)
        return SaveResult(article_id, None, sorted(touched), "new")

    known_sources = sources(db, article_id)
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
    touched = _replace_people(db, article_id, extraction)
    refresh_profiles(db, touched)
    return SaveResult(article_id, None, sorted(touched), "updated")


def is_article_stored(db: sqlite_utils.Database, article: Article, version: str) -> bool:
    """Whether this exact text from this source is stored by this extractor version already.

    `save_extraction` would answer "unchanged" for it, so extracting it again is waste.
    """
    row = one(
        db,
        "SELECT id, extractor_version FROM articles WHERE content_hash = ?",
        [article.content_hash],
    )
    if row is None or row["extractor_version"] != version:
        return False
    return not article.source or article.source in sources(db, row["id"])


def _article_id(db: sqlite_utils.Database, content_hash: str) -> str:
    """A short stable id from the content hash, longer only if a prefix is already taken."""
    for length in ARTICLE_ID_LENGTHS:
        candidate = content_hash[:length]
        row = one(db, "SELECT content_hash FROM articles WHERE id = ?", [candidate])
        if row is None or row["content_hash"] == content_hash:
            return candidate
    raise StoreError(f"article id collision for {content_hash}")


def _insert_article(
    db: sqlite_utils.Database,
    article_id: str,
    extraction: Extraction,
    raw: str,
    duplicate_of: str | None,
    similarity: float | None,
) -> None:
    article = extraction.article
    seq = one(db, "SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM articles")["n"]
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
            now(),
        ],
    )


def _add_source(db: sqlite_utils.Database, article_id: str, source: str | None) -> bool:
    """Record where an article was read from; True when that source is new."""
    if not source:
        return False
    cursor = db.execute(
        "INSERT OR IGNORE INTO article_sources (article_id, source) VALUES (?, ?)",
        [article_id, source],
    )
    return cursor.rowcount > 0


def _replace_people(db: sqlite_utils.Database, article_id: str, extraction: Extraction) -> set[int]:
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
    return touched | _write_people(db, article_id, extraction, _previous_profiles(old))


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
    db: sqlite_utils.Database, article_id: str, extraction: Extraction, previous: dict[str, int]
) -> set[int]:
    """Resolve and write the appearances, quotes and organizations of one article's people.

    A source that is not a person (an organization, a publication, a party, a people) never
    becomes a profile: its quotes are kept as that organization's statements. Nor does a first
    name given only to a relative or with an age (`bodies.first_name_speaker`).
    """
    statements: list[Statement] = list(extraction.statements)
    organizations = [s.organization for s in extraction.statements]
    prepared = []
    words: list[str] | None = None
    for position, person in enumerate(extraction.people):
        key = resolve.name_key(person)
        if key is None:
            # an honorific alone ("President") names nobody a profile could be kept for
            log.debug(
                "article %s: skipped a person with no usable name: %r", article_id, person.name
            )
            continue
        honorific = person.honorific or resolve.honorific_in(person.aliases)
        if bodies.not_a_person(
            person.name,
            honorific=honorific,
            organizations=organizations,
            text=extraction.article.text,
        ):
            statements += statements_of(person.name, person.quotes)
            continue
        if (
            key.given is None
            and not honorific
            and bodies.first_name_speaker(person.name, extraction.article.text)
        ):
            # "his wife, Sheila," or "Brad, 39": no directory profile can be kept for a first
            # name, which names a different person in every article; the quotes stay in the
            # article's stored extraction
            log.debug("article %s: skipped a first name alone: %r", article_id, person.name)
            continue
        signals = resolve.signals_of(person)
        if key.given is None:
            words = tokens(extraction.article.text) if words is None else words
            signals.given_in_text = given_names_before(key.family, words)
        prepared.append((position, person, key, signals))
    save_statements(db, article_id, extraction.article.text, statements)
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
    path = path_corrections(db)
    touched = set()
    for (position, person, key, signals), match in zip(prepared, matches, strict=True):
        resolved_id = match.profile_id or create_profile(db, person)
        profile_id = effective_profile(path, resolved_id, article_id)
        _insert_appearance(
            db, article_id, position, person, key, signals, match, resolved_id, profile_id
        )
        touched.add(profile_id)
    families = {key.family for key in keys if key.given}
    if any(not c.full and c.names[0].family in families for c in candidates):
        touched |= _absorb_surname_profiles(db, families, path)
    return touched


def given_names_before(family: str, words: list[str]) -> set[str]:
    """The words an article's folded tokens write right before a family name, a middle initial
    skipped ("Stan Greenberg", "Mark E. Kelly"): the given names it may stand for."""
    found = set()
    for i, word in enumerate(words):
        if word == family and i > 0:
            before = words[i - 1]
            if len(before) == 1 and i > 1:
                before = words[i - 2]
            if len(before) > 1 and not before.isdigit():
                found.add(before)
    return found


def _absorb_surname_profiles(
    db: sqlite_utils.Database, families: set[str], path: list[dict]
) -> set[int]:
    """Gather surname-only profiles into the one full-name profile each now clearly belongs to.

    "Mr Greenspan" quoted before any article gave his full name started a profile of its own;
    once "Alan Greenspan" has one, the surname-only profile joins it and redirects there. A
    profile an editor corrected in any way is left as the editor left it.
    """
    candidates = _load_candidates(db, [resolve.NameKey(None, f) for f in sorted(families)])
    fulls = [c for c in candidates if c.full]
    touched: set[int] = set()
    for bare in candidates:
        if bare.full or _corrected(db, bare.profile_id):
            continue
        family = bare.names[0].family
        same_family = [c for c in fulls if any(n.family == family for n in c.names)]
        match = resolve.choose_profile(resolve.NameKey(None, family), bare.signals, same_family)
        if match.profile_id is None:
            continue
        touched |= _absorb(db, bare.profile_id, match, path)
    return touched


def _absorb(
    db: sqlite_utils.Database, bare_id: int, match: resolve.Match, path: list[dict]
) -> set[int]:
    """Move a surname-only profile's appearances to `match`'s profile; it redirects there."""
    reasons = ("surname-only profile gathered into the full-name profile", *match.reasons)
    touched = {bare_id}
    rows = list(db.query("SELECT id, article_id FROM appearances WHERE resolved_id = ?", [bare_id]))
    for row in rows:
        profile_id = effective_profile(path, match.profile_id, row["article_id"])
        db.execute(
            """UPDATE appearances SET resolved_id = ?, profile_id = ?, score = ?, reason = ?,
                   reasons = ? WHERE id = ?""",
            [
                match.profile_id,
                profile_id,
                match.score,
                "; ".join(reasons),
                json.dumps(list(reasons)),
                row["id"],
            ],
        )
        touched.add(profile_id)
    db.execute("UPDATE profiles SET absorbed_into = ? WHERE id = ?", [match.profile_id, bare_id])
    return touched


def _corrected(db: sqlite_utils.Database, profile_id: int) -> bool:
    """Whether any editor's correction names this profile."""
    row = one(
        db,
        "SELECT 1 AS x FROM corrections WHERE person_id = ? OR other_id = ? LIMIT 1",
        [profile_id, profile_id],
    )
    return row is not None


def _exists(db: sqlite_utils.Database, profile_id: int) -> bool:
    return one(db, "SELECT 1 AS x FROM profiles WHERE id = ?", [profile_id]) is not None


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
               score, reasons, person)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            article_id,
            position,
            resolved_id,
            profile_id,
            display_name(person),
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
            match.score,
            json.dumps(list(match.reasons)),
            json.dumps(data, ensure_ascii=False),
        ],
    )
    appearance_id = cursor.lastrowid
    for ord_, quote in enumerate(quotes):
        db.execute(
            """INSERT INTO quotes (appearance_id, article_id, ord, text, kind, cue, start, "end",
                   confidence, source_start, source_end, cue_start, cue_end)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
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
                quote.get("source_start"),
                quote.get("source_end"),
                quote.get("cue_start"),
                quote.get("cue_end"),
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
        row = one(db, "SELECT * FROM articles WHERE id = ?", [article_id])
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
