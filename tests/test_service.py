"""Ingest runs: batches, re-ingestion, quarantine, duplicates within a run."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import signal
from pathlib import Path

from harmattan.cli import sample_corpus
from harmattan.corroborate.dedup import ArticleText, sign
from harmattan.geo import Gazetteer
from harmattan.ingest import ReadOptions, read_sources
from harmattan.ingest.base import make_article
from harmattan.pipeline import Resources, extract_each
from harmattan.records import Article, DocumentRecord, Quarantined
from harmattan.service import WorkerPool, ingest
from harmattan.store import read
from harmattan.store.db import BatchResult, Store

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


def test_ingest_quarantines_inputs_that_once_aborted_the_run_and_keeps_the_good(
    tmp_path: Path, resources: Resources
) -> None:
    # Issue 16: each of these used to abort the whole ingest with a traceback.
    deep = "[" * 10_000 + "]" * 10_000
    far_future = json.dumps({"text": "The junta will meet next month.", "published": "9999-12-31"})
    far_past = json.dumps({"text": "Troops left the town yesterday.", "published": "0001-01-01"})
    lines = [_good_line(n) for n in range(10)] + [deep, far_future, far_past]
    feed = _write_jsonl(tmp_path / "feed.jsonl", lines)
    with Store(tmp_path / "h.duckdb") as store:
        summary = ingest(read_sources([str(feed)], ReadOptions()), store, resources)
        reasons = dict(store.con.execute("SELECT location, reason FROM quarantine").fetchall())
        assert read.table_counts(store.con)["articles"] == 10
    assert (summary.ingested, summary.quarantined) == (10, 3)
    assert reasons["line 11"] == "JSON nested 10000 levels deep; an article is at most 32"
    assert reasons["line 12"] == (
        "publication date 9999-12-31 is outside the years harmattan accepts (1000-8999)"
    )
    assert reasons["line 13"].startswith("publication date 0001-01-01 is outside")


def test_an_article_a_stage_fails_on_is_quarantined_and_the_batch_goes_on(
    tmp_path: Path, resources: Resources
) -> None:
    # A real gazetteer, closed: its place lookups fail as a broken database would.
    broken = Gazetteer.load()
    broken.close()
    failing = dataclasses.replace(resources, gazetteer=broken)
    articles = [
        make_article("Soldiers patrolled Niamey on Monday.", dt.date(2023, 8, 1), ReadOptions()),
        make_article("Nothing happened anywhere at all.", dt.date(2023, 8, 1), ReadOptions()),
    ]
    out = list(extract_each(articles, failing))
    quarantined = [o for o in out if isinstance(o, Quarantined)]
    assert [q.location for q in quarantined] == [f"article {articles[0].id}"]
    assert quarantined[0].reason.startswith("places failed: ProgrammingError:")
    assert [o.article.id for o in out if isinstance(o, DocumentRecord)] == [articles[1].id]


def _stored(path: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    with Store(path, read_only=True) as store:
        articles = store.con.execute("SELECT id, record FROM articles ORDER BY id").fetchall()
        stories = store.con.execute("SELECT id, record FROM stories ORDER BY id").fetchall()
    return articles, stories


def test_ingest_with_worker_processes_stores_what_one_process_stores(
    tmp_path: Path, resources: Resources
) -> None:
    items = list(read_sources([str(sample_corpus())], ReadOptions()))
    with Store(tmp_path / "one.duckdb") as store:
        ingest(items, store, resources, batch_size=10)
    with Store(tmp_path / "two.duckdb") as store, WorkerPool(2, chunk=3, min_articles=1) as pool:
        summary = ingest(items, store, None, batch_size=10, workers=pool)
    assert (summary.ingested, summary.quarantined, summary.batches) == (42, 0, 5)
    one, two = _stored(tmp_path / "one.duckdb"), _stored(tmp_path / "two.duckdb")
    assert len(one[0]) == 42
    assert two == one


def test_workers_sign_the_articles_they_extract_as_the_writer_would(
    resources: Resources,
) -> None:
    articles = [
        a for a in read_sources([str(sample_corpus())], ReadOptions()) if isinstance(a, Article)
    ][:5]
    with WorkerPool(2, chunk=2, min_articles=1) as pool:
        extraction = pool.submit(articles)()
    assert [r.article.id for r in extraction.items if isinstance(r, DocumentRecord)] == [
        a.id for a in articles
    ]
    assert [s.id for s in extraction.signed] == [a.id for a in articles]
    for signed, article in zip(extraction.signed, articles, strict=True):
        mine = sign(ArticleText(article.id, article.published, article.text))
        assert signed.bands() == mine.bands()


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    items = list(read_sources([str(sample_corpus())], ReadOptions()))
    killed: list[int] = []
    with Store(tmp_path / "h.duckdb") as store, WorkerPool(2, chunk=2, min_articles=1) as pool:

        def kill_a_worker(_: BatchResult) -> None:
            # The next batch is with the workers while this one is written: kill one.
            if not killed:
                victim = pool.worker_pids()[0]
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)

        summary = ingest(items, store, None, batch_size=8, on_batch=kill_a_worker, workers=pool)
        restarts = pool.restarts
    assert killed
    assert restarts >= 1
    assert (summary.ingested, summary.already_known, summary.quarantined) == (42, 0, 0)
    articles, stories = _stored(tmp_path / "h.duckdb")
    assert len(articles) == len({a for a, _ in articles}) == 42
    assert stories
