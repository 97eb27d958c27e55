"""Keeping the derived search index in step with the store, the source of truth."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from directory import store

from .storage import index_versions
from .writer import delete_records, index_records, rebuild_index

BATCH = 500


def with_leads(db, records: Iterable[dict]) -> Iterator[dict]:
    """Records for the index: each with `article_leads`, the openings of its articles (so a search
    for the story finds the people quoted in it, even in an article without a headline)."""
    batch: list[dict] = []
    for record in records:
        batch.append(record)
        if len(batch) >= BATCH:
            yield from _add_leads(db, batch)
            batch = []
    yield from _add_leads(db, batch)


def _add_leads(db, records: list[dict]) -> list[dict]:
    ids = {a["id"] for r in records for a in r.get("articles") or [] if a.get("id") is not None}
    leads = store.article_leads(db, ids)
    return [
        {
            **r,
            "article_leads": [
                leads[a["id"]] for a in r.get("articles") or [] if leads.get(a.get("id"))
            ],
        }
        for r in records
    ]


def reindex_profiles(db, index_dir: Path, ids) -> int:
    """Re-index the given profiles (and drop the ones the store no longer shows)."""
    ids = sorted(set(ids))
    if not ids:
        return 0
    records = list(with_leads(db, store.iter_profile_records(db, ids=ids)))
    index_records(index_dir, records)
    gone = set(ids) - {r["id"] for r in records}
    if gone:
        delete_records(index_dir, sorted(gone))
    return len(records)


def sync_index(db, index_dir: Path) -> tuple[int, int]:
    """Index profiles missing from the index or changed since, and drop ones the store lost."""
    stored = store.list_profile_versions(db)
    indexed = index_versions(index_dir)
    stale = [i for i, version in stored.items() if indexed.get(i) != version]
    removed = sorted(set(indexed) - set(stored))
    for start in range(0, len(stale), BATCH):
        batch = stale[start : start + BATCH]
        index_records(index_dir, with_leads(db, store.iter_profile_records(db, ids=batch)))
    if removed:
        delete_records(index_dir, removed)
    return len(stale), len(removed)


def rebuild_from_store(db, index_dir: Path) -> int:
    """Rebuild the whole index from the store into a new folder and swap it in."""
    return rebuild_index(index_dir, with_leads(db, store.iter_profile_records(db)))
