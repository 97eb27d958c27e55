"""Production serving: the shared rate-limit storage, request limits and gunicorn."""

from __future__ import annotations

import http.client
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from flask import Flask

from directory.web import create_app, limits, serving

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


# --- the SQLite storage behind flask-limiter ---------------------------------------------------


@pytest.fixture
def storage(tmp_path):
    return limits.SQLiteStorage(f"sqlite:///{tmp_path / 'counters.db'}")


def test_storage_counts_within_a_window_and_restarts_after_it(storage, monkeypatch):
    assert storage.incr("k", 60) == 1
    assert storage.incr("k", 60) == 2
    assert storage.incr("k", 60, amount=3) == 5
    assert storage.get("k") == 5
    assert storage.get("other") == 0
    expiry = storage.get_expiry("k")
    real_time = time.time
    monkeypatch.setattr(limits.time, "time", lambda: real_time() + 61)
    assert storage.get("k") == 0
    assert storage.incr("k", 60) == 1
    assert storage.get_expiry("k") > expiry


def test_storage_clear_and_reset(storage):
    storage.incr("a", 60)
    storage.incr("b", 60)
    storage.clear("a")
    assert (storage.get("a"), storage.get("b")) == (0, 1)
    assert storage.reset() == 1
    assert storage.get("b") == 0
    assert storage.check() is True


def test_storage_uri_without_a_path_is_rejected():
    with pytest.raises(ValueError, match="sqlite:///"):
        limits.SQLiteStorage("sqlite://")


def _hammer(uri: str, count: int) -> None:
    store = limits.SQLiteStorage(uri)
    for _ in range(count):
        store.incr("shared", 60)


def test_storage_is_shared_by_forked_processes_and_threads(tmp_path):
    uri = f"sqlite:///{tmp_path / 'counters.db'}"
    parent = limits.SQLiteStorage(uri)
    parent.incr("shared", 60)  # the parent's connection must not leak into the children
    context = multiprocessing.get_context("fork")
    procs = [context.Process(target=_hammer, args=(uri, 200)) for _ in range(3)]
    threads = [threading.Thread(target=_hammer, args=(uri, 100)) for _ in range(2)]
    for worker in [*procs, *threads]:
        worker.start()
    for worker in [*procs, *threads]:
        worker.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    assert parent.get("shared") == 1 + 3 * 200 + 2 * 100


# --- init_limits on a bare app: the same code create_app installs ------------------------------


def _bare_app(uri: str, limit: str = "3 per minute") -> Flask:
    app = Flask(__name__)
    app.config.update(RATELIMIT_STORAGE_URI=uri, RATELIMIT_API=limit, DATA_DIR="unused")
    limits.init_limits(app)

    @app.get("/api/ping")
    def ping():
        return {"ok": True}

    @app.get("/page")
    def page():
        return "page"

    @app.get("/experts/<slug>.vcf")
    def vcard(slug):
        return "BEGIN:VCARD"

    return app


def test_api_limit_is_shared_by_two_apps_on_one_storage(tmp_path):
    uri = f"sqlite:///{tmp_path / 'counters.db'}"
    first, second = _bare_app(uri).test_client(), _bare_app(uri).test_client()
    statuses = [client.get("/api/ping").status_code for client in (first, second, first, second)]
    assert statuses == [200, 200, 200, 429]
    assert first.get("/experts/x.vcf").status_code == 429
    # Pages for people are not rate limited.
    assert [second.get("/page").status_code for _ in range(5)] == [200] * 5


def test_rate_limited_answer_carries_retry_after(tmp_path):
    client = _bare_app(f"sqlite:///{tmp_path / 'c.db'}", "1 per minute").test_client()
    assert client.get("/api/ping").status_code == 200
    refused = client.get("/api/ping")
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 60


def test_broken_limiter_storage_lets_requests_through(tmp_path):
    # A counter file that cannot be opened (a folder stands in its place) must not cause a 500.
    (tmp_path / "c.db").mkdir()
    client = _bare_app(f"sqlite:///{tmp_path / 'c.db'}").test_client()
    assert [client.get("/api/ping").status_code for _ in range(5)] == [200] * 5


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=-1",
        "page=1.5",
        "page=abc",
        "page=%EF%BC%91",  # a full-width digit one: isdigit() yet not ASCII
        "page=99999999999999999999",
        "limit=0",
        "limit=ten",
        "facet=" + "y" * 1001,
        "&".join(f"p{n}=1" for n in range(51)),
        "q=a%00b",
    ],
)
def test_malformed_parameters_answer_400(tmp_path, query):
    client = _bare_app(f"sqlite:///{tmp_path / 'c.db'}", "1000 per minute").test_client()
    assert client.get(f"/page?{query}").status_code == 400


@pytest.mark.parametrize(
    "query", ["q=" + "x" * 1000, "page=1", "page=501", "limit=1000", "page=", "limit=%2010%20"]
)
def test_parameters_within_limits_pass(tmp_path, query):
    client = _bare_app(f"sqlite:///{tmp_path / 'c.db'}", "1000 per minute").test_client()
    assert client.get(f"/page?{query}").status_code == 200


def test_request_body_over_the_cap_answers_413(tmp_path):
    client = _bare_app(f"sqlite:///{tmp_path / 'c.db'}", "1000 per minute").test_client()
    app = client.application

    @app.post("/api/echo")
    def echo():
        from flask import request

        return {"bytes": len(request.get_data())}

    assert client.post("/api/echo", data=b"x" * 1000).get_json() == {"bytes": 1000}
    assert client.post("/api/echo", data=b"x" * (64 * 1024 + 1)).status_code == 413


def test_default_storage_is_one_file_per_data_folder(tmp_path):
    first = limits.default_storage_uri(tmp_path / "a")
    assert first == limits.default_storage_uri(tmp_path / "a")
    assert first != limits.default_storage_uri(tmp_path / "b")
    assert first.startswith("sqlite:///")


# --- gunicorn settings -------------------------------------------------------------------------


def test_gunicorn_settings_cap_requests_and_never_preload():
    settings = serving.gunicorn_settings(HOST, 5000, 3)
    assert settings["bind"] == "127.0.0.1:5000"
    assert settings["workers"] == 3
    assert settings["worker_class"] == "directory.web.gunicorn_worker.RecyclingThreadWorker"
    assert settings["preload_app"] is False
    assert settings["limit_request_line"] <= 8190
    assert settings["max_requests"] > 0


def test_each_worker_holds_a_bounded_number_of_connections(monkeypatch):
    assert serving.gunicorn_settings(HOST, 5000, 3)["worker_connections"] == 16
    assert serving.gunicorn_settings(HOST, 5000, 3)["keepalive"] == serving.KEEPALIVE
    monkeypatch.setenv("DIRECTORY_WORKER_CONNECTIONS", "24")
    assert serving.gunicorn_settings(HOST, 5000, 3)["worker_connections"] == 24


def test_the_collector_is_tuned_and_the_app_frozen():
    import gc

    before = gc.get_threshold()
    try:
        serving.tune_garbage_collector()
        assert gc.get_threshold() == serving.GC_THRESHOLD
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


# --- the real thing: gunicorn on 127.0.0.1 ------------------------------------------------------

ARTICLES = [
    (
        "Harbour dredging plan divides port towns\n"
        '"Dredging buys a decade at most," said Tomas Reinholt, a professor of coastal '
        "engineering at the University of Bergen. Reinholt said the silt returns within years.\n"
    ),
    (
        "Clinics struggle with winter demand\n"
        '"Every winter the same queue forms," said Amina Farouk, an epidemiologist at the '
        "Lagos Institute of Public Health. Farouk said vaccination rates explain most of it.\n"
    ),
]
LATE_ARTICLE = (
    "Orchard growers count frost losses\n"
    '"The blossom froze in a single night," said Sigrun Vatnsdal, an agronomist at the '
    "Icelandic Agricultural University. Vatnsdal said insurance covers little of it.\n"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str) -> tuple[int, bytes]:
    """One GET on a fresh connection (so requests spread over the workers)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def raw_request(port: int, payload: bytes) -> bytes:
    """Send raw bytes and return whatever the server answers before closing."""
    with socket.create_connection((HOST, port), timeout=10) as sock:
        sock.sendall(payload)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except (ConnectionResetError, TimeoutError):
            pass
    return b"".join(chunks)


def write_articles(folder: Path, texts) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number, text in enumerate(texts):
        (folder / f"article{number}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def gunicorn_site(tmp_path_factory):
    """`directory serve --production` with two workers and a 5-per-minute API limit, gunicorn
    facing clients itself (nginx in front is tested in test_web_proxy.py)."""
    from directory.ingest import ingest_paths

    work = tmp_path_factory.mktemp("gunicorn")
    data = work / "data"
    summary = ingest_paths(data, [write_articles(work / "in", ARTICLES)], jobs=1, progress=False)
    assert summary.new == 2
    port = free_port()
    env = dict(os.environ, DIRECTORY_RATELIMIT_API="5 per minute")
    log = open(work / "server.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "directory", "--data", str(data), "serve", "--production",
         "--front", "none", "--host", HOST, "--port", str(port), "--workers", "2"],
        stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while True:
        try:
            if fetch(port, "/healthz")[0] == 200:
                break
        except OSError:
            pass
        assert proc.poll() is None, (work / "server.log").read_text()
        assert time.monotonic() < deadline, "gunicorn did not start within 30 s"
        time.sleep(0.1)
    # The first worker can answer before the second has booted on a loaded machine: every test
    # here is about several workers, so wait for both.
    while (work / "server.log").read_text().count("Booting worker with pid") < 2:
        assert proc.poll() is None, (work / "server.log").read_text()
        assert time.monotonic() < deadline, "gunicorn did not boot two workers within 30 s"
        time.sleep(0.1)
    yield {"port": port, "data": data, "work": work, "proc": proc}
    proc.send_signal(signal.SIGTERM)
    proc.wait(20)
    log.close()


def test_gunicorn_runs_several_workers(gunicorn_site):
    log = (gunicorn_site["work"] / "server.log").read_text()
    assert log.count("Booting worker with pid") >= 2
    assert "[INFO] Using worker: directory.web.gunicorn_worker.RecyclingThreadWorker" in log


def test_rate_limit_holds_across_gunicorn_workers(gunicorn_site):
    port = gunicorn_site["port"]
    statuses = [fetch(port, "/api/search?q=professor")[0] for _ in range(12)]
    # Per-worker counters would let 2 x 5 through; the shared file lets exactly 5.
    assert statuses.count(200) == 5, statuses
    assert statuses.count(429) == 7, statuses
    # Pages for readers are not limited.
    assert [fetch(port, "/search?q=professor")[0] for _ in range(8)] == [200] * 8


def test_workers_see_articles_ingested_while_serving(gunicorn_site):
    from directory.ingest import ingest_paths

    port = gunicorn_site["port"]
    # Every worker opens the index first, so the new article must come through a reopen.
    for _ in range(6):
        status, body = fetch(port, "/search?q=agronomist")
        assert status == 200 and b"Sigrun Vatnsdal" not in body
    folder = write_articles(gunicorn_site["work"] / "late", [LATE_ARTICLE])
    assert ingest_paths(gunicorn_site["data"], [folder], jobs=1, progress=False).new == 1
    for _ in range(6):
        status, body = fetch(port, "/search?q=agronomist")
        assert status == 200 and b"Sigrun Vatnsdal" in body
    status, body = fetch(port, "/experts/sigrun-vatnsdal")
    assert status == 200 and b"Icelandic Agricultural University" in body


@pytest.mark.parametrize(
    "payload",
    [
        b"GET /" + b"a" * 10_000 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 20_000 + b"\r\n\r\n",
        b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: 1\r\n" % n for n in range(200)) + b"\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(256)),
        b"GET /search?q=%ff%fe%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /experts/%c0%ae%c0%ae/%2e%2e HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 9999999\r\n"
        b"Connection: close\r\n\r\nx",
        b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
        b"BREW /coffee HTCPCP/1.0\r\n\r\n",
        b"GET /\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    ],
)
def test_malformed_http_never_answers_500(gunicorn_site, payload):
    answer = raw_request(gunicorn_site["port"], payload)
    if answer:
        status = int(answer.split(b" ", 2)[1])
        assert 400 <= status < 500, answer[:200]
    assert fetch(gunicorn_site["port"], "/healthz")[0] == 200


def test_web_workers_open_the_store_read_only(tmp_path):
    import sqlite3

    from directory import store
    from directory.web import create_app
    from directory.web.db import get_db

    store.open_db(tmp_path / "directory.db").conn.close()
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path)})
    with app.app_context(), pytest.raises(sqlite3.OperationalError, match="readonly"):
        get_db().execute("CREATE TABLE intruder (x)")


def test_prepare_store_explains_an_unwritable_folder(tmp_path):
    from directory.errors import StoreError

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot create the directory"):
        serving.prepare_store(blocker / "data")


def test_serving_on_a_taken_port_is_one_clear_error(tmp_path):
    from directory.errors import DirectoryError

    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(DirectoryError, match=f"cannot serve on 127.0.0.1:{port}: .*in use"):
            serving.serve_app(tmp_path / "data", host=HOST, port=port, production=True)


def test_prepare_store_migrates_an_existing_store_read_write(tmp_path, monkeypatch):
    from directory import store

    store.open_db(tmp_path / "directory.db").conn.close()
    opened = []
    real_open = store.open_db

    def spy(path, *, read_only=False):
        opened.append(read_only)
        return real_open(path, read_only=read_only)

    monkeypatch.setattr(store, "open_db", spy)
    serving.prepare_store(tmp_path)
    assert opened == [False]


def test_a_busy_keep_alive_connection_is_recycled(gunicorn_site):
    from directory.web.gunicorn_worker import RECYCLE_REQUESTS

    conn = http.client.HTTPConnection(HOST, gunicorn_site["port"], timeout=10)
    answers = []
    for _ in range(RECYCLE_REQUESTS):
        conn.request("GET", "/healthz")
        response = conn.getresponse()
        response.read()
        answers.append((response.status, response.getheader("Connection")))
    conn.close()
    assert set(answers[:-1]) == {(200, "keep-alive")}
    assert answers[-1] == (200, "close")


def test_serving_rebuilds_a_missing_or_outdated_index_first(tmp_path):
    import shutil

    from directory import config, search
    from directory.ingest import ingest_paths

    data = tmp_path / "data"
    folder = write_articles(tmp_path / "articles", ARTICLES[:1])
    assert ingest_paths(data, [folder], jobs=1, progress=False).new == 1
    indexed = search.index_doc_count(config.index_path(data))
    assert indexed > 0
    assert serving.prepare_index(data) == 0  # up to date: nothing to do
    shutil.rmtree(config.index_path(data))  # as after an upgrade that changed the format
    assert serving.prepare_index(data) == indexed
    assert search.index_doc_count(config.index_path(data)) == indexed
    assert serving.prepare_index(tmp_path / "empty") == 0  # no store, nothing to index


def test_a_script_name_header_is_never_believed(gunicorn_site):
    """gunicorn trusted SCRIPT_NAME from 127.0.0.1: 500 for a foreign prefix, links moved under
    a matching one."""
    port = gunicorn_site["port"]
    for prefix in (b"/elsewhere", b"/experts"):
        answer = raw_request(
            port,
            b"GET /experts/tomas-reinholt HTTP/1.1\r\nHost: 127.0.0.1\r\nSCRIPT_NAME: "
            + prefix
            + b"\r\nConnection: close\r\n\r\n",
        )
        assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
        assert b'href="/experts/experts/' not in answer and b"/elsewhere" not in answer


def test_gunicorn_control_socket_is_private_to_each_server(tmp_path):
    settings = serving.gunicorn_settings(HOST, 5000, 2, run_dir=tmp_path)
    assert settings["control_socket"] == str(tmp_path / "gunicorn.ctl")
    assert settings["control_socket_disable"] is False
    assert serving.gunicorn_settings(HOST, 5000, 2)["control_socket_disable"] is True
    assert serving.gunicorn_settings(HOST, 5000, 2)["forwarder_headers"] == ""


def test_a_second_server_never_takes_the_first_ones_control_socket(gunicorn_site, tmp_path):
    import re

    def control_socket(log_path: Path) -> Path:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            found = re.search(r"Control socket listening at (\S+)", log_path.read_text())
            if found:
                return Path(found.group(1))
            time.sleep(0.1)
        raise AssertionError(log_path.read_text())

    first = control_socket(gunicorn_site["work"] / "server.log")
    port = free_port()
    with open(tmp_path / "second.log", "wb") as log:
        second = subprocess.Popen(
            [sys.executable, "-m", "directory", "--data", str(gunicorn_site["data"]), "serve",
             "--production", "--front", "none", "--host", HOST, "--port", str(port),
             "--workers", "1"],
            stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
        )  # fmt: skip
    try:
        other = control_socket(tmp_path / "second.log")
        assert other != first and other.exists()
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(20)
    assert first.exists() and not other.exists()


def test_search_pages_and_downloads_have_rate_limits_of_their_own(tmp_path, web_data_dir):
    app = create_app(
        {
            "TESTING": True,
            "DATA_DIR": str(web_data_dir),
            "RATELIMIT_STORAGE_URI": f"sqlite:///{tmp_path / 'counters.db'}",
            "RATELIMIT_SEARCH": "3 per minute",
            "RATELIMIT_CSV": "2 per minute",
            "RATELIMIT_API": "100 per minute",
        }
    )
    client = app.test_client()
    assert [client.get("/search?q=economist").status_code for _ in range(4)] == [200] * 3 + [429]
    csv_statuses = [client.get("/search.csv?q=economist").status_code for _ in range(3)]
    assert csv_statuses == [200, 200, 429]
    refused = client.get("/search?q=other")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) <= 60
    # Profiles, articles and the API keep their own budgets.
    assert client.get("/experts/ren-xiao").status_code == 200
    assert client.get("/api/search?q=economist").status_code == 200
    assert client.get("/").status_code == 200
