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
from harmattan.records import Article, DocumentRecord
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
