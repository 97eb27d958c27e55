"""Editors: names checked, passwords kept as Argon2id hashes, roles, sign-in checks."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

from directory import store
from directory.errors import InputError, NotFound
from directory.store import users


@pytest.fixture
def db(tmp_path):
    database = store.open_db(tmp_path / "directory.db")
    yield database
    database.close()


def test_a_user_is_stored_with_a_salted_hash_never_the_password(db):
    user = store.add_user(db, "alice", "correct horse battery")
    assert (user["name"], user["role"]) == ("alice", "editor")
    assert user["password_hash"].startswith("$argon2id$")
    assert "correct horse battery" not in user["password_hash"]
    other = store.add_user(db, "bob", "correct horse battery", role="admin")
    assert other["password_hash"] != user["password_hash"]  # a salt of its own
    assert [u["name"] for u in store.list_users(db)] == ["alice", "bob"]
    assert "password_hash" not in store.list_users(db)[0]


def test_the_real_hasher_is_argon2id_at_its_recommended_cost(cheap_password_hashes):
    # The suite swaps in argon2's cheapest profile (conftest); the store's own is this one.
    real = cheap_password_hashes
    assert (real.type.name, real.time_cost, real.memory_cost, real.parallelism) == (
        "ID",
        3,
        65536,
        4,
    )


def test_check_password(db):
    store.add_user(db, "alice", "correct horse battery")
    assert store.check_password(db, "alice", "correct horse battery")["name"] == "alice"
    assert store.check_password(db, "alice", "wrong password") is None
    assert store.check_password(db, "Alice", "correct horse battery") is None
    assert store.check_password(db, "nobody", "correct horse battery") is None
    assert store.check_password(db, "", "") is None
    assert store.check_password(db, "x" * 10_000, "y" * 10_000) is None


def test_an_unknown_name_costs_one_hash_check_too(db, monkeypatch):
    class Counting(PasswordHasher):
        checks = 0

        def verify(self, hash, password):
            Counting.checks += 1
            return super().verify(hash, password)

    monkeypatch.setattr(users, "HASHER", Counting.from_parameters(CHEAPEST))
    assert store.check_password(db, "nobody", "whatever") is None
    assert store.check_password(db, "no such name!", "whatever") is None
    assert Counting.checks == 2


@pytest.mark.parametrize(
    ("name", "password", "role"),
    [
        ("", "long enough password", "editor"),
        ("has space", "long enough password", "editor"),
        ("-dash-first", "long enough password", "editor"),
        ("x" * 65, "long enough password", "editor"),
        ("cli", "long enough password", "editor"),
        ("CLI", "long enough password", "editor"),
        ("alice", "short", "editor"),
        ("alice", "p" * 1025, "editor"),
        ("alice", "long enough password", "owner"),
    ],
)
def test_bad_users_are_refused(db, name, password, role):
    with pytest.raises(InputError):
        store.add_user(db, name, password, role=role)
    assert store.list_users(db) == []


def test_a_name_is_taken_once(db):
    store.add_user(db, "alice", "correct horse battery")
    with pytest.raises(InputError, match="already"):
        store.add_user(db, "alice", "another password")


def test_remove_user(db):
    store.add_user(db, "alice", "correct horse battery")
    store.remove_user(db, "alice")
    assert store.get_user(db, "alice") is None
    with pytest.raises(NotFound):
        store.remove_user(db, "alice")
