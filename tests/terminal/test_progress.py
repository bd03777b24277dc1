"""Progress of long work: shown on a terminal (a real pseudo-terminal), never on a pipe,
and not with -q; the summary line is there either way."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from harmattan.cli import sample_corpus
from tests.cli_helpers import HARMATTAN, WIDTH, run_cli

pytestmark = pytest.mark.slow

ARTICLES = 12
# Rich's own switches would override what the pseudo-terminal says about itself.
_RICH_SWITCHES = ("TTY_INTERACTIVE", "TTY_COMPATIBLE", "FORCE_COLOR", "NO_COLOR")
_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@dataclass(frozen=True)
class Ingested:
    """A store and the ingest run that filled it."""

    db: Path
    done: subprocess.CompletedProcess[str]


def run_on_terminal(*args: str, timeout: float = 300) -> tuple[int, str]:
    """Run `harmattan ARGS` with stdout and stderr on a pseudo-terminal; its exit code
    and everything it wrote there, terminal escapes removed."""
    env = {k: v for k, v in os.environ.items() if k not in _RICH_SWITCHES}
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [HARMATTAN, *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env={**env, "COLUMNS": WIDTH, "TERM": "xterm-256color"},
    )
    os.close(follower)
    written = bytearray()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 1.0)
            if not ready:
                continue
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: every writer of the terminal has closed it
                break
            if not chunk:
                break
            written += chunk
        code = process.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        process.kill()
        os.close(leader)
    return code, _ESCAPE.sub("", written.decode("utf-8", errors="replace"))


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first dozen sample articles, as JSON Lines."""
    lines = sample_corpus().read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path_factory.mktemp("progress") / "articles.jsonl"
    path.write_text("".join(lines[:ARTICLES]), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def piped(articles: Path, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    """The dozen articles ingested with stdout and stderr on pipes."""
    db = tmp_path_factory.mktemp("store") / "h.duckdb"
    done = run_cli("ingest", str(articles), "--workers", "1", "--db", str(db))
    assert done.returncode == 0, done.stderr
    return Ingested(db, done)


@pytest.fixture(scope="module")
def store(piped: Ingested) -> Path:
    """A store holding the dozen articles."""
    return piped.db


def _ingest(articles: Path, db: Path, *extra: str) -> list[str]:
    # One article a batch, so that the line is redrawn between batches with a rate.
    return [
        "ingest", str(articles), "--workers", "1", "--batch-size", "1", "--db", str(db), *extra,
    ]  # fmt: skip


def test_ingest_on_a_terminal_shows_count_total_rate_and_time_left(
    articles: Path, tmp_path: Path
) -> None:
    code, screen = run_on_terminal(*_ingest(articles, tmp_path / "h.duckdb"))
    assert code == 0, screen
    assert "ingesting" in screen
    assert f"/{ARTICLES} articles" in screen
    assert re.search(r"\d+\.\d articles/s", screen), screen
    assert re.search(r"\d+:\d\d:\d\d left", screen), screen
    assert f"{ARTICLES}/{ARTICLES} articles" in screen
    assert f"{ARTICLES} ingested, 0 already known, 0 quarantined" in screen


def test_ingest_quiet_on_a_terminal_shows_only_the_summary(articles: Path, tmp_path: Path) -> None:
    code, screen = run_on_terminal(*_ingest(articles, tmp_path / "h.duckdb", "-q"))
    assert code == 0, screen
    assert "ingesting" not in screen
    assert "articles/s" not in screen
    assert screen.strip() == (
        f"{ARTICLES} ingested, 0 already known, 0 quarantined — see: harmattan quarantine"
    )


def test_ingest_on_a_pipe_shows_no_progress(piped: Ingested) -> None:
    assert "ingesting" not in piped.done.stderr
    assert "articles/s" not in piped.done.stderr
    assert piped.done.stderr.strip() == (
        f"{ARTICLES} ingested, 0 already known, 0 quarantined — see: harmattan quarantine"
    )


def _written(screen: str) -> int:
    found = re.search(r"wrote (\d+) events to", screen)
    assert found, screen
    return int(found.group(1))


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_export_on_a_terminal_shows_events_of_the_total(
    store: Path, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"events.{fmt}"
    code, screen = run_on_terminal("export", "--format", fmt, "-o", str(target), "--db", str(store))
    assert code == 0, screen
    written = _written(screen)
    assert written > 0
    assert "exporting" in screen
    assert f"{written}/{written} events" in screen
    assert re.search(r"\d+:\d\d:\d\d elapsed", screen), screen


def test_export_quiet_or_on_a_pipe_shows_no_progress(store: Path, tmp_path: Path) -> None:
    code, screen = run_on_terminal(
        "export", "--format", "csv", "-o", str(tmp_path / "a.csv"), "-q", "--db", str(store)
    )
    assert code == 0, screen
    assert screen.strip() == f"wrote {_written(screen)} events to {tmp_path / 'a.csv'}"
    piped = run_cli("export", "--format", "csv", "-o", str(tmp_path / "b.csv"), "--db", str(store))
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr.strip() == f"wrote {_written(piped.stderr)} events to {tmp_path / 'b.csv'}"
    assert (tmp_path / "a.csv").read_text() == (tmp_path / "b.csv").read_text()


def test_stories_rebuild_on_a_terminal_shows_articles_read_and_time_elapsed(
    store: Path,
) -> None:
    code, screen = run_on_terminal("stories", "--rebuild", "--db", str(store))
    assert code == 0, screen
    assert "rebuilding stories" in screen
    assert f"{ARTICLES} articles read" in screen
    assert re.search(r"\d+:\d\d:\d\d elapsed", screen), screen
    assert " left" not in screen
    assert re.search(r"rebuilt \d+ stories and \d+ near-duplicate links", screen), screen


def test_stories_rebuild_quiet_shows_only_what_was_rebuilt(store: Path) -> None:
    code, screen = run_on_terminal("stories", "--rebuild", "-q", "--db", str(store))
    assert code == 0, screen
    assert re.fullmatch(
        rf"rebuilt \d+ stories and \d+ near-duplicate links in {re.escape(str(store))}",
        screen.strip(),
    ), screen


@pytest.fixture(scope="module")
def spark_output(articles: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dozen articles' records laid out as `harmattan spark` writes them (records/
    partitioned by publication date, columns id and record), from `harmattan extract`."""
    extracted = run_cli("extract", str(articles))
    assert extracted.returncode == 0, extracted.stderr
    run = tmp_path_factory.mktemp("spark") / "run"
    (run / "records").mkdir(parents=True)
    rows = [
        (r["article"]["id"], r["article"]["published"], json.dumps(r))
        for r in map(json.loads, extracted.stdout.splitlines())
    ]
    con = duckdb.connect()
    con.execute("CREATE TABLE records (id VARCHAR, published VARCHAR, record VARCHAR)")
    con.executemany("INSERT INTO records VALUES (?, ?, ?)", rows)
    con.execute(f"COPY records TO '{run / 'records'}' (FORMAT parquet, PARTITION_BY (published))")
    return run


def test_load_on_a_terminal_shows_records_of_the_total(spark_output: Path, tmp_path: Path) -> None:
    code, screen = run_on_terminal("load", str(spark_output), "--db", str(tmp_path / "h.duckdb"))
    assert code == 0, screen
    assert "loading" in screen
    assert f"{ARTICLES}/{ARTICLES} records" in screen
    assert f"{ARTICLES} loaded, 0 already known, 0 quarantined" in screen


def test_load_quiet_on_a_terminal_shows_only_the_summary(
    spark_output: Path, tmp_path: Path
) -> None:
    code, screen = run_on_terminal(
        "load", str(spark_output), "-q", "--db", str(tmp_path / "h.duckdb")
    )
    assert code == 0, screen
    assert screen.strip() == (
        f"{ARTICLES} loaded, 0 already known, 0 quarantined — see: harmattan quarantine"
    )
