"""The same pipeline as a Spark job: files in, document records out as Parquet.

`run_job(spark, input, output)` reads every file under `input` (any Hadoop-compatible
URI: local paths, hdfs://, s3a://... as the cluster is configured) with harmattan's own
readers, runs `pipeline.extract_each` in `mapPartitions` (one spaCy pipeline, actor
dictionary and gazetteer per executor process, loaded once), and writes:

- `OUTPUT/records/published=YYYY-MM-DD/*.parquet`: columns `id` and `record` (the JSON of
  shared/OUTPUT.md), partitioned by publication date;
- `OUTPUT/quarantine/*.parquet`: input that could not be read, with where and why.

A malformed file or line goes to the quarantine output; the job goes on.
`harmattan load OUTPUT --db FILE` brings the records into DuckDB.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from harmattan.ingest import ReadOptions, read_bytes
from harmattan.records import Article, Quarantined

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


RECORDS = "records"
QUARANTINE = "quarantine"


@dataclass(frozen=True, slots=True)
class JobSummary:
    """What one Spark run wrote."""

    records: int
    quarantined: int


def read_file(pair: tuple[str, bytes]) -> Iterator[Article | Quarantined]:
    """The articles and quarantined inputs of one (path, bytes) pair of `binaryFiles`."""
    path, data = pair
    suffix = PurePosixPath(path).suffix.lower()
    if path.lower().endswith(".warc.gz"):
        suffix = ".warc.gz"
    yield from read_bytes(data, path, ReadOptions(), suffix=suffix)


def extract_partition(
    items: Iterable[Article | Quarantined],
) -> Iterator[tuple[str, str, str, str]]:
    """(kind, published or origin, id or where, JSON) rows for one partition's items."""
    # Python workers are reused: the pipeline is loaded once per executor process.
    from harmattan.pipeline import extract_each, process_resources

    articles: dict[str, Article] = {}
    for item in items:
        if isinstance(item, Quarantined):
            yield _quarantine_row(item)
        else:
            articles.setdefault(item.id, item)
    # An article a stage fails on is a quarantine row, as in `harmattan ingest`; the
    # partition goes on.
    for done in extract_each(articles.values(), process_resources()):
        if isinstance(done, Quarantined):
            yield _quarantine_row(done)
            continue
        data = json.dumps(done.to_dict(), ensure_ascii=False)
        yield ("record", done.article.published.isoformat(), done.article.id, data)


def _quarantine_row(item: Quarantined) -> tuple[str, str, str, str]:
    return ("quarantine", item.origin, item.location, json.dumps([item.reason, item.excerpt]))


def run_job(
    spark: SparkSession, input_path: str, output: str, partitions: int | None = None
) -> JobSummary:
    """Read, extract and write; returns how many records and quarantined inputs it wrote."""
    from pyspark.sql import functions as sql

    context = spark.sparkContext
    files = context.binaryFiles(input_path, minPartitions=partitions or context.defaultParallelism)
    items = files.flatMap(read_file)
    if partitions is not None:
        items = items.repartition(partitions)
    rows = spark.createDataFrame(
        items.mapPartitions(extract_partition), "kind string, a string, b string, data string"
    ).cache()
    records = rows.where(sql.col("kind") == "record").select(
        sql.col("b").alias("id"), sql.col("data").alias("record"), sql.col("a").alias("published")
    )
    records.write.mode("overwrite").partitionBy("published").parquet(f"{output}/{RECORDS}")
    quarantine = rows.where(sql.col("kind") == "quarantine").select(
        sql.col("a").alias("origin"),
        sql.col("b").alias("location"),
        sql.get_json_object("data", "$[0]").alias("reason"),
        sql.get_json_object("data", "$[1]").alias("excerpt"),
    )
    quarantine.write.mode("overwrite").parquet(f"{output}/{QUARANTINE}")
    summary = JobSummary(records.count(), quarantine.count())
    rows.unpersist()
    return summary


def session(master: str = "local[2]", app_name: str = "harmattan") -> SparkSession:
    """A Spark session for `master` (local[N], spark://..., yarn...)."""
    from pyspark.sql import SparkSession

    # Local Python workers run this interpreter, which has harmattan installed. On a
    # cluster, ship the package and set PYSPARK_PYTHON to the executors' interpreter.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder: Any = SparkSession.builder
    spark: SparkSession = (
        builder.master(master)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark
