"""Each batch updates the stories it touches; the result equals a full rebuild, whatever
the order and size of the batches."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from harmattan.cli import sample_corpus
from harmattan.corroborate import Remembered, corroborate, rebuild_stories, update_stories
from harmattan.ingest import ReadOptions, read_sources
from harmattan.pipeline import Resources, extract_many
from harmattan.records import SCHEMA, Article, DocumentRecord, document_from_dict
from harmattan.store import read
from harmattan.store.db import Store
from tests.cli_helpers import run_cli


@pytest.fixture(scope="module")
def records(resources: Resources) -> list[DocumentRecord]:
    """The sample corpus, plus lightly edited copies of some of its articles published a
    day earlier or two days later (so that copies and originals swap places)."""
    articles = [
        a for a in read_sources([str(sample_corpus())], ReadOptions()) if isinstance(a, Article)
    ]
    copies = [
        dataclasses.replace(
            a,
            id=f"{a.id}-copy",
            published=a.published + dt.timedelta(days=-1 if n % 3 == 0 else 2),
            source="Copy Wire",
            text=a.text + "\n\nThis report was updated.",
        )
        for n, a in enumerate(articles[:12])
    ]
    return list(extract_many([*articles, *copies], resources))


def _stored(store: Store) -> tuple[list[str], list[tuple[Any, ...]]]:
    stories = store.con.execute("SELECT record FROM stories").fetchall()
    duplicates = store.con.execute("SELECT * FROM article_duplicates").fetchall()
    return (
        sorted(json.dumps(json.loads(r), sort_keys=True) for (r,) in stories),
        sorted(duplicates),
    )


def _rebuilt(store: Store) -> tuple[list[str], list[tuple[Any, ...]]]:
    full = corroborate(read.document_records(store.con))
    return (
        sorted(json.dumps(s.to_dict(), sort_keys=True) for s in full.stories),
        sorted((d.article_id, d.original_id, d.similarity) for d in full.duplicates),
    )


# A writer remembers stored reports from batch to batch (none, a few: most are read
# again, or all of them); what it remembers never changes the stories.
@pytest.mark.parametrize(
    ("seed", "size", "remembered"), [(0, 2, None), (1, 5, 3), (2, 13, 20_000), (3, 54, None)]
)
def test_batches_in_any_order_and_size_give_the_stories_of_a_full_rebuild(
    tmp_path: Path, records: list[DocumentRecord], seed: int, size: int, remembered: int | None
) -> None:
    order = list(records)
    random.Random(seed).shuffle(order)
    update = (
        partial(update_stories, remembered=Remembered(remembered))
        if remembered is not None
        else update_stories
    )
    with Store(tmp_path / "desk.duckdb") as store:
        for start in range(0, len(order), size):
            store.write_batch(order[start : start + size], [], stories=update)
            # Updated in the batch's own transaction: never stale between batches.
            assert not store.stories_stale()
        stories, duplicates = _stored(store)
        assert (stories, duplicates) == _rebuilt(store)
    assert len(duplicates) == 12
    assert len(stories) > 150
    multi = [json.loads(s) for s in stories if len(json.loads(s)["mentions"]) > 1]
    assert multi, "the corpus has stories reported more than once"


def test_a_batch_written_without_the_update_leaves_stories_stale_until_rebuilt(
    tmp_path: Path, records: list[DocumentRecord]
) -> None:
    with Store(tmp_path / "bulk.duckdb") as store:
        store.write_batch(records, [])
        assert store.stories_stale()
        assert store.con.execute("SELECT count(*) FROM stories").fetchone() == (0,)
        store.rebuild_stories(rebuild_stories)
        assert not store.stories_stale()
        rebuilt = _stored(store)
        assert rebuilt == _rebuilt(store)
        # Index rows exist for every mention, so later batches update from here.
        events = store.con.execute("SELECT count(*) FROM events").fetchone()
        assert store.con.execute("SELECT count(*) FROM mention_identity").fetchone() == events


def test_stories_rebuild_command_rebuilds_and_reports(
    tmp_path: Path, records: list[DocumentRecord]
) -> None:
    db = tmp_path / "desk.duckdb"
    with Store(db) as store:
        store.write_batch(records[:20], [], stories=update_stories)
        before = _stored(store)
        store.con.execute("DELETE FROM story_mentions")
    done = run_cli("stories", "--rebuild", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "rebuilt" in done.stderr
    with Store(db) as store:
        assert _stored(store) == before
        assert store.con.execute("SELECT count(*) FROM story_mentions").fetchone() != (0,)


def _synthetic(n: int, rng: random.Random) -> dict[str, Any]:
    """A made-up article whose events vary in everything identity compares: type, roles,
    parties, date width (a day to unbounded), date source and place."""
    published = dt.date(2024, 3, 1) + dt.timedelta(days=rng.randrange(20))
    text = f"Report {n}: the parties met and one of them rejected what the other asked."
    events = []
    for index in range(rng.randrange(1, 5)):
        day = published - dt.timedelta(days=rng.randrange(6))
        start, end = {
            0: (day, day),
            1: (day - dt.timedelta(days=3), day + dt.timedelta(days=3)),
            2: (day.replace(day=1), day.replace(day=28)),
            3: (None, published),
            4: (day, None),
        }[rng.choice((0, 0, 1, 2, 3, 4))]
        place, source = rng.choice(
            ((None, "none"), ("NER", "text"), ("MLI", "text"), ("MLI", "focus"))
        )
        events.append(
            {
                "id": f"e{n}-{index}", "type": rng.choice(("REJECT", "REJECT", "THREATEN")),
                "mode": None, "contexts": [], "factuality": "asserted", "cameo_root": "12",
                "quad_class": 3, "score": -4.0,
                "actors": [_party(rng) for _ in range(rng.choice((0, 1, 1, 2)))],
                "recipients": [_party(rng) for _ in range(rng.choice((0, 1, 1)))],
                "trigger": {"text": "rejected", "start": 40, "end": 48},
                "sentence": {"start": 0, "end": len(text)},
                "date": {
                    "start": start and start.isoformat(), "end": end and end.isoformat(),
                    "precision": "day", "source": rng.choice(("text", "publication")),
                    "timex": None, "deadline": None,
                },
                "location": {
                    "text": "there", "start": 0, "end": 6, "name": place, "geonameid": None,
                    "country": place, "admin1": None, "lat": None, "lon": None,
                    "feature": "country", "precision": "country", "source": source,
                },
                "attribution": None, "confidence": 0.8,
            }
        )  # fmt: skip
    return {
        "schema": SCHEMA,
        "article": {
            "id": f"a{n}", "published": published.isoformat(), "source": f"Outlet {n % 7}",
            "url": None, "title": None, "language": "en",
            "text": text if n % 5 else f"{text} Wire copy {n % 3}.",
        },
        "sentences": [{"start": 0, "end": len(text)}], "entities": [], "timexes": [],
        "places": [], "events": events,
    }  # fmt: skip


def _party(rng: random.Random) -> dict[str, Any]:
    country = rng.choice(("NER", "MLI", "BFA"))
    sector = rng.choice(("GOV", "MIL"))
    return {
        "text": "parties", "start": 8, "end": 15, "id": f"{country}-{sector}-{rng.randrange(2)}",
        "name": f"{country} {sector}", "country": country, "sector": sector,
    }  # fmt: skip


def _story_index(store: Store) -> list[list[tuple[Any, ...]]]:
    return [
        sorted(store.con.execute(f"SELECT * FROM {table}").fetchall())
        for table in ("story_state", "story_keys", "mention_identity", "article_bands")
    ]


# Some stores begin with a bulk load and its rebuild, then take batches.
@pytest.mark.parametrize(
    ("seed", "size", "bulk"), [(10, 2, 0), (11, 7, 0), (12, 40, 0), (13, 9, 100)]
)
def test_crowded_made_up_reports_give_the_stories_of_a_full_rebuild_in_any_batches(
    tmp_path: Path, seed: int, size: int, bulk: int
) -> None:
    """Many reports sharing few parties, with dates from one day to unbounded: each new
    report can join, split or reorder stories stored long before it."""
    rng = random.Random(seed)
    records = [document_from_dict(_synthetic(n, rng)) for n in range(160)]
    with Store(tmp_path / "crowded.duckdb") as store:
        store.write_batch(records[:bulk], [])
        store.rebuild_stories(rebuild_stories)
        for start in range(bulk, len(records), size):
            store.write_batch(
                records[start : start + size], [],
                stories=partial(update_stories, remembered=Remembered(50)),
            )  # fmt: skip
        stories, duplicates = _stored(store)
        assert (stories, duplicates) == _rebuilt(store)
        # What later batches will read of the stories is what a rebuild writes.
        updated = _story_index(store)
        store.rebuild_stories(rebuild_stories)
        assert _story_index(store) == updated
    multi = [json.loads(s) for s in stories if len(json.loads(s)["mentions"]) > 2]
    assert len(multi) > 10
    assert duplicates, "the wire copies are near-duplicates"
