"""`harmattan summary` per language, run as a real subprocess over a real DuckDB file."""

from __future__ import annotations

import re
from pathlib import Path

from harmattan.corroborate import update_stories
from harmattan.store.db import Store
from tests.cli_helpers import run_cli
from tests.multilingual import multilingual_records


def _store(path: Path, keep: set[str]) -> str:
    """A DuckDB file of the multilingual records in the languages `keep`."""
    records = [r for r in multilingual_records() if r.article.language in keep]
    with Store(path) as store:
        store.write_batch(records, [], stories=update_stories)
    return str(path)


def _row(output: str, language: str) -> list[str]:
    """The cells of the Languages table's row for `language`."""
    for line in output.splitlines():
        cells = [c.strip() for c in re.split(r"[│┃|]", line) if c.strip()]
        if cells and cells[0] == language:
            return cells
    raise AssertionError(f"no row for {language!r} in:\n{output}")


def test_summary_shows_articles_and_events_per_language(tmp_path: Path) -> None:
    db = _store(tmp_path / "h.duckdb", {"en", "fr", "de", "es"})
    done = run_cli("summary", "--db", db)
    assert done.returncode == 0, done.stderr
    assert "Languages" in done.stdout
    assert _row(done.stdout, "en") == ["en", "2", "2"]
    assert _row(done.stdout, "fr") == ["fr", "1", "1"]
    assert _row(done.stdout, "de") == ["de", "2", "0"]
    assert _row(done.stdout, "es") == ["es", "1", "0"]
    line = " ".join(done.stdout.split())
    assert "3 articles in languages not coded (de, es): stored and listed, no events" in line


def test_summary_names_a_single_language_not_coded(tmp_path: Path) -> None:
    db = _store(tmp_path / "h.duckdb", {"en", "es"})
    done = run_cli("summary", "--db", db)
    assert done.returncode == 0, done.stderr
    line = " ".join(done.stdout.split())
    assert "1 article in a language not coded (es): stored and listed, no events" in line


def test_summary_says_nothing_of_languages_not_coded_when_there_are_none(tmp_path: Path) -> None:
    db = _store(tmp_path / "h.duckdb", {"en", "fr"})
    done = run_cli("summary", "--db", db)
    assert done.returncode == 0, done.stderr
    assert _row(done.stdout, "fr") == ["fr", "1", "1"]
    assert "not coded" not in done.stdout
