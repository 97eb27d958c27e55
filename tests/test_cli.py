"""The command line's own rules: documented commands, --data everywhere, usage errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from directory.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_in_the_readme(name):
    assert re.search(rf"`directory {re.escape(name)}\b", README), f"README lacks `directory {name}`"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_takes_data(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "--data" in result.output


def test_usage_errors_exit_2():
    assert CliRunner().invoke(cli, ["ingest"]).exit_code == 2
    assert CliRunner().invoke(cli, ["no-such-command"]).exit_code == 2


def test_export_needs_a_slug_or_all(tmp_path):
    result = CliRunner().invoke(cli, ["--data", str(tmp_path), "export"])
    assert result.exit_code == 2


def test_search_without_a_directory_says_how_to_make_one(tmp_path):
    result = CliRunner().invoke(cli, ["--data", str(tmp_path / "empty"), "search", "economy"])
    assert result.exit_code == 1
    assert "directory ingest" in result.output


def test_data_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DIRECTORY_DATA", str(tmp_path / "from-env"))
    result = CliRunner().invoke(cli, ["search", "economy"])
    assert str(tmp_path / "from-env") in result.output


def users(data, *args, stdin: str | None = None):
    return CliRunner().invoke(cli, ["--data", str(data), "users", *args], input=stdin)


def test_users_add_list_remove(tmp_path):
    from directory import config, store

    added = users(tmp_path, "add", "alice", "--password-stdin", stdin="correct horse battery\n")
    assert (added.exit_code, added.output) == (0, "Added editor alice.\n")
    admin = users(
        tmp_path, "add", "bob", "--password-stdin", "--role", "admin", stdin="pw-12345678"
    )
    assert admin.exit_code == 0
    listed = users(tmp_path, "list")
    lines = listed.output.splitlines()
    assert [line.split()[:2] for line in lines[:-1]] == [["alice", "editor"], ["bob", "admin"]]
    assert lines[-1] == "2 user(s)."
    db = store.open_db(config.db_path(tmp_path), read_only=True)
    assert store.check_password(db, "alice", "correct horse battery")["role"] == "editor"
    assert store.check_password(db, "bob", "pw-12345678")["role"] == "admin"
    db.close()
    assert users(tmp_path, "remove", "alice").output == "Removed alice.\n"
    assert users(tmp_path, "list").output.splitlines()[-1] == "1 user(s)."


def test_users_add_reads_the_password_only_from_stdin(tmp_path):
    no_flag = users(tmp_path, "add", "alice", stdin="correct horse battery\n")
    assert no_flag.exit_code == 2 and "--password-stdin" in no_flag.output
    as_argument = users(tmp_path, "add", "alice", "correct horse battery", "--password-stdin")
    assert as_argument.exit_code == 2


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("add", "alice", "--password-stdin"), "short\n", "at least 8 characters"),
        (("add", "alice", "--password-stdin"), "", "at least 8 characters"),
        (("add", "cli", "--password-stdin"), "long enough password\n", "'cli'"),
        (("add", "a b", "--password-stdin"), "long enough password\n", "username"),
        (("remove", "nobody"), None, "no user 'nobody'"),
    ],
)
def test_users_bad_input_is_one_error_line(tmp_path, args, stdin, message):
    result = users(tmp_path, *args, stdin=stdin)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and message in result.output
    assert "Traceback" not in result.output


def test_users_list_without_a_directory_says_so(tmp_path):
    result = users(tmp_path / "none", "list")
    assert result.exit_code == 1 and "directory ingest" in result.output


def test_text_that_is_not_utf8_is_a_usage_error_not_a_traceback(tmp_path):
    """`--value $'a\\x85b'` arrives as a surrogate escape, which SQLite could not store."""
    result = CliRunner().invoke(
        cli, ["--data", str(tmp_path), "confirm", "ren-xiao", "title", "--value", "a\udc85b"]
    )
    assert result.exit_code == 2
    assert "VALUE is not valid UTF-8 text: 'a\\x85b'" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_file_name_that_is_not_utf8_is_still_a_file_name(tmp_path):
    result = CliRunner().invoke(cli, ["--data", str(tmp_path), "extract", "no-such-\udc85.txt"])
    assert result.exit_code == 1
    assert "no such file" in result.output
