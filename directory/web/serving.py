"""Running the web app: Flask's server for development, gunicorn in production."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import socket
import tempfile
from pathlib import Path

from directory import config, search, store
from directory.errors import DirectoryError, StoreError

from . import create_app

log = logging.getLogger(__name__)

# Each gunicorn worker runs this many threads. Requests are mostly CPU work under one interpreter
# lock, so more threads only make each request wait longer for its turn (bench/load.py with capped
# connections: p95 97 ms with 4 threads and 7 connections a worker, 77 ms with 2 threads and 8).
THREADS = 2
# A keep-alive connection stays with the worker that accepted it, and workers accept unevenly: one
# may hold ten busy connections while another holds three. Capping each worker's connections
# (config WORKER_CONNECTIONS) spreads them out; closing idle ones after KEEPALIVE seconds frees the
# slots for new visitors, and gunicorn_worker.py recycles busy ones.
KEEPALIVE = 2
# Young-generation collections this far apart: a request allocates thousands of short-lived
# objects, and with Python's default (700) collections ran many times per request.
GC_THRESHOLD = (50_000, 20, 20)
# A worker is recycled after about this many requests, so a slow leak can never grow without bound.
MAX_REQUESTS = 20_000
# Request-line and header caps: far above any real URL of this site, far below what hurts.
LIMIT_REQUEST_LINE = 4094
LIMIT_REQUEST_FIELDS = 64
LIMIT_REQUEST_FIELD_SIZE = 8190
# What stands in front of gunicorn in production: nginx when installed ("auto"), or nothing.
FRONTS = ("auto", "nginx", "none")


def default_workers() -> int:
    """Gunicorn's usual rule, two workers per core plus one, kept small on small machines."""
    return min(2 * (os.cpu_count() or 1) + 1, 9)


def serve_app(
    data_dir: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 5000,
    production: bool = False,
    workers: int | None = None,
    front: str = "auto",
) -> None:
    """Serve the directory in `data_dir` until interrupted.

    In production, gunicorn serves behind nginx (`front`: "auto" uses nginx when installed,
    "nginx" requires it, "none" has gunicorn face clients itself): docs/reliability.md.
    """
    data_dir = Path(data_dir)
    if config.published_snapshot(data_dir) is not None:
        check_snapshot(data_dir)
    else:
        prepare_store(data_dir)
        prepare_index(data_dir)
    check_address(host, port)
    # HOST and PORT make the default public address (directory/web/hosts.py).
    settings = {"DATA_DIR": str(data_dir), "HOST": host, "PORT": port}
    if not production:
        create_app(settings).run(host=host, port=port, debug=False, use_reloader=False)
        return
    serve_production(settings, host, port, workers or default_workers(), front)


def serve_production(settings: dict, host: str, port: int, workers: int, front: str) -> None:
    """gunicorn, behind nginx when there is one, with a private folder for its sockets."""
    from .proxy import NginxFront, find_nginx

    if front not in FRONTS:
        raise DirectoryError(f"unknown front {front!r}: use one of {', '.join(FRONTS)}")
    nginx = find_nginx() if front != "none" else None
    if front == "nginx" and nginx is None:
        raise DirectoryError("nginx is not installed (Debian: apt-get install nginx)")
    if front == "auto" and nginx is None:
        log.warning(
            "nginx not found: gunicorn faces clients itself, and slow clients can hold its "
            "connections (docs/reliability.md); install nginx or pass --front none to silence this"
        )
    # Sockets and nginx's files live here, one folder per server: never the data folder (it may
    # be read-only) and never a fixed path another server on the machine would share.
    run_dir = Path(tempfile.mkdtemp(prefix="directory-serve-"))
    arbiter = os.getpid()
    try:
        if nginx is None:
            serve_gunicorn(settings, host, port, workers, run_dir=run_dir)
            return
        proxy = NginxFront(
            nginx, run_dir, host, port, max_body=config.load(settings)["MAX_CONTENT_LENGTH"]
        )
        trusted = [settings.get("PROXY_ADDRESSES") or config.setting("PROXY_ADDRESSES"), "unix"]
        settings = {**settings, "PROXY_ADDRESSES": ",".join(t for t in trusted if t)}
        serve_gunicorn(settings, host, port, workers, run_dir=run_dir, front=proxy)
    finally:
        # A worker leaves gunicorn by SystemExit through these same frames (it was forked inside
        # them): only the server process itself may remove the sockets it serves on.
        if os.getpid() == arbiter:
            shutil.rmtree(run_dir, ignore_errors=True)


def check_address(host: str, port: int) -> None:
    """Fail at once, with one clear line, when the address is taken or cannot be bound."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as error:
        raise DirectoryError(f"cannot serve on {host}:{port}: {error.strerror or error}") from None


def check_snapshot(data_dir: Path) -> None:
    """Check the live snapshot of a folder `directory publish` writes opens; nothing is written
    there (snapshots never change, and each request finds the live one itself)."""
    snapshot = config.published_snapshot(data_dir)
    store.open_db(config.db_path(snapshot), immutable=True).conn.close()
    if not search.index_exists(config.index_path(snapshot)):
        log.warning("snapshot %s has no search index: searches find nothing", snapshot.name)
    log.info("serving the snapshots published to %s (live: %s)", data_dir, snapshot.name)


def prepare_store(data_dir: Path) -> None:
    """Create or migrate the store before workers open it read-only; explain when it cannot."""
    path = config.db_path(data_dir)
    existed = path.exists()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        # Read-only workers never migrate: a store left behind by an older version is brought up
        # to date here, once, or every page would answer 503.
        store.open_db(path).conn.close()
    except OSError as error:
        raise StoreError(f"cannot create the directory at {data_dir}: {error.strerror}") from error
    except StoreError:
        if not existed:
            raise
        # A read-only data folder is served as it is, if its schema is current (else this raises).
        store.open_db(path, read_only=True).conn.close()
        log.info("serving the read-only directory at %s", data_dir)
        return
    if not existed:
        log.info("created an empty directory at %s", data_dir)


def prepare_index(data_dir: Path) -> int:
    """Build the search index when the store has profiles and there is no index in the current
    format: after an upgrade that changed the format, or when the index folder was removed.
    Returns how many profiles were indexed. A folder that cannot be written is served as it is,
    with a warning: the site still answers, and searches find nothing until `directory index`.
    Opens no index reader, so nothing crosses the workers' fork."""
    index_dir = config.index_path(data_dir)
    if search.index_exists(index_dir):
        return 0
    try:
        db = store.open_db(config.db_path(data_dir))
    except StoreError:
        return 0
    try:
        if not store.count_profiles(db):
            return 0
        log.warning("the search index is missing or from an older version: rebuilding it")
        indexed, _ = search.sync_index(db, index_dir)
        return indexed
    except (DirectoryError, OSError) as error:
        log.warning("could not build the search index (%s): run `directory index`", error)
        return 0
    finally:
        db.conn.close()


def gunicorn_settings(
    host: str, port: int, workers: int, *, bind: str | None = None, run_dir: Path | None = None
) -> dict:
    """Gunicorn's settings for this site: threaded workers, request caps, no config file.

    `bind` replaces HOST:PORT (nginx in front: a Unix socket); the control socket goes in
    `run_dir`, else it is off (gunicorn's default path is one per user, so a second server
    would take it over and delete it on stopping).
    """
    return {
        "bind": bind or f"{host}:{port}",
        "workers": workers,
        "worker_class": "directory.web.gunicorn_worker.RecyclingThreadWorker",
        "threads": THREADS,
        "worker_connections": config.setting("WORKER_CONNECTIONS"),
        "timeout": 30,
        "graceful_timeout": 10,
        "keepalive": KEEPALIVE,
        "max_requests": MAX_REQUESTS,
        "max_requests_jitter": MAX_REQUESTS // 10,
        "limit_request_line": LIMIT_REQUEST_LINE,
        "limit_request_fields": LIMIT_REQUEST_FIELDS,
        "limit_request_field_size": LIMIT_REQUEST_FIELD_SIZE,
        # The heartbeat file lives in memory, so a busy disk during an ingest cannot stall workers.
        "worker_tmp_dir": "/dev/shm" if os.path.isdir("/dev/shm") else None,
        "accesslog": None,
        "errorlog": "-",
        "proc_name": "directory",
        # Each worker builds its own app: no SQLite or Whoosh handle is ever shared across a fork.
        "preload_app": False,
        # No header sets SCRIPT_NAME, PATH_INFO or the scheme, whoever sends it: the site's
        # address is configured (PUBLIC_URL), and a client behind a local proxy could otherwise
        # move every link under a prefix of its choosing.
        "forwarded_allow_ips": "",
        "forwarder_headers": "",
        "secure_scheme_headers": {},
        "control_socket": str(run_dir / "gunicorn.ctl") if run_dir else None,
        "control_socket_disable": run_dir is None,
    }


def serve_gunicorn(
    settings: dict,
    host: str,
    port: int,
    workers: int,
    *,
    run_dir: Path | None = None,
    front=None,
) -> None:
    """Run the app under gunicorn's pre-fork server, one app per worker; with a `front`
    (proxy.NginxFront), gunicorn listens on its socket and starts and stops it."""
    from gunicorn.app.base import BaseApplication

    bind = f"unix:{front.socket_path}" if front is not None else None
    options = gunicorn_settings(host, port, workers, bind=bind, run_dir=run_dir)
    if front is not None:
        # Started once gunicorn listens (requests queue on the socket until workers take them).
        options["when_ready"] = lambda arbiter: front.start()
        options["on_exit"] = lambda arbiter: front.stop()

    class _Server(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                if value is not None:
                    self.cfg.set(key, value)

        def load(self):
            app = create_app(settings)
            tune_garbage_collector()
            return app

    log.info("serving %s with gunicorn on http://%s:%s (%d workers)", settings, host, port, workers)
    try:
        _Server().run()
    finally:
        if front is not None:
            front.stop()  # a no-op in a worker leaving through here (NginxFront.stop)


def tune_garbage_collector() -> None:
    """Collect less often in a web worker, and never re-scan what the app holds for its life.

    Measured with bench/load.py: with Python's defaults the collector's pauses were a large part
    of the latency tail (p95 217 ms before, 129 ms after, at the same throughput).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
