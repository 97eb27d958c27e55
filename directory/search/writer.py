"""Writing profiles into the index: add or replace, delete, and a full rebuild swapped in."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import storage
from .schema import record_to_document

log = logging.getLogger(__name__)


def index_records(index_dir: Path, records: Iterable[dict]) -> int:
    """Add or replace profiles (by `id`); hidden ones are removed. Returns how many were indexed."""
    count = 0
    with storage.write_lock(index_dir):
        writer = storage.writer(storage.open_for_writing(index_dir))
        try:
            for record in records:
                if record.get("hidden"):
                    writer.delete_by_term("id", str(record["id"]))
                    continue
                writer.update_document(**record_to_document(record))
                count += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
    return count


def delete_records(index_dir: Path, ids: Iterable[Any]) -> None:
    """Remove profiles from the index by id (unknown ids are ignored)."""
    ids = [str(i) for i in ids]
    if not ids or storage.current_version(index_dir) is None:
        return
    with storage.write_lock(index_dir):
        writer = storage.writer(storage.open_for_writing(index_dir))
        for doc_id in ids:
            writer.delete_by_term("id", doc_id)
        writer.commit()


def rebuild_index(index_dir: Path, records: Iterable[dict]) -> int:
    """Build a complete index in a new folder, then swap it in atomically. Returns the count."""
    count = 0
    with storage.write_lock(index_dir):
        folder, ix = storage.new_version(index_dir)
        try:
            writer = storage.writer(ix, limitmb=256)
            for record in records:
                if not record.get("hidden"):
                    writer.add_document(**record_to_document(record))
                    count += 1
            # One segment: the fastest shape to search.
            writer.commit(optimize=True)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        storage.publish(index_dir, folder)
    log.info("rebuilt the search index in %s: %d profiles", folder, count)
    return count
