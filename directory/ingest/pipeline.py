"""The ingest pipeline: read -> extract (in parallel) -> store -> index, with a summary.

One process writes: worker processes only extract, and the parent saves each article in its own
transaction (`store.save_extraction`) and re-indexes the touched profiles in batches. A killed
ingest therefore leaves whole articles only; the index may lag the database by one batch, and the
next ingest (or `directory index`) catches it up.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sqlite3
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import chain, islice
from multiprocessing import get_context
from pathlib import Path
from typing import Protocol, TextIO

from directory import config, store
from directory.errors import DirectoryError, InputError, StoreError
from directory.models import Article, Extraction
from directory.search import index_exists, reindex_profiles, sync_index

from .progress import Progress
from .readers import IngestFailure, expand_paths, read_path

logger = logging.getLogger(__name__)

# Articles per task sent to a worker: big enough for spaCy's batching, small enough to keep
# every worker busy until the end.
CHUNK_ARTICLES = 16
# Tasks queued per worker, so reading stays only a little ahead of extraction.
IN_FLIGHT_PER_JOB = 3
# Touched profiles are re-indexed in batches: one Whoosh commit per batch, not per article.
# Each flush re-indexes every profile touched since the last (~8 ms each), so fewer, larger
# batches cost less; a killed ingest is caught up by the next one (see RUNNING_MARKER).
INDEX_BATCH_ARTICLES = 1000
INDEX_BATCH_SECONDS = 60.0
# Present while an ingest runs; found at the start of the next one, it means the last was killed
# and the index may lag the database.
RUNNING_MARKER = ".ingest-running"


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
    skipped: int = 0  # of the unchanged: found stored before extraction, so not extracted
    where: str = ""  # where extraction ran, when not on this machine: a cluster and its workers

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
        noun = "article" if self.read == 1 else "articles"
        where = f" on {self.where}" if self.where else ""
        return (
            f"Ingested {self.read} {noun} ({', '.join(parts)}): "
            f"{self.people} people, {self.quotes} quotes in {self.seconds:.1f} s "
            f"({rate:.1f} articles/s){where}"
        )


@dataclass
class ExtractFailure:
    """An article the extractor could not process."""

    article: Article
    reason: str


class Extractor(Protocol):
    """Where extraction runs: `extract` yields each article's Extraction (or ExtractFailure) in
    input order; `describe` names the place for the progress lines and the summary ("" for
    this machine). The parent process saves every result; an extractor never writes."""

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction | ExtractFailure]:
        """Extract the articles, yielding results in input order."""
        ...

    def describe(self) -> str:
        """Where extraction runs, in a few words, or "" for this machine."""
        ...


class LocalExtractor:
    """Extraction in `jobs` worker processes of this machine (the default)."""

    def __init__(self, jobs: int | None = None):
        self.jobs = jobs or default_jobs()

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction | ExtractFailure]:
        """Extract the articles over this machine's worker processes, in input order."""
        return extract_stream(articles, self.jobs)

    def describe(self) -> str:
        """Nothing: a local ingest's lines look as they always have."""
        return ""


def default_jobs() -> int:
    """The number of extraction processes: one per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def ingest_paths(
    data_dir: str | os.PathLike,
    paths: Iterable[str | os.PathLike],
    *,
    jobs: int | None = None,
    progress: bool | None = None,
    stderr: TextIO | None = None,
    extractor: Extractor | None = None,
) -> IngestSummary:
    """Ingest files and folders (`-` is stdin) into the store and index of `data_dir`.

    Each failure is written to stderr as `PATH[:LINE]: reason` as it happens. `progress`: True
    or False forces the progress display on or off; None shows it (a bar on a terminal, a line
    every few seconds otherwise). `extractor` says where extraction runs (default: `jobs`
    processes of this machine; see `cluster.ClusterExtractor`). Raises StoreError when the data
    folder cannot be written.
    """
    from directory.extract import EXTRACTOR_VERSION

    started = time.monotonic()
    data_dir = Path(data_dir)
    files = list(expand_paths(paths))
    meter = Progress(len(files), stream=stderr or sys.stderr, enabled=progress)
    summary = IngestSummary()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        db = store.open_db(config.db_path(data_dir))
    except (OSError, sqlite3.Error) as error:
        raise StoreError(f"cannot open the store in {data_dir}: {error}") from error
    index_dir = config.index_path(data_dir)
    marker = data_dir / RUNNING_MARKER
    if marker.exists():
        logger.info("the last ingest was interrupted: bringing the index up to date")
        sync_index(db, index_dir)
    elif not index_exists(index_dir):
        # Removed, or written in an older format (which counts as none): without this the
        # index would start afresh with only this ingest's profiles.
        sync_index(db, index_dir)
    marker.touch()
    indexer = _Indexer(db, index_dir)
    reader = _Reader(files, summary, meter)
    fresh = _skip_stored(reader, db, EXTRACTOR_VERSION, summary)
    extractor = extractor or LocalExtractor(jobs)
    done = 0
    try:
        for item in extractor.extract(fresh):
            _save(store, db, item, summary, meter, indexer)
            done += 1
            meter.note = extractor.describe()
            meter.update(
                articles=done + summary.skipped, files=reader.files_read, read=summary.read
            )
    finally:
        meter.close()
        _finish(db, indexer, marker)
        summary.where = extractor.describe()
    summary.people = len(indexer.people)
    summary.seconds = time.monotonic() - started
    return summary


def _finish(db, indexer: _Indexer, marker: Path) -> None:
    """End a run however it ends (done, an error, Ctrl-C): index what was stored, then remove
    the marker. Only when the index cannot be brought level does the marker stay, so that the
    next ingest catches the index up first."""
    try:
        indexer.flush()
    except Exception as error:
        logger.warning("the index lags the store (%s); the next ingest catches it up", error)
    else:
        marker.unlink(missing_ok=True)
    finally:
        db.close()


class _Reader:
    """The articles of the given files; failures are counted and shown as they happen."""

    def __init__(self, files: list[str], summary: IngestSummary, meter: Progress):
        self.files = files
        self.summary = summary
        self.meter = meter
        self.files_read = 0

    def __iter__(self) -> Iterator[Article]:
        for path in self.files:
            for item in read_path(path):
                if isinstance(item, IngestFailure):
                    _fail(self.summary, self.meter, str(item))
                else:
                    self.summary.read += 1
                    yield item
            self.files_read += 1


def _skip_stored(
    articles: Iterable[Article], db, version: str, summary: IngestSummary
) -> Iterator[Article]:
    """The articles that saving could change; the rest count as unchanged, never extracted.

    This is what makes a re-run (after a kill, say) cheap: only the rest are extracted.
    """
    for article in articles:
        if store.is_article_stored(db, article, version):
            summary.unchanged += 1
            summary.skipped += 1
        else:
            yield article


class _Indexer:
    """Collects the profiles touched by saved articles and re-indexes them in batches."""

    def __init__(self, db, index_dir: Path):
        self.db = db
        self.index_dir = index_dir
        self.pending: set[int] = set()
        self.people: set[int] = set()
        self.articles = 0
        self.last_flush = time.monotonic()

    def add(self, person_ids: Iterable[int]) -> None:
        """Note one saved article's profiles; re-index when the batch is full or old."""
        self.pending.update(person_ids)
        self.people.update(person_ids)
        self.articles += 1
        if (
            self.articles >= INDEX_BATCH_ARTICLES
            or time.monotonic() - self.last_flush >= INDEX_BATCH_SECONDS
        ):
            self.flush()

    def flush(self) -> None:
        """Re-index every pending profile now."""
        if self.pending:
            reindex_profiles(self.db, self.index_dir, self.pending)
        self.pending.clear()
        self.articles = 0
        self.last_flush = time.monotonic()


def _save(store, db, item, summary: IngestSummary, meter: Progress, indexer: _Indexer) -> None:
    """Save one extraction in its own transaction and count the outcome."""
    if isinstance(item, ExtractFailure):
        _fail(summary, meter, _where(item.article, item.reason))
        return
    try:
        result = store.save_extraction(db, item)
    except StoreError as error:
        # Disk full, read-only or locked: every later article would fail the same way.
        if isinstance(error.__cause__, sqlite3.OperationalError):
            raise
        _fail(summary, meter, _where(item.article, str(error)))
        return
    except sqlite3.OperationalError as error:
        raise StoreError(f"cannot write the store: {error}") from error
    except Exception as error:  # one odd article must not stop the ingest
        logger.debug("could not store %s", item.article.source, exc_info=True)
        _fail(summary, meter, _where(item.article, f"could not store: {error}"))
        return
    status = result.status
    if status in ("new", "duplicate", "unchanged", "updated"):
        setattr(summary, status, getattr(summary, status) + 1)
    if status in ("new", "updated"):
        summary.quotes += sum(len(person.quotes) for person in item.people)
    indexer.add(result.person_ids or [])


def _fail(summary: IngestSummary, meter: Progress, message: str) -> None:
    """Count a failure and write it to stderr at once, one line."""
    summary.failed += 1
    summary.failures.append(message)
    meter.message(message)


def _where(article: Article, reason: str) -> str:
    """`PATH: reason`, naming the article inside a file that holds several."""
    label = article.id or article.url
    source = article.source or "-"
    return f"{source}: {label}: {reason}" if label else f"{source}: {reason}"


def extract_stream(articles: Iterable[Article], jobs: int) -> Iterator[Extraction | ExtractFailure]:
    """Extractions of the articles, in input order, over `jobs` worker processes.

    Input too small to keep every worker busy is extracted in this process instead: starting
    workers (each loads the spaCy model) would cost more than it saves.
    """
    chunks = in_chunks(iter(articles), CHUNK_ARTICLES)
    head = list(islice(chunks, jobs)) if jobs > 1 else []
    if jobs <= 1 or len(head) < jobs:
        for chunk in chain(head, chunks):
            yield from extract_chunk(chunk)
        return
    # fork: workers start at once and share the parent's modules and its loaded model (loading
    # it once here costs one load, not one per worker). They inherit the parent's SQLite handle
    # but never touch it, and exit through os._exit, which never closes it.
    load_model()
    pool = ProcessPoolExecutor(
        jobs, mp_context=get_context("fork"), initializer=_start_worker, initargs=(os.getpid(),)
    )
    in_flight: deque[Future] = deque()
    try:
        for chunk in chain(head, chunks):
            in_flight.append(pool.submit(extract_chunk, chunk))
            if len(in_flight) >= jobs * IN_FLIGHT_PER_JOB:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()
    except BrokenProcessPool as error:
        raise DirectoryError(
            "an extraction process died (out of memory?); re-run to continue"
        ) from error
    finally:
        if in_flight:
            _stop_workers(pool)  # an error or Ctrl-C: drop the queued work, don't finish it
        pool.shutdown(wait=True, cancel_futures=True)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate a pool's workers now (Python 3.14 has this as `terminate_workers`)."""
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


def in_chunks(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    """The items in lists of `size` (the last may be shorter)."""
    while chunk := list(islice(items, size)):
        yield chunk


def load_model() -> None:
    """Load the spaCy model in this process (once; later calls are free)."""
    from directory.extract.nlp import load_nlp

    load_nlp()


def _start_worker(parent: int) -> None:
    """Prepare a worker: bound to its parent's life, Ctrl-C left to the parent, the model loaded
    (inherited when forked)."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_model()


# linux/prctl.h: the signal the kernel sends a process when the thread that forked it dies.
PR_SET_PDEATHSIG = 1
# How often a worker without prctl looks for its parent.
PARENT_CHECK_SECONDS = 1.0


def die_with_parent(parent: int) -> None:
    """End this process when `parent` dies, even by SIGKILL, so no worker outlives an ingest.

    Forked workers hold both ends of the pool's pipes, so they never see the parent go: left
    alone they wait forever. On Linux the kernel kills them (PR_SET_PDEATHSIG; the pool forks
    from the main thread, which lives as long as the parent); elsewhere a thread watches the
    parent's pid.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        bound = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        bound = False
    if not bound:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the binding took hold
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def extract_chunk(articles: list[Article]) -> list[Extraction | ExtractFailure]:
    """Extract a list of articles; an article that breaks the extractor becomes a failure."""
    from directory.extract import extract_article, extract_articles

    try:
        return list(extract_articles(articles, n_process=1))
    except InputError:
        pass
    except DirectoryError:
        raise  # no model, and the like: every article would fail
    except Exception:  # find the article at fault; the others still count
        logger.debug("a chunk failed; extracting its articles one by one", exc_info=True)
    results: list[Extraction | ExtractFailure] = []
    for article in articles:
        try:
            results.append(extract_article(article))
        except InputError as error:
            results.append(ExtractFailure(article, str(error)))
        except DirectoryError:
            raise
        except Exception as error:
            logger.debug("extraction failed on %s", article.source, exc_info=True)
            results.append(ExtractFailure(article, f"extraction failed: {error!r}"))
    return results
