"""What the API serves, read from the store with a cursor of the request's own.

The filters are the CLI's (`store.queries.EventFilter`, `StoryFilter`), so an API call
and a `harmattan events` call with the same filters list the same events. Every value a
client sends reaches DuckDB as a query parameter, never inside the SQL text.
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pycountry

from harmattan.store.queries import (
    EventFilter,
    StoryFilter,
    event_where,
    stories_sql,
)

MAX_PAGE = 1000


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a listing and how many items the whole listing has."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """The JSON body of a listing endpoint."""
        return {
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "items": self.items,
        }


# What the event list reads of each event; articles, stories and parties come apart.
_EVENT_ROW = """
    e.id, e.article_id, e.type, e.mode, e.factuality,
    e.cameo_root, e.quad_class, e.score, e.trigger_text, e.trigger_start, e.trigger_end,
    e.sentence_start, e.sentence_end, e.evidence AS sentence,
    e.date_start, e.date_end, e.date_precision, e.date_source, e.deadline_date,
    e.deadline_status, e.location_name, e.location_country, e.location_lat, e.location_lon,
    e.location_precision, e.location_source, e.attribution_text, e.attribution_start,
    e.attribution_end, e.confidence
"""


def list_events(con: duckdb.DuckDBPyConnection, f: EventFilter, limit: int, offset: int) -> Page:
    """A page of events with their evidence spans, in the CLI's stable order."""
    where, params = event_where(f)
    # The filter runs once (its party semi-joins are the costly part) for both the count
    # and the page, on the events table alone; then only the page's rows are read in
    # full, each table with one lookup by the page's ids.
    rows = con.execute(
        f"WITH sel AS MATERIALIZED (SELECT e.id, e.day, e.article_id, e.idx FROM events e"
        f"{where}) SELECT (SELECT count(*) FROM sel), id FROM sel"
        " ORDER BY day, article_id, idx LIMIT ? OFFSET ?",  # queries.EVENT_ORDER_SQL
        [*params, limit, offset],
    ).fetchall()
    ids = [str(event_id) for _, event_id in rows]
    if not ids:
        total = _scalar(con, f"SELECT count(*) FROM events e{where}", params)
        return Page(total, limit, offset, [])
    total = int(rows[0][0])
    events = _by_id(con, f"SELECT {_EVENT_ROW} FROM events e WHERE e.id IN", ids)
    articles = _by_id(
        con,
        "SELECT id, published, source, url FROM articles WHERE id IN",
        sorted({str(e["article_id"]) for e in events.values()}),
    )
    stories = dict(
        con.execute(
            f"SELECT event_id, story_id FROM story_mentions WHERE event_id IN {_marks(ids)}", ids
        ).fetchall()
    )
    parties = _participants(con, ids)
    items = []
    for event_id in ids:
        row = events[event_id]
        article = articles[str(row["article_id"])]
        row.update(published=article["published"], source=article["source"], url=article["url"])
        row["story_id"] = stories.get(event_id)
        items.append(_event_item(row, parties))
    return Page(total, limit, offset, items)


def _marks(values: Sequence[object]) -> str:
    return "(" + ", ".join("?" * len(values)) + ")"


def _by_id(
    con: duckdb.DuckDBPyConnection, select: str, ids: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """Rows of `select ... WHERE x IN` for these ids, by their first column."""
    cursor = con.execute(f"{select} {_marks(ids)}", list(ids))
    columns = [d[0] for d in cursor.description or ()]
    return {str(row[0]): dict(zip(columns, row, strict=True)) for row in cursor.fetchall()}


def _participants(
    con: duckdb.DuckDBPyConnection, event_ids: Sequence[str]
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    rows = con.execute(
        "SELECT p.event_id, p.role, p.text, p.start_char, p.end_char, p.actor_id, p.name,"
        " p.country, p.sector FROM event_participants p"
        " JOIN (SELECT unnest(?::VARCHAR[]) AS event_id) page USING (event_id)"
        " ORDER BY p.event_id, p.role, p.idx",
        [list(event_ids)],
    ).fetchall()
    found: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for event_id, role, text, start, end, actor_id, name, country, sector in rows:
        found[(event_id, role)].append(
            {"text": text, "start": start, "end": end, "id": actor_id, "name": name,
             "country": country, "sector": sector}
        )  # fmt: skip
    return found


def _event_item(
    row: dict[str, Any], parties: dict[tuple[str, str], list[dict[str, Any]]]
) -> dict[str, Any]:
    event_id = str(row["id"])
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
        "actors": parties.get((event_id, "actor"), []),
        "recipients": parties.get((event_id, "recipient"), []),
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


def list_stories(con: duckdb.DuckDBPyConnection, f: StoryFilter, limit: int, offset: int) -> Page:
    """A page of stories as their JSON records, first reported first."""
    sql, params = stories_sql(dataclasses.replace(f, limit=None), "s.record")
    total = _scalar(con, f"SELECT count(*) FROM ({sql})", params)
    rows = con.execute(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    return Page(total, limit, offset, [json.loads(record) for (record,) in rows])


def story(con: duckdb.DuckDBPyConnection, story_id: str) -> dict[str, Any] | None:
    """One story's record, or None."""
    row = con.execute("SELECT record FROM stories WHERE id = ?", [story_id]).fetchone()
    return json.loads(row[0]) if row else None


def list_articles(
    con: duckdb.DuckDBPyConnection, text: str | None, limit: int, offset: int
) -> Page:
    """A page of articles, newest first, with entity and event counts."""
    where, params = ("", []) if not text else (
        "WHERE a.title ILIKE ? OR a.text ILIKE ?", [f"%{text}%", f"%{text}%"]
    )  # fmt: skip
    total = _scalar(con, f"SELECT count(*) FROM articles a {where}", params)
    rows = con.execute(
        f"""
        SELECT a.id, a.published, a.source, a.title, a.url,
               (SELECT count(*) FROM entities x WHERE x.article_id = a.id) AS entities,
               (SELECT count(*) FROM events x WHERE x.article_id = a.id) AS events
        FROM articles a {where} ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?
        """,
        [*params, limit, offset],
    )
    columns = [d[0] for d in rows.description or ()]
    return Page(total, limit, offset, [dict(zip(columns, r, strict=True)) for r in rows.fetchall()])


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """An article's document record, with the story of each of its events."""
    row = con.execute("SELECT record FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        return None
    stories = dict(
        con.execute(
            "SELECT event_id, story_id FROM story_mentions WHERE article_id = ?", [article_id]
        ).fetchall()
    )
    return {"record": json.loads(row[0]), "stories": stories}


def actors(con: duckdb.DuckDBPyConnection, limit: int) -> list[dict[str, Any]]:
    """Actors by how many events they take part in, either side."""
    rows = con.execute(
        """
        SELECT actor_id AS id, any_value(name) AS name, any_value(country) AS country,
               any_value(sector) AS sector, count(DISTINCT event_id) AS events,
               count(DISTINCT event_id) FILTER (WHERE role = 'actor') AS as_actor,
               count(DISTINCT event_id) FILTER (WHERE role = 'recipient') AS as_recipient
        FROM event_participants GROUP BY actor_id ORDER BY events DESC, id LIMIT ?
        """,
        [limit],
    )
    columns = [d[0] for d in rows.description or ()]
    return [dict(zip(columns, r, strict=True)) for r in rows.fetchall()]


def places(con: duckdb.DuckDBPyConnection, f: EventFilter) -> dict[str, Any]:
    """Where the filtered events happened: precise points, and counts per country.

    An event placed at country (or region) precision is counted on its country only, so
    the map never shows a country's centre as if it were a precise point.
    """
    where, params = event_where(f)
    selected = f"SELECT * FROM events e{where}"
    points = con.execute(
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
    point_columns = [d[0] for d in points.description or ()]
    point_rows = [dict(zip(point_columns, r, strict=True)) for r in points.fetchall()]
    countries = con.execute(
        f"""
        SELECT location_country AS iso3, count(*) AS events FROM ({selected}) ev
        WHERE location_country IS NOT NULL GROUP BY ALL ORDER BY events DESC, iso3
        """,
        params,
    ).fetchall()
    return {
        "points": point_rows,
        "countries": [
            {"iso3": iso3, "numeric": _numeric(iso3), "events": n} for iso3, n in countries
        ],
    }


def timeline(con: duckdb.DuckDBPyConnection, f: EventFilter) -> list[dict[str, Any]]:
    """Events per day (the event's own date) by quad class and factuality."""
    where, params = event_where(f)
    rows = con.execute(
        f"""
        SELECT e.day, e.quad_class, e.factuality, count(*) AS events FROM events e{where}
        GROUP BY ALL ORDER BY e.day, e.quad_class NULLS LAST, e.factuality
        """,
        params,
    ).fetchall()
    return [
        {"day": day, "quad_class": quad, "factuality": fact, "events": n}
        for day, quad, fact, n in rows
    ]


def graph(con: duckdb.DuckDBPyConnection, f: EventFilter, limit: int) -> dict[str, Any]:
    """Who acts on whom: the heaviest actor → recipient edges and their nodes."""
    where, params = event_where(f)
    rows = con.execute(
        f"""
        SELECT s.actor_id AS source, t.actor_id AS target, count(DISTINCT s.event_id) AS weight
        FROM (SELECT e.id FROM events e{where}) sel
        JOIN event_participants s ON s.event_id = sel.id AND s.role = 'actor'
        JOIN event_participants t ON t.event_id = sel.id AND t.role = 'recipient'
        WHERE s.actor_id <> t.actor_id
        GROUP BY ALL ORDER BY weight DESC, source, target LIMIT ?
        """,
        [*params, limit],
    ).fetchall()
    edges = [{"source": s, "target": t, "weight": w} for s, t, w in rows]
    ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    nodes = con.execute(
        """
        SELECT actor_id, any_value(name), any_value(country), any_value(sector),
               count(DISTINCT event_id)
        FROM event_participants WHERE list_contains(?, actor_id) GROUP BY actor_id
        ORDER BY actor_id
        """,
        [ids],
    ).fetchall()
    return {
        "nodes": [
            {"id": i, "name": n, "country": c, "sector": s, "events": k} for i, n, c, s, k in nodes
        ],
        "edges": edges,
    }


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """What the store holds: articles, duplicates, mentions, stories, contradictions."""
    row = con.execute(
        """
        SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM article_duplicates),
               (SELECT count(*) FROM events), (SELECT count(*) FROM stories),
               (SELECT count(*) FROM story_mentions WHERE re_mention),
               (SELECT count(*) FROM story_contradictions),
               (SELECT count(*) FROM quarantine),
               (SELECT min(published) FROM articles), (SELECT max(published) FROM articles)
        """
    ).fetchone()
    names = ("articles", "duplicates", "events", "stories", "re_mentions", "contradictions",
             "quarantined", "first_published", "last_published")  # fmt: skip
    return dict(zip(names, row or (), strict=True))


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> int:
    row = con.execute(sql, params).fetchone()
    return int(row[0]) if row else 0


def _numeric(iso3: str) -> str | None:
    """ISO 3166 numeric code: the id of a country shape in the dashboard's world map."""
    country = pycountry.countries.get(alpha_3=iso3)
    return str(country.numeric) if country is not None else None
