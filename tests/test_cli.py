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
