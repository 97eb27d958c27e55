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


def test_the_public_address_defaults_to_host_and_port_and_is_checked():
    assert config.public_url({}) == "http://127.0.0.1:5000"
    assert config.public_url({"HOST": "::1", "PORT": 8080}) == "http://[::1]:8080"
    assert config.public_url({"PUBLIC_URL": "https://Experts.Example.org/"}) == (
        "https://experts.example.org"
    )
    for bad in ("experts.example.org", "https://x.example/directory", "ftp://x.example"):
        with pytest.raises(InputError, match="DIRECTORY_PUBLIC_URL"):
            config.public_url({"PUBLIC_URL": bad})


def test_exports_name_the_public_address(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from storekit import smith_economist

    from directory import store
    from directory.cli import cli

    db = store.open_db(config.db_path(tmp_path))
    store.save_extraction(db, smith_economist())
    db.close()
    monkeypatch.setenv("DIRECTORY_PUBLIC_URL", "https://experts.example.org")
    result = CliRunner().invoke(
        cli, ["--data", str(tmp_path), "export", "john-smith", "--format", "vcard"]
    )
    assert "URL:https://experts.example.org/experts/john-smith" in result.output
