"""The DuckDB store: one file, migrated on open, written one batch per transaction.

Reading lives in `store.read`; the only queries here are those the writes depend on
(which migrations ran, which articles are already stored, whether stories are stale).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from harmattan.errors import DatabaseBusyError, StoreError
from harmattan.records import (
    Actor,
    Alert,
    Article,
    Corroboration,
    DocumentRecord,
    Event,
    Participant,
    Quarantined,
)
from harmattan.store import read
from harmattan.store.migrations import MIGRATIONS
from harmattan.store.rows import Rows, insert_rows
from harmattan.store.story_index import StoryIndex

DEFAULT_DB = "harmattan.duckdb"
DB_ENV = "HARMATTAN_DB"


def default_db_path() -> str:
    """The database path: $HARMATTAN_DB, else ./harmattan.duckdb."""
    return os.environ.get(DB_ENV) or DEFAULT_DB


StoryUpdate = Callable[[StoryIndex, Sequence[dict[str, Any]]], None]
"""Brings stories up to date with newly stored records (`corroborate.update_stories`)."""
StoryRebuild = Callable[[StoryIndex, Iterable[dict[str, Any]]], Corroboration]
"""Rebuilds every story from every stored record (`corroborate.rebuild_stories`)."""
AlertCheck = Callable[[duckdb.DuckDBPyConnection, Sequence[str]], None]
"""Fires the alerts a batch's new events (by id) bring, once its stories are up to date
(`alerts.check.BatchAlerts`)."""


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What one committed batch changed."""

    inserted: int
    already_known: int
    quarantined: int


class Store:
    """A harmattan database file. Use as a context manager, or call close()."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise StoreError(
                f"no database at {self.path}: ingest something first "
                "(harmattan ingest PATH --db FILE) or point --db / $HARMATTAN_DB at one"
            )
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as err:
            problem = describe_database_error(err, self.path)
            if "Could not set lock" in str(err):
                holder = _LOCK_HOLDER.search(str(err))
                raise DatabaseBusyError(problem, int(holder.group(2)) if holder else None) from err
            raise StoreError(problem) from err
        try:
            # DuckDB draws a progress bar on the terminal for queries over two seconds (a
            # migration, a rebuild); it would break the CLI's tables and JSON output.
            self.con.execute("SET enable_progress_bar = false")
            pending = [] if not read_only else self.pending_migrations()
            if not read_only:
                self.migrate()
        except duckdb.Error as err:
            self.con.close()
            raise StoreError(describe_database_error(err, self.path)) from err
        if pending:
            self.con.close()
            raise StoreError(
                f"database {self.path} needs migrations {pending}; "
                "run any harmattan ingest on it first"
            )

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; committed batches are already on disk."""
        self.con.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: a failure (or a kill) leaves no half-written batch."""
        self.con.begin()
        try:
            yield self.con
        except BaseException:
            self.con.rollback()
            raise
        self.con.commit()

    def applied_migrations(self) -> list[str]:
        """Names of the migrations this file has had, in order."""
        if not self._has_table("schema_migrations"):
            return []
        rows = self.con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()
        return [str(name) for (name,) in rows]

    def pending_migrations(self) -> list[str]:
        """Names of the migrations not yet applied."""
        done = set(self.applied_migrations())
        return [m.name for m in MIGRATIONS if m.name not in done]

    def migrate(self) -> None:
        """Apply pending migrations, each in its own transaction."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "name VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)"
        )
        done = set(self.applied_migrations())
        for migration in MIGRATIONS:
            if migration.name in done:
                continue
            with self.transaction() as con:
                con.execute(migration.sql)
                con.execute("INSERT INTO schema_migrations (name) VALUES (?)", [migration.name])

    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are already stored."""
        wanted = list(set(ids))
        if not wanted:
            return set()
        rows = self.con.execute(
            "SELECT id FROM articles WHERE list_contains(?, id)", [wanted]
        ).fetchall()
        return {str(i) for (i,) in rows}

    def write_batch(
        self,
        records: Sequence[DocumentRecord],
        quarantined: Sequence[Quarantined],
        *,
        stories: StoryUpdate | None = None,
        alerts: AlertCheck | None = None,
    ) -> BatchResult:
        """Store new records and quarantine rows in one transaction; known ones are left
        alone. With `stories` (corroboration's update, handed in by the service: the
        store never produces records), the stories are brought up to date in the same
        transaction when they were before; otherwise they stay stale until
        `rebuild_stories`. With `alerts` too, the alerts the new events fire are stored
        in that transaction as well (a killed batch fires nothing, its rerun fires them)."""
        with self.transaction() as con:
            current = stories is not None and not self.stories_stale()
            known = self.known_article_ids(r.article.id for r in records)
            fresh: dict[str, DocumentRecord] = {}
            for record in records:
                if record.article.id not in known:
                    fresh.setdefault(record.article.id, record)
            dicts = [r.to_dict() for r in fresh.values()]
            for table, columns, rows in _rows_for(list(fresh.values()), dicts, quarantined):
                insert_rows(con, table, columns, rows)
            if stories is not None and current and fresh:
                stories(StoryIndex(con), dicts)
                _mark_stories_current(con)
                if alerts is not None:
                    alerts(con, [e.id for r in fresh.values() for e in r.events])
        return BatchResult(len(fresh), len(records) - len(fresh), len(quarantined))

    def stories_stale(self) -> bool:
        """Whether articles or events changed since the stories were last built."""
        built = self.con.execute("SELECT articles, events FROM corroboration_state").fetchall()
        now = self.con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)"
        ).fetchone()
        # No state row: stories never built, which an empty store does not need.
        return [tuple(now or ())] != ([tuple(row) for row in built] or [(0, 0)])

    def rebuild_stories(self, rebuild: StoryRebuild) -> Corroboration:
        """Rebuild every story and duplicate link from every stored record with
        corroboration's `rebuild`, in one transaction (for a store whose stories are
        stale, or rules that changed)."""
        with self.transaction() as con:
            corroboration = rebuild(StoryIndex(con), read.document_records(con))
            _mark_stories_current(con)
        return corroboration

    def add_alert_rules(
        self, rules: Sequence[tuple[str, str, dict[str, Any]]], *, replace: bool = False
    ) -> None:
        """Store alert rules, (name, kind, rule as JSON) each, all or none: a name
        already in use is an error, unless `replace` (the stored rule is replaced)."""
        with self.transaction() as con:
            names = [name for name, _, _ in rules]
            if replace:
                con.execute(
                    "DELETE FROM alert_rules WHERE name IN (SELECT unnest($names::VARCHAR[]))",
                    {"names": names},
                )
            taken = con.execute(
                "SELECT name FROM alert_rules WHERE name IN (SELECT unnest($names::VARCHAR[]))",
                {"names": names},
            ).fetchall()
            repeated = sorted({n for n in names if names.count(n) > 1})
            if taken or repeated:
                clash = ", ".join(sorted({str(n) for (n,) in taken} | set(repeated)))
                raise StoreError(
                    f"an alert rule named {clash} already exists; remove it first "
                    "(harmattan alerts remove NAME) or choose another name"
                )
            insert_rows(
                con,
                "alert_rules",
                ("name", "kind", "rule"),
                [(name, kind, json.dumps(rule)) for name, kind, rule in rules],
            )

    def remove_alert_rule(self, name: str) -> bool:
        """Delete an alert rule (its fired alerts stay); False when there was none."""
        with self.transaction() as con:
            row = con.execute(
                "DELETE FROM alert_rules WHERE name = ? RETURNING name", [name]
            ).fetchall()
        return bool(row)

    def _has_table(self, name: str) -> bool:
        row = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
        ).fetchone()
        return bool(row and row[0])


DatabaseError = duckdb.Error
"""What DuckDB raises; callers outside the store catch it under this name."""

_LOCK_HOLDER = re.compile(r"held in (\S+) \(PID (\d+)\)")


def describe_database_error(err: Exception, path: str | None = None) -> str:
    """One line for a database failure: what happened, to which file, what to do."""
    text = (str(err).strip().splitlines() or [type(err).__name__])[0]
    where = f"database {path}" if path else "the database"
    if "Could not set lock" in text:
        holder = _LOCK_HOLDER.search(text)
        who = f" (process {holder.group(2)}, {Path(holder.group(1)).name})" if holder else ""
        return (
            f"{where} is in use by another process{who}: wait for it to finish or stop it, "
            "then run this again"
        )
    if "not a valid DuckDB database" in text:
        return (
            f"{where} is not a harmattan database: point --db at one, or at a new file "
            "name to start one"
        )
    if "Could not read enough bytes" in text or "Corrupt" in text or "checksum" in text:
        return (
            f"{where} is truncated or damaged: restore it from a copy, or ingest again "
            "into a new file"
        )
    if "Permission denied" in text or "Read-only file system" in text:
        return f"cannot write {where}: permission denied; choose a writable folder for --db"
    if "No such file or directory" in text or "Not a directory" in text:
        folder = f" {Path(path).parent}" if path else ""
        return (
            f"cannot create {where}: its folder{folder} does not exist or is a file; "
            "create the folder or choose another --db"
        )
    return f"{where}: {text}"


def quarantine_id(item: Quarantined) -> str:
    """The same bad input in the same place for the same reason is one row; different
    input (another excerpt) failing the same way there is another row. Migration
    0005 computes the same id in SQL."""
    key = "\x1f".join((item.origin, item.location, item.reason, item.excerpt))
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _rows_for(
    records: Sequence[DocumentRecord],
    dicts: Sequence[dict[str, Any]],
    quarantined: Sequence[Quarantined],
) -> Iterator[tuple[str, tuple[str, ...], Rows]]:
    yield (
        "articles",
        ("id", "published", "source", "url", "title", "language", "text", "record"),
        [
            (a.id, a.published, a.source, a.url, a.title, a.language, a.text, _json(d))
            for r, d in zip(records, dicts, strict=True)
            for a in (r.article,)
        ],
    )
    yield (
        "entities",
        (
            *("article_id", "idx", "text", "start_char", "end_char", "label"),
            *("actor_id", "actor_name", "actor_country", "actor_sector"),
        ),
        [
            (r.article.id, i, e.text, e.start, e.end, e.label, *_actor_columns(e.actor))
            for r in records
            for i, e in enumerate(r.entities)
        ],
    )
    yield (
        "timexes",
        ("article_id", "idx", "text", "start_char", "end_char", "type", "value"),
        [
            (r.article.id, i, t.text, t.start, t.end, t.type.value, t.value)
            for r in records
            for i, t in enumerate(r.timexes)
        ],
    )
    yield (
        "places",
        (
            *("article_id", "idx", "text", "start_char", "end_char", "name", "geonameid"),
            *("country", "admin1", "lat", "lon", "feature", "precision"),
        ),
        [
            (
                *(r.article.id, i, p.text, p.start, p.end, p.name, p.geonameid),
                *(p.country, p.admin1, p.lat, p.lon, p.feature, p.precision.value),
            )
            for r in records
            for i, p in enumerate(r.places)
        ],
    )
    events = [(r.article, i, e) for r in records for i, e in enumerate(r.events)]
    yield "events", _EVENT_COLUMNS, [_event_row(a, i, e) for a, i, e in events]
    yield (
        "event_participants",
        (
            *("event_id", "role", "idx", "text", "start_char", "end_char"),
            *("actor_id", "name", "country", "sector"),
        ),
        [row for _, _, e in events for row in _participant_rows(e)],
    )
    yield (
        "quarantine",
        ("id", "origin", "location", "reason", "excerpt"),
        [(quarantine_id(q), q.origin, q.location, q.reason, q.excerpt) for q in quarantined],
    )


_EVENT_COLUMNS = (
    "id",
    "article_id",
    "idx",
    "type",
    "mode",
    "contexts",
    "factuality",
    "cameo_root",
    "quad_class",
    "score",
    "trigger_text",
    "trigger_start",
    "trigger_end",
    "sentence_start",
    "sentence_end",
    "date_start",
    "date_end",
    "date_precision",
    "date_source",
    "deadline_date",
    "deadline_status",
    "location_name",
    "location_country",
    "location_lat",
    "location_lon",
    "location_precision",
    "location_source",
    "attribution_text",
    "attribution_start",
    "attribution_end",
    "attribution_actor_id",
    "confidence",
    "day",
    "evidence",
    "countries",
    "parties",
)


def _event_row(article: Article, idx: int, e: Event) -> tuple[Any, ...]:
    loc, att, deadline = e.location.place, e.attribution, e.date.deadline
    return (
        e.id,
        article.id,
        idx,
        e.type,
        e.mode,
        list(e.contexts),
        e.factuality.value,
        e.cameo_root,
        e.quad_class,
        e.score,
        e.trigger.text,
        e.trigger.start,
        e.trigger.end,
        e.sentence.start,
        e.sentence.end,
        e.date.start,
        e.date.end,
        e.date.precision,
        e.date.source.value,
        deadline.date if deadline else None,
        deadline.status if deadline else None,
        loc.name if loc else None,
        loc.country if loc else None,
        loc.lat if loc else None,
        loc.lon if loc else None,
        e.location.precision.value,
        e.location.source.value,
        att.text if att else None,
        att.start if att else None,
        att.end if att else None,
        att.actor.id if att and att.actor else None,
        e.confidence,
        event_day(e, article),
        article.text[e.sentence.start : e.sentence.end],
        _event_countries(e),
        _json(
            {
                "actors": [_party(p) for p in e.actors],
                "recipients": [_party(p) for p in e.recipients],
            }
        ),
    )


def event_day(event: Event, article: Article) -> dt.date:
    """The day an event is listed and counted under: its end, else its start, else publication."""
    return event.date.end or event.date.start or article.published


def _event_countries(event: Event) -> list[str]:
    """The countries an event involves, sorted: its place's and its parties'."""
    found = {p.actor.country for p in (*event.actors, *event.recipients) if p.actor.country}
    place = event.location.place
    if place is not None and place.country:
        found.add(place.country)
    return sorted(found)


def _party(p: Participant) -> dict[str, Any]:
    a = p.actor
    return {"text": p.text, "start": p.start, "end": p.end, "id": a.id, "name": a.name,
            "country": a.country, "sector": a.sector}  # fmt: skip


def _participant_rows(e: Event) -> Iterator[tuple[Any, ...]]:
    roles: tuple[tuple[str, tuple[Participant, ...]], ...] = (
        ("actor", e.actors),
        ("recipient", e.recipients),
    )
    for role, participants in roles:
        for i, p in enumerate(participants):
            yield (e.id, role, i, p.text, p.start, p.end, *_actor_columns(p.actor))


def _actor_columns(actor: Actor | None) -> tuple[str | None, ...]:
    if actor is None:
        return (None, None, None, None)
    return (actor.id, actor.name, actor.country, actor.sector)


def _json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def _mark_stories_current(con: duckdb.DuckDBPyConnection) -> None:
    """Record which store content the stories now reflect (see migration 0003)."""
    con.execute("DELETE FROM corroboration_state")
    con.execute(
        "INSERT INTO corroboration_state SELECT (SELECT count(*) FROM articles),"
        " (SELECT count(*) FROM events)"
    )


def write_alerts(con: duckdb.DuckDBPyConnection, alerts: Sequence[Alert]) -> list[Alert]:
    """Store the alerts not stored before (by id: a rule fires once per key), in order;
    returns those."""
    ids = list(dict.fromkeys(a.id for a in alerts))
    known = {
        str(i)
        for (i,) in con.execute(
            "SELECT id FROM alerts WHERE id IN (SELECT unnest($ids::VARCHAR[]))", {"ids": ids}
        ).fetchall()
    }
    new: dict[str, Alert] = {}
    for alert in alerts:
        if alert.id not in known:
            new.setdefault(alert.id, alert)
    row = con.execute("SELECT coalesce(max(seq), 0) FROM alerts").fetchone()
    first = int(row[0]) + 1 if row else 1
    insert_rows(
        con,
        "alerts",
        (
            *("id", "rule", "kind", "key", "as_of", "seq", "story_ids", "event_ids"),
            *("country", "summary", "evidence"),
        ),
        [
            (
                *(a.id, a.rule, a.kind.value, a.key, a.as_of, first + n, list(a.story_ids)),
                *(list(a.event_ids), a.country, a.summary),
                json.dumps([dataclasses.asdict(e) for e in a.evidence], default=str),
            )
            for n, a in enumerate(new.values())
        ],
    )
    return list(new.values())
