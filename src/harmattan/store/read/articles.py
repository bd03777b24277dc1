"""Articles: listings, stored document records, the quarantine, and every record in order."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import duckdb

from harmattan.store.read.filters import contains, folded
from harmattan.store.read.rows import Table, scalar, table


def _article_where(text: str | None, language: str | None) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if text:
        where.append(f"({contains('a.title')} OR {contains('a.text')})")
        params += [folded(text)] * 2
    if language:
        where.append("a.language = ?")
        params.append(folded(language))
    return (" WHERE " + " AND ".join(where) if where else ""), params


def list_articles(
    con: duckdb.DuckDBPyConnection,
    *,
    text: str | None = None,
    language: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Table:
    """Stored articles, newest first, with their language and how many entities and
    events each yielded.

    `text` keeps the articles whose title or body contains it (case does not matter);
    `language` those in that language (ISO 639 code, e.g. "fr").
    """
    where, params = _article_where(text, language)
    sql = f"""
        SELECT a.id, a.published, a.source, a.title, a.url, a.language,
               (SELECT count(*) FROM entities x WHERE x.article_id = a.id) AS entities,
               (SELECT count(*) FROM events x WHERE x.article_id = a.id) AS events
        FROM articles a{where} ORDER BY a.published DESC, a.id
    """
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return table(con, sql, params)


def count_articles(
    con: duckdb.DuckDBPyConnection, *, text: str | None = None, language: str | None = None
) -> int:
    """How many articles `list_articles` lists with the same `text` and `language`."""
    where, params = _article_where(text, language)
    return scalar(con, f"SELECT count(*) FROM articles a{where}", params)


def find_article_id(con: duckdb.DuckDBPyConnection, prefix: str) -> str | None:
    """The id of the one stored article whose id starts with `prefix`, if exactly one does."""
    rows = con.execute(
        "SELECT id FROM articles WHERE starts_with(id, ?) LIMIT 2", [prefix]
    ).fetchall()
    return str(rows[0][0]) if len(rows) == 1 else None


def article_record(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """The stored document record (shared/OUTPUT.md) of an article, or None."""
    row = con.execute("SELECT record FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        return None
    record: dict[str, Any] = json.loads(row[0])
    return record


def event_stories(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, str]:
    """The story of each of an article's events, by event id."""
    rows = con.execute(
        "SELECT event_id, story_id FROM story_mentions WHERE article_id = ?", [article_id]
    ).fetchall()
    return {str(event_id): str(story_id) for event_id, story_id in rows}


def document_records(con: duckdb.DuckDBPyConnection) -> Iterator[dict[str, Any]]:
    """Every stored document record (shared/OUTPUT.md), oldest article first, streamed."""
    cursor = con.execute("SELECT record FROM articles ORDER BY published, id")
    while rows := cursor.fetchmany(1000):
        for (record,) in rows:
            yield json.loads(record)


def list_quarantine(con: duckdb.DuckDBPyConnection) -> Table:
    """Every quarantined input with where it was and why."""
    return table(
        con, "SELECT origin, location, reason, excerpt FROM quarantine ORDER BY origin, location"
    )
