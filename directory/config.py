"""Defaults, defined once and read by both the web factory and the CLI."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULTS = {
    "DATA_DIR": "data",
    "HOST": "127.0.0.1",
    "PORT": 5000,
    "MAX_QUERY_LENGTH": 200,
    "MAX_PAGE_SIZE": 100,
    "PAGE_SIZE": 20,
    "MAX_PAGE": 500,
    "MAX_ARTICLE_BYTES": 10 * 1024 * 1024,
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "RATELIMIT_API": "600 per minute",
    # Keep-alive connections one gunicorn worker holds at most (see docs/reliability.md).
    "WORKER_CONNECTIONS": 16,
}


def data_dir(value: str | os.PathLike | None = None) -> Path:
    """The data folder: an explicit value, else $DIRECTORY_DATA, else ./data."""
    chosen = value or os.environ.get("DIRECTORY_DATA") or DEFAULTS["DATA_DIR"]
    return Path(chosen)


def db_path(data: Path) -> Path:
    """The SQLite store inside a data folder."""
    return Path(data) / "directory.db"


def index_path(data: Path) -> Path:
    """The Whoosh index folder inside a data folder."""
    return Path(data) / "index"


def from_env() -> dict:
    """Defaults overlaid with DIRECTORY_* environment variables."""
    config = dict(DEFAULTS)
    for key, default in DEFAULTS.items():
        raw = os.environ.get(f"DIRECTORY_{key}")
        if raw is None:
            continue
        config[key] = int(raw) if isinstance(default, int) else raw
    if os.environ.get("DIRECTORY_DATA"):
        config["DATA_DIR"] = os.environ["DIRECTORY_DATA"]
    return config
