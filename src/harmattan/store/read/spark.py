"""The files a `harmattan spark` run wrote, read through DuckDB for loading into the store."""

from __future__ import annotations

import glob
import json
from collections.abc import Iterator

import duckdb

from harmattan.errors import StoreError
from harmattan.records import DocumentRecord, Quarantined, document_from_dict
from harmattan.store.read.rows import scalar


def spark_records(
    con: duckdb.DuckDBPyConnection, directory: str, batch_size: int
) -> Iterator[list[DocumentRecord]]:
    """The document records under `directory`/records, in batches, oldest article first."""
    root = directory.rstrip("/")
    records = f"{root}/records/**/*.parquet"
    if not glob.glob(records, recursive=True):
        raise StoreError(f"no Spark records under {root}/records: run `harmattan spark` first")
    cursor = con.cursor()
    try:
        rows = cursor.execute(
            "SELECT record FROM read_parquet(?, hive_partitioning = true) ORDER BY published, id",
            [records],
        )
        while chunk := rows.fetchmany(batch_size):
            yield [document_from_dict(json.loads(r)) for (r,) in chunk]
    finally:
        cursor.close()


def count_spark_records(con: duckdb.DuckDBPyConnection, directory: str) -> int:
    """How many document records `spark_records` will read under `directory` (0 when
    there are none); Parquet files keep their row counts, so this reads no record."""
    records = f"{directory.rstrip('/')}/records/**/*.parquet"
    if not glob.glob(records, recursive=True):
        return 0
    return scalar(con, "SELECT count(*) FROM read_parquet(?, hive_partitioning = true)", [records])


def spark_quarantine(con: duckdb.DuckDBPyConnection, directory: str) -> list[Quarantined]:
    """What the Spark run could not read (`directory`/quarantine), with where and why."""
    quarantine = f"{directory.rstrip('/')}/quarantine/*.parquet"
    if not glob.glob(quarantine):
        return []
    found = con.execute(
        "SELECT origin, location, reason, excerpt FROM read_parquet(?) ORDER BY ALL",
        [quarantine],
    ).fetchall()
    return [Quarantined(*row) for row in found]
