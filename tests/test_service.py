"""Ingest runs: batches, re-ingestion, quarantine, duplicates within a run."""

from __future__ import annotations

import json
from pathlib import Path

from harmattan.ingest import ReadOptions, read_sources
from harmattan.pipeline import Resources
from harmattan.service import ingest
from harmattan.store import read
from harmattan.store.db import Store

GOOD = "Burkina Faso and Mali sent a delegation to Niamey on {day}."


def _write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _good_line(n: int) -> str:
    day = f"2023-08-{1 + n % 28:02d}"
    return json.dumps({"text": GOOD.format(day=f"day {n}"), "published": day, "source": "Wire"})


def test_ingest_jsonl_with_three_broken_lines_stores_97(
    tmp_path: Path, resources: Resources
) -> None:
    lines = [_good_line(n) for n in range(100)]
    lines[10] = '{"text": "Niger closed its airspace.", "published": '
    lines[50] = json.dumps({"text": "Niger closed its airspace.", "published": "2023-02-30"})
    lines[90] = json.dumps({"text": "   ", "published": "2023-08-06"})
    feed = _write_jsonl(tmp_path / "feed.jsonl", lines)
    with Store(tmp_path / "h.duckdb") as store:
        summary = ingest(read_sources([str(feed)], ReadOptions()), store, resources, batch_size=16)
        rows = store.con.execute("SELECT location, reason FROM quarantine ORDER BY location")
        quarantine = rows.fetchall()
        assert read.table_counts(store.con)["articles"] == 97
    assert (summary.ingested, summary.already_known, summary.quarantined) == (97, 0, 3)
    assert [loc for loc, _ in quarantine] == ["line 11", "line 51", "line 91"]
    reasons = [reason for _, reason in quarantine]
    assert reasons[0].startswith("invalid JSON")
    assert reasons[1].startswith("impossible publication date '2023-02-30'")
    assert reasons[2] == "empty body: no article text"


def test_ingest_same_directory_twice_leaves_every_count_unchanged(
    tmp_path: Path, resources: Resources, seed_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "nested").mkdir(parents=True)
    _write_jsonl(corpus / "a.jsonl", [_good_line(n) for n in range(5)] + ["not json"])
    (corpus / "nested" / "seed.txt").write_bytes(seed_path.read_bytes())
    (corpus / "nested" / "notes.pdf").write_bytes(b"%PDF-1.4 \x00\x01")
    with Store(tmp_path / "h.duckdb") as store:
        first = ingest(read_sources([str(corpus)], ReadOptions()), store, resources)
        counts = read.table_counts(store.con)
        second = ingest(read_sources([str(corpus)], ReadOptions()), store, resources)
        assert read.table_counts(store.con) == counts
    assert (first.ingested, first.quarantined) == (6, 2)
    assert (second.ingested, second.already_known, second.quarantined) == (0, 6, 2)
    assert counts["articles"] == 6
    assert counts["quarantine"] == 2


def test_ingest_counts_an_article_repeated_in_one_run_once(
    tmp_path: Path, resources: Resources
) -> None:
    feed = _write_jsonl(tmp_path / "f.jsonl", [_good_line(1)] * 3 + [_good_line(2)])
    with Store(tmp_path / "h.duckdb") as store:
        summary = ingest(read_sources([str(feed)], ReadOptions()), store, resources, batch_size=2)
        assert read.table_counts(store.con)["articles"] == 2
    assert (summary.ingested, summary.already_known) == (2, 2)
    assert summary.read_anything


def test_ingest_of_only_bad_input_reports_nothing_read(
    tmp_path: Path, resources: Resources
) -> None:
    feed = _write_jsonl(tmp_path / "f.jsonl", ["[1, 2]", "{}"])
    with Store(tmp_path / "h.duckdb") as store:
        summary = ingest(read_sources([str(feed)], ReadOptions()), store, resources)
    assert not summary.read_anything
    assert summary.quarantined == 2
