"""Stories (real-world events): listings, their JSON records, and new events per day."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import duckdb

from harmattan.store.read.filters import StoryFilter, story_where
from harmattan.store.read.rows import Page, Table, scalar, table

STORY_COLUMNS_SQL = """
    s.id AS story_id, s.type, s.factuality, s.actors, s.recipients, s.date_start, s.date_end,
    s.date_precision, s.date_source, s.location_name, s.location_country,
    s.location_precision, s.first_reported, s.mentions, s.sources, s.re_mentions,
    s.contradictions
"""
"""The columns of `harmattan stories --format csv` and of `stories_frame`."""


def stories_sql(f: StoryFilter, columns: str = STORY_COLUMNS_SQL) -> tuple[str, list[Any]]:
    """The SQL (and parameters) selecting the stories `f` asks for, first reported first."""
    where, params = story_where(f)
    sql = (
        f"SELECT {columns} FROM stories s{where}"
        " ORDER BY s.first_reported, coalesce(s.date_start, s.date_end), s.id"
    )
    if f.limit is not None:
        sql += f" LIMIT {int(f.limit)}"
    return sql, params


def list_stories(con: duckdb.DuckDBPyConnection, f: StoryFilter) -> Table:
    """Stories matching the filter, one row each."""
    return table(con, *stories_sql(f))


def story_records(con: duckdb.DuckDBPyConnection, f: StoryFilter) -> list[dict[str, Any]]:
    """Stories matching the filter as their JSON records (harmattan.story/1)."""
    rows = con.execute(*stories_sql(f, "s.record")).fetchall()
    return [json.loads(record) for (record,) in rows]


def story_page(con: duckdb.DuckDBPyConnection, f: StoryFilter, limit: int, offset: int) -> Page:
    """A page of stories as their JSON records, first reported first (`f.limit` unused)."""
    sql, params = stories_sql(dataclasses.replace(f, limit=None), "s.record")
    total = scalar(con, f"SELECT count(*) FROM ({sql})", params)
    rows = con.execute(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    return Page(total, limit, offset, [json.loads(record) for (record,) in rows])


def story(con: duckdb.DuckDBPyConnection, story_id: str) -> dict[str, Any] | None:
    """One story's record, or None."""
    row = con.execute("SELECT record FROM stories WHERE id = ?", [story_id]).fetchone()
    return json.loads(row[0]) if row else None


def new_events_per_day(con: duckdb.DuckDBPyConnection) -> Table:
    """Stories by the day they were first reported: new events, not mentions."""
    return table(
        con,
        """
        SELECT first_reported AS day, count(*) AS new_events,
               (SELECT count(*) FROM story_mentions m WHERE m.published = s.first_reported)
                   AS mentions_that_day
        FROM stories s GROUP BY first_reported ORDER BY first_reported
        """,
    )
