"""Extraction on a Dask cluster: a real LocalCluster of two worker processes, shared by the module
(starting one costs seconds: each worker loads the spaCy model once)."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from processes import descendants, still_alive, wait_gone
from storekit import table_rows

from directory import config, search, store
from directory.cli import cli
from directory.errors import DirectoryError
from directory.ingest import cluster_extractor, ingest_paths
from directory.ingest.cluster import (
    BATCH_ARTICLES,
    ClusterExtractor,
    extract_batch,
    read_result,
)
from directory.ingest.pipeline import RUNNING_MARKER, ExtractFailure
from directory.models import Article, dump_extraction

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = 4 * BATCH_ARTICLES
EXPERTS = [
    ("Halima Osei", "professor of hydrology", "University of Tamale"),
    ("Pavel Sokolov", "senior fellow", "Baltic Energy Institute"),
    ("Lucia Ferrante", "economist", "Centre for Port Studies"),
    ("Ravi Menon", "epidemiologist", "Kerala Public Health Foundation"),
]


def write_corpus(folder: Path, count: int = ARTICLES) -> Path:
    """`count` distinct short reports, each quoting one of a few recurring experts."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        name, role, org = EXPERTS[number % len(EXPERTS)]
        family = name.split()[-1]
        (folder / f"r{number:04d}.txt").write_text(
            f"Flood report number {number}\n\n"
            f'"The river rose {number % 7 + 2} metres in a week," said {name}, a {role} at the '
            f"{org}. {family} said the warning for district {number} came too late.\n\n"
            f'"We measured the levels every hour," {family} added. The council will meet on '
            f"item {number} next week, officials said.\n",
            encoding="utf-8",
        )
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    """The tiny reports plus the ingest and web fixtures (every reader's format, one failure)."""
    folder = write_corpus(tmp_path_factory.mktemp("cluster-corpus") / "reports")
    return [
        str(folder),
        str(FIXTURES / "ingest" / "good"),
        str(FIXTURES / "ingest" / "bad" / "empty.txt"),
        str(FIXTURES / "web" / "articles"),
    ]


@pytest.fixture(scope="module")
def local_store(corpus, tmp_path_factory):
    """The store and summary of a local ingest of the corpus: what a cluster must reproduce."""
    data = tmp_path_factory.mktemp("local") / "data"
    summary = ingest_paths(data, corpus, jobs=1, progress=False, stderr=io.StringIO())
    return rows_of(data), summary


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of two single-threaded worker processes; closed, with its workers, after."""
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as running,
        distributed.Client(running, set_as_default=False) as client,
    ):
        yield running, client


def rows_of(data: Path) -> dict:
    db = store.open_db(config.db_path(data), read_only=True)
    try:
        return table_rows(db)
    finally:
        db.close()


def assert_indexed(data: Path) -> None:
    db = store.open_db(config.db_path(data), read_only=True)
    try:
        assert search.index_versions(config.index_path(data)) == store.list_profile_versions(db)
    finally:
        db.close()


def counts(summary) -> tuple:
    return (summary.read, summary.new, summary.duplicate, summary.failed, summary.quotes)


def test_a_batch_goes_to_a_worker_and_back_as_plain_dicts(monkeypatch):
    import directory.extract as extract

    real = extract.extract_articles

    def fragile(article):
        if "BREAK" in article.text:
            raise RuntimeError("rule crashed")
        return next(real([article]))

    # The batch fails as a whole, then its articles are extracted one by one.
    monkeypatch.setattr(extract, "extract_articles", lambda articles, **_: map(fragile, articles))
    monkeypatch.setattr(extract, "extract_article", fragile)
    article = Article(
        text='Levee fails\n\n"It held for a day," said Dr Ines Costa, an engineer at Delta Works.',
        title="Levee fails",
        source="levee.txt",
        published="2024-05-01",
    )
    broken = Article(text="BREAK here.", source="b.jsonl", id="b-2")
    results = extract_batch([vars(article), vars(broken)])
    assert all(isinstance(item, dict) for item in results)
    extraction, failure = (read_result(item) for item in results)
    assert extraction.article == article
    assert extraction == next(real([article]))
    assert isinstance(failure, ExtractFailure) and failure.article == broken
    assert failure.reason == "extraction failed: RuntimeError('rule crashed')"


def test_a_cluster_ingest_gives_exactly_the_store_of_a_local_ingest(
    cluster, corpus, local_store, tmp_path
):
    running, _client = cluster
    expected, local = local_store
    data = tmp_path / "data"
    err = io.StringIO()
    extractor = ClusterExtractor(running.scheduler_address)
    summary = ingest_paths(data, corpus, progress=False, stderr=err, extractor=extractor)
    assert counts(summary) == counts(local)
    assert summary.failures == local.failures
    assert rows_of(data) == expected
    assert_indexed(data)
    assert summary.format().endswith(f"on {running.scheduler_address}, 2 workers")
    assert not (data / RUNNING_MARKER).exists()


def test_a_worker_killed_mid_ingest_still_gives_the_same_store(
    cluster, corpus, local_store, tmp_path
):
    running, client = cluster
    expected, local = local_store
    data = tmp_path / "data"
    killed: list[str] = []

    def kill_a_busy_worker():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and stored(data) < BATCH_ARTICLES:
            time.sleep(0.01)
        busy = [worker for worker, keys in client.processing().items() if keys]
        if busy:
            pids = client.run(os.getpid, workers=busy[:1])
            os.kill(pids[busy[0]], signal.SIGKILL)
            killed.append(busy[0])

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    try:
        extractor = ClusterExtractor(running.scheduler_address)
        summary = ingest_paths(
            data, corpus, progress=False, stderr=io.StringIO(), extractor=extractor
        )
    finally:
        killer.join()
    assert killed, "no worker was busy once the first batch was saved"
    assert counts(summary) == counts(local)
    assert rows_of(data) == expected
    assert_indexed(data)
    # The nanny started a new worker in its place: the summary counts the one that left.
    assert "left)" in summary.format()
    client.wait_for_workers(2, timeout=60)


def test_losing_the_scheduler_stops_with_a_message_and_a_rerun_completes(
    cluster, corpus, local_store, tmp_path
):
    running, _client = cluster
    expected, _local = local_store
    data = tmp_path / "data"
    # A second cluster, in threads of this process (the model is loaded here already), to lose.
    doomed = distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    )

    def close_after_first_batch():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and stored(data) < BATCH_ARTICLES:
            time.sleep(0.01)
        doomed.close()

    closer = threading.Thread(target=close_after_first_batch)
    closer.start()
    try:
        result = CliRunner().invoke(
            cli, ["--data", str(data), "ingest", "--scheduler", doomed.scheduler_address, *corpus]
        )
    finally:
        closer.join()
    assert result.exit_code == 1, result.output
    assert f"Error: lost the Dask scheduler at {doomed.scheduler_address}" in result.output
    assert "re-run the same command to continue" in result.output
    assert "Traceback" not in result.output
    saved = stored(data)
    assert BATCH_ARTICLES <= saved < ARTICLES
    # What was stored before the loss is indexed and the marker goes, as at any end of a run.
    assert not (data / RUNNING_MARKER).exists()
    assert_indexed(data)

    rerun = CliRunner().invoke(
        cli, ["--data", str(data), "ingest", "--scheduler", running.scheduler_address, *corpus]
    )
    assert rerun.exit_code == 1, rerun.output  # the corpus holds one bad file
    assert f"{saved} unchanged" in rerun.output
    assert rows_of(data) == expected
    assert_indexed(data)


def test_an_unreachable_scheduler_is_a_clear_error(monkeypatch, tmp_path):
    from directory.ingest import cluster as cluster_module

    monkeypatch.setattr(cluster_module, "CONNECT_SECONDS", 1)
    corpus = write_corpus(tmp_path / "corpus", 2)
    with socket_closed_port() as port:
        result = CliRunner().invoke(
            cli,
            ["--data", str(tmp_path / "data"), "ingest", "--scheduler", f"tcp://127.0.0.1:{port}"]
            + [str(corpus)],
        )
    assert result.exit_code == 1
    assert f"Error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output


def test_nothing_to_extract_reaches_no_cluster(tmp_path, local_store, corpus):
    data = tmp_path / "data"
    first = ingest_paths(data, corpus[:1], jobs=1, progress=False)
    # Every article is stored already: the scheduler (which does not exist) is never asked.
    again = ingest_paths(
        data, corpus[:1], progress=False, extractor=cluster_extractor("tcp://127.0.0.1:9")
    )
    assert (again.read, again.unchanged, again.new) == (first.read, first.read, 0)
    assert again.where == "" and " on " not in again.format()


class FakeFuture:
    """A finished task: its result, or the exception it raises."""

    def __init__(self, outcome):
        self.outcome = outcome

    def result(self, timeout=None):
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        return self.outcome

    def release(self):
        pass


class FakeClient:
    """A cluster on which any batch holding a POISON article kills its workers every time."""

    status = "running"

    def __init__(self):
        self.sent: list[list[str]] = []

    def submit(self, function, payload, pure=False):
        self.sent.append([item["source"] for item in payload])
        if any("POISON" in item["text"] for item in payload):
            return FakeFuture(distributed.KilledWorker("extract_batch-1", None, 3))
        return FakeFuture([{"extraction": dump_extraction(empty(item))} for item in payload])

    def scheduler_info(self):
        return {"workers": {"tcp://10.0.0.5:4000": {}}}


def empty(item: dict):
    from directory.extract import EXTRACTOR_VERSION
    from directory.models import Extraction

    return Extraction(Article(**item), [], EXTRACTOR_VERSION)


def test_a_batch_that_kills_its_workers_is_retried_article_by_article():
    client = FakeClient()
    extractor = ClusterExtractor("tcp://10.0.0.5:8786")
    extractor._client = client
    payload = [
        vars(Article(text=text, source=source))
        for text, source in [("Fine.", "a.txt"), ("POISON here.", "b.txt"), ("Also fine.", "c.txt")]
    ]
    first = client.submit(extract_batch, payload)
    results = extractor._collect(client, payload, first)
    assert client.sent == [["a.txt", "b.txt", "c.txt"], ["a.txt"], ["b.txt"], ["c.txt"]]
    assert [type(r).__name__ for r in results] == ["Extraction", "ExtractFailure", "Extraction"]
    assert results[1].reason == "extraction killed its Dask worker"
    assert [r.article.source for r in results] == ["a.txt", "b.txt", "c.txt"]


def test_a_worker_with_another_extractor_version_stops_the_ingest():
    client = FakeClient()
    extractor = ClusterExtractor("tcp://10.0.0.5:8786")
    extractor._client = client
    payload = [vars(Article(text="Fine.", source="a.txt"))]
    other = dump_extraction(empty(payload[0]))
    other["extractor_version"] = "0.0.1"
    with pytest.raises(DirectoryError, match="a Dask worker runs extractor 0.0.1"):
        extractor._collect(client, payload, FakeFuture([{"extraction": other}]))


def test_a_blank_scheduler_address_is_refused():
    with pytest.raises(DirectoryError, match="--scheduler needs"):
        cluster_extractor("  ")


@pytest.mark.slow
def test_sigkill_of_an_ingest_on_a_local_cluster_leaves_no_process_behind(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 8 * BATCH_ARTICLES)
    data = tmp_path / "data"
    command = [sys.executable, "-m", "directory", "--data", str(data), "ingest"]
    command += ["--scheduler", "local", "--jobs", "2", str(corpus)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(tmp_path / "ingest.log", "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    family: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None and stored(data) < 1:
            time.sleep(0.05)
        assert process.poll() is None, (tmp_path / "ingest.log").read_text()
        family = descendants(process.pid)
        assert len(family) >= 2, "the local cluster's workers were not found"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        assert wait_gone(family, 10) == set()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for pid in still_alive(family):
            os.kill(pid, signal.SIGKILL)


# --- helpers --------------------------------------------------------------------------------


def stored(data: Path) -> int:
    """Articles committed so far, read as another process would see them."""
    path = config.db_path(data)
    if not path.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


@contextlib.contextmanager
def socket_closed_port():
    """A local port nothing listens on."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    yield port
