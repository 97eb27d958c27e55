"""The documents name only what exists: every path in README.md and docs/ is in the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
PATH = re.compile(r"\b(?:directory|tests|bench|docs|templates)/[\w./-]*[\w/]")


def named_paths(document: Path) -> set[str]:
    return set(PATH.findall(document.read_text(encoding="utf-8")))


def test_the_documents_name_the_package_modules():
    named = set().union(*(named_paths(d) for d in DOCUMENTS))
    assert {"directory/store/", "directory/search/codec.py", "directory/web/limits.py"} <= named


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.name)
def test_every_path_a_document_names_exists(document):
    missing = sorted(p for p in named_paths(document) if not (ROOT / p).exists())
    assert missing == []


def layout_tree() -> set[str]:
    """The paths of the module tree in docs/architecture.md's Layout section."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = text.split("## Layout", 1)[1].split("```", 2)[1]
    paths, folders = set(), []
    for line in block.splitlines():
        if not line.strip():
            continue
        depth = (len(line) - len(line.lstrip())) // 2
        entry = line.split()[0]
        folders = folders[:depth]
        path = "".join(folders) + entry
        paths.add(path)
        if entry.endswith("/"):
            folders.append(entry)
    return paths


def test_the_layout_in_the_architecture_document_is_the_package():
    tree = layout_tree()
    assert sorted(p for p in tree if not (ROOT / p).exists()) == []
    modules = {str(p.relative_to(ROOT)) for p in (ROOT / "directory").rglob("*.py")}
    assert sorted(modules - tree - {"directory/__init__.py", "directory/__main__.py"}) == []
