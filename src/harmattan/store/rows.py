"""Rows into tables: the one way the store writes many rows at once."""

from __future__ import annotations

from typing import Any

import duckdb

Rows = list[tuple[Any, ...]]

# Indexes the stories' update looks up: a primary key would cost memory and write time
# on every batch for rows that are never written twice.
_UNKEYED = frozenset({"mention_identity", "article_bands", "story_state", "story_keys"})


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...], rows: Rows
) -> None:
    """Insert rows; a row whose primary key is already stored is left out (tables without
    one, the story index, only ever receive new rows)."""
    if not rows:
        return
    # Imported here: pandas takes 0.15 s to import, and commands that only read the
    # store or never open it (`harmattan extract`) should not wait for it.
    import pandas

    # One scan of a registered DataFrame: far faster than parameterized multi-row VALUES,
    # and the values still never enter the SQL text.
    frame = pandas.DataFrame(list(rows), columns=[c.strip('"') for c in columns], dtype=object)
    names = ", ".join(columns)
    # DuckDB infers an object column's type from a sample; a column whose first rows are
    # all None (a rare deadline) must still be read right, so the sample is the batch.
    con.execute(f"SET pandas_analyze_sample = {max(len(rows), 1000)}")
    con.register("_harmattan_batch", frame)
    try:
        keyed = table not in _UNKEYED
        con.execute(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM _harmattan_batch"
            + (" ON CONFLICT DO NOTHING" if keyed else "")
        )
    finally:
        con.unregister("_harmattan_batch")
