"""Keeping the derived search index in step with the store, the source of truth."""

from __future__ import annotations

from pathlib import Path

from . import search, store

BATCH = 500


def reindex_profiles(db, index_dir: Path, ids) -> int:
    """Re-index the given profiles (and drop the ones the store no longer shows)."""
    ids = sorted(set(ids))
    if not ids:
        return 0
    records = list(store.iter_expert_records(db, ids=ids))
    search.index_records(index_dir, records)
    gone = set(ids) - {r["id"] for r in records}
    if gone:
        search.delete_records(index_dir, sorted(gone))
    return len(records)


def sync_index(db, index_dir: Path) -> tuple[int, int]:
    """Index profiles missing from the index or changed since, and drop ones the store lost."""
    stored = store.list_expert_versions(db)
    indexed = search.index_versions(index_dir)
    stale = [i for i, version in stored.items() if indexed.get(i) != version]
    removed = sorted(set(indexed) - set(stored))
    for start in range(0, len(stale), BATCH):
        batch = stale[start : start + BATCH]
        search.index_records(index_dir, store.iter_expert_records(db, ids=batch))
    if removed:
        search.delete_records(index_dir, removed)
    return len(stale), len(removed)


def rebuild_index(db, index_dir: Path) -> int:
    """Rebuild the whole index from the store into a new folder and swap it in."""
    return search.rebuild_index(index_dir, store.iter_expert_records(db))
