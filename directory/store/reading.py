"""Reading the store: profiles by slug or id, listings, articles, organizations, counts.

Views and exports call these; none of them writes.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

import sqlite_utils

from directory.errors import InputError, NotFound, StoreError
from directory.models import FACT_FIELDS

from .records import Action, assemble_record
from .sql import BATCH, one
from .statements import list_statements

MAX_MERGE_CHAIN = 100
LIST_ORDERS = {
    "name": "p.name COLLATE NOCASE, p.id",
    "quotes": "p.quote_count DESC, p.name COLLATE NOCASE, p.id",
    "recent": "p.last_quoted IS NULL, p.last_quoted DESC, p.last_seq DESC, p.id",
}
VISIBLE = "p.hidden = 0 AND p.merged_into IS NULL AND p.article_count > 0"
SUMMARY_COLUMNS = (
    "p.id, p.slug, p.name, p.kind, p.title, p.affiliation, p.quote_count, p.article_count, "
    "p.first_quoted, p.last_quoted"
)
LEAD_CHARS = 400
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s")


def get_profile_id(db: sqlite_utils.Database, slug: str) -> int:
    """The id of the live profile a slug names, following merges (NotFound if unknown)."""
    row = one(db, "SELECT id FROM profiles WHERE slug = ?", [slug])
    if row is None:
        raise NotFound(f"no expert {slug!r}")
    return _follow_merges(db, row["id"])


def profile_version(db: sqlite_utils.Database, slug: str) -> tuple[int, str] | None:
    """(id, record version) of the visible profile with this slug; None when the slug is unknown,
    merged away or hidden (get_profile says which)."""
    row = one(db, f"SELECT p.id, p.version FROM profiles p WHERE p.slug = ? AND {VISIBLE}", [slug])
    return None if row is None or not row["version"] else (row["id"], row["version"])


def _follow_merges(db: sqlite_utils.Database, profile_id: int) -> int:
    for _ in range(MAX_MERGE_CHAIN):
        row = one(
            db,
            "SELECT COALESCE(merged_into, absorbed_into) AS next FROM profiles WHERE id = ?",
            [profile_id],
        )
        if row is None:
            raise NotFound(f"no expert with id {profile_id}")
        if row["next"] is None:
            return profile_id
        profile_id = row["next"]
    raise StoreError("merge chain too long")


def get_profile(db: sqlite_utils.Database, slug: str, *, include_hidden: bool = False) -> dict:
    """The full record of a slug; a merged-away slug gives the surviving profile's record.

    Raises NotFound for unknown slugs, hidden profiles and profiles no article quotes any more.
    """
    if not isinstance(slug, str) or not slug:
        raise NotFound("no such expert")
    return get_profile_by_id(db, get_profile_id(db, slug), include_hidden=include_hidden)


def get_profile_by_id(
    db: sqlite_utils.Database, profile_id: int, *, include_hidden: bool = False
) -> dict:
    """The full record of a profile id (following merges); NotFound like get_profile."""
    try:
        profile_id = _follow_merges(db, int(profile_id))
    except (TypeError, ValueError) as error:
        raise NotFound(f"no expert with id {profile_id!r}") from error
    record = build_records(db, [profile_id]).get(profile_id)
    if record is None or (not include_hidden and (record["hidden"] or not record["article_count"])):
        raise NotFound(f"no expert with id {profile_id}")
    return record


def iter_profile_records(
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
        rows = db.query(f"SELECT p.id FROM profiles p WHERE {where} ORDER BY p.id")
        ids = [row["id"] for row in rows]
    else:
        ids = sorted({int(i) for i in ids})
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        records = build_records(db, batch)
        for profile_id in batch:
            record = records.get(profile_id)
            if record is None:
                continue
            if not include_hidden and (
                record["hidden"] or record["merged_into"] is not None or not record["article_count"]
            ):
                continue
            yield record


def list_profile_versions(
    db: sqlite_utils.Database, ids: Iterable[int] | None = None
) -> dict[int, str]:
    """Each visible profile's record version (of those among `ids`, when given), to check the
    search index or a remembered answer against the store."""
    if ids is None:
        return {
            row["id"]: row["version"]
            for row in db.query(f"SELECT p.id, p.version FROM profiles p WHERE {VISIBLE}")
        }
    ids = [int(i) for i in ids]
    found: dict[int, str] = {}
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        marks = ",".join("?" * len(batch))
        query = f"SELECT p.id, p.version FROM profiles p WHERE {VISIBLE} AND p.id IN ({marks})"
        found.update((row["id"], row["version"]) for row in db.query(query, batch))
    return found


def list_profile_summaries(db: sqlite_utils.Database, ids: Iterable[int]) -> list[dict]:
    """The summaries of the visible profiles among `ids`, in the order given."""
    ids = [int(i) for i in ids]
    found: dict[int, dict] = {}
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        marks = ",".join("?" * len(batch))
        for row in db.query(
            f"SELECT {SUMMARY_COLUMNS} FROM profiles p WHERE {VISIBLE} AND p.id IN ({marks})", batch
        ):
            found[row["id"]] = row
    return [found[i] for i in ids if i in found]


def list_profiles(
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
            f"SELECT {SUMMARY_COLUMNS} FROM profiles p WHERE {where}"
            f" ORDER BY {LIST_ORDERS[order]} LIMIT ? OFFSET ?",
            params,
        )
    )


def count_profiles(db: sqlite_utils.Database, *, kind: str | None = None) -> int:
    """How many visible profiles there are (of one kind when given)."""
    where, params = VISIBLE, []
    if kind is not None:
        where += " AND p.kind = ?"
        params.append(kind)
    return one(db, f"SELECT COUNT(*) AS n FROM profiles p WHERE {where}", params)["n"]


def stats(db: sqlite_utils.Database) -> dict[str, int]:
    """Headline counts: experts, people, articles, duplicates, quotes, organizations."""
    return {
        "experts": count_profiles(db, kind="expert"),
        "people": count_profiles(db),
        "articles": one(db, "SELECT COUNT(*) AS n FROM articles WHERE duplicate_of IS NULL")["n"],
        "duplicates": one(db, "SELECT COUNT(*) AS n FROM articles WHERE duplicate_of IS NOT NULL")[
            "n"
        ],
        "quotes": one(db, "SELECT COUNT(*) AS n FROM quotes")["n"],
        "organizations": one(db, "SELECT COUNT(DISTINCT org_slug) AS n FROM appearance_orgs")["n"],
        "corrections": one(db, "SELECT COUNT(*) AS n FROM corrections")["n"],
    }


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


def _article_ref(row: dict, prefix: str = "") -> dict:
    return {
        "id": row[prefix + "id"],
        "title": row[prefix + "title"],
        "url": row[prefix + "url"],
        "outlet": row[prefix + "outlet"],
        "published": row[prefix + "published"],
    }


def get_article(db: sqlite_utils.Database, article_id: str) -> dict:
    """One article with its text and the people quoted in it (NotFound for unknown ids)."""
    row = one(db, "SELECT * FROM articles WHERE id = ?", [article_id])
    if row is None:
        raise NotFound(f"no article {article_id!r}")
    apps = list(
        db.query(
            """SELECT a.id, a.name, a.kind, a.title, a.person, p.id AS profile_id, p.slug,
                      p.hidden FROM appearances a JOIN profiles p ON p.id = a.profile_id
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
        "sources": sources(db, article_id),
        "extractor_version": row["extractor_version"],
        "people": people,
    }


def _person_evidence(data: dict) -> list[dict]:
    """Every evidence sentence of one person's facts in one article, in text order."""
    found = {}
    for item in data.get("title_evidence") or []:
        found[(item["start"], item["end"])] = item
    for name in FACT_FIELDS:
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
            "sources": sources(db, r["id"]),
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
            "sources": sources(db, r["id"]),
        }
        for r in db.query(
            """SELECT ar.id, ar.title FROM articles ar
               WHERE (SELECT COUNT(*) FROM article_sources s WHERE s.article_id = ar.id) > 1
               ORDER BY ar.seq"""
        )
    ]
    return near + identical


def list_organizations(db: sqlite_utils.Database, limit: int | None = None) -> list[dict]:
    """Organizations where visible experts hold or held a post: {slug, name, expert_count}."""
    rows = db.query(
        f"""SELECT o.org_slug, o.org_name, COUNT(DISTINCT a.profile_id) AS n
            FROM appearance_orgs o JOIN appearances a ON a.id = o.appearance_id
            JOIN profiles p ON p.id = a.profile_id
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
            JOIN appearances a ON a.id = o.appearance_id JOIN profiles p ON p.id = a.profile_id
            WHERE o.org_slug = ? AND {VISIBLE} AND p.kind = 'expert' ORDER BY a.profile_id""",
        [org_slug],
    )
    return [r["profile_id"] for r in rows]


def get_organization(db: sqlite_utils.Database, slug: str) -> dict:
    """An organization with the summaries of its experts and its own statements ("Yukos said");
    NotFound when it has neither."""
    ids = _org_expert_ids(db, slug)
    statements = list_statements(db, slug)
    if not ids and not statements:
        raise NotFound(f"no organization {slug!r}")
    names = Counter(
        r["org_name"]
        for r in db.query("SELECT org_name FROM appearance_orgs WHERE org_slug = ?", [slug])
    )
    names.update(s["org_name"] for s in statements)
    experts = sorted(list_profile_summaries(db, ids), key=lambda s: s["name"].lower())
    return {
        "slug": slug,
        "name": names.most_common(1)[0][0],
        "experts": experts,
        "statements": statements,
    }


def build_records(db: sqlite_utils.Database, ids: list[int]) -> dict[int, dict]:
    """Full records for a batch of profile ids: four queries, whatever the batch size."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    people = {r["id"]: r for r in db.query(f"SELECT * FROM profiles WHERE id IN ({marks})", ids)}
    apps_by_profile: dict[int, list[dict]] = defaultdict(list)
    apps = list(
        db.query(
            f"""SELECT a.id, a.profile_id, a.resolved_id, a.position, a.name, a.kind, a.title,
                       a.person, a.score, a.reasons, a.reason,
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
        if c["action"] in (Action.SPLIT, Action.KEEP_APART) and c["other_id"] in people:
            corrections[c["other_id"]].append(c)
        if c["action"] == Action.MERGE and c["other_id"] in people:
            merged_into[c["other_id"]] = c["person_id"]
        other_ids.add(c["person_id"])
        if c["other_id"] is not None:
            other_ids.add(c["other_id"])
    slugs = _slugs(db, other_ids)
    return {
        pid: assemble_record(
            row,
            apps_by_profile.get(pid, []),
            quotes,
            corrections.get(pid, []),
            slugs,
            merged_into.get(pid),
        )
        for pid, row in people.items()
    }


def _quotes_by_appearance(
    db: sqlite_utils.Database, appearance_ids: list[int]
) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = defaultdict(list)
    for start in range(0, len(appearance_ids), BATCH):
        batch = appearance_ids[start : start + BATCH]
        marks = ",".join("?" * len(batch))
        for q in db.query(
            f"""SELECT appearance_id, text, kind, cue, start, "end", confidence, source_start,
                       source_end, cue_start, cue_end FROM quotes
                WHERE appearance_id IN ({marks}) ORDER BY appearance_id, ord""",
            batch,
        ):
            found[q.pop("appearance_id")].append(q)
    return found


def _slugs(db: sqlite_utils.Database, ids: Iterable[int]) -> dict[int, str]:
    ids = sorted(ids)
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {
        r["id"]: r["slug"]
        for r in db.query(f"SELECT id, slug FROM profiles WHERE id IN ({marks})", ids)
    }


def sources(db: sqlite_utils.Database, article_id: str) -> list[str]:
    rows = db.query("SELECT source FROM article_sources WHERE article_id = ?", [article_id])
    return [r["source"] for r in rows]
