"""Writing profiles into the index: add or replace, delete, and a full rebuild swapped in.

Each document carries the topics its person is quoted on, which weigh a phrase by how many
profiles use it: a rebuild counts the phrases of every profile first and keeps the counts in the
version folder, and later additions are weighed against those counts.
"""

from __future__ import annotations

import logging
import pickle
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import storage
from .bulk import build_segments
from .schema import record_to_document
from .topics import PhraseCounts, candidates, choose_topics

log = logging.getLogger(__name__)

PHRASE_COUNTS = "phrases.pickle"


def save_phrase_counts(folder: Path, counts: PhraseCounts) -> None:
    """Keep a version's phrase counts beside it."""
    with open(Path(folder) / PHRASE_COUNTS, "wb") as handle:
        pickle.dump((counts.articles, dict(counts.counts), counts.names), handle, protocol=5)


def load_phrase_counts(folder: Path | None) -> PhraseCounts | None:
    """The phrase counts kept beside a version; None when there are none or they are unreadable."""
    if folder is None:
        return None
    try:
        with open(Path(folder) / PHRASE_COUNTS, "rb") as handle:
            articles, counts, names = pickle.load(handle)  # noqa: S301 (written by this module)
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
        return None
    found = PhraseCounts(articles, names=set(names))
    found.counts.update(counts)
    return found


def documents(records: Iterable[dict], counts: PhraseCounts | None = None) -> list[dict]:
    """Whoosh documents for records with their topics, weighed by `counts` (the corpus's phrase
    counts), or by the records' own counts when there are none."""
    records = list(records)
    found = [candidates(record) for record in records]
    if counts is None:
        counts = PhraseCounts()
        for record, item in zip(records, found, strict=True):
            counts.add(item)
            counts.add_name(record)
    return [
        record_to_document(record, choose_topics(item, counts))
        for record, item in zip(records, found, strict=True)
    ]


def index_records(index_dir: Path, records: Iterable[dict]) -> int:
    """Add or replace profiles (by `id`); hidden ones are removed. Returns how many were indexed."""
    count = 0
    records = list(records)
    with storage.write_lock(index_dir):
        ix = storage.open_for_writing(index_dir)
        counts = load_phrase_counts(storage.current_version(index_dir))
        shown = [r for r in records if not r.get("hidden")]
        docs = documents(shown, counts)
        writer = storage.writer(ix)
        try:
            for record in records:
                if record.get("hidden"):
                    writer.delete_by_term("id", str(record["id"]))
            for document in docs:
                writer.update_document(**document)
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


def rebuild_index(index_dir: Path, records: Iterable[dict], *, jobs: int | None = None) -> int:
    """Build a complete index in a new folder, then swap it in atomically. Returns the count.

    The records are written by `jobs` worker processes (default one per core), one segment
    each (`bulk`); a small corpus is written in this process.
    """
    with storage.write_lock(index_dir):
        folder, _ix = storage.new_version(index_dir)
        try:
            count, counts = build_segments(folder, records, jobs)
            save_phrase_counts(folder, counts)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        storage.publish(index_dir, folder)
    log.info("rebuilt the search index in %s: %d profiles", folder, count)
    return count
