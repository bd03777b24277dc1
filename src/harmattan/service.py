"""The ingest run: read → skip what is known → extract → store → refresh the stories.

This is the application's service: the CLI, the API's ingest route and the loading of
Spark output all call it. It is the one place where the pipeline, the store and
corroboration meet; each batch is one transaction.

Re-running the same ingest is a no-op for what is stored; after a crash or a
kill, re-running it completes the work without duplicates, because every batch
commits whole and stored article ids are skipped before any NLP is done.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from harmattan.corroborate import corroborate
from harmattan.nlp import DEFAULT_BATCH_SIZE
from harmattan.pipeline import Resources, extract_each
from harmattan.records import Article, Quarantined
from harmattan.store import read
from harmattan.store.db import BatchResult, Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """Totals of one ingest run."""

    ingested: int
    already_known: int
    quarantined: int
    batches: int

    @property
    def read_anything(self) -> bool:
        """False when no input could be read as an article."""
        return self.ingested + self.already_known > 0


def ingest(
    items: Iterable[Article | Quarantined],
    store: Store,
    resources: Resources,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: Callable[[BatchResult], None] | None = None,
) -> IngestSummary:
    """Store every article and quarantined item, committing one batch at a time."""
    ingested = known = quarantined = batches = 0
    for batch in _batches(items, batch_size):
        stored = store.known_article_ids(batch.articles)
        fresh = [a for a in batch.articles.values() if a.id not in stored]
        extracted = list(extract_each(fresh, resources, batch_size))
        records = [r for r in extracted if not isinstance(r, Quarantined)]
        failed = [r for r in extracted if isinstance(r, Quarantined)]
        written = store.write_batch(records, [*batch.quarantined, *failed])
        result = BatchResult(
            written.inserted,
            written.already_known + len(stored) + batch.duplicates,
            written.quarantined,
        )
        batches += 1
        ingested += result.inserted
        known += result.already_known
        quarantined += result.quarantined
        log.info(
            "committed batch %d: %d new, %d known, %d quarantined",
            batches,
            result.inserted,
            result.already_known,
            result.quarantined,
        )
        if on_batch is not None:
            on_batch(result)
    refresh_stories(store)
    return IngestSummary(ingested, known, quarantined, batches)


def refresh_stories(store: Store) -> bool:
    """Rebuild the stories from every stored record if the store changed; True if rebuilt.

    Corroboration looks across all articles, so it runs over the whole store in one
    transaction: the result is the same whatever order the articles came in, and a run
    killed mid-way is redone by the next ingest.
    """
    if not store.stories_stale():
        return False
    store.replace_stories(corroborate(read.document_records(store.con)))
    log.info("rebuilt the stories")
    return True


@dataclass(slots=True)
class _Batch:
    articles: dict[str, Article] = field(default_factory=dict)
    quarantined: list[Quarantined] = field(default_factory=list)
    duplicates: int = 0

    def full(self, size: int) -> bool:
        return len(self.articles) >= size or len(self.quarantined) >= size


def _batches(items: Iterable[Article | Quarantined], size: int) -> Iterator[_Batch]:
    """Group the stream into batches; an article repeated within a batch counts once."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    batch = _Batch()
    for item in items:
        if isinstance(item, Quarantined):
            batch.quarantined.append(item)
        elif item.id in batch.articles:
            batch.duplicates += 1
        else:
            batch.articles[item.id] = item
        if batch.full(size):
            yield batch
            batch = _Batch()
    if batch.articles or batch.quarantined or batch.duplicates:
        yield batch


@dataclass(frozen=True, slots=True)
class LoadSummary:
    """Totals of one load of Spark output."""

    loaded: int
    already_known: int
    quarantined: int


def load_spark_output(store: Store, directory: str, batch_size: int = 500) -> LoadSummary:
    """Store the records and quarantine rows a Spark run wrote under `directory`.

    Like ingest, each batch is one transaction and known articles are left alone, so a
    load can be repeated or resumed; the stories are rebuilt at the end.
    """
    loaded = known = 0
    for records in read.spark_records(store.con, directory, batch_size):
        written = store.write_batch(records, [])
        loaded += written.inserted
        known += written.already_known
    bad = read.spark_quarantine(store.con, directory)
    if bad:
        store.write_batch([], bad)
    refresh_stories(store)
    return LoadSummary(loaded, known, len(bad))
