"""What alerts read: their rules, the store's clock, the stories a batch touched, the
demands with deadlines and the climb-downs that answer them, stories by day, and the
alerts fired. Which event types and factualities count is the caller's (harmattan.alerts)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from harmattan.records import Demand, Evidence, Party, Response, StoryFacts
from harmattan.store.read.rows import Table, table

_LENGTH = re.compile(r"\b(\w+)[- ](hour|day|week|month)s?\b", re.IGNORECASE)
_EVIDENCE_SQL = """
    list({'article_id': e.article_id, 'event_id': e.id, 'source': a.source,
          'published': a.published, 'text': e.evidence, 'start': e.sentence_start,
          'end': e.sentence_end} ORDER BY a.published, e.article_id, e.idx)
"""
_PARTIES_SQL = """
    (SELECT list({'role': p.role, 'id': p.actor_id, 'name': p.name, 'country': p.country,
                  'sector': p.sector} ORDER BY p.role, p.idx)
     FROM event_participants p WHERE p.event_id = e.id)
"""


def alert_rules(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every stored alert rule (`AlertRule.to_dict`), by name."""
    rows = con.execute("SELECT rule FROM alert_rules ORDER BY name").fetchall()
    return [json.loads(rule) for (rule,) in rows]


def clock(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    """The alert clock: the newest publication date in the store (None when empty)."""
    row = con.execute("SELECT max(published) FROM articles").fetchone()
    return row[0] if row else None


def touched_stories(con: duckdb.DuckDBPyConnection, events: Sequence[str]) -> list[StoryFacts]:
    """The stories holding any of `events`, with their reports' mean score and evidence."""
    if not events:
        return []
    rows = con.execute(
        f"""
        WITH touched AS (
            SELECT DISTINCT story_id FROM story_mentions
            WHERE event_id IN (SELECT unnest($ids::VARCHAR[]))
        )
        SELECT s.record, avg(e.score), {_EVIDENCE_SQL}
        FROM touched t JOIN stories s ON s.id = t.story_id
        JOIN story_mentions m ON m.story_id = s.id
        JOIN events e ON e.id = m.event_id JOIN articles a ON a.id = e.article_id
        GROUP BY s.id, s.record ORDER BY s.id
        """,
        {"ids": list(events)},
    ).fetchall()
    return [
        StoryFacts(json.loads(record), score, tuple(_evidence(e) for e in evidence))
        for record, score, evidence in rows
    ]


def alerted_stories(con: duckdb.DuckDBPyConnection, rule: str | None = None) -> set[str]:
    """The stories any alert (of `rule`) fired on; not those an escalation counted."""
    rows = con.execute(
        "SELECT DISTINCT unnest(story_ids) FROM alerts"
        " WHERE kind <> 'escalation' AND ($rule IS NULL OR rule = $rule)",
        {"rule": rule},
    )
    return {str(s) for (s,) in rows.fetchall()}


def demands(con: duckdb.DuckDBPyConnection, types: Sequence[str], before: dt.date) -> list[Demand]:
    """Reports of `types` (demands and threats) whose deadline falls before `before`."""
    rows = con.execute(
        f"""
        SELECT m.story_id, e.id, e.type, {_PARTIES_SQL},
               CASE WHEN e.date_source = 'text' AND e.date_start = e.date_end
                    THEN e.date_start ELSE a.published END,
               a.published, e.deadline_date,
               a.record->'events'->e.idx->'date'->'timex'->>'text',
               e.location_country, a.source, e.article_id, e.evidence,
               e.sentence_start, e.sentence_end
        FROM events e JOIN articles a ON a.id = e.article_id
        JOIN story_mentions m ON m.event_id = e.id
        WHERE e.deadline_date < $before AND e.type IN (SELECT unnest($types::VARCHAR[]))
        ORDER BY m.story_id, e.id
        """,
        {"before": before, "types": list(types)},
    ).fetchall()
    return [
        Demand(
            str(story),
            str(event),
            str(kind),
            *_roles(parties),
            set_on,
            published,
            deadline,
            _deadline_words(timex),
            country,
            Evidence(str(article), str(event), source, published, str(text), start, end),
        )
        for (
            story,
            event,
            kind,
            parties,
            set_on,
            published,
            deadline,
            timex,
            country,
            source,
            article,
            text,
            start,
            end,
        ) in rows
    ]


def responses(
    con: duckdb.DuckDBPyConnection,
    types: Sequence[str],
    factualities: Sequence[str],
    since: dt.date,
) -> list[Response]:
    """Reports of `types` (climb-downs) with one of `factualities`, published on or
    after `since`."""
    rows = con.execute(
        f"""
        SELECT e.id, {_PARTIES_SQL}, a.published
        FROM events e JOIN articles a ON a.id = e.article_id
        WHERE e.type IN (SELECT unnest($types::VARCHAR[]))
          AND e.factuality IN (SELECT unnest($facts::VARCHAR[])) AND a.published >= $since
        ORDER BY e.id
        """,
        {"types": list(types), "facts": list(factualities), "since": since},
    ).fetchall()
    return [Response(str(event), *_roles(parties), published) for event, parties, published in rows]


def stories_by_day(
    con: duckdb.DuckDBPyConnection,
    types: Sequence[str],
    factualities: Sequence[str],
    country: str | None,
    start: dt.date,
    end: dt.date,
) -> dict[dt.date, list[dict[str, Any]]]:
    """The records of the stories of `types` with one of `factualities` (in `country`, a
    party's or the place's, when given) dated to one day, by that day, from `start` to
    `end`."""
    rows = con.execute(
        """
        SELECT s.date_start, list(s.record ORDER BY s.id) FROM stories s
        WHERE s.date_start = s.date_end AND s.date_start BETWEEN $start AND $end
          AND s.type IN (SELECT unnest($types::VARCHAR[]))
          AND s.factuality IN (SELECT unnest($facts::VARCHAR[]))
          AND ($country IS NULL OR list_contains(s.countries, $country))
        GROUP BY s.date_start
        """,
        {
            "types": list(types),
            "facts": list(factualities),
            "country": country,
            "start": start,
            "end": end,
        },
    ).fetchall()
    return {day: [json.loads(r) for r in records] for day, records in rows}


@dataclass(frozen=True, slots=True)
class AlertFilter:
    """Which fired alerts a listing shows."""

    rule: str | None = None
    kind: str | None = None
    country: str | None = None
    since: dt.date | None = None
    """Fired as of this day or later."""
    after: int | None = None
    """Fired after the alert with this `seq` (a stream's last one)."""

    def where(self) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        for column, value in (("rule", self.rule), ("kind", self.kind), ("country", self.country)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if self.since is not None:
            where.append("as_of >= ?")
            params.append(self.since)
        if self.after is not None:
            where.append("seq > ?")
            params.append(self.after)
        return (" WHERE " + " AND ".join(where) if where else ""), params


def count_alerts(con: duckdb.DuckDBPyConnection, f: AlertFilter) -> int:
    """How many fired alerts the filter lets through."""
    where, params = f.where()
    row = con.execute(f"SELECT count(*) FROM alerts{where}", params).fetchone()
    return int(row[0]) if row else 0


def last_alert(con: duckdb.DuckDBPyConnection) -> int:
    """The `seq` of the newest alert (0 when none fired)."""
    row = con.execute("SELECT coalesce(max(seq), 0) FROM alerts").fetchone()
    return int(row[0]) if row else 0


def list_alerts(
    con: duckdb.DuckDBPyConnection,
    f: AlertFilter = AlertFilter(),
    *,
    limit: int | None = None,
    offset: int = 0,
) -> Table:
    """Fired alerts, newest first (`f.after`: oldest first, as a stream sends them),
    with their evidence quotes."""
    columns = "seq, as_of, rule, kind, country, summary, story_ids, event_ids, evidence, id"
    where, params = f.where()
    order = "seq" if f.after is not None else "seq DESC"
    sql = f"SELECT {columns} FROM alerts{where} ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    found = table(con, sql, params)
    # The evidence as a list of quotes, not JSON text inside JSON.
    at = found.columns.index("evidence")
    rows = [(*row[:at], json.loads(row[at]), *row[at + 1 :]) for row in found.rows]
    return Table(found.columns, rows)


def _evidence(data: dict[str, Any]) -> Evidence:
    return Evidence(
        str(data["article_id"]),
        str(data["event_id"]),
        data["source"],
        data["published"],
        str(data["text"]),
        int(data["start"]),
        int(data["end"]),
    )


def _roles(parties: list[dict[str, Any]] | None) -> tuple[tuple[Party, ...], tuple[Party, ...]]:
    def party(p: dict[str, Any]) -> Party:
        keys = {f"id:{p['id']}"} if p["id"] else set()
        if p["country"] and p["sector"]:
            keys.add(f"code:{p['country']}:{p['sector']}")
        return Party(str(p["name"]), frozenset(keys))

    found = parties or []
    return (
        tuple(party(p) for p in found if p["role"] == "actor"),
        tuple(party(p) for p in found if p["role"] == "recipient"),
    )


def _deadline_words(timex: str | None) -> str | None:
    """ "seven days", "The one-week" → "seven-day", "one-week": the length of time a
    deadline gave, as it reads before "ultimatum"; None when the deadline is a date."""
    found = _LENGTH.search(timex or "")
    return f"{found[1]}-{found[2].lower()}" if found else None
