"""Small query helpers every module of the store uses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

BATCH = 500


def one(db: sqlite_utils.Database, sql: str, params: Sequence[Any] = ()) -> dict | None:
    return next(iter(db.query(sql, params)), None)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
