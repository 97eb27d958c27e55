"""Where the index lives: versioned folders behind a pointer file, one writer lock, cached readers.

Layout of `index_dir`::

    CURRENT        the name of the live version folder (replaced atomically)
    write.lock     held (flock) by the one process writing
    s<N>-<stamp>-.../  a complete Whoosh index built with schema version N

A rebuild writes a new version folder and then replaces CURRENT, so a reader either opens the old
index or the new one, never a half-built one. The previous version is kept, so a reader that
opened it just before the swap keeps working; older ones are removed. A version built with an
older schema counts as no index at all, so the next write starts a fresh one and
`directory index` fills it from the store.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import secrets
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from directory.errors import StoreError

from .codec import ArrayCodec
from .schema import SCHEMA_VERSION, build_schema, doc_id

log = logging.getLogger(__name__)

POINTER = "CURRENT"
LOCK_FILE = "write.lock"
LOCK_TIMEOUT = 900.0
KEEP_VERSIONS = 2
# Index folders one thread keeps a searcher open for: a web node following published snapshots
# meets a new folder with each one, and the old searchers must not pile up.
OPEN_PER_THREAD = 4


def current_version(index_dir: Path) -> Path | None:
    """The live version folder named by the pointer file, or None when nothing is indexed yet."""
    try:
        name = (Path(index_dir) / POINTER).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    if not name.startswith(f"s{SCHEMA_VERSION}-") or "/" in name:
        return None
    return Path(index_dir) / name


def _write_pointer(index_dir: Path, version: Path) -> None:
    tmp = Path(index_dir) / f".{POINTER}.{os.getpid()}.{secrets.token_hex(4)}"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(version.name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, Path(index_dir) / POINTER)


@contextlib.contextmanager
def write_lock(index_dir: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the index's single-writer lock; waits up to `timeout` seconds for another writer."""
    index_dir = Path(index_dir)
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        handle = open(index_dir / LOCK_FILE, "a+")  # noqa: SIM115 (held for the with-block)
    except OSError as exc:
        raise StoreError(f"cannot write the search index in {index_dir}: {exc.strerror}") from exc
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"the search index in {index_dir} is locked by another writer"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        handle.close()  # closing the file releases the lock


def new_version(index_dir: Path) -> tuple[Path, whoosh_index.Index]:
    """Create an empty index in a fresh version folder (not yet live)."""
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    folder = Path(index_dir) / f"s{SCHEMA_VERSION}-{stamp}-{os.getpid()}-{secrets.token_hex(3)}"
    folder.mkdir(parents=True)
    return folder, whoosh_index.create_in(str(folder), build_schema())


def publish(index_dir: Path, version: Path) -> None:
    """Make `version` the live index and drop versions older than the previous one."""
    _write_pointer(index_dir, version)
    versions = sorted(
        (p for p in Path(index_dir).iterdir() if p.is_dir() and p.name[:1] in "sv"),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    keep = {version.name}
    for folder in versions:
        if len(keep) >= KEEP_VERSIONS:
            break
        keep.add(folder.name)
    for folder in versions:
        if folder.name not in keep:
            shutil.rmtree(folder, ignore_errors=True)


def copy_index(index_dir: Path, dest: Path) -> str | None:
    """Copy the live version of the index into `dest` (a new index folder: pointer and version),
    holding the write lock so no commit lands half-way. Returns the version's name, or None
    when there is no index in the current format to copy."""
    with write_lock(index_dir):
        version = current_version(index_dir)
        if version is None or not version.is_dir():
            return None
        Path(dest).mkdir(parents=True, exist_ok=True)
        # Whoosh's own lock file stays behind: nothing writes to a copy made for reading.
        shutil.copytree(
            version, Path(dest) / version.name, ignore=shutil.ignore_patterns("*WRITELOCK")
        )
    _write_pointer(Path(dest), Path(dest) / version.name)
    return version.name


def open_for_writing(index_dir: Path) -> whoosh_index.Index:
    """The live index to add to (call with the write lock held); creates one if there is none."""
    version = current_version(index_dir)
    if version is not None and whoosh_index.exists_in(str(version)):
        return whoosh_index.open_dir(str(version))
    folder, ix = new_version(index_dir)
    publish(index_dir, folder)
    return ix


def writer(ix: whoosh_index.Index, limitmb: int = 128):
    """A Whoosh writer for `ix` in this project's on-disk format.

    Separate files, not one compound file: Whoosh copies a compound file's parts into each
    process's memory, while separate files are read through the shared page cache.
    """
    return ix.writer(limitmb=limitmb, compound=False, codec=ArrayCodec())


@dataclass
class OpenIndex:
    """A reader's view of one version: the searcher plus caches derived from it."""

    version: Path
    searcher: Searcher
    derived: dict = field(default_factory=dict)


class Readers:
    """Per-thread searchers, reopened when the pointer or the index generation changes.

    Whoosh searchers are not safe to share between threads, so each thread keeps its own; a web
    worker sees new data on its next call without a restart.
    """

    def __init__(self) -> None:
        self._local = threading.local()

    def get(self, index_dir: Path) -> OpenIndex | None:
        """The up-to-date open index for `index_dir`, or None when nothing is indexed yet."""
        cache = self._local.__dict__.setdefault("open", {})
        key = str(Path(index_dir).resolve())
        for _attempt in range(3):
            version = current_version(index_dir)
            if version is None:
                return None
            entry = cache.get(key)
            try:
                if entry is not None and entry.version == version:
                    if not entry.searcher.up_to_date():
                        # Not Searcher.refresh(): its reader reuse keeps stale deletions.
                        fresh = whoosh_index.open_dir(str(version)).searcher()
                        entry.searcher.close()
                        entry.searcher, entry.derived = fresh, {}
                    return entry
                if entry is not None:
                    entry.searcher.close()
                    del cache[key]
                ix = whoosh_index.open_dir(str(version))
                cache[key] = OpenIndex(version, ix.searcher())
                while len(cache) > OPEN_PER_THREAD:  # the folder opened longest ago goes
                    cache.pop(next(iter(cache))).searcher.close()
                return cache[key]
            except (OSError, whoosh_index.EmptyIndexError):
                # A rebuild swapped versions between reading the pointer and opening: retry.
                cache.pop(key, None)
                time.sleep(0.01)
        log.warning("could not open the search index in %s", index_dir)
        return None

    def forget(self, index_dir: Path) -> None:
        """Close this thread's searcher for `index_dir` (tests, and before removing a folder)."""
        cache = self._local.__dict__.setdefault("open", {})
        entry = cache.pop(str(Path(index_dir).resolve()), None)
        if entry is not None:
            entry.searcher.close()


# This process's readers: one searcher per thread and index folder.
_readers = Readers()


def open_index(index_dir: Path) -> OpenIndex | None:
    """This thread's up-to-date view of the index, or None when it holds no documents."""
    opened = _readers.get(index_dir)
    if opened is None or opened.searcher.doc_count_all() == 0:
        return None
    return opened


def index_exists(index_dir: Path) -> bool:
    """Whether a live index in the current format is there (it may be empty); no reader opened."""
    return current_version(index_dir) is not None


def index_doc_count(index_dir: Path) -> int:
    """How many profiles the index holds."""
    opened = open_index(index_dir)
    return 0 if opened is None else opened.searcher.doc_count()


def index_versions(index_dir: Path) -> dict[Any, str]:
    """The `version` of every indexed profile, by id, to compare with the store."""
    opened = open_index(index_dir)
    if opened is None:
        return {}
    reader = opened.searcher.reader()
    ids = reader.column_reader("id")
    versions = reader.column_reader("version")
    return {doc_id(ids[d]): versions[d] for d in reader.all_doc_ids()}


def index_ids(index_dir: Path) -> set:
    """The ids of every indexed profile."""
    return set(index_versions(index_dir))
