"""The story index: the SQL side of keeping stories up to date batch by batch.

`harmattan.corroborate.update` decides which stories a batch changes; this module is
what it reads and writes in the store, inside the batch's transaction. Four tables
(migrations 0006 and 0008) index what the replay looks up, and are written with the
stories: `mention_identity` (each mention's identity fields, party keys and place in the
order), `story_state` (each story's state: what its members establish together, and its
first and last member in the order), `story_keys` (each story's party keys, namespaced by
type, roles and role: a mention finds the stories it may join through them) and
`article_bands` (each article's near-duplicate band keys). A batch reads stories by key,
not the mentions behind them: a store of a million events holds some ten times fewer
stories, and a story whose members all come before a new mention is read as one row.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from typing import Any, Literal

import duckdb

from harmattan.records import Actor, Duplicate, Precision, Story
from harmattan.store.rows import Rows, insert_rows

STORY_TABLES = ("article_duplicates", "stories", "story_mentions", "story_contradictions")
INDEX_TABLES = ("mention_identity", "story_state", "story_keys", "article_bands")
IDENTITY_COLUMNS = (
    *("event_id", "type", "has_actors", "has_recipients", "width", "anchor", "published"),
    *("article_id", "idx", "date_start", "date_end", "text_dated", "country", "keys"),
)
"""A `mention_identity` row, in the order `identities` returns it."""
SUMMARY_COLUMNS = (
    *("story_id", "type", "has_actors", "has_recipients", "actors", "recipients"),
    *("date_low", "date_high", "text_dated", "countries"),
    *("first_width", "first_anchor", "first_published", "first_article", "first_idx"),
    *("last_width", "last_anchor", "last_published", "last_article", "last_idx"),
    *("hull_start", "hull_end"),
)
"""A `story_state` row, in the order `summaries` returns it."""


class StoryIndex:
    """The stories and their index in a store, over a connection inside a transaction."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    # --- writing ---------------------------------------------------------------------

    def clear(self) -> None:
        """Delete every story, duplicate link and index row (before a full rebuild)."""
        for table in (*STORY_TABLES, *INDEX_TABLES):
            self.con.execute(f"DELETE FROM {table}")

    def add_articles(self, bands: Sequence[tuple[int, str, dt.date]]) -> None:
        """Index articles by their band keys: (band, article id, published) rows."""
        insert_rows(self.con, "article_bands", ("band", "article_id", "published"), list(bands))

    def add_mentions(self, identities: Sequence[tuple[Any, ...]]) -> None:
        """Index mentions: `IDENTITY_COLUMNS` rows."""
        insert_rows(self.con, "mention_identity", IDENTITY_COLUMNS, list(identities))

    def set_duplicates(self, articles: Sequence[str], duplicates: Sequence[Duplicate]) -> None:
        """Replace the duplicate links of `articles` with `duplicates`."""
        self.con.execute(
            "DELETE FROM article_duplicates WHERE article_id IN (SELECT unnest($ids::VARCHAR[]))",
            {"ids": list(articles)},
        )
        insert_rows(
            self.con,
            "article_duplicates",
            ("article_id", "original_id", "similarity"),
            [(d.article_id, d.original_id, d.similarity) for d in duplicates],
        )

    def replace_stories(
        self,
        gone: Sequence[str],
        stories: Sequence[Story],
        summaries: Sequence[tuple[Any, ...]],
        keys: Sequence[tuple[str, str]],
    ) -> None:
        """Delete the stories with ids `gone`, then write `stories`, their states
        (`SUMMARY_COLUMNS` rows) and their (key, story id) rows."""
        # Deleting none would still read each table's ids: a batch of new stories skips it.
        tables = (
            ("stories", "id"),
            ("story_mentions", "story_id"),
            ("story_contradictions", "story_id"),
            ("story_state", "story_id"),
            ("story_keys", "story_id"),
        )
        for table, column in tables if gone else ():
            self.con.execute(
                f"DELETE FROM {table} WHERE {column} IN (SELECT unnest($ids::VARCHAR[]))",
                {"ids": list(gone)},
            )
        for table, columns, rows in _story_rows(stories):
            insert_rows(self.con, table, columns, rows)
        insert_rows(self.con, "story_state", SUMMARY_COLUMNS, list(summaries))
        insert_rows(self.con, "story_keys", ("key", "story_id"), list(keys))

    # --- reading ---------------------------------------------------------------------

    def band_neighbours(self, probes: Sequence[tuple[str, int]]) -> list[tuple[str, str, dt.date]]:
        """(probe, article, published) for every stored article sharing the probe's band."""
        if not probes:
            return []
        rows = self.con.execute(
            "SELECT DISTINCT q.probe, b.article_id, b.published FROM ("
            " SELECT unnest($probe::VARCHAR[]) AS probe, unnest($band::BIGINT[]) AS band) q"
            " JOIN article_bands b ON b.band = q.band WHERE b.article_id <> q.probe",
            {"probe": [p for p, _ in probes], "band": [b for _, b in probes]},
        ).fetchall()
        return [(str(p), str(a), published) for p, a, published in rows]

    def originals(self, articles: Sequence[str]) -> dict[str, str | None]:
        """Each stored article's original (None: it is one)."""
        if not articles:
            return {}
        rows = self.con.execute(
            "SELECT a.id, d.original_id FROM (SELECT unnest($ids::VARCHAR[]) AS id) a "
            "LEFT JOIN article_duplicates d ON d.article_id = a.id",
            {"ids": list(articles)},
        ).fetchall()
        return {str(i): (str(o) if o is not None else None) for i, o in rows}

    def texts(self, articles: Sequence[str]) -> list[tuple[str, dt.date, str]]:
        """(id, published, text) of stored articles."""
        if not articles:
            return []
        rows = self.con.execute(
            "SELECT id, published, text FROM articles WHERE id IN (SELECT unnest($ids::VARCHAR[]))",
            {"ids": list(articles)},
        ).fetchall()
        return [(str(i), published, str(text)) for i, published, text in rows]

    def stories_near(
        self, probes: Sequence[tuple[str, str, dt.date | None, dt.date | None]]
    ) -> list[tuple[str, str]]:
        """(probe, story) for every story holding the probe's key whose members' dates,
        taken together, overlap the probe's: (probe event id, key, earliest date, latest
        date)."""
        if not probes:
            return []
        rows = self.con.execute(
            """
            SELECT DISTINCT q.probe, s.story_id FROM (
                SELECT unnest($probe::VARCHAR[]) AS probe, unnest($key::VARCHAR[]) AS key,
                       unnest($start::DATE[]) AS date_start, unnest($end::DATE[]) AS date_end
            ) q
            JOIN story_keys k ON k.key = q.key
            JOIN story_state s ON s.story_id = k.story_id
            WHERE (q.date_end IS NULL OR s.hull_start IS NULL OR s.hull_start <= q.date_end)
              AND (q.date_start IS NULL OR s.hull_end IS NULL OR q.date_start <= s.hull_end)
            """,
            {
                "probe": [p[0] for p in probes],
                "key": [p[1] for p in probes],
                "start": [p[2] for p in probes],
                "end": [p[3] for p in probes],
            },
        ).fetchall()
        return [(str(p), str(story)) for p, story in rows]

    def summaries(self, stories: Sequence[str]) -> list[tuple[Any, ...]]:
        """`SUMMARY_COLUMNS` of stored stories."""
        if not stories:
            return []
        return self.con.execute(
            f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM story_state"
            " WHERE story_id IN (SELECT unnest($ids::VARCHAR[]))",
            {"ids": list(stories)},
        ).fetchall()

    def story_members(
        self, ids: Sequence[str], by: Literal["event_id", "article_id", "story_id"] = "event_id"
    ) -> list[tuple[str, str]]:
        """(event, story) for every member of the stories holding a mention with one of
        `ids` as its event id, or (`by="article_id"`) as its article id, or of the stories
        with those ids (`by="story_id"`)."""
        if not ids:
            return []
        wanted = "SELECT unnest($ids::VARCHAR[])"
        stories = (
            wanted
            if by == "story_id"
            else f"SELECT story_id FROM story_mentions WHERE {by} IN ({wanted})"
        )
        rows = self.con.execute(
            f"SELECT event_id, story_id FROM story_mentions WHERE story_id IN ({stories})",
            {"ids": list(ids)},
        ).fetchall()
        return [(str(e), str(s)) for e, s in rows]

    def identities(self, events: Sequence[str]) -> list[tuple[Any, ...]]:
        """`IDENTITY_COLUMNS` of stored mentions."""
        if not events:
            return []
        return self.con.execute(
            f"SELECT {', '.join(IDENTITY_COLUMNS)} FROM mention_identity"
            " WHERE event_id IN (SELECT unnest($ids::VARCHAR[]))",
            {"ids": list(events)},
        ).fetchall()

    def mentions(
        self, events: Sequence[str]
    ) -> list[tuple[str, dt.date, str | None, int, Any, str]]:
        """(article id, published, source, index, event JSON object, evidence sentence) of
        stored mentions."""
        if not events:
            return []
        rows = self.con.execute(
            """
            SELECT a.id, a.published, a.source, e.idx, a.record->'events'->e.idx, e.evidence
            FROM events e JOIN articles a ON a.id = e.article_id
            WHERE e.id IN (SELECT unnest($ids::VARCHAR[]))
            """,
            {"ids": list(events)},
        ).fetchall()
        return [
            (str(a), published, source, int(idx), json.loads(event), str(sentence))
            for a, published, source, idx, event, sentence in rows
        ]

    def copies(self, articles: Sequence[str]) -> dict[str, str]:
        """The original of each of `articles` that copies one."""
        if not articles:
            return {}
        rows = self.con.execute(
            "SELECT article_id, original_id FROM article_duplicates "
            "WHERE article_id IN (SELECT unnest($ids::VARCHAR[]))",
            {"ids": list(articles)},
        ).fetchall()
        return {str(a): str(o) for a, o in rows}


def _story_rows(stories: Sequence[Story]) -> Iterator[tuple[str, tuple[str, ...], Rows]]:
    yield (
        "stories",
        (
            *("id", "type", "factuality", "first_reported", "date_start", "date_end"),
            *("date_precision", "date_source", "location_name", "location_country"),
            *("location_precision", "actors", "recipients", "countries", "mentions"),
            *("sources", "re_mentions", "contradictions", "record"),
        ),
        [_story_row(s) for s in stories],
    )
    yield (
        "story_mentions",
        (
            *("event_id", "story_id", "article_id", "published", "source", "factuality"),
            *("re_mention", "duplicate_of"),
        ),
        [
            (
                *(m.event_id, s.id, m.article_id, m.published, m.source, m.factuality.value),
                *(m.re_mention, m.duplicate_of),
            )
            for s in stories
            for m in s.mentions
        ],
    )
    yield (
        "story_contradictions",
        ("story_id", "idx", "field", '"values"', "quotes"),
        [
            (s.id, i, c.field, list(c.values), json.dumps(c.to_dict()["quotes"]))
            for s in stories
            for i, c in enumerate(s.contradictions)
        ],
    )


def _story_row(story: Story) -> tuple[Any, ...]:
    place = story.location
    parties = (*story.actors, *story.recipients)
    countries = sorted(
        {a.country for a in parties if a.country}
        | ({place.country} if place and place.country else set())
    )
    return (
        *(story.id, story.type, story.factuality.value, story.first_reported),
        *(story.date.start, story.date.end, story.date.precision, story.date.source.value),
        place.name if place else None,
        place.country if place else None,
        place.precision.value if place else Precision.UNKNOWN.value,
        "; ".join(_label(a) for a in story.actors),
        "; ".join(_label(a) for a in story.recipients),
        countries,
        len(story.mentions),
        len(story.sources),
        sum(m.re_mention for m in story.mentions),
        len(story.contradictions),
        json.dumps(story.to_dict(), ensure_ascii=False),
    )


def _label(actor: Actor) -> str:
    code = " ".join(c for c in (actor.country, actor.sector) if c)
    return f"{code} ({actor.name})" if code else actor.name
