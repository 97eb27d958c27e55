"""Settings, defined once with their defaults, environment variables and help (docs/settings.md).

Every module reads them through `load()` (or `setting()` for one): the defaults, then `DIRECTORY_*`
environment variables, then, for the web app, its test config.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from directory.errors import InputError, StoreError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    """One setting: its name (the web app's config key), default, environment variable, help."""

    name: str
    default: Any
    help: str
    env: str = ""

    @property
    def env_var(self) -> str:
        """The environment variable that overrides the default."""
        return self.env or f"DIRECTORY_{self.name}"


SETTINGS = (
    Setting(
        "DATA_DIR",
        "data",
        "The data folder: the store (`directory.db`) and the search index (`index/`).",
        env="DIRECTORY_DATA",
    ),
    Setting("HOST", "127.0.0.1", "The address `directory serve` listens on."),
    Setting("PORT", 5000, "The port `directory serve` listens on."),
    Setting(
        "MAX_QUERY_LENGTH",
        200,
        "The longest search query accepted, in characters (pages, the API and the CLI).",
    ),
    Setting("MAX_PAGE_SIZE", 100, "The most results one page of a search may hold."),
    Setting("PAGE_SIZE", 20, "Results per page on the search and home pages."),
    Setting("MAX_PAGE", 500, "The highest page number of search results."),
    Setting(
        "MAX_ARTICLE_BYTES",
        10 * 1024 * 1024,
        "The largest article file or stream ingest reads; a larger one fails with a message.",
    ),
    Setting("MAX_CONTENT_LENGTH", 64 * 1024, "The largest request body the web app accepts."),
    Setting(
        "RATELIMIT_API",
        "600 per minute",
        "Requests per client address across the API and the record exports (a `limits` string).",
    ),
    Setting(
        "WORKER_CONNECTIONS",
        16,
        "Keep-alive connections one gunicorn worker holds at most (docs/reliability.md).",
    ),
)
DEFAULTS = {s.name: s.default for s in SETTINGS}
_BY_NAME = {s.name: s for s in SETTINGS}


def load(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Every setting: its environment variable, else its default; `overrides` on top."""
    values = {item.name: _value(item) for item in SETTINGS}
    values.update(overrides or {})
    return values


def setting(name: str) -> Any:
    """One setting's value: its environment variable, else its default."""
    return _value(_BY_NAME[name])


def _value(item: Setting) -> Any:
    raw = os.environ.get(item.env_var)
    if not raw:
        return item.default
    if not isinstance(item.default, int):
        return raw
    try:
        return int(raw)
    except ValueError:
        raise InputError(f"{item.env_var} must be a whole number, not {raw!r}") from None


def data_dir(value: str | os.PathLike | None = None) -> Path:
    """The data folder: an explicit value, else $DIRECTORY_DATA, else ./data."""
    return Path(value or setting("DATA_DIR"))


def db_path(data: Path) -> Path:
    """The SQLite store inside a data folder."""
    return Path(data) / "directory.db"


def index_path(data: Path) -> Path:
    """The Whoosh index folder inside a data folder."""
    return Path(data) / "index"


# A folder `directory publish` writes holds snapshots (each a data folder of its own) and this
# file, naming the live one; a data folder never has one at its top.
SNAPSHOT_POINTER = "CURRENT"


def published_snapshot(data: Path) -> Path | None:
    """The live snapshot folder when `data` is a folder `directory publish` writes, else None
    (`data` is then a data folder itself)."""
    try:
        name = (Path(data) / SNAPSHOT_POINTER).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, UnicodeError) as error:
        raise StoreError(f"cannot read {Path(data) / SNAPSHOT_POINTER}: {error}") from error
    if not name or name.startswith(".") or "/" in name or "\\" in name:
        raise StoreError(f"{Path(data) / SNAPSHOT_POINTER} does not name a snapshot")
    return Path(data) / name
