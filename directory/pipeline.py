"""The ingest pipeline: read -> extract -> store -> index, with progress and a summary."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from directory import config
from directory.ingest import IngestFailure, read_articles
from directory.models import Article

logger = logging.getLogger(__name__)

# Profiles are re-indexed in batches: one Whoosh writer per batch, not per article.
INDEX_BATCH_ARTICLES = 200


@dataclass
class IngestSummary:
    """What one ingest did: article counts by outcome, people and quotes seen, failures."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    unchanged: int = 0
    updated: int = 0
    failed: int = 0
    people: int = 0
    quotes: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """The CLI exit status: 1 when anything failed, else 0."""
        return 1 if self.failed else 0

    def format(self) -> str:
        """The one summary line the CLI prints."""
        return str(self)

    def __str__(self) -> str:
        rate = self.read / self.seconds if self.seconds > 0 else 0.0
        parts = [f"{self.new} new", f"{self.duplicate} duplicate", f"{self.unchanged} unchanged"]
        if self.updated:
            parts.append(f"{self.updated} updated")
        parts.append(f"{self.failed} failed")
        return (
            f"Ingested {self.read} articles ({', '.join(parts)}): "
            f"{self.people} people, {self.quotes} quotes in {self.seconds:.1f} s "
            f"({rate:.1f} articles/s)"
        )


def ingest_paths(
    data_dir: str | os.PathLike,
    paths: Iterable[str | os.PathLike],
    *,
    jobs: int | None = None,
    progress: bool | None = None,
    stderr: TextIO | None = None,
) -> IngestSummary:
    """Ingest files and folders into the store and index of `data_dir`; returns the summary."""
    from directory import store
    from directory.extract import extract_articles
    from directory.indexing import reindex_profiles

    err = stderr or sys.stderr
    started = time.monotonic()
    summary = IngestSummary()
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    db = store.open_db(config.db_path(data_dir))
    pending: set[int] = set()
    people: set[int] = set()
    since_flush = 0

    def flush() -> None:
        if pending:
            reindex_profiles(db, config.index_path(data_dir), pending)
            pending.clear()

    articles = _only_articles(read_articles(paths), summary, err)
    for extraction in extract_articles(articles, n_process=1):
        result = store.save_extraction(db, extraction)
        _count(summary, extraction, result)
        people.update(result.person_ids)
        pending.update(result.person_ids)
        since_flush += 1
        if since_flush >= INDEX_BATCH_ARTICLES:
            flush()
            since_flush = 0
    flush()
    summary.people = len(people)
    summary.seconds = time.monotonic() - started
    return summary


def _only_articles(
    items: Iterable[Article | IngestFailure], summary: IngestSummary, err: TextIO
) -> Iterator[Article]:
    """The articles of a read stream; each failure is counted and written to stderr at once."""
    for item in items:
        if isinstance(item, IngestFailure):
            _report_failure(summary, str(item), err)
        else:
            yield item


def _report_failure(summary: IngestSummary, message: str, err: TextIO) -> None:
    summary.failed += 1
    summary.failures.append(message)
    print(message, file=err, flush=True)


def _count(summary: IngestSummary, extraction, result) -> None:
    summary.read += 1
    status = getattr(result, "status", "new")
    if status in ("new", "duplicate", "unchanged", "updated"):
        setattr(summary, status, getattr(summary, status) + 1)
    if status in ("new", "updated"):
        summary.quotes += sum(len(person.quotes) for person in extraction.people)
