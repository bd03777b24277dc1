"""pandas DataFrames of a store built from the real sample corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pytest

from harmattan.cli import sample_corpus
from harmattan.errors import StoreError
from harmattan.frames import events_frame, stories_frame
from harmattan.ingest import ReadOptions, read_sources
from harmattan.pipeline import Resources
from harmattan.records import Factuality
from harmattan.service import ingest
from harmattan.store.db import Store
from harmattan.store.read import EventFilter, StoryFilter, events_sql


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> Path:
    """The sample corpus, ingested once for the module."""
    path = tmp_path_factory.mktemp("frames") / "h.duckdb"
    with Store(path) as store:
        ingest(read_sources([str(sample_corpus())], ReadOptions()), store, resources)
    return path


def _rows(db: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_events_frame_has_every_event_once(db: Path) -> None:
    frame = events_frame(db)
    ids = frame["event_id"].tolist()
    assert len(ids) == len(set(ids))
    assert set(ids) == {row[0] for row in _rows(db, "SELECT id FROM events")}


def test_events_frame_applies_the_filter_in_listing_order(db: Path) -> None:
    query = EventFilter(country="NER", factuality=Factuality.ASSERTED)
    frame = events_frame(str(db), query)
    sql, params = events_sql(query)
    assert frame["event_id"].tolist() == [row[0] for row in _rows(db, sql, params)]
    assert set(frame["factuality"]) == {"asserted"}


def test_events_frame_keeps_parties_as_lists_and_dates_as_dates(db: Path) -> None:
    frame = events_frame(db, EventFilter(type="SANCTION"))
    first = frame.iloc[0]
    parties = _rows(
        db,
        "SELECT name FROM event_participants WHERE event_id = ? AND role = 'actor' ORDER BY idx",
        [first["event_id"]],
    )
    assert list(first["actor_names"]) == [name for (name,) in parties]
    assert first["published"].date() <= dt.date.today()
    assert set(frame["type"]) == {"SANCTION"}


def test_events_frame_links_each_event_to_its_story(db: Path) -> None:
    frame = events_frame(db)
    stories = dict(_rows(db, "SELECT event_id, story_id FROM story_mentions"))
    assert dict(zip(frame["event_id"], frame["story_id"], strict=True)) == stories


def test_stories_frame_has_every_story(db: Path) -> None:
    frame = stories_frame(db)
    assert sorted(frame["story_id"]) == sorted(
        row[0] for row in _rows(db, "SELECT id FROM stories")
    )
    assert frame["mentions"].sum() == _rows(db, "SELECT count(*) FROM story_mentions")[0][0]


def test_stories_frame_applies_the_filter(db: Path) -> None:
    frame = stories_frame(db, StoryFilter(min_sources=2))
    expected = _rows(db, "SELECT id FROM stories WHERE sources >= 2")
    assert expected, "the sample corpus has stories that several sources report"
    assert set(frame["story_id"]) == {row[0] for row in expected}
    assert (frame["sources"] >= 2).all()


def test_events_frame_on_a_missing_store_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="ingest something first"):
        events_frame(tmp_path / "none.duckdb")
