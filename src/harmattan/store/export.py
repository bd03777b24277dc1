"""Exports of query results: CSV, JSON Lines and Parquet."""

from __future__ import annotations

import csv
import datetime as dt
import json
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

from harmattan.errors import HarmattanError
from harmattan.store.db import Store
from harmattan.store.queries import Table


class Format(StrEnum):
    """Output formats the listing commands offer."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    PARQUET = "parquet"


def write_csv(table: Table, stream: TextIO) -> None:
    """Write a header row, then one row per record."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows([tuple(_csv_value(v) for v in row) for row in table.rows])


def write_json_lines(table: Table, stream: TextIO) -> None:
    """Write one JSON object per row."""
    for row in table.dicts():
        stream.write(json.dumps(row, ensure_ascii=False, default=_json_default))
        stream.write("\n")


def write_parquet(store: Store, sql: str, params: list[Any], path: Path) -> int:
    """Write a query's result to a Parquet file; returns the number of rows."""
    if path.exists() and path.is_dir():
        raise HarmattanError(f"--output {path} is a directory; give a file name")
    relation = store.con.sql(sql, params=params)
    relation.write_parquet(str(path))
    return len(relation)


def _csv_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return value


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
