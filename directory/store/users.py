"""Editors who sign in to the web site: names, Argon2id password hashes and roles.

Passwords are hashed with argon2-cffi's defaults (Argon2id, a random salt per hash, RFC 9106's
low-memory profile), so a stolen store gives no password cheaply. The web layer signs editors in
with `check_password`; the CLI adds, lists and removes them.
"""

from __future__ import annotations

import functools
import re

import sqlite_utils
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from directory.errors import InputError, NotFound
from directory.models import EDITOR_ROLES

from .records import CLI_EDITOR
from .sql import now, one

MIN_PASSWORD = 8
MAX_PASSWORD = 1024
USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")

# argon2-cffi's defaults: Argon2id, 3 passes over 64 MiB, 4 lanes (RFC 9106's low-memory profile).
HASHER = PasswordHasher()


@functools.cache
def _unknown_user_hash() -> str:
    """Checked against when the name is unknown, so a wrong name costs as long as a wrong
    password (made on first use: a hash takes tens of milliseconds and 64 MiB)."""
    return HASHER.hash("no such editor; this hash only spends the time a check takes")


def check_username(name: str) -> str:
    """The name, or InputError: 1-64 letters, digits, dots, dashes, underscores; not `cli`."""
    if not isinstance(name, str) or not USERNAME.fullmatch(name):
        raise InputError(
            "a username is 1 to 64 letters, digits, '.', '-' or '_',"
            " starting with a letter or a digit"
        )
    if name.lower() == CLI_EDITOR:
        raise InputError(f"{CLI_EDITOR!r} names the command line in corrections; choose another")
    return name


def check_new_password(password: str) -> str:
    """The password, or InputError when it is too short or too long."""
    if len(password) < MIN_PASSWORD:
        raise InputError(f"the password needs at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise InputError(f"the password may have at most {MAX_PASSWORD} characters")
    return password


def add_user(db: sqlite_utils.Database, name: str, password: str, *, role: str = "editor") -> dict:
    """Add an editor with a hashed password; InputError if the name is taken or invalid."""
    check_username(name)
    check_new_password(password)
    if role not in EDITOR_ROLES:
        raise InputError(f"unknown role {role!r}; use one of {', '.join(EDITOR_ROLES)}")
    if get_user(db, name) is not None:
        raise InputError(f"there is already a user {name!r}")
    with db.atomic():
        db.execute(
            "INSERT INTO users (name, password_hash, role, created_at) VALUES (?, ?, ?, ?)",
            [name, HASHER.hash(password), role, now()],
        )
    return get_user(db, name)


def get_user(db: sqlite_utils.Database, name: str) -> dict | None:
    """The user `{name, password_hash, role, created_at}` of that name, or None."""
    if not isinstance(name, str):
        return None
    return one(db, "SELECT name, password_hash, role, created_at FROM users WHERE name = ?", [name])


def list_users(db: sqlite_utils.Database) -> list[dict]:
    """Every user's name, role and creation time (never the hash), by name."""
    return list(db.query("SELECT name, role, created_at FROM users ORDER BY name"))


def remove_user(db: sqlite_utils.Database, name: str) -> None:
    """Remove a user (their corrections keep their name); NotFound if there is none."""
    with db.atomic():
        if db.execute("DELETE FROM users WHERE name = ?", [name]).rowcount == 0:
            raise NotFound(f"no user {name!r}")


def check_password(db: sqlite_utils.Database, name: str, password: str) -> dict | None:
    """The user when `password` is theirs, else None; unknown names take as long as known ones."""
    user = get_user(db, name) if USERNAME.fullmatch(name or "") else None
    try:
        HASHER.verify(user["password_hash"] if user else _unknown_user_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    return user
