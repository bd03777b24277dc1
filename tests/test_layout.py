"""The package's layout keeps its promises: what may import what, and where SQL lives."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from harmattan.events.codebook import Codebook
from tests.conftest import REPO

PACKAGE = REPO / "src" / "harmattan"
SPEEDUPS = ("components", "attributes", "lemmas", "recognizer")
# What the store may build on: records, errors, the codebook, its own modules, the version.
STORE_MAY_IMPORT = re.compile(r"^harmattan(\.(records|errors|events\.codebook|store)(\..+)?)?$")
SQL = re.compile(r"\b(SELECT|INSERT INTO|DELETE FROM|UPDATE \w+ SET|CREATE TABLE)\b")


def _modules(folder: Path) -> Iterator[Path]:
    yield from sorted(folder.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            # `from harmattan.nlp import lemmas` imports a submodule by name.
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _strings(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def test_store_imports_only_records_errors_and_the_codebook() -> None:
    wrong = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in _modules(PACKAGE / "store")
        for name in _imports(path)
        if name.startswith("harmattan")
        and not STORE_MAY_IMPORT.match(name)
        # `from harmattan import __version__` names the package itself.
        and name != "harmattan.__version__"
    }
    assert not wrong, f"store/ must sit below the pipeline: {sorted(wrong)}"


def test_api_holds_no_sql() -> None:
    found = {
        f"{path.relative_to(PACKAGE)}: {text.strip()[:60]!r}"
        for path in _modules(PACKAGE / "api")
        for text in _strings(path)
        if SQL.search(text)
    }
    assert not found, f"SQL belongs in store/read: {sorted(found)}"


@pytest.mark.parametrize("module", ["cli.py", "frames.py", "service.py", "store/export.py"])
def test_readers_outside_the_read_layer_hold_no_sql_select(module: str) -> None:
    selects = [s for s in _strings(PACKAGE / module) if re.search(r"\bSELECT\b", s)]
    assert selects == []


def test_speedups_live_in_nlp_and_only_nlp_imports_them() -> None:
    assert not [name for name in SPEEDUPS if (PACKAGE / f"{name}.py").exists()]
    assert all((PACKAGE / "nlp" / f"{name}.py").exists() for name in SPEEDUPS)
    outside = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in _modules(PACKAGE)
        if path.parent != PACKAGE / "nlp"
        for name in _imports(path)
        if name in {f"harmattan.nlp.{s}" for s in SPEEDUPS}
    }
    assert not outside


def test_event_coder_names_no_plover_type() -> None:
    types = set(Codebook.load().types)
    named = {s for s in _strings(PACKAGE / "events" / "coder.py") if s in types}
    assert not named, f"PLOVER types belong in the data files: {sorted(named)}"


def test_geo_does_not_borrow_from_actors() -> None:
    borrowed = {
        name
        for path in _modules(PACKAGE / "geo")
        for name in _imports(path)
        if name.startswith("harmattan.actors")
    }
    assert not borrowed
