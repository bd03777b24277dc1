"""Every listing command, run as a real subprocess over a real DuckDB file: tables fitted
to 80 and 160 columns, and tab-separated values when the output is a pipe."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from harmattan.alerts.rules import rules_from_toml
from harmattan.cli import sample_corpus
from harmattan.ingest import ReadOptions, read_sources
from harmattan.pipeline import Resources
from harmattan.service import ingest
from harmattan.store.db import Store
from tests.cli_helpers import HARMATTAN

# An article of ours whose evidence holds ASCII double quotes and a tab, which
# tab-separated output must carry through a csv reader unchanged.
QUOTED = {
    "published": "2023-08-02",
    "source": "Test Courier",
    "title": "ECOWAS warns the junta",
    "text": 'ECOWAS imposed "full and immediate" sanctions on Niger\ton Wednesday, '
    "officials in Abuja said.\n\nThe bloc also closed its borders with Niger.",
}

DATE = re.compile(r"^(≤|≥)?\d{4}(-W\d{2}|-\d{2}(-\d{2})?)?(/\d{4}-\d{2}-\d{2})?$|^undated$")


@pytest.fixture(scope="module")
def db(resources: Resources, seed_path: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample's alert rules, the sample corpus, the seed, an article with quotes and
    a feed with one bad line, ingested into a DuckDB file."""
    folder = tmp_path_factory.mktemp("listings")
    feed = folder / "extra.jsonl"
    feed.write_text(json.dumps(QUOTED) + "\n{not json\n", encoding="utf-8")
    path = folder / "h.duckdb"
    rules = rules_from_toml(sample_corpus().with_name("alerts.toml"))
    with Store(path) as store:
        store.add_alert_rules([(r.name, r.kind.value, r.to_dict()) for r in rules])
        sources = [str(sample_corpus()), str(seed_path), str(feed)]
        ingest(read_sources(sources, ReadOptions()), store, resources)
    return str(path)


def harmattan(*args: str, columns: int | None = None) -> str:
    """Run the command with stdout on a pipe (COLUMNS set when given); its stdout."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = str(columns)
    done = subprocess.run(
        [HARMATTAN, *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def tsv(text: str) -> list[dict[str, str]]:
    """Tab-separated output read back with Python's csv module."""
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


@dataclass(frozen=True)
class Shown:
    """A printed table cut into its cells by where each header starts."""

    headers: list[str]
    rows: list[dict[str, str]]
    """Each row's cells, with its wrapped lines joined by spaces."""
    lines: list[str]


def read_table(text: str, key: str | None = None) -> Shown:
    """Cut a table into rows; a line starts a row when its `key` cell (the first
    column's when None) is not empty, and is the wrapped rest of a row otherwise."""
    lines = text.splitlines()
    rule = next(i for i, line in enumerate(lines) if set(line.strip()) == {"─"})
    header = lines[rule - 1]
    # Columns are two spaces apart, and a header never has two spaces in it.
    starts = [m.start() for m in re.finditer(r"(?:^|(?<=  ))\S", header)]
    names = [header[a:b].strip() for a, b in zip(starts, [*starts[1:], None], strict=True)]
    body = [line for line in lines[rule + 1 :] if line.strip()]
    count = body.pop()  # "12 events"
    rows: list[dict[str, str]] = []
    for line in body:
        cells = [line[a:b].strip() for a, b in zip(starts, [*starts[1:], None], strict=True)]
        if cells[names.index(key) if key else 0]:
            rows.append(dict(zip(names, cells, strict=True)))
        else:  # a wrapped cell goes on under its row
            for name, cell in zip(names, cells, strict=True):
                if cell:
                    rows[-1][name] = f"{rows[-1][name]} {cell}"
    assert count.split()[0] == str(len(rows))
    return Shown(names, rows, lines)


def compact(who: str) -> str:
    """ "ECOWAS (IGO), Niger military (NER MIL) → —" as an 80-column table shows it:
    "ECOWAS, NER MIL → —" (a state's sector by its code, an organization by a short
    name)."""

    def side(parties: str) -> str:
        found = re.findall(r"(.+?) \(([^()]*)\)(?:, |$)", parties)
        short = (code if " " in code or len(label) > 14 else label for label, code in found)
        return ", ".join(short) or "—"

    return " → ".join(side(s) for s in who.split(" → "))


@pytest.mark.parametrize("width", [80, 160])
def test_events_table_shows_readable_events_at_80_and_160_columns(db: str, width: int) -> None:
    args = ("events", "--country", "NER", "--limit", "5", "--db", db)
    data = tsv(harmattan(*args))
    shown = read_table(harmattan(*args, "--format", "table", columns=width))
    assert shown.headers[:6] == [
        "date", "type", "factuality", "who → whom", "place", "evidence",
    ]  # fmt: skip
    assert all(len(line) <= width for line in shown.lines)
    assert len(shown.rows) == 5
    for row, event in zip(shown.rows, data, strict=True):
        assert DATE.match(row["date"]), row
        assert row["date"] == event["date"]
        assert row["type"].split("/")[0] == event["type"]
        assert row["factuality"] == event["factuality"]
        first_five = [row[h] for h in shown.headers[:5]]
        assert not any("…" in cell for cell in first_five), row
        # Compact (80): codes or short names; wide (160): names and codes.
        who = " ".join(row["who → whom"].split())
        if width == 80:
            assert who == compact(event["who"])
        else:
            assert who == event["who"]
        assert event["evidence"].replace("…", "")
        start = row["evidence"].strip("…")[:12]
        assert start in event["evidence"]
    if width == 160:
        assert "source" in shown.headers
        assert all(
            event["source"] in row["source"] for row, event in zip(shown.rows, data, strict=True)
        )


def test_events_on_a_pipe_are_a_tsv_header_and_one_line_per_event(db: str) -> None:
    head = subprocess.run(
        f"{HARMATTAN} events --country NER --db {db} | head -3",
        shell=True, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    header, *rows = head.stdout.splitlines()
    assert header.split("\t")[:6] == ["date", "type", "factuality", "who", "place", "evidence"]
    assert len(rows) == 2
    assert head.stderr == ""
    lines = subprocess.run(
        f"{HARMATTAN} events --db {db} | wc -l",
        shell=True, capture_output=True, text=True, check=True, timeout=120,
    ).stdout  # fmt: skip
    (stats,) = tsv(harmattan("stats", "--db", db))
    assert int(lines) == int(stats["events"]) + 1


def test_tsv_reads_back_through_csv_exactly_as_the_json_listing_says(db: str) -> None:
    listed = tsv(harmattan("events", "--text", "sanctions", "--db", db))
    stored = [
        json.loads(line)
        for line in harmattan("events", "--text", "sanctions", "--format", "json", "--db", db)
        .splitlines()
    ]  # fmt: skip
    assert len(listed) == len(stored) > 3
    for row, event in zip(listed, stored, strict=True):
        assert row["event_id"] == event["event_id"]
        assert row["type"] == event["type"]
        assert row["evidence"] == " ".join(event["evidence"].split())
        assert row["trigger"] == event["trigger"]
        assert row["date_end"] == (event["date_end"] or "")
    quoted = next(r for r in listed if '"full and immediate"' in r["evidence"])
    assert quoted["evidence"].startswith('ECOWAS imposed "full and immediate" sanctions on Niger ')


def test_columns_picks_and_orders_columns_and_wide_shows_them_all(db: str) -> None:
    picked = harmattan("events", "--limit", "3", "--columns", "type,event_id", "--db", db)
    header, *rows = picked.splitlines()
    assert header == "type\tevent_id"
    assert all(re.fullmatch(r"[A-Z]+\t[0-9a-f]{16}", row) for row in rows)
    wide = harmattan(
        "events", "--limit", "3", "--wide", "--format", "table", "--db", db, columns=80
    )
    shown = read_table(wide)
    assert {"mode", "said by", "event_id", "trigger", "date_source"} <= set(shown.headers)
    assert all(re.fullmatch(r"[0-9a-f]{16}", row["event_id"]) for row in shown.rows)


def test_an_unknown_column_is_one_line_naming_the_columns_there_are(db: str) -> None:
    done = subprocess.run(
        [HARMATTAN, "events", "--columns", "date,colour", "--db", db],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert "no column 'colour' in events" in line
    assert "date, type, factuality, who, place, evidence" in line


def test_columns_and_wide_are_refused_for_csv_and_json(db: str) -> None:
    done = subprocess.run(
        [HARMATTAN, "events", "--wide", "--format", "csv", "--db", db],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "--columns and --wide apply to table and tsv output" in done.stderr


@pytest.mark.parametrize("width", [80, 160])
def test_stories_table_keeps_dates_types_and_counts_whole(db: str, width: int) -> None:
    args = ("stories", "--min-sources", "2", "--db", db)
    data = tsv(harmattan(*args))
    records = [json.loads(line) for line in harmattan(*args, "--format", "json").splitlines()]
    shown = read_table(harmattan(*args, "--format", "table", columns=width))
    assert shown.headers[:4] == ["reported", "type", "reports", "who → whom"]
    assert all(len(line) <= width for line in shown.lines)
    assert len(shown.rows) == len(data) == len(records) > 3
    for row, story, record in zip(shown.rows, data, records, strict=True):
        assert row["reported"] == story["first_reported"] == record["first_reported"]
        assert row["type"] == story["type"] == record["type"]
        assert DATE.match(row["date"]), row
        assert row["src"] == story["sources"] == str(len(record["sources"]))
        counted = sum(int(n) for n in re.findall(r"\d+", row["reports"]))
        assert counted == len(record["mentions"])
        assert int(story["contradictions"]) == len(record["contradictions"])
    disputed = next(s for s in data if s["disputed"])
    assert disputed["disputed"] == "designation"


@pytest.mark.parametrize("width", [80, 160])
def test_articles_table_shows_ids_that_show_takes(db: str, width: int) -> None:
    data = tsv(harmattan("articles", "--db", db))
    shown = read_table(harmattan("articles", "--format", "table", "--db", db, columns=width))
    assert shown.headers[:6] == ["published", "lang", "source", "title", "events", "id"]
    assert len(shown.rows) == len(data) == 44
    for row, article in zip(shown.rows, data, strict=True):
        assert row["published"] == article["published"]
        assert row["lang"] == article["language"] == "en"
        assert row["events"] == article["events"]
        assert article["id"].startswith(row["id"])
        assert len(row["id"]) == 10
    seed = next(a for a in data if a["published"] == "2023-11-07")
    shown_seed = harmattan("show", seed["id"][:10], "--db", db, columns=width)
    assert "Niger’s military junta" in shown_seed


def test_quarantine_and_alerts_list_their_rows_as_tables_and_tsv(db: str) -> None:
    (bad,) = tsv(harmattan("quarantine", "--db", db))
    assert bad["origin"].endswith("extra.jsonl")
    assert bad["location"] == "line 2"
    listed = harmattan("quarantine", "--format", "table", "--db", db, columns=80)
    table = read_table(listed, key="location")
    (row,) = table.rows
    assert row["location"] == "line 2"
    assert bad["reason"] == " ".join(row["reason"].split())

    alerts = tsv(harmattan("alerts", "--db", db))
    stored = [json.loads(line) for line in harmattan("alerts", "--format", "json", "--db", db)
              .splitlines()]  # fmt: skip
    assert alerts
    assert [int(a["seq"]) for a in alerts] == [a["seq"] for a in stored]
    for width in (80, 160):
        shown = read_table(harmattan("alerts", "--format", "table", "--db", db, columns=width))
        assert shown.headers[:6] == ["#", "as of", "rule", "kind", "country", "summary"]
        for row, alert in zip(shown.rows, stored, strict=True):
            assert row["as of"] == alert["as_of"]
            assert row["kind"] == alert["kind"]
            assert " ".join(row["summary"].split()) == alert["summary"]
    rules = tsv(harmattan("alerts", "list", "--db", db))
    assert {r["kind"] for r in rules} >= {"match", "escalation"}
    filters = [json.loads(r["filters"]) for r in rules]
    assert any(f.get("country") == "NER" for f in filters)


def test_stats_reads_down_the_screen_and_across_a_pipe(db: str) -> None:
    (totals,) = tsv(harmattan("stats", "--db", db))
    shown = read_table(harmattan("stats", "--format", "table", "--db", db, columns=80))
    assert shown.headers == ["measure", "value"]
    assert {r["measure"]: r["value"] for r in shown.rows}["events"] == totals["events"]
    by_day = tsv(harmattan("stats", "--by-day", "--db", db))
    assert sum(int(d["new_events"]) for d in by_day) == int(totals["stories"])


def test_show_wraps_the_text_to_the_terminal_and_lists_events_as_events_does(db: str) -> None:
    (seed,) = [a for a in tsv(harmattan("articles", "--db", db)) if a["published"] == "2023-11-07"]
    shown = harmattan("show", seed["id"], "--db", db, columns=80)
    lines = shown.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert "Niger’s military junta is under pressure" in shown
    table = read_table(
        "\n".join(lines[next(i for i, x in enumerate(lines) if x.startswith("date")) :])
    )
    assert table.headers[:3] == ["date", "type", "factuality"]
    assert "REQUEST" in {r["type"] for r in table.rows}
    assert len(table.rows) == int(seed["events"])


def test_a_table_or_tsv_goes_to_a_file_with_output(db: str, tmp_path: Path) -> None:
    target = tmp_path / "events.tsv"
    done = subprocess.run(
        [HARMATTAN, "events", "--country", "NER", "--output", str(target), "--db", db],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    written = tsv(target.read_text(encoding="utf-8"))
    assert done.stderr.strip() == f"wrote {len(written)} events to {target}"
    assert all("NER" in " ".join(r.values()) for r in written)
