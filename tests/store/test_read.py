"""The read layer: event, article, quarantine and count queries, and their CSV, JSON and
Parquet exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from harmattan.records import (
    Actor,
    DateSource,
    DocumentRecord,
    EventDate,
    Factuality,
    Quarantined,
)
from harmattan.store import read
from harmattan.store.db import Store
from harmattan.store.export import write_csv, write_json_lines, write_parquet
from tests.factories import article, make_event, participant

ECOWAS = Actor("ecowas", "Economic Community of West African States", "IGO", None)
NIGER = Actor("ner-junta", "Niger military junta", "NER", "MIL")
WAGNER = Actor("wagner", "Wagner Group", "IMG", None)
SUDAN = Actor("sdn-rsf", "Rapid Support Forces", "SDN", "REB")


def _records() -> list[DocumentRecord]:
    sanction = article("ECOWAS imposed sanctions on Niger.", "2023-07-31")
    appeal = article("The junta may ask Wagner for help.", "2023-08-05")
    attack = article("The RSF attacked El Fasher.", "2023-11-02")
    return [
        DocumentRecord(
            sanction,
            events=(
                make_event(
                    sanction,
                    type="SANCTION",
                    trigger=(7, 24),
                    actors=(participant(sanction, "ECOWAS", ECOWAS),),
                    recipients=(participant(sanction, "Niger", NIGER),),
                    date=EventDate(
                        dt.date(2023, 7, 30), dt.date(2023, 7, 30), "day", DateSource.TEXT
                    ),
                ),
            ),
        ),
        DocumentRecord(
            appeal,
            events=(
                make_event(
                    appeal,
                    trigger=(14, 17),
                    factuality=Factuality.HYPOTHETICAL,
                    actors=(participant(appeal, "The junta", NIGER),),
                    recipients=(participant(appeal, "Wagner", WAGNER),),
                ),
            ),
        ),
        DocumentRecord(
            attack,
            events=(
                make_event(
                    attack,
                    type="ASSAULT",
                    trigger=(8, 16),
                    actors=(participant(attack, "RSF", SUDAN),),
                ),
            ),
        ),
    ]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A real DuckDB file holding three coded articles and one quarantined input."""
    with Store(tmp_path / "h.duckdb") as opened:
        opened.write_batch(_records(), [Quarantined("x.pdf", "file", "unknown file type", "")])
        yield opened


def _types(store: Store, f: read.EventFilter) -> list[str]:
    return [row["type"] for row in read.list_events(store.con, f).dicts()]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (read.EventFilter(), ["SANCTION", "REQUEST", "ASSAULT"]),
        (read.EventFilter(country="NER"), ["SANCTION", "REQUEST"]),
        (read.EventFilter(country="ner", since=dt.date(2023, 7, 31)), ["REQUEST"]),
        (read.EventFilter(until=dt.date(2023, 7, 30)), ["SANCTION"]),
        (read.EventFilter(type="assault"), ["ASSAULT"]),
        (read.EventFilter(factuality=Factuality.HYPOTHETICAL), ["REQUEST"]),
        (read.EventFilter(actor="wagner"), ["REQUEST"]),
        (read.EventFilter(actor="Rapid Support"), ["ASSAULT"]),
        (read.EventFilter(limit=1), ["SANCTION"]),
        (read.EventFilter(country="FRA"), []),
    ],
)
def test_list_events_filters(store: Store, query: read.EventFilter, expected: list[str]) -> None:
    assert _types(store, query) == expected


def test_list_events_rows_carry_actors_and_evidence(store: Store) -> None:
    (row,) = read.list_events(store.con, read.EventFilter(type="SANCTION")).dicts()
    assert row["actors"] == "IGO (ECOWAS)"
    assert row["recipients"] == "NER MIL (Niger)"
    assert row["evidence"] == "ECOWAS imposed sanctions on Niger."
    assert row["trigger"] == "imposed sanctions"
    assert row["date_start"] == dt.date(2023, 7, 30)


def test_export_events_as_csv_and_json_lines(store: Store) -> None:
    table = read.list_events(store.con, read.EventFilter(country="NER"))
    out = io.StringIO()
    write_csv(table, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["type"] for r in rows] == ["SANCTION", "REQUEST"]
    assert rows[0]["date_start"] == "2023-07-30"
    out = io.StringIO()
    write_json_lines(table, out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["factuality"] for r in lines] == ["asserted", "hypothetical"]
    assert lines[1]["published"] == "2023-08-05"


def test_export_events_as_parquet_is_readable(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "events.parquet"
    sql, params = read.events_sql(read.EventFilter(country="NER"))
    assert write_parquet(store, sql, params, target) == 2
    query = f"SELECT type, recipients FROM read_parquet('{target}')"
    rows = duckdb.connect().execute(query).fetchall()
    assert rows == [("SANCTION", "NER MIL (Niger)"), ("REQUEST", "IMG (Wagner)")]


def test_list_articles_and_summary_count_what_is_stored(store: Store) -> None:
    articles = read.list_articles(store.con).dicts()
    assert [a["published"] for a in articles] == [
        dt.date(2023, 11, 2),
        dt.date(2023, 8, 5),
        dt.date(2023, 7, 31),
    ]
    assert all(a["events"] == 1 for a in articles)
    (source,) = read.summary(store.con).dicts()
    assert (source["source"], source["articles"], source["events"]) == ("Test Wire", 3, 3)


def test_find_article_id_accepts_a_unique_id_prefix(store: Store) -> None:
    first = _records()[0].article
    found = read.find_article_id(store.con, first.id[:6])
    assert found == first.id
    record = read.article_record(store.con, found)
    assert record is not None
    assert record["article"]["text"] == first.text
    assert read.find_article_id(store.con, "") is None
    assert read.find_article_id(store.con, "zz-no-such-id") is None
    assert read.article_record(store.con, first.id[:6]) is None


def test_list_quarantine_shows_reason(store: Store) -> None:
    assert read.list_quarantine(store.con).dicts() == [
        {"origin": "x.pdf", "location": "file", "reason": "unknown file type", "excerpt": ""}
    ]


def test_stats_counts_reports_and_stories_under_one_name_each(store: Store) -> None:
    stats = read.stats(store.con)
    assert (stats.articles, stats.events, stats.quarantined) == (3, 3, 1)
    # Corroboration has not run over this store: no story yet, whatever the reports.
    assert (stats.stories, stats.corroborated, stats.duplicates) == (0, 0, 0)
    assert (stats.first_published, stats.last_published) == (
        dt.date(2023, 7, 31),
        dt.date(2023, 11, 2),
    )
    table = stats.table()
    assert table.dicts() == [stats.to_dict()]
    assert table.columns[:4] == ("articles", "duplicates", "events", "stories")


def test_article_listing_filters_on_words_and_pages(store: Store) -> None:
    assert read.count_articles(store.con) == 3
    assert read.count_articles(store.con, text="wagner") == 1
    (only,) = read.list_articles(store.con, text="WAGNER").dicts()
    assert only["published"] == dt.date(2023, 8, 5)
    second = read.list_articles(store.con, limit=1, offset=1).dicts()
    assert [a["published"] for a in second] == [dt.date(2023, 8, 5)]


def test_an_actor_named_several_ways_is_listed_under_its_most_used_name(tmp_path: Path) -> None:
    names = ["Niger soldier", "Niger junta", "Niger junta", "Niger army", "Niger army"]
    records = []
    for i, name in enumerate(names):
        text = f"{name} closed the border with Benin on day {i}."
        found = article(text, f"2023-08-0{i + 1}")
        actor = Actor("ner-mil", name, "NER", "MIL")
        benin = Actor("ben", "Benin", "BEN", None)
        event = make_event(
            found,
            type="COERCE",
            trigger=(len(name) + 1, len(name) + 7),
            actors=(participant(found, name, actor),),
            recipients=(participant(found, "Benin", benin),),
        )
        records.append(DocumentRecord(found, events=(event,)))
    with Store(tmp_path / "h.duckdb") as store:
        store.write_batch(records, [])
        # "Niger army" and "Niger junta" are used twice each: the tie goes to the alphabet.
        for _ in range(3):
            (niger,) = [a for a in read.actors(store.con, 10) if a["id"] == "ner-mil"]
            assert (niger["name"], niger["events"], niger["as_actor"]) == ("Niger army", 5, 5)
            nodes = read.graph(store.con, read.EventFilter(), 10)["nodes"]
            assert [n["name"] for n in nodes] == ["Benin", "Niger army"]
