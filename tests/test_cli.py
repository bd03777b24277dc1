"""The command line, run as a real subprocess over real files and a real DuckDB file."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from harmattan.cli import cli
from tests.cli_helpers import run_cli
from tests.conftest import REPO

COMMANDS = sorted(cli.commands)
# Commands that never open the store take no --db.
STORELESS = {"extract", "timex", "spark"}


def _jsonl(path: Path, rows: list[dict[str, str]], extra: str = "") -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + extra, encoding="utf-8")
    return path


ROWS = [
    {"text": "Niger's junta closed the border with Benin.", "published": "2023-07-27"},
    {"text": "ECOWAS leaders met in Abuja on Sunday.", "published": "2023-07-30", "source": "W"},
    {"text": "Mali and Burkina Faso backed the junta.", "published": "2023-08-01"},
]


def test_extract_seed_prints_one_valid_record(seed_path: Path) -> None:
    done = run_cli("extract", str(seed_path))
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    record = json.loads(line)
    text = record["article"]["text"]
    assert record["schema"] == "harmattan.document/1"
    assert record["article"]["published"] == "2023-11-07"
    assert text.startswith("Niger’s military junta")
    assert record["entities"]
    for entity in record["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]


def test_extract_keeps_input_order_and_reports_skipped_input(
    tmp_path: Path, seed_path: Path
) -> None:
    feed = _jsonl(tmp_path / "feed.jsonl", ROWS, extra='{"text": "no date"}\n')
    done = run_cli("extract", str(feed), str(seed_path))
    assert done.returncode == 0, done.stderr
    published = [json.loads(line)["article"]["published"] for line in done.stdout.splitlines()]
    assert published == ["2023-07-27", "2023-07-30", "2023-08-01", "2023-11-07"]
    assert "line 4: missing publication date" in done.stderr


def test_extract_fails_clearly_when_nothing_is_readable(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("no header here", encoding="utf-8")
    done = run_cli("extract", str(bad))
    assert done.returncode == 1
    assert done.stdout == ""
    assert "not seed format" in done.stderr
    assert "Error: nothing could be read" in done.stderr


def test_ingest_then_query_with_every_export_format(tmp_path: Path, seed_path: Path) -> None:
    db = str(tmp_path / "h.duckdb")
    feed = _jsonl(tmp_path / "feed.jsonl", ROWS)
    done = run_cli("ingest", str(feed), str(seed_path), "--db", db)
    assert done.returncode == 0, done.stderr
    assert "4 ingested, 0 already known, 0 quarantined — see: harmattan quarantine" in done.stderr

    csv_out = run_cli(
        "events", "--country", "NER", "--since", "2023-07-01", "--format", "csv", "--db", db
    )
    assert csv_out.returncode == 0, csv_out.stderr
    assert csv_out.stdout.splitlines()[0].startswith("event_id,article_id,published,source,type")

    target = tmp_path / "x.parquet"
    parquet = run_cli("events", "--format", "parquet", "--output", str(target), "--db", db)
    assert parquet.returncode == 0, parquet.stderr
    assert _parquet_columns(target) >= {"event_id", "type", "factuality", "actors", "evidence"}

    articles = run_cli("articles", "--format", "json", "--db", db)
    rows = [json.loads(line) for line in articles.stdout.splitlines()]
    assert [r["published"] for r in rows] == [
        "2023-11-07",
        "2023-08-01",
        "2023-07-30",
        "2023-07-27",
    ]
    assert rows[2]["source"] == "W"


def _parquet_columns(path: Path) -> set[str]:
    rows = duckdb.connect().execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
    return {str(r[0]) for r in rows}


def test_ingest_reads_stdin_and_show_prints_the_article(tmp_path: Path, seed_path: Path) -> None:
    db = str(tmp_path / "h.duckdb")
    done = run_cli("ingest", "-", "--db", db, stdin=seed_path.read_bytes())
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("1 ingested")
    (row,) = duckdb.connect(db, read_only=True).execute("SELECT id FROM articles").fetchall()
    shown = run_cli("show", str(row[0])[:8], "--db", db)
    assert shown.returncode == 0, shown.stderr
    assert "2023-11-07" in shown.stdout
    assert "Niger’s military junta is under pressure" in shown.stdout
    assert "REQUEST" in shown.stdout
    assert "sets a deadline" in shown.stdout
    assert "ECOWAS (IGO)" in shown.stdout


def test_ingest_of_unreadable_input_quarantines_and_exits_non_zero(tmp_path: Path) -> None:
    db = str(tmp_path / "h.duckdb")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n\x00\xff")
    done = run_cli("ingest", str(pdf), str(tmp_path / "missing.jsonl"), "--db", db)
    assert done.returncode == 1
    assert "0 ingested, 0 already known, 2 quarantined" in done.stderr
    listed = run_cli("quarantine", "--format", "csv", "--db", db)
    reasons = sorted(row["reason"] for row in csv.DictReader(io.StringIO(listed.stdout)))
    assert reasons[0] == "no such file or directory"
    assert reasons[1].startswith("unknown file type '.pdf'")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--format", "parquet"], "--format parquet needs --output FILE"),
        (["events", "--since", "July"], "Invalid value for '--since'"),
        (["show", "nope"], "no single article with id 'nope'"),
        (["ingest"], "give at least one PATH"),
    ],
)
def test_cli_errors_are_one_clear_line(tmp_path: Path, args: list[str], message: str) -> None:
    db = tmp_path / "h.duckdb"
    run_cli("ingest", "--db", str(db), "-", stdin=b"date 2023-08-01 Niger closed its airspace.")
    done = run_cli(*args, "--db", str(db))
    assert done.returncode != 0
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_query_commands_on_a_missing_database_say_what_to_do(tmp_path: Path) -> None:
    done = run_cli("events", "--db", str(tmp_path / "none.duckdb"))
    assert done.returncode == 1
    assert "ingest something first" in done.stderr


def _not_a_database(path: Path) -> Path:
    path.write_bytes(b"not a database at all " * 200)
    return path


def _damaged(path: Path) -> Path:
    """A real harmattan database cut to a third of its size."""
    run_cli("ingest", "--db", str(path), "-", stdin=b"date 2023-08-01 Niger closed its airspace.")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_not_a_database, "is not a harmattan"),
        (_damaged, "is truncated or damaged"),
    ],
)
def test_a_broken_database_file_is_one_line_saying_what_to_do(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    db = tmp_path / "h.duckdb"
    make(db)
    for command in ("summary", "ingest"):
        args = [command, "--db", str(db)] + (["-"] if command == "ingest" else [])
        done = run_cli(*args, stdin=b"date 2023-08-01 Niger closed its airspace.")
        assert done.returncode == 1
        assert message in done.stderr
        assert len(done.stderr.strip().splitlines()) <= 3, done.stderr


@pytest.mark.parametrize(
    ("where", "problem"),
    [
        # sysfs refuses every new file, to root too: a folder no one may write in.
        (lambda tmp: Path("/sys/h.duckdb"), "permission denied; choose a writable folder"),
        (lambda tmp: tmp / "missing" / "h.duckdb", "does not exist or is a file; create"),
        (lambda tmp: _not_a_database(tmp / "file") / "h.duckdb", "does not exist or is a file"),
    ],
    ids=["read-only", "missing-folder", "folder-is-a-file"],
)
def test_ingest_where_no_database_can_be_created_is_one_line(
    tmp_path: Path, where: Callable[[Path], Path], problem: str
) -> None:
    db = where(tmp_path)
    done = run_cli(
        "ingest", "--db", str(db), "-", stdin=b"date 2023-08-01 Niger closed its airspace."
    )
    assert done.returncode == 1
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("Error: cannot ")
    assert f"database {db}: " in line
    assert problem in line


def test_a_database_another_process_holds_names_that_process(tmp_path: Path) -> None:
    db = tmp_path / "h.duckdb"
    run_cli("ingest", "--db", str(db), "-", stdin=b"date 2023-08-01 Niger closed its airspace.")
    holder = duckdb.connect(str(db))
    try:
        # DuckDB locks across processes; this test process holds the file. `serve` used
        # to print "serving ..." and then a traceback from the server's start-up.
        runs = [
            run_cli("ingest", "--db", str(db), "-", stdin=b"date 2023-08-02 Mali too."),
            run_cli("serve", "--db", str(db), "--port", "8797"),
        ]
    finally:
        holder.close()
    for done in runs:
        assert done.returncode == 1
        assert f"is in use by another process (process {os.getpid()}" in done.stderr
        assert len(done.stderr.strip().splitlines()) <= 3, done.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    done = run_cli(command, "--help")
    assert done.returncode == 0
    assert done.stdout.startswith(f"Usage: harmattan {command}")
    assert ("--db" in done.stdout) is (command not in STORELESS)


def _readme_block(heading: str) -> str:
    section = (REPO / "README.md").read_text(encoding="utf-8").split(f"\n## {heading}\n", 1)[1]
    return section.split("```sh\n", 1)[1].split("```", 1)[0]


def test_readme_using_it_lists_only_real_commands() -> None:
    listed = re.findall(r"^harmattan ([a-z-]+)", _readme_block("Using it"), flags=re.MULTILINE)
    assert listed
    assert set(listed) <= set(COMMANDS), f"README names commands that do not exist: {listed}"


def test_readme_documents_every_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [c for c in COMMANDS if not re.search(rf"^harmattan {c}\b", readme, re.MULTILINE)]
    assert not missing, f"commands the README does not show: {missing}"


@pytest.mark.slow
def test_stories_and_stats_after_ingesting_the_sample_and_the_seed(
    tmp_path: Path, seed_path: Path
) -> None:
    db = str(tmp_path / "h.duckdb")
    assert run_cli("ingest", "--sample", "--db", db).returncode == 0
    assert run_cli("ingest", str(seed_path), "--db", db).returncode == 0
    done = run_cli("stories", "--contradicted", "--format", "json", "--db", db)
    assert done.returncode == 0, done.stderr
    stories = [json.loads(line) for line in done.stdout.splitlines()]
    designation = next(
        s for s in stories if any(c["field"] == "designation" for c in s["contradictions"])
    )
    assert designation["type"] == "SANCTION"
    assert [a["id"] for a in designation["actors"]] == ["usa"]
    assert designation["first_reported"] == "2023-01-27"
    assert {m["source"] for m in designation["mentions"]} >= {"Meridian Review", "Sahel Wire"}
    assert set(designation) >= {
        "id", "type", "factuality", "actors", "recipients", "date", "location", "mentions",
        "first_reported", "sources", "contradictions",
    }  # fmt: skip
    table = run_cli("stories", "--country", "NER", "--min-sources", "3", "--db", db)
    assert "Mohamed Bazoum" in table.stdout
    assert "2023-07-26" in table.stdout
    rows = list(csv.DictReader(io.StringIO(run_cli("stats", "--format", "csv", "--db", db).stdout)))
    (stats,) = rows
    assert stats["articles"] == "43"
    assert int(stats["stories"]) < int(stats["events"])
    assert 0 < int(stats["corroborated"]) <= int(stats["stories"])
    assert int(stats["re_mentions"]) > 0
    assert int(stats["contradictions"]) >= 2
    by_day = run_cli("stats", "--by-day", "--format", "csv", "--db", db).stdout
    days = {row["day"]: int(row["new_events"]) for row in csv.DictReader(io.StringIO(by_day))}
    assert sum(days.values()) == int(stats["stories"])
    assert days["2023-07-26"] > 0


def test_commands_that_read_the_store_start_without_importing_spacy() -> None:
    # spaCy, the pipeline and the ingest service take two seconds to import; `events`,
    # `stories` and the other listings need none of them.
    code = (
        "import sys, harmattan.cli; "
        "print(' '.join(m for m in ('spacy', 'harmattan.pipeline', 'harmattan.service') "
        "if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == ""
