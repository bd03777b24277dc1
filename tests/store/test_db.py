"""The DuckDB store: named migrations, one transaction per batch, idempotent writes."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from harmattan.errors import StoreError
from harmattan.pipeline import Resources, extract
from harmattan.records import Actor, DocumentRecord, Quarantined
from harmattan.store import read
from harmattan.store.db import Store, default_db_path, quarantine_id
from harmattan.store.migrations import INITIAL, MIGRATIONS, TABLES
from tests.factories import article, make_event, participant

TEXT = "ECOWAS imposed sanctions on Niger on Sunday, officials in Abuja said."


@pytest.fixture
def record(resources: Resources) -> DocumentRecord:
    """A real record of a short article, with one hand-built event on top."""
    base = extract(article(TEXT), resources)
    ecowas = Actor("ecowas", "ECOWAS", "IGO", None)
    niger = Actor("ner", "Niger", "NER", "GOV")
    event = make_event(
        base.article,
        type="SANCTION",
        trigger=(7, 24),
        actors=(participant(base.article, "ECOWAS", ecowas),),
        recipients=(participant(base.article, "Niger", niger),),
    )
    return DocumentRecord(base.article, base.sentences, base.entities, events=(event,))


def test_store_applies_named_migrations_once(tmp_path: Path) -> None:
    path = tmp_path / "h.duckdb"
    with Store(path) as store:
        assert store.applied_migrations() == [m.name for m in MIGRATIONS]
        assert store.pending_migrations() == []
    with Store(path) as store:
        rows = store.con.execute("SELECT count(*) FROM schema_migrations").fetchone()
        assert rows == (len(MIGRATIONS),)
        assert set(read.table_counts(store.con)) == set(TABLES)


def test_store_write_batch_stores_every_table(tmp_path: Path, record: DocumentRecord) -> None:
    bad = Quarantined("feed.jsonl", "line 3", "missing field 'text'", '{"published": "x"}')
    with Store(tmp_path / "h.duckdb") as store:
        result = store.write_batch([record], [bad])
        counts = read.table_counts(store.con)
        participants = store.con.execute(
            "SELECT role, country, text FROM event_participants ORDER BY role"
        ).fetchall()
    assert (result.inserted, result.already_known, result.quarantined) == (1, 0, 1)
    assert counts["articles"] == 1
    assert counts["entities"] == len(record.entities) > 0
    assert counts["events"] == 1
    assert counts["quarantine"] == 1
    assert participants == [("actor", "IGO", "ECOWAS"), ("recipient", "NER", "Niger")]


def test_store_write_batch_twice_changes_nothing(tmp_path: Path, record: DocumentRecord) -> None:
    bad = Quarantined("feed.jsonl", "line 3", "missing field 'text'", "")
    with Store(tmp_path / "h.duckdb") as store:
        store.write_batch([record], [bad])
        before = read.table_counts(store.con)
        again = store.write_batch([record, record], [bad])
        assert read.table_counts(store.con) == before
    assert (again.inserted, again.already_known) == (0, 2)


def test_store_failed_batch_leaves_nothing_behind(tmp_path: Path, record: DocumentRecord) -> None:
    with Store(tmp_path / "h.duckdb") as store:
        with pytest.raises(duckdb.Error), store.transaction() as con:  # noqa: PT012
            # The first statement succeeds; the second fails and must take it back.
            con.execute("INSERT INTO quarantine VALUES ('q', 'o', 'l', 'r', 'e')")
            con.execute("INSERT INTO no_such_table VALUES (1)")
        assert read.table_counts(store.con)["quarantine"] == 0


def test_store_record_column_round_trips_the_document(
    tmp_path: Path, record: DocumentRecord
) -> None:
    with Store(tmp_path / "h.duckdb") as store:
        store.write_batch([record], [])
        (stored,) = (
            store.con.execute("SELECT record->>'$.article.text' FROM articles").fetchone() or ()
        )
    assert stored == TEXT


def test_store_read_only_on_a_missing_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no database at .*ingest something first"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_default_db_path_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARMATTAN_DB", "/data/feeds.duckdb")
    assert default_db_path() == "/data/feeds.duckdb"
    monkeypatch.delenv("HARMATTAN_DB")
    assert default_db_path() == "harmattan.duckdb"


def test_store_migration_marks_stored_events_without_a_place_unknown(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(INITIAL.sql)
    con.execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    con.execute("INSERT INTO schema_migrations (name) VALUES (?)", [INITIAL.name])
    for event_id, place in (("placed", "Niamey"), ("unplaced", None)):
        con.execute(
            "INSERT INTO events (id, article_id, idx, type, contexts, factuality, trigger_text,"
            " trigger_start, trigger_end, sentence_start, sentence_end, date_precision,"
            " date_source, location_name, location_precision, confidence)"
            " VALUES (?, 'a', 0, 'PROTEST', [], 'asserted', 'marched', 0, 7, 0, 20, 'unknown',"
            " 'publication', ?, ?, 0.5)",
            [event_id, place, "city" if place else None],
        )
    con.close()
    with Store(path) as store:
        rows = store.con.execute(
            "SELECT id, location_precision, location_source FROM events ORDER BY id"
        ).fetchall()
        assert store.pending_migrations() == []
    assert rows == [("placed", "city", None), ("unplaced", "unknown", "none")]


def test_store_quarantine_rows_differing_only_in_excerpt_are_two_rows(tmp_path: Path) -> None:
    # Two different bad bodies failing the same way at the same line once left one row.
    first = Quarantined("POST /api/ingest", "line 2", "missing publication date", '{"text": "a"}')
    second = Quarantined("POST /api/ingest", "line 2", "missing publication date", '{"text": "b"}')
    with Store(tmp_path / "h.duckdb") as store:
        store.write_batch([], [first])
        store.write_batch([], [second, first])
        rows = store.con.execute("SELECT excerpt FROM quarantine ORDER BY excerpt").fetchall()
    assert rows == [('{"text": "a"}',), ('{"text": "b"}',)]


def test_store_migration_rekeys_stored_quarantine_rows_as_new_ones_are_keyed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(INITIAL.sql)
    con.execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    con.execute("INSERT INTO schema_migrations (name) VALUES (?)", [INITIAL.name])
    con.execute(
        "INSERT INTO quarantine VALUES ('old-id', 'feed.jsonl', 'line 3', 'not JSON', 'séance{')"
    )
    con.close()
    item = Quarantined("feed.jsonl", "line 3", "not JSON", "séance{")
    with Store(path) as store:
        assert store.con.execute("SELECT id FROM quarantine").fetchall() == [(quarantine_id(item),)]
        # Re-ingesting the same bad line adds nothing.
        assert store.write_batch([], [item]).quarantined == 1
        assert store.con.execute("SELECT count(*) FROM quarantine").fetchone() == (1,)


def test_store_keeps_how_each_event_location_was_chosen(
    tmp_path: Path, record: DocumentRecord
) -> None:
    with Store(tmp_path / "h.duckdb") as store:
        store.write_batch([record], [])
        row = store.con.execute(
            "SELECT location_name, location_precision, location_source FROM events"
        ).fetchone()
    assert row == (None, "unknown", "none")


def test_store_read_only_on_an_old_file_says_which_migrations_it_needs(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(INITIAL.sql)
    con.execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    con.execute("INSERT INTO schema_migrations (name) VALUES (?)", [INITIAL.name])
    con.close()
    with pytest.raises(StoreError, match=r"needs migrations \['0002_event_location_source'"):
        Store(path, read_only=True)


def test_store_migration_gives_stored_events_the_countries_and_parties_a_new_write_stores(
    tmp_path: Path, record: DocumentRecord
) -> None:
    path = tmp_path / "old.duckdb"
    columns = "SELECT id, countries, parties::VARCHAR FROM events"
    with Store(path) as store:
        store.write_batch([record], [])
        written = store.con.execute(columns).fetchall()
        page = read.event_page(store.con, read.EventFilter(), 10, 0).items
        # The store as it was before the events carried them.
        store.con.execute("ALTER TABLE events DROP COLUMN countries")
        store.con.execute("ALTER TABLE events DROP COLUMN parties")
        store.con.execute("DELETE FROM schema_migrations WHERE name LIKE '0007%'")
    with Store(path) as store:
        migrated = store.con.execute(columns).fetchall()
        by_party = read.list_events(store.con, read.EventFilter(country="igo")).rows
        assert read.event_page(store.con, read.EventFilter(), 10, 0).items == page
    assert [(event_id, countries) for event_id, countries, _ in written] == [
        (record.events[0].id, ["IGO", "NER"])
    ]
    assert [json.loads(parties) for _, _, parties in migrated] == [
        json.loads(parties) for _, _, parties in written
    ]
    assert [p["name"] for p in page[0]["actors"]] == ["ECOWAS"]
    assert [p["id"] for p in page[0]["recipients"]] == ["ner"]
    assert [row[0] for row in by_party] == [record.events[0].id]
