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
    text: str | None = None
    """Words in the evidence sentence or the trigger (case does not matter)."""


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
    e.trigger_text AS trigger, e.evidence,
    e.attribution_text AS attribution, e.confidence
"""


EVENT_ORDER_SQL = "e.day, e.article_id, e.idx"
"""Events in the order of their own day, then article and position: a stable order."""


def event_where(f: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (events aliased `e`; "" for no filter) and its parameters.

    It reads the events table alone (parties by semi-join), so that it stays fast on
    millions of events; the API and the CLI filter alike through it.
    """
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
            "(e.location_country = ? OR e.id IN "
            "(SELECT p.event_id FROM event_participants p WHERE p.country = ?))"
        )
        params += [f.country.upper()] * 2
    if f.actor:
        where.append(
            "e.id IN (SELECT p.event_id FROM event_participants p WHERE "
            "p.actor_id = ? OR p.name ILIKE ? OR p.text ILIKE ?)"
        )
        params += [f.actor, f"%{f.actor}%", f"%{f.actor}%"]
    # An event is kept when its date range meets [since, until]; one the text does not
    # date is at its publication day (`day`).
    if f.since:
        where.append("e.day >= ?")
        params.append(f.since)
    if f.until:
        where.append("coalesce(e.date_start, e.day) <= ?")
        params.append(f.until)
    if f.text:
        where.append("(e.evidence ILIKE ? OR e.trigger_text ILIKE ?)")
        params += [f"%{f.text}%"] * 2
    return (" WHERE " + " AND ".join(where) if where else ""), params


def events_sql(f: EventFilter) -> tuple[str, list[Any]]:
    """The SQL (and parameters) selecting the events `f` asks for."""
    where, params = event_where(f)
    sql = (
        f"SELECT {EVENT_COLUMNS_SQL} FROM events e JOIN articles a ON a.id = e.article_id"
        f"{where} ORDER BY {EVENT_ORDER_SQL}"
    )
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


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """Which stories to list. Dates bound the story's own (narrowed) date."""

    type: str | None = None
    factuality: Factuality | None = None
    country: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    min_sources: int | None = None
    contradicted: bool = False
    limit: int | None = None


STORY_COLUMNS_SQL = """
    s.id AS story_id, s.type, s.factuality, s.actors, s.recipients, s.date_start, s.date_end,
    s.date_precision, s.date_source, s.location_name, s.location_country,
    s.location_precision, s.first_reported, s.mentions, s.sources, s.re_mentions,
    s.contradictions
"""


def stories_sql(f: StoryFilter, columns: str = STORY_COLUMNS_SQL) -> tuple[str, list[Any]]:
    """The SQL (and parameters) selecting the stories `f` asks for, first reported first."""
    where: list[str] = []
    params: list[Any] = []
    if f.type:
        where.append("s.type = ?")
        params.append(f.type.upper())
    if f.factuality:
        where.append("s.factuality = ?")
        params.append(f.factuality.value)
    if f.country:
        where.append("list_contains(s.countries, ?)")
        params.append(f.country.upper())
    if f.since:
        where.append("coalesce(s.date_end, s.date_start, s.first_reported) >= ?")
        params.append(f.since)
    if f.until:
        where.append("coalesce(s.date_start, s.date_end, s.first_reported) <= ?")
        params.append(f.until)
    if f.min_sources is not None:
        where.append("s.sources >= ?")
        params.append(f.min_sources)
    if f.contradicted:
        where.append("s.contradictions > 0")
    sql = f"SELECT {columns} FROM stories s"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY s.first_reported, coalesce(s.date_start, s.date_end), s.id"
    if f.limit is not None:
        sql += f" LIMIT {int(f.limit)}"
    return sql, params


STORY_DIGEST_SQL = """
    s.id AS story_id, s.first_reported, s.type, s.factuality,
    coalesce(nullif(s.actors, ''), '?') || ' → ' || coalesce(nullif(s.recipients, ''), '—')
        AS who,
    CASE WHEN s.date_start = s.date_end THEN strftime(s.date_start, '%Y-%m-%d')
         ELSE coalesce(strftime(s.date_start, '%Y-%m-%d'), '…') || ' – '
              || coalesce(strftime(s.date_end, '%Y-%m-%d'), '…') END AS date,
    coalesce(s.location_name || ' (' || s.location_country || ')', s.location_precision)
        AS place,
    s.mentions, s.sources, s.contradictions
"""


def list_stories(store: Store, f: StoryFilter, *, digest: bool = False) -> Table:
    """Stories matching the filter, one row each (`digest`: fewer, combined columns)."""
    return _table(store, *stories_sql(f, STORY_DIGEST_SQL if digest else STORY_COLUMNS_SQL))


def story_records(store: Store, f: StoryFilter) -> list[dict[str, Any]]:
    """Stories matching the filter as their JSON records (harmattan.story/1)."""
    rows = store.con.execute(*stories_sql(f, "s.record")).fetchall()
    return [json.loads(record) for (record,) in rows]


def stats(store: Store) -> Table:
    """Articles, near-duplicates, mentions, unique events, re-mentions, contradictions."""
    return _table(
        store,
        """
        SELECT (SELECT count(*) FROM articles) AS articles,
               (SELECT count(*) FROM article_duplicates) AS duplicates,
               (SELECT count(*) FROM story_mentions) AS mentions,
               (SELECT count(*) FROM stories) AS unique_events,
               (SELECT count(*) FROM story_mentions WHERE re_mention) AS re_mentions,
               (SELECT count(*) FROM story_contradictions) AS contradictions,
               (SELECT count(*) FROM stories WHERE sources > 1) AS corroborated
        """,
        [],
    )


def new_events_per_day(store: Store) -> Table:
    """Stories by the day they were first reported: new events, not mentions."""
    return _table(
        store,
        """
        SELECT first_reported AS day, count(*) AS new_events,
               (SELECT count(*) FROM story_mentions m WHERE m.published = s.first_reported)
                   AS mentions_that_day
        FROM stories s GROUP BY first_reported ORDER BY first_reported
        """,
        [],
    )
