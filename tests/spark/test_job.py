"""The Spark job in a real local[2] session: the same records as single-process extract."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from harmattan.cli import sample_corpus
from harmattan.ingest import ReadOptions, read_sources
from harmattan.pipeline import Resources, extract_many
from harmattan.records import Article
from harmattan.service import load_spark_output
from harmattan.spark.job import run_job, session
from harmattan.store import read
from harmattan.store.db import Store

pytestmark = pytest.mark.slow

BROKEN = '{"text": "no closing brace", "published": "2023-08-01"\n'


@pytest.fixture(scope="module")
def inputs(seed_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus, the seed and a broken JSON line, as files in one folder."""
    folder = tmp_path_factory.mktemp("spark-in")
    shutil.copy(sample_corpus(), folder / "articles.jsonl")
    shutil.copy(seed_path, folder / "seed.txt")
    (folder / "broken.jsonl").write_text(BROKEN, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def output(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What one local[2] run wrote."""
    target = tmp_path_factory.mktemp("spark-out") / "run"
    spark = session("local[2]")
    try:
        summary = run_job(spark, str(inputs), str(target), partitions=2)
    finally:
        spark.stop()
    assert (summary.records, summary.quarantined) == (43, 1)
    return target


def _spark_records(output: Path) -> dict[str, dict[str, Any]]:
    rows = duckdb.execute(
        f"SELECT id, published, record FROM read_parquet('{output}/records/**/*.parquet', "
        "hive_partitioning = true)"
    ).fetchall()
    records = {str(i): json.loads(r) for i, _, r in rows}
    assert all(str(p) == records[str(i)]["article"]["published"] for i, p, _ in rows)
    return records


def test_spark_records_equal_single_process_extract(
    output: Path, inputs: Path, resources: Resources
) -> None:
    articles = [
        item
        for item in read_sources(
            [str(inputs / "articles.jsonl"), str(inputs / "seed.txt")], ReadOptions()
        )
        if isinstance(item, Article)
    ]
    expected = {r.article.id: r.to_dict() for r in extract_many(articles, resources)}
    assert _spark_records(output) == expected


def test_spark_quarantines_a_broken_line_with_its_reason(output: Path) -> None:
    rows = duckdb.execute(
        f"SELECT origin, location, reason FROM read_parquet('{output}/quarantine/*.parquet')"
    ).fetchall()
    ((origin, location, reason),) = rows
    assert origin.endswith("broken.jsonl")
    assert location == "line 1"
    assert reason.startswith("invalid JSON")


def test_spark_load_is_idempotent_and_builds_stories(output: Path, tmp_path: Path) -> None:
    db = tmp_path / "spark.duckdb"
    with Store(db) as store:
        first = load_spark_output(store, str(output))
        counts = read.table_counts(store.con)
        again = load_spark_output(store, str(output))
        assert read.table_counts(store.con) == counts
    assert (first.loaded, first.already_known, first.quarantined) == (43, 0, 1)
    assert (again.loaded, again.already_known) == (0, 43)
    assert counts["articles"] == 43
    assert counts["quarantine"] == 1
    assert 0 < counts["stories"] < counts["events"]
