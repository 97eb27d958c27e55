"""Running the web app: Flask's server for development, gunicorn (or waitress) in production."""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)


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
) -> None:
    """Serve the directory in `data_dir` until interrupted."""
    from .web import create_app

    app = create_app({"DATA_DIR": str(data_dir)})
    if not production:
        app.run(host=host, port=port, debug=False, use_reloader=False)
        return
    workers = workers or default_workers()
    try:
        _serve_gunicorn(app, host, port, workers)
    except ImportError:
        # gunicorn needs fork() and fcntl: on platforms without them, waitress serves with threads.
        from waitress import serve

        log.info("gunicorn unavailable; serving with waitress")
        serve(app, host=host, port=port, threads=max(4, workers * 2))


def _serve_gunicorn(app, host: str, port: int, workers: int) -> None:
    """Run `app` under gunicorn's pre-fork server without a config file."""
    from gunicorn.app.base import BaseApplication

    class _Server(BaseApplication):
        def load_config(self):
            settings = {
                "bind": f"{host}:{port}",
                "workers": workers,
                "worker_class": "gthread",
                "threads": 4,
                "timeout": 30,
                "graceful_timeout": 10,
                "limit_request_line": 8190,
                "accesslog": None,
            }
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self):
            return app

    _Server().run()
