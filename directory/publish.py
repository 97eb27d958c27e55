"""`directory publish DEST`: a consistent, read-only snapshot of the directory for web nodes.

Layout of DEST::

    CURRENT                 the name of the live snapshot (replaced atomically)
    .publish.lock           held (flock) by the one publish running
    snap-<N>-<UTC stamp>/   a data folder: directory.db, index/, manifest.json, SHA256SUMS

A snapshot is the database copied through SQLite's online backup API (one step, so one read
transaction: a consistent state even while an ingest writes), with the live search index copied
beside it and brought up to date with that copy (`sync_index`), so the two always agree. It is
written to a hidden folder inside DEST, renamed into place, and only then named in CURRENT: a
reader that reads CURRENT finds a whole snapshot, the old one or the new. `directory serve
--data DEST` reads CURRENT on each request, so a web node moves to a new snapshot without a
restart while requests under way finish on the old one. The newest few snapshots are kept, so a
reader that opened one just before the swap keeps working.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from directory import config, search, store
from directory.errors import InputError, StoreError

MANIFEST = "manifest.json"
CHECKSUMS = "SHA256SUMS"
LOCK_FILE = ".publish.lock"
TEMP_PREFIX = ".publishing-"
SNAPSHOT_PREFIX = "snap-"
# Snapshots kept in DEST, the live one included.
KEEP = 3
MANIFEST_FORMAT = 1


@dataclass
class Published:
    """What one publish wrote: the snapshot's folder, its counts and its checksum."""

    folder: Path
    counts: dict
    checksum: str
    seconds: float
    removed: int = 0

    def format(self) -> str:
        """The one summary line the CLI prints."""
        counts = self.counts
        return (
            f"Published {self.folder.name} to {self.folder.parent}: {counts['people']} people, "
            f"{counts['articles']} articles, {counts['quotes']} quotes, {counts['indexed']} "
            f"indexed; checksum {self.checksum[:16]} in {self.seconds:.1f} s"
        )


def publish(data_dir: str | os.PathLike, dest: str | os.PathLike, *, keep: int = KEEP) -> Published:
    """Publish a snapshot of the directory in `data_dir` to the folder `dest` (see the module)."""
    started = time.monotonic()
    data_dir, dest = Path(data_dir), Path(dest)
    source = config.db_path(data_dir)
    if not source.exists():
        raise StoreError(f"no directory at {data_dir}: run `directory ingest PATH` first")
    check_destination(data_dir, dest)
    with _publish_lock(dest):
        _remove_leftovers(dest)
        name = _next_name(dest)
        temp = dest / f"{TEMP_PREFIX}{name}"
        temp.mkdir()
        try:
            manifest = write_snapshot(data_dir, temp)
            manifest["snapshot"] = name
            _write_json(temp / MANIFEST, manifest)
            _seal(temp)
            folder = dest / name
            os.replace(temp, folder)
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise
        _write_pointer(dest, name)
        removed = _prune(dest, name, keep)
    return Published(
        folder, manifest["counts"], manifest["checksum"], time.monotonic() - started, removed
    )


def check_destination(data_dir: Path, dest: Path) -> None:
    """Refuse a DEST that is the data folder itself, lies inside it, or holds anything else."""
    if dest.resolve() == data_dir.resolve() or data_dir.resolve() in dest.resolve().parents:
        raise InputError(f"{dest}: publish to a folder outside the data folder {data_dir}")
    if dest.exists() and not dest.is_dir():
        raise InputError(f"{dest}: not a folder")
    if dest.is_dir():
        ours = (config.SNAPSHOT_POINTER, LOCK_FILE, config.SECRET_KEY_FILE)
        foreign = [
            p.name
            for p in dest.iterdir()
            if p.name not in ours and not p.name.startswith((SNAPSHOT_PREFIX, TEMP_PREFIX))
        ]
        if foreign:
            raise InputError(
                f"{dest}: holds {', '.join(sorted(foreign)[:3])}, which publish did not write; "
                "choose an empty folder or one publish made"
            )


def write_snapshot(data_dir: Path, folder: Path) -> dict:
    """Write the store and its index into `folder`; returns the manifest (counts, checksums)."""
    target = config.db_path(folder)
    source = store.open_db(config.db_path(data_dir), read_only=True)
    try:
        copy = sqlite3.connect(target)
        try:
            # One step: the whole copy is read in one transaction, a consistent state.
            source.conn.backup(copy)
            # Web nodes only read: editors' accounts and password hashes stay on the writer.
            with copy:
                copy.execute("DELETE FROM users")
            copy.execute("VACUUM")  # the deleted hashes leave no trace in free pages
            # A snapshot never changes: no write-ahead log, so readers need nothing but the file.
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
    except sqlite3.Error as error:
        raise StoreError(f"cannot copy the store into {folder}: {error}") from error
    finally:
        source.close()
    db = store.open_db(target, read_only=True)
    try:
        index_dir = config.index_path(folder)
        copied = search.copy_index(config.index_path(data_dir), index_dir)
        search.sync_index(db, index_dir)  # whatever the live index lagged behind the copy
        counts = {**store.stats(db), "indexed": search.index_doc_count(index_dir)}
        version = _one_line(index_dir / "CURRENT")
    finally:
        db.close()
    with contextlib.suppress(FileNotFoundError):
        (index_dir / "write.lock").unlink()
    sums = _checksums(folder)
    (folder / CHECKSUMS).write_text(
        "".join(f"{digest}  {path}\n" for path, digest in sums.items()), encoding="utf-8"
    )
    return {
        "format": MANIFEST_FORMAT,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "source": str(data_dir.resolve()),
        "index_version": version,
        "index_copied": copied is not None,
        "counts": counts,
        "files": {
            path: {"sha256": digest, "bytes": (folder / path).stat().st_size}
            for path, digest in sums.items()
        },
        # The checksum of the SHA256SUMS file, which `sha256sum -c` checks on any machine.
        "checksum": hashlib.sha256((folder / CHECKSUMS).read_bytes()).hexdigest(),
    }


def read_manifest(snapshot: Path) -> dict:
    """A snapshot's manifest."""
    try:
        return json.loads((Path(snapshot) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise StoreError(f"{snapshot}: no readable {MANIFEST} ({error})") from error


def verify_snapshot(snapshot: Path) -> list[str]:
    """The files of a snapshot whose checksum differs from its manifest's (empty: all intact)."""
    manifest = read_manifest(snapshot)
    found = _checksums(Path(snapshot))
    expected = {path: item["sha256"] for path, item in manifest["files"].items()}
    return sorted(p for p in expected.keys() | found.keys() if expected.get(p) != found.get(p))


def _checksums(folder: Path) -> dict[str, str]:
    """The sha256 of every file below `folder` but the manifest and the sums, by relative path."""
    sums = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if relative in (MANIFEST, CHECKSUMS):
            continue
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        sums[relative] = digest.hexdigest()
    return sums


def _seal(folder: Path) -> None:
    """Make every file read-only and flush it all to disk before the folder is named live."""
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file():
            path.chmod(0o444)
            _fsync(path)
    for path in [*sorted(p for p in folder.rglob("*") if p.is_dir()), folder]:
        _fsync(path)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_pointer(dest: Path, name: str) -> None:
    """Name the live snapshot: a new file renamed over CURRENT; a reader sees one or the other."""
    temp = dest / f"{TEMP_PREFIX}{config.SNAPSHOT_POINTER}-{secrets.token_hex(4)}"
    with open(temp, "w", encoding="utf-8") as handle:
        handle.write(name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, dest / config.SNAPSHOT_POINTER)
    _fsync(dest)


def _snapshots(dest: Path) -> list[Path]:
    """The snapshot folders in DEST, newest first."""
    return sorted(
        (p for p in dest.iterdir() if p.is_dir() and p.name.startswith(SNAPSHOT_PREFIX)),
        key=lambda p: (_number(p.name), p.name),
        reverse=True,
    )


def _number(name: str) -> int:
    """The N of `snap-<N>-<stamp>` (-1 for a name not of that form)."""
    part = name.removeprefix(SNAPSHOT_PREFIX).split("-")[0]
    return int(part) if part.isdigit() else -1


def _next_name(dest: Path) -> str:
    """`snap-<N>-<UTC stamp>`, N one more than the newest's: snapshots are ordered by N, which
    follows the order of publishing whatever the clock does."""
    numbers = [_number(p.name) for p in _snapshots(dest)]
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    return f"{SNAPSHOT_PREFIX}{max(numbers, default=0) + 1:06d}-{stamp}"


def _prune(dest: Path, live: str, keep: int) -> int:
    """Remove the oldest snapshots beyond the newest `keep` (never the live one)."""
    removed = 0
    for folder in _snapshots(dest)[max(keep, 1) :]:
        if folder.name != live:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def _remove_leftovers(dest: Path) -> None:
    """Remove what a publish killed half-way left (it never became live)."""
    for path in dest.iterdir():
        if path.name.startswith(TEMP_PREFIX):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


@contextlib.contextmanager
def _publish_lock(dest: Path) -> Iterator[None]:
    """One publish at a time into `dest`."""
    try:
        dest.mkdir(parents=True, exist_ok=True)
        handle = open(dest / LOCK_FILE, "a+")  # noqa: SIM115 (held for the with-block)
    except OSError as error:
        raise StoreError(f"cannot write to {dest}: {error.strerror or error}") from error
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"{dest}: another publish is running") from None
        yield
    finally:
        handle.close()


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _one_line(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
