"""Production serving: the shared rate-limit storage, request limits, gunicorn and waitress."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

import pytest
from flask import Flask

from directory import limits, serving

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
    assert settings["worker_class"] == "gthread"
    assert settings["preload_app"] is False
    assert settings["limit_request_line"] <= 8190
    assert settings["max_requests"] > 0
