"""The layering promises, checked from the source: who may import Flask and spaCy, the facades,
and no import cycle among the package's modules."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "directory"
# Packages whose __init__ is the only door: the rest of the code imports the names it exports.
FACADES = ("directory.search", "directory.store", "directory.ingest")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> list[tuple[str, list[str]]]:
    """(module, names) for every import in a module, at any depth, relative ones resolved."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            found.append((target, [alias.name for alias in node.names]))
    return found


def internal_edges(name: str) -> set[str]:
    """The package's modules this module imports (a submodule named in `from . import x` is the
    edge, not the package it sits in)."""
    edges = set()
    for target, names in imports_of(name):
        subs = [f"{target}.{n}" for n in names if f"{target}.{n}" in MODULES]
        edges.update(subs)
        if target in MODULES and (not names or len(subs) < len(names)):
            edges.add(target)
    edges.discard(name)
    return edges


def importers_of(top_level: tuple[str, ...]) -> set[str]:
    return {
        name
        for name in MODULES
        for target, _ in imports_of(name)
        if target.split(".")[0] in top_level
    }


def test_only_the_web_layer_imports_flask():
    importers = importers_of(("flask", "flask_limiter", "werkzeug", "gunicorn"))
    assert importers, "the check found no importer at all"
    assert sorted(n for n in importers if not n.startswith("directory.web")) == []


def test_only_extraction_imports_spacy():
    importers = importers_of(("spacy", "thinc"))
    assert importers, "the check found no importer at all"
    assert sorted(n for n in importers if not n.startswith("directory.extract")) == []


@pytest.mark.parametrize("facade", FACADES)
def test_the_rest_of_the_code_goes_through_the_facade(facade):
    exported = set(__import__(facade, fromlist=["__all__"]).__all__)
    wrong = []
    for name in MODULES:
        if name == facade or name.startswith(facade + "."):
            continue
        for target, names in imports_of(name):
            if target.startswith(facade + "."):
                wrong.append(f"{name} imports {target}")
            elif target == facade:
                wrong += [f"{name} imports {facade}.{n}" for n in names if n not in exported]
    assert wrong == []


def test_no_import_cycle_among_the_modules():
    graph = {name: internal_edges(name) for name in MODULES}
    cycles, index, low, stack, on_stack = [], {}, {}, [], set()

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    assert graph["directory.web"], "the graph found no edges"
    assert cycles == []


def test_no_module_is_over_700_lines():
    long = {name: n for name, p in MODULES.items() if (n := len(p.read_text().splitlines())) > 700}
    assert long == {}


def loaded_after(code: str) -> set[str]:
    """The top-level packages a fresh interpreter has loaded after running `code`."""
    script = (
        textwrap.dedent(code) + "\nimport sys\nprint(*{m.split('.')[0] for m in sys.modules})\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_search_and_ingest_commands_never_load_flask_and_the_site_never_loads_spacy(tmp_path):
    cli = loaded_after(
        f"""
        from click.testing import CliRunner
        from directory import store
        from directory.cli import cli
        store.open_db({str(tmp_path / "directory.db")!r}).close()
        result = CliRunner().invoke(cli, ["--data", {str(tmp_path)!r}, "search", "--json", "x"])
        assert result.exit_code == 0, result.output
        import directory.ingest
        """
    )
    assert "directory" in cli and "whoosh" in cli
    # Dask is imported only on the --scheduler path (about 0.6-0.9 s of imports).
    assert not cli & {"flask", "werkzeug", "flask_limiter", "spacy", "dask", "distributed"}
    site = loaded_after(
        f"""
        from directory.web import create_app
        create_app({{"DATA_DIR": {str(tmp_path)!r}}}).test_client().get("/healthz")
        """
    )
    assert "flask" in site and not site & {"spacy", "dask", "distributed"}
    assert not loaded_after("from directory.cli import main") & {"flask", "spacy", "whoosh"}
