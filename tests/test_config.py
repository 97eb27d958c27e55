"""Settings: one table, layered defaults -> environment -> test config, every one documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from directory import config
from directory.errors import InputError

SETTINGS_DOC = Path(__file__).resolve().parent.parent / "docs" / "settings.md"


@pytest.mark.parametrize("item", config.SETTINGS, ids=lambda item: item.name)
def test_every_setting_is_documented(item):
    rows = [line for line in SETTINGS_DOC.read_text(encoding="utf-8").splitlines() if "|" in line]
    row = next((line for line in rows if line.startswith(f"| `{item.name}` |")), None)
    assert row is not None, f"{item.name} is missing from docs/settings.md"
    assert f"`{item.env_var}`" in row
    assert f"`{item.default}`" in row
    assert item.help in row


def test_settings_are_layered_defaults_then_environment_then_overrides(monkeypatch):
    monkeypatch.delenv("DIRECTORY_PAGE_SIZE", raising=False)
    assert config.load()["PAGE_SIZE"] == config.DEFAULTS["PAGE_SIZE"] == 20
    monkeypatch.setenv("DIRECTORY_PAGE_SIZE", "7")
    monkeypatch.setenv("DIRECTORY_RATELIMIT_API", "5 per minute")
    assert config.setting("PAGE_SIZE") == 7
    assert config.load()["RATELIMIT_API"] == "5 per minute"
    assert config.load({"PAGE_SIZE": 3, "TESTING": True})["PAGE_SIZE"] == 3


def test_the_data_folder_comes_from_its_own_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("DIRECTORY_DATA", str(tmp_path))
    assert config.data_dir() == tmp_path
    assert config.data_dir("elsewhere") == Path("elsewhere")


def test_a_number_that_is_not_one_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("DIRECTORY_MAX_PAGE", "lots")
    with pytest.raises(InputError, match="DIRECTORY_MAX_PAGE must be a whole number"):
        config.setting("MAX_PAGE")
