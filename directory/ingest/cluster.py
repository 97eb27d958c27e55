"""Extraction on a Dask cluster: `directory ingest PATH... --scheduler tcp://HOST:PORT` or `local`.

Only extraction moves. Reading stays in this process, and so does writing: this process is the
one writer, saving each article in its own transaction as a local ingest does. Articles go to the
workers in batches, as plain dicts; each worker loads the spaCy model once (`ModelPlugin`) and
sends every batch back as plain dicts (`models.dump_extraction`). Results are taken in input order,
so a cluster ingest writes exactly the store a local ingest writes, and at most a few batches per
worker are in flight, so a huge input never sits in memory.

A worker that dies takes its tasks with it; the scheduler still holds them and runs them again on
another worker. This process saves only the one result it receives for each batch, so every
article is stored exactly once. When the scheduler goes away the ingest stops with a DirectoryError:
what was saved stays, and the same command run again extracts only the rest.

This module imports Dask, so nothing imports it at module level: `directory.ingest` reaches it
through `cluster_extractor` only when `--scheduler` is given.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from itertools import chain

import dask
from distributed import Client, Future, KilledWorker, LocalCluster, WorkerPlugin

from directory.errors import DirectoryError, InputError
from directory.models import Article, Extraction, dump_extraction, load_extraction

from .pipeline import ExtractFailure, default_jobs, extract_chunk, in_chunks, load_model

logger = logging.getLogger(__name__)

LOCAL = "local"
# Articles per task: as in a local ingest, enough for spaCy's batching; a task is then a second
# or two of work, against a few milliseconds of Dask's own cost per task.
BATCH_ARTICLES = 16
# Batches in flight per worker: enough that no worker waits for the next while this process saves,
# few enough that memory stays bounded (about 50 articles a worker).
IN_FLIGHT_PER_WORKER = 3
# How long to wait for the scheduler to answer, and for a first worker to join it.
CONNECT_SECONDS = 30
WORKERS_SECONDS = 120
# How often to look at the cluster (workers joined and left, the scheduler still there) while
# waiting for a batch, and how long a cluster may have no worker at all before the ingest stops.
POLL_SECONDS = 2.0
WORKERLESS_SECONDS = 300
# Dask's defaults suit interactive analysis: a profiler sampling every worker every 10 ms,
# event-loop checks every 20 ms, memory polled every 100 ms. Extraction needs none of that: on an
# idle cluster of two workers they cost 10% of a core, and 1% with these (measured with psutil
# over 30 s). A local cluster gets them from this process; workers started with `dask worker`
# get them from the environment (`dask_environment()`, docs/deploy.md).
WORKER_SETTINGS = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}
# glibc's mallopt: Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536, which also pins
# the mmap threshold at 128 KiB, so every spaCy array above that is a fresh mmap and munmap: 13-15%
# more CPU per article (measured: 5.6 s against 6.5 s of CPU for 96 articles). Raising the mmap
# threshold to glibc's own dynamic ceiling undoes it; freed memory still goes back past 64 MiB.
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD_BYTES = 32 * 1024 * 1024
TRIM_THRESHOLD_BYTES = 64 * 1024 * 1024


class ModelPlugin(WorkerPlugin):
    """Loads the spaCy model once on each worker, when it joins, not once per task."""

    name = "directory-model"
    idempotent = True

    def setup(self, worker) -> None:
        """Load the model into the worker process, its allocator tuned for spaCy first."""
        tune_allocator()
        load_model()


def tune_allocator() -> None:
    """Undo the fixed mmap threshold Dask's nanny gives a worker (glibc only; else nothing)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
        libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES)
    except (OSError, AttributeError):  # not glibc
        logger.debug("mallopt is not available here")


def dask_environment() -> dict[str, str]:
    """WORKER_SETTINGS as the DASK_* environment variables `dask worker` reads."""
    return {
        "DASK_" + key.upper().replace(".", "__").replace("-", "_"): str(value)
        for key, value in WORKER_SETTINGS.items()
    }


def extract_batch(batch: list[dict]) -> list[dict]:
    """On a worker: extract a batch of articles given as dicts; each result as a plain dict,
    `{"extraction": ...}` or `{"failure": reason, "article": ...}`."""
    results = extract_chunk([Article(**item) for item in batch])
    return [
        {"failure": item.reason, "article": asdict(item.article)}
        if isinstance(item, ExtractFailure)
        else {"extraction": dump_extraction(item)}
        for item in results
    ]


def read_result(item: dict) -> Extraction | ExtractFailure:
    """One result of `extract_batch` back into an Extraction or an ExtractFailure."""
    if "failure" in item:
        return ExtractFailure(Article(**item["article"]), item["failure"])
    return load_extraction(item["extraction"])


class ClusterExtractor:
    """Extraction on a Dask cluster: a running scheduler's address, or `local` for a LocalCluster
    of `jobs` single-threaded worker processes on this machine."""

    def __init__(self, scheduler: str, jobs: int | None = None):
        self.scheduler = scheduler.strip()
        if not self.scheduler:
            raise InputError("--scheduler needs tcp://HOST:PORT or 'local'")
        self.jobs = jobs
        self.address = self.scheduler if self.scheduler != LOCAL else ""
        self.seen: set[str] = set()  # every worker that took part
        self.workers: set[str] = set()  # the workers there now
        self._client: Client | None = None  # while connected
        self._checked = 0.0
        self._workerless_since: float | None = None

    def describe(self) -> str:
        """The scheduler's address and the workers: "tcp://10.0.0.5:8786, 4 workers"; "" while
        no cluster was reached (nothing needed extracting, say)."""
        if not self.seen:
            return ""
        where = f"{self.address} (local)" if self.scheduler == LOCAL else self.address
        count = len(self.workers)
        text = f"{where}, {count} worker{'' if count == 1 else 's'}"
        left = len(self.seen - self.workers)
        return f"{text} ({left} left)" if left else text

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction | ExtractFailure]:
        """Extract the articles on the cluster, yielding results in input order."""
        batches = in_chunks(iter(articles), BATCH_ARTICLES)
        first = next(batches, None)
        if first is None:
            return  # nothing to extract: no cluster to start or reach
        with self._connect() as client:
            in_flight: deque[tuple[list[dict], Future]] = deque()
            for batch in chain([first], batches):
                payload = [asdict(article) for article in batch]
                in_flight.append((payload, self._submit(client, payload)))
                if len(in_flight) >= IN_FLIGHT_PER_WORKER * max(len(self.workers), 1):
                    yield from self._collect(client, *in_flight.popleft())
            while in_flight:
                yield from self._collect(client, *in_flight.popleft())
            # A worker lost in the last seconds is otherwise never seen gone: the summary must
            # say so whenever it happened.
            self._look(force=True)

    @contextlib.contextmanager
    def _connect(self) -> Iterator[Client]:
        """A client of the cluster (started here for `local`), its workers ready with the model;
        closed, with the local cluster, at the end."""
        quiet_dask()
        try:
            if self.scheduler == LOCAL:
                client = Client(_start_local_cluster(self.jobs), set_as_default=False)
            else:
                client = Client(self.scheduler, timeout=CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError, ValueError, TypeError) as error:
            raise DirectoryError(
                f"cannot reach the Dask scheduler at {self.scheduler}: {error}"
            ) from error
        self._client = client
        try:
            self.address = client.scheduler.address
            try:
                client.wait_for_workers(1, timeout=WORKERS_SECONDS)
            except (OSError, TimeoutError) as error:
                raise DirectoryError(
                    f"no Dask worker joined the scheduler at {self.address} within "
                    f"{WORKERS_SECONDS} s; start some with `dask worker {self.address}`"
                ) from error
            try:
                client.register_plugin(ModelPlugin(), name=ModelPlugin.name)
            except Exception as error:
                raise DirectoryError(
                    f"the Dask workers at {self.address} cannot load the extractor ({error}); "
                    "install this same version of the project on every worker"
                ) from error
            self._look(force=True)
            yield client
        finally:
            self._client = None
            _close(client)

    def _submit(self, client: Client, payload: list[dict]) -> Future:
        """Send one batch to the cluster."""
        try:
            return client.submit(extract_batch, payload, pure=False)
        except Exception as error:
            if client.status != "running":
                raise self._lost(error) from error
            raise

    def _collect(
        self, client: Client, payload: list[dict], future: Future
    ) -> list[Extraction | ExtractFailure]:
        """One batch's results, waited for while keeping an eye on the cluster."""
        try:
            batch = self._wait(client, future)
        except KilledWorker:
            # The batch took workers down with it again and again (memory, a crash in a
            # library): send its articles one by one, so only the one at fault fails.
            logger.warning("a batch killed its Dask workers: extracting its articles one by one")
            batch = []
            for item in payload:
                try:
                    batch += self._wait(client, self._submit(client, [item]))
                except KilledWorker:
                    batch.append({"failure": "extraction killed its Dask worker", "article": item})
        results = [read_result(item) for item in batch]
        _check_versions(results)
        return results

    def _wait(self, client: Client, future: Future) -> list[dict]:
        """The result of one task; a lost scheduler or a broken worker becomes a DirectoryError."""
        while True:
            try:
                result = future.result(timeout=POLL_SECONDS)
            except TimeoutError:
                self._look()
                continue
            except KilledWorker:
                raise
            except Exception as error:
                if client.status != "running":
                    raise self._lost(error) from error
                raise DirectoryError(
                    f"a Dask worker failed ({error!r}); install this same version of the project "
                    "on every worker"
                ) from error
            future.release()
            self._look()
            return result

    def _look(self, *, force: bool = False) -> None:
        """Note the workers there now; stop when the scheduler or every worker is gone."""
        now = time.monotonic()
        if not force and now - self._checked < POLL_SECONDS:
            return
        self._checked = now
        client = self._client
        if client is None:
            return
        if client.status != "running":
            raise self._lost(None)
        self.workers = set(client.scheduler_info().get("workers", {}))
        self.seen |= self.workers
        if self.workers:
            self._workerless_since = None
        elif self._workerless_since is None:
            self._workerless_since = now
        elif now - self._workerless_since > WORKERLESS_SECONDS:
            raise DirectoryError(
                f"no Dask worker left at {self.address} for {WORKERLESS_SECONDS} s; "
                "start workers and re-run to continue"
            )

    def _lost(self, error: BaseException | None) -> DirectoryError:
        reason = f" ({error!r})" if error is not None and str(error) else ""
        return DirectoryError(
            f"lost the Dask scheduler at {self.address}{reason}; what was saved stays: "
            "re-run the same command to continue"
        )


def _start_local_cluster(jobs: int | None) -> LocalCluster:
    """A LocalCluster of single-threaded worker processes (spaCy holds the GIL while parsing).

    Its workers end when this process ends, even by SIGKILL: each watches a pipe that only this
    process holds open (distributed's AsyncProcess)."""
    with dask.config.set(WORKER_SETTINGS):  # the workers inherit this process's settings
        return LocalCluster(
            n_workers=jobs or default_jobs(),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )


def _close(client: Client) -> None:
    """Close a client, and the LocalCluster it started, without waiting on a lost scheduler."""
    cluster = client.cluster if isinstance(client.cluster, LocalCluster) else None
    try:
        client.close(timeout=5)
        if cluster is not None:
            cluster.close(timeout=10)
    except Exception:  # closing after a lost scheduler: nothing left to tidy
        logger.debug("closing the Dask client", exc_info=True)


def _check_versions(results: list[Extraction | ExtractFailure]) -> None:
    """Stop when a worker runs another extractor version: its store would differ from a local
    ingest's, and a later re-run would not know to redo those articles."""
    from directory.extract import EXTRACTOR_VERSION

    for item in results:
        if isinstance(item, Extraction) and item.extractor_version != EXTRACTOR_VERSION:
            raise DirectoryError(
                f"a Dask worker runs extractor {item.extractor_version}, this process "
                f"{EXTRACTOR_VERSION}: install the same version of the project on every worker"
            )


def quiet_dask() -> None:
    """Keep Dask's own log lines (a worker lost, a reconnect tried) off the terminal unless the
    command runs with -v: the ingest reports what matters in its own words."""
    verbose = logging.getLogger().getEffectiveLevel() <= logging.INFO
    for name in ("distributed", "distributed.client", "distributed.scheduler", "tornado"):
        logging.getLogger(name).setLevel(logging.INFO if verbose else logging.CRITICAL)
