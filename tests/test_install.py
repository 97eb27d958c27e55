"""The locked install: requirements.lock holds pyproject.toml's pins, every package with hashes,
and the environment the tests run in is the one the lock describes."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
ENTRY = re.compile(r"^(?P<requirement>[A-Za-z0-9][^\s\\]*(?: ;[^\\]*)?)\s*\\?$")


def locked() -> list[tuple[Requirement, list[str]]]:
    """Each locked requirement with its hashes (a package may appear once per marker)."""
    entries: list[tuple[Requirement, list[str]]] = []
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = ENTRY.match(line)
        if match:
            entries.append((Requirement(match.group("requirement").strip()), []))
        elif line.strip().startswith("--hash=sha256:") and entries:
            entries[-1][1].append(line.strip().removeprefix("--hash=sha256:").rstrip(" \\"))
    return entries


def applies(requirement: Requirement) -> bool:
    """Whether a locked requirement is for this interpreter and platform."""
    return requirement.marker is None or requirement.marker.evaluate({"extra": "dev"})


def pinned_in_pyproject() -> list[Requirement]:
    """The project's direct dependencies and its dev extra, as written in pyproject.toml."""
    project = PYPROJECT["project"]
    return [
        Requirement(r) for r in [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    ]


def test_the_lock_says_how_to_remake_it():
    assert "make lock" in LOCK.read_text(encoding="utf-8").splitlines()[1]


@pytest.mark.parametrize("requirement", pinned_in_pyproject(), ids=str)
def test_every_pin_of_pyproject_is_in_the_lock_at_that_version(requirement):
    """Fails after a dependency changes in pyproject.toml until `make lock` is run."""
    (specifier,) = requirement.specifier
    assert specifier.operator == "==", f"{requirement}: pin it exactly"
    name = canonicalize_name(requirement.name)
    versions = {
        next(iter(r.specifier)).version
        for r, _ in locked()
        if canonicalize_name(r.name) == name and applies(r)
    }
    assert versions == {specifier.version}, f"{requirement.name}: run `make lock`"


def test_every_locked_package_is_pinned_with_hashes():
    entries = locked()
    assert len(entries) > len(pinned_in_pyproject())  # the transitive ones are there too
    for requirement, hashes in entries:
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", requirement
        assert hashes and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), requirement


def test_the_environment_is_the_locked_one():
    """What `make install` put in .venv: every package the lock holds for this platform, at the
    locked version."""
    wrong = {}
    for requirement, _ in locked():
        if not applies(requirement):
            continue
        name = requirement.name
        (specifier,) = requirement.specifier
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != specifier.version:
            wrong[name] = (installed, specifier.version)
    assert wrong == {}, "installed vs locked; run `make install`"
