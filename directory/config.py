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
from urllib.parse import urlsplit

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
        "SECRET_KEY",
        None,
        "Signs editors' session cookies; unset, one is generated once and kept in the data folder"
        " (`secret_key`, mode 0600) so every worker shares it.",
    ),
    Setting(
        "LOGIN_ATTEMPTS",
        "5 per minute",
        "Failed sign-ins allowed per username and per client address; the next answers 429"
        " (a `limits` string).",
    ),
    Setting(
        "RATELIMIT_SEARCH",
        "120 per minute",
        "Search result pages (`/search`) per client address (a `limits` string).",
    ),
    Setting(
        "RATELIMIT_CSV",
        "20 per minute",
        "Search downloads (`/search.csv`, up to 1,000 full records each) per client address.",
    ),
    Setting(
        "PUBLIC_URL",
        "",
        "The site's address as readers reach it (`https://experts.example.org`): every absolute "
        "URL (JSON-LD, vCard, CSV, OpenAPI, redirects) uses it, never the request's Host. "
        "Empty: `http://HOST:PORT`.",
    ),
    Setting(
        "ALLOWED_HOSTS",
        "",
        "Host names the site answers to, comma-separated (`name` or `name:port`; `*` for any); "
        "any other Host header gets 400. Empty: the public address and the loopback names.",
    ),
    Setting(
        "PROXY_ADDRESSES",
        "",
        "IP addresses or networks of a reverse proxy in front, comma-separated: only from them "
        "is X-Forwarded-For believed as the client's address (which the rate limits count). "
        "`directory serve --production` trusts the nginx it starts itself.",
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


def public_url(values: Mapping[str, Any]) -> str:
    """The site's address as readers reach it: PUBLIC_URL, else http://HOST:PORT."""
    configured = (values.get("PUBLIC_URL") or "").strip()
    if not configured:
        host = values.get("HOST") or "127.0.0.1"
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{values.get('PORT') or 5000}"
    parts = urlsplit(configured)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"DIRECTORY_PUBLIC_URL must be http(s)://HOST[:PORT], not {configured!r}")
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise InputError(
            f"DIRECTORY_PUBLIC_URL must not hold a path ({configured!r}): the site is served "
            "from the root of its address"
        )
    return f"{parts.scheme}://{parts.netloc.lower()}"


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
# Where a site keeps its generated session key when SECRET_KEY is unset (a web node serving
# published snapshots keeps it beside them).
SECRET_KEY_FILE = "secret_key"


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
