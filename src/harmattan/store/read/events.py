"""Events: the CLI's listing, the API's pages, the rows every export shape reads, and the
summaries over them (places, timeline, actor graph)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from enum import Enum
from typing import Any

import duckdb

from harmattan.store.read.filters import EVENT_ORDER_SQL, EventFilter, event_where
from harmattan.store.read.rows import Page, Table, by_id, marks, scalar, streamed, table

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
"""The columns of `harmattan events`: parties as one readable string each."""


def events_sql(f: EventFilter) -> tuple[str, list[Any]]:
    """The SQL (and parameters) selecting the events `f` asks for, in listing order."""
    where, params = event_where(f)
    sql = (
        f"SELECT {EVENT_COLUMNS_SQL} FROM events e JOIN articles a ON a.id = e.article_id"
        f"{where} ORDER BY {EVENT_ORDER_SQL}"
    )
    if f.limit is not None:
        sql += f" LIMIT {int(f.limit)}"
    return sql, params


def count_events(con: duckdb.DuckDBPyConnection, f: EventFilter) -> int:
    """How many events `f` selects (its limit included): what an export of `f` writes."""
    where, params = event_where(f)
    found = scalar(con, f"SELECT count(*) FROM events e{where}", params)
    return found if f.limit is None else min(found, f.limit)


def list_events(con: duckdb.DuckDBPyConnection, f: EventFilter) -> Table:
    """Events matching the filter, one row each, with their evidence sentence."""
    return table(con, *events_sql(f))


def event_digest(con: duckdb.DuckDBPyConnection, limit: int) -> Table:
    """The most confident events: type, factuality, who, where, and the evidence."""
    return table(
        con,
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
    )


class EventShape(Enum):
    """The column sets the exports and frames read events in (EXPORTS.md lists them)."""

    FLAT = "flat"
    """Parties as parallel lists of ids, codes and names: CSV, Parquet, GeoJSON, frames."""
    NESTED = "nested"
    """Parties as lists of objects: JSON Lines."""
    CODED = "coded"
    """Nested, plus what PLOVER and GDELT records need: title, lead, GeoNames id, story."""
    LISTED = "listed"
    """Nested, plus where the trigger is in the evidence: what `harmattan events` shows."""


def _parties(role: str, value: str) -> str:
    # An event with no recipient gets an empty list, not NULL, in every format.
    return (
        f"coalesce((SELECT list({value} ORDER BY p.idx) FROM event_participants p "
        f"WHERE p.event_id = e.id AND p.role = '{role}'), [])"
    )


_CODE = "concat_ws(' ', p.country, p.sector)"
_PARTY = (
    "{'id': p.actor_id, 'name': p.name, 'country': p.country, 'sector': p.sector, 'text': p.text}"
)
_HEAD_SQL = """
    e.id AS event_id, e.article_id, m.story_id, a.published, a.source, a.url,
    e.type, e.mode, e.contexts, e.factuality, e.cameo_root, e.quad_class, e.score
"""
_FLAT_PARTIES_SQL = f"""
    {_parties("actor", "p.actor_id")} AS actor_ids,
    {_parties("actor", _CODE)} AS actor_codes,
    {_parties("actor", "p.name")} AS actor_names,
    {_parties("recipient", "p.actor_id")} AS recipient_ids,
    {_parties("recipient", _CODE)} AS recipient_codes,
    {_parties("recipient", "p.name")} AS recipient_names
"""
_NESTED_PARTIES_SQL = f"""
    {_parties("actor", _PARTY)} AS actors,
    {_parties("recipient", _PARTY)} AS recipients
"""
_TAIL_SQL = """
    e.date_start, e.date_end, e.date_precision, e.date_source,
    e.deadline_date, e.deadline_status,
    e.location_name, e.location_country, e.location_lat, e.location_lon,
    e.location_precision, e.location_source,
    e.trigger_text AS trigger, e.evidence, e.attribution_text AS attribution, e.confidence
"""
# The event's own entry in its article's stored record holds what the events table
# does not: the place's GeoNames id and admin1 name. The record is read through a
# subquery on the article, which DuckDB runs once per article rather than per event.
_RECORD_LOCATION = (
    "(SELECT json_extract(x.record, '$.events[*].location') FROM articles x "
    "WHERE x.id = e.article_id)[e.idx + 1]"
)
_CODED_SQL = f"""
    a.title, a.language, e.sentence_start, e.sentence_end,
    -- GDELT's IsRootEvent: the sentence starts in the lead paragraph (before the first
    -- line break; an article with none is all lead).
    (strpos(a.text, chr(10)) = 0 OR e.sentence_start < strpos(a.text, chr(10)) - 1)
        AS in_lead,
    TRY_CAST(json_extract({_RECORD_LOCATION}, '$.geonameid') AS BIGINT) AS geonameid,
    json_extract_string({_RECORD_LOCATION}, '$.admin1') AS admin1,
    s.mentions AS story_mentions, s.sources AS story_sources,
    (SELECT count(DISTINCT x.article_id) FROM story_mentions x WHERE x.story_id = m.story_id)
        AS story_articles
"""
# Where the trigger is in the evidence sentence, for a listing to mark it.
_LISTED_SQL = """
    e.trigger_start - e.sentence_start AS trigger_at,
    e.trigger_end - e.sentence_start AS trigger_to
"""
_SHAPES: dict[EventShape, tuple[str, ...]] = {
    EventShape.FLAT: (_HEAD_SQL, _FLAT_PARTIES_SQL, _TAIL_SQL),
    EventShape.NESTED: (_HEAD_SQL, _NESTED_PARTIES_SQL, _TAIL_SQL),
    EventShape.CODED: (_HEAD_SQL, _NESTED_PARTIES_SQL, _TAIL_SQL, _CODED_SQL),
    EventShape.LISTED: (_HEAD_SQL, _NESTED_PARTIES_SQL, _TAIL_SQL, _LISTED_SQL),
}


def event_rows_sql(f: EventFilter, shape: EventShape = EventShape.FLAT) -> tuple[str, list[Any]]:
    """The SQL (and parameters) of the events `f` selects, in `shape`, in listing order."""
    # events_sql decides which events (filters and limit); this adds the columns it lacks
    # and keeps the order `harmattan events` lists them in.
    selected, params = events_sql(f)
    sql = f"""
        SELECT {", ".join(_SHAPES[shape])}
        FROM ({selected}) chosen
        JOIN events e ON e.id = chosen.event_id
        JOIN articles a ON a.id = e.article_id
        LEFT JOIN story_mentions m ON m.event_id = e.id
        LEFT JOIN stories s ON s.id = m.story_id
        ORDER BY {EVENT_ORDER_SQL}
    """
    return sql, params


def event_rows(
    con: duckdb.DuckDBPyConnection, f: EventFilter, shape: EventShape = EventShape.FLAT
) -> tuple[tuple[str, ...], Iterator[dict[str, Any]]]:
    """Column names, and the events `f` selects in `shape`, streamed a chunk at a time."""
    return streamed(con, *event_rows_sql(f, shape))


# What the event page reads of each event (its parties as the page shows them); articles
# and stories come apart.
_EVENT_ROW = """
    e.id, e.article_id, e.type, e.mode, e.factuality,
    e.cameo_root, e.quad_class, e.score, e.trigger_text, e.trigger_start, e.trigger_end,
    e.sentence_start, e.sentence_end, e.evidence AS sentence,
    e.date_start, e.date_end, e.date_precision, e.date_source, e.deadline_date,
    e.deadline_status, e.location_name, e.location_country, e.location_lat, e.location_lon,
    e.location_precision, e.location_source, e.attribution_text, e.attribution_start,
    e.attribution_end, e.confidence, e.parties
"""


def event_page(con: duckdb.DuckDBPyConnection, f: EventFilter, limit: int, offset: int) -> Page:
    """A page of events as nested objects with their evidence spans, in listing order."""
    where, params = event_where(f)
    # The count and the page in one statement (one snapshot), each a plain scan of the
    # events table: DuckDB skips the row groups a top-N cannot reach, which it cannot do
    # through a materialized selection. Then only the page's rows are read in full, each
    # table with one lookup by the page's ids.
    rows = con.execute(
        f"SELECT (SELECT count(*) FROM events e{where}), e.id FROM events e{where}"
        f" ORDER BY {EVENT_ORDER_SQL} LIMIT ? OFFSET ?",
        [*params, *params, limit, offset],
    ).fetchall()
    ids = [str(event_id) for _, event_id in rows]
    if not ids:
        total = scalar(con, f"SELECT count(*) FROM events e{where}", params)
        return Page(total, limit, offset, [])
    total = int(rows[0][0])
    events = by_id(con, f"SELECT {_EVENT_ROW} FROM events e WHERE e.id IN", ids)
    articles = by_id(
        con,
        "SELECT id, published, source, url FROM articles WHERE id IN",
        sorted({str(e["article_id"]) for e in events.values()}),
    )
    stories = dict(
        con.execute(
            f"SELECT event_id, story_id FROM story_mentions WHERE event_id IN {marks(ids)}", ids
        ).fetchall()
    )
    items = []
    for event_id in ids:
        row = events[event_id]
        article = articles[str(row["article_id"])]
        row.update(published=article["published"], source=article["source"], url=article["url"])
        row["story_id"] = stories.get(event_id)
        items.append(_event_item(row))
    return Page(total, limit, offset, items)


def _event_item(row: dict[str, Any]) -> dict[str, Any]:
    event_id = str(row["id"])
    parties = json.loads(row["parties"])
    deadline = (
        {"date": row["deadline_date"], "status": row["deadline_status"]}
        if row["deadline_date"]
        else None
    )
    attribution = (
        {"text": row["attribution_text"], "start": row["attribution_start"],
         "end": row["attribution_end"]}
        if row["attribution_text"] is not None
        else None
    )  # fmt: skip
    return {
        "id": event_id,
        "article_id": row["article_id"],
        "published": row["published"],
        "source": row["source"],
        "url": row["url"],
        "type": row["type"],
        "mode": row["mode"],
        "factuality": row["factuality"],
        "cameo_root": row["cameo_root"],
        "quad_class": row["quad_class"],
        "score": row["score"],
        "actors": parties["actors"],
        "recipients": parties["recipients"],
        "trigger": {"text": row["trigger_text"], "start": row["trigger_start"],
                    "end": row["trigger_end"]},
        "sentence": {"text": row["sentence"], "start": row["sentence_start"],
                     "end": row["sentence_end"]},
        "date": {"start": row["date_start"], "end": row["date_end"],
                 "precision": row["date_precision"], "source": row["date_source"],
                 "deadline": deadline},
        "location": {"name": row["location_name"], "country": row["location_country"],
                     "lat": row["location_lat"], "lon": row["location_lon"],
                     "precision": row["location_precision"], "source": row["location_source"]},
        "attribution": attribution,
        "confidence": row["confidence"],
        "story_id": row["story_id"],
    }  # fmt: skip


def places(con: duckdb.DuckDBPyConnection, f: EventFilter) -> dict[str, Any]:
    """Where the filtered events happened: precise points, and counts per country.

    An event placed at country (or region) precision is counted on its country only, so
    the map never shows a country's centre as if it were a precise point.
    """
    where, params = event_where(f)
    selected = f"SELECT * FROM events e{where}"
    points = table(
        con,
        f"""
        SELECT location_name AS name, location_country AS country, location_lat AS lat,
               location_lon AS lon, location_precision AS precision, count(*) AS events,
               list(id ORDER BY id)[1:20] AS event_ids
        FROM ({selected}) ev
        WHERE location_lat IS NOT NULL AND location_precision NOT IN ('country', 'region')
        GROUP BY ALL ORDER BY events DESC, name
        """,
        params,
    )
    countries = table(
        con,
        f"""
        SELECT location_country AS iso3, count(*) AS events FROM ({selected}) ev
        WHERE location_country IS NOT NULL GROUP BY ALL ORDER BY events DESC, iso3
        """,
        params,
    )
    return {"points": points.dicts(), "countries": countries.dicts()}


def timeline(con: duckdb.DuckDBPyConnection, f: EventFilter) -> list[dict[str, Any]]:
    """Events per day (the event's own date) by quad class and factuality."""
    where, params = event_where(f)
    return table(
        con,
        f"""
        SELECT e.day, e.quad_class, e.factuality, count(*) AS events FROM events e{where}
        GROUP BY ALL ORDER BY e.day, e.quad_class NULLS LAST, e.factuality
        """,
        params,
    ).dicts()


# One actor id can be named several ways ("Niger junta", "Niger soldier"), and a person
# can hold roles in two countries. Each id is shown under its most used name, country and
# sector (ties in alphabetical order), so the same store always answers the same.
_ACTOR_NAMES = """
    SELECT actor_id,
           first(name ORDER BY uses DESC, name, country, sector) AS name,
           first(country ORDER BY uses DESC, name, country, sector) AS country,
           first(sector ORDER BY uses DESC, name, country, sector) AS sector
    FROM (SELECT actor_id, name, country, sector, count(*) AS uses
          FROM event_participants GROUP BY ALL)
    GROUP BY actor_id
"""


def graph(con: duckdb.DuckDBPyConnection, f: EventFilter, limit: int) -> dict[str, Any]:
    """Who acts on whom: the heaviest actor → recipient edges and their nodes."""
    where, params = event_where(f)
    edges = table(
        con,
        f"""
        SELECT s.actor_id AS source, t.actor_id AS target, count(DISTINCT s.event_id) AS weight
        FROM (SELECT e.id FROM events e{where}) sel
        JOIN event_participants s ON s.event_id = sel.id AND s.role = 'actor'
        JOIN event_participants t ON t.event_id = sel.id AND t.role = 'recipient'
        WHERE s.actor_id <> t.actor_id
        GROUP BY ALL ORDER BY weight DESC, source, target LIMIT ?
        """,
        [*params, limit],
    ).dicts()
    ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    nodes = table(
        con,
        f"""
        SELECT p.actor_id AS id, n.name, n.country, n.sector,
               count(DISTINCT p.event_id) AS events
        FROM event_participants p JOIN ({_ACTOR_NAMES}) n USING (actor_id)
        WHERE list_contains(?, p.actor_id) GROUP BY ALL ORDER BY id
        """,
        [ids],
    )
    return {"nodes": nodes.dicts(), "edges": edges}


def actors(con: duckdb.DuckDBPyConnection, limit: int) -> list[dict[str, Any]]:
    """Actors by how many events they take part in, either side."""
    return table(
        con,
        f"""
        SELECT p.actor_id AS id, n.name, n.country, n.sector,
               count(DISTINCT p.event_id) AS events,
               count(DISTINCT p.event_id) FILTER (WHERE p.role = 'actor') AS as_actor,
               count(DISTINCT p.event_id) FILTER (WHERE p.role = 'recipient') AS as_recipient
        FROM event_participants p JOIN ({_ACTOR_NAMES}) n USING (actor_id)
        GROUP BY ALL ORDER BY events DESC, id LIMIT ?
        """,
        [limit],
    ).dicts()
