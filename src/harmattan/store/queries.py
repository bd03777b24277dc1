"""Read-side queries over the store: events, articles, quarantine, summaries."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from harmattan.records import Factuality
from harmattan.store.db import Store


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to list. Dates bound the event's own date, not the article's.

    An event whose date is only bounded by publication uses the publication date.
    """

    type: str | None = None
    factuality: Factuality | None = None
    country: str | None = None
    actor: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """Named columns and rows, ready to print or export."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    def dicts(self) -> list[dict[str, Any]]:
        """Rows as column → value mappings."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


_PARTICIPANTS = """
    (SELECT string_agg(coalesce(p.country, '?') || coalesce(' ' || p.sector, '')
                       || ' (' || p.text || ')', '; ' ORDER BY p.idx)
       FROM event_participants p WHERE p.event_id = e.id AND p.role = '{role}')
"""

EVENT_COLUMNS_SQL = f"""
    e.id AS event_id, e.article_id, a.published, a.source, e.type, e.mode, e.factuality,
    {_PARTICIPANTS.format(role="actor")} AS actors,
    {_PARTICIPANTS.format(role="recipient")} AS recipients,
    e.date_start, e.date_end, e.date_precision, e.location_name, e.location_country,
    e.location_precision, e.location_source,
    e.trigger_text AS trigger, substr(a.text, e.sentence_start + 1,
                                      e.sentence_end - e.sentence_start) AS evidence,
    e.attribution_text AS attribution, e.confidence
"""


def events_sql(f: EventFilter) -> tuple[str, list[Any]]:
    """The SQL (and parameters) selecting the events `f` asks for."""
    where: list[str] = []
    params: list[Any] = []
    if f.type:
        where.append("e.type = ?")
        params.append(f.type.upper())
    if f.factuality:
        where.append("e.factuality = ?")
        params.append(f.factuality.value)
    if f.country:
        where.append(
            "(e.location_country = ? OR EXISTS (SELECT 1 FROM event_participants p "
            "WHERE p.event_id = e.id AND p.country = ?))"
        )
        params += [f.country.upper()] * 2
    if f.actor:
        where.append(
            "EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = e.id AND "
            "(p.actor_id = ? OR p.name ILIKE ? OR p.text ILIKE ?))"
        )
        params += [f.actor, f"%{f.actor}%", f"%{f.actor}%"]
    if f.since:
        where.append("coalesce(e.date_end, e.date_start, a.published) >= ?")
        params.append(f.since)
    if f.until:
        where.append("coalesce(e.date_start, e.date_end, a.published) <= ?")
        params.append(f.until)
    sql = f"SELECT {EVENT_COLUMNS_SQL} FROM events e JOIN articles a ON a.id = e.article_id"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY coalesce(e.date_end, e.date_start, a.published), a.id, e.idx"
    if f.limit is not None:
        sql += f" LIMIT {int(f.limit)}"
    return sql, params


def list_events(store: Store, f: EventFilter) -> Table:
    """Events matching the filter, one row each, with their evidence sentence."""
    return _table(store, *events_sql(f))


def list_articles(store: Store, limit: int | None = None) -> Table:
    """Stored articles, newest first, with what was extracted from each."""
    sql = """
        SELECT a.id, a.published, a.source, a.title,
               (SELECT count(*) FROM entities x WHERE x.article_id = a.id) AS entities,
               (SELECT count(*) FROM events x WHERE x.article_id = a.id) AS events
        FROM articles a ORDER BY a.published DESC, a.id
    """
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return _table(store, sql, [])


def list_quarantine(store: Store) -> Table:
    """Every quarantined input with its reason."""
    return _table(
        store,
        "SELECT origin, location, reason, excerpt FROM quarantine ORDER BY origin, location",
        [],
    )


def article_record(store: Store, article_id: str) -> dict[str, Any] | None:
    """The stored document record of an article, by id or unique id prefix."""
    rows = store.con.execute(
        "SELECT record FROM articles WHERE starts_with(id, ?) LIMIT 2", [article_id]
    ).fetchall()
    if len(rows) != 1:
        return None
    record: dict[str, Any] = json.loads(rows[0][0])
    return record


def summary(store: Store) -> Table:
    """What the store holds, per source: articles, date range, entities, events."""
    return _table(
        store,
        """
        SELECT coalesce(a.source, '(unknown)') AS source, count(*) AS articles,
               min(a.published) AS first, max(a.published) AS last,
               sum((SELECT count(*) FROM entities x WHERE x.article_id = a.id)) AS entities,
               sum((SELECT count(*) FROM events x WHERE x.article_id = a.id)) AS events
        FROM articles a GROUP BY ALL ORDER BY articles DESC, source
        """,
        [],
    )


def event_digest(store: Store, limit: int) -> Table:
    """The most confident events: type, factuality, who, where, and the evidence."""
    return _table(
        store,
        f"""
        SELECT ev.published, ev.type, ev.factuality,
               coalesce(ev.actors, '?') || ' → ' || coalesce(ev.recipients, '—') AS who,
               coalesce(ev.location_name || ' (' || ev.location_country || ')',
                        ev.location_precision, '—') AS place,
               CASE WHEN length(ev.evidence) > 90 THEN left(ev.evidence, 89) || '…'
                    ELSE ev.evidence END AS evidence
        FROM ({events_sql(EventFilter())[0]}) ev
        ORDER BY ev.confidence DESC, ev.published, ev.event_id
        LIMIT {int(limit)}
        """,
        [],
    )


def _table(store: Store, sql: str, params: list[Any]) -> Table:
    cursor = store.con.execute(sql, params)
    columns = tuple(d[0] for d in cursor.description or ())
    return Table(columns, cursor.fetchall())
