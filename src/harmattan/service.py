"""The ingest run: read → skip what is known → extract → store with the stories it touches.

This is the application's service: the CLI, the API's ingest route and the loading of
Spark output all call it. It is the one place where the pipeline, the store and
corroboration meet; each batch is one transaction.

Re-running the same ingest is a no-op for what is stored; after a crash or a
kill, re-running it completes the work without duplicates, because every batch
commits whole and stored article ids are skipped before any NLP is done.

`WorkerPool` runs the NLP in worker processes while this process, the one writer,
commits batches in input order; `watch` is the loop of `harmattan serve --watch`.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import forkserver
from types import TracebackType
from typing import Any

from threadpoolctl import threadpool_limits

from harmattan.alerts.check import BatchAlerts
from harmattan.corroborate import update as story_updates
from harmattan.corroborate.dedup import ArticleText, Signed, sign
from harmattan.events.codebook import Codebook
from harmattan.ingest.watch import FolderWatch
from harmattan.nlp import DEFAULT_BATCH_SIZE
from harmattan.pipeline import Resources, extract_each, process_resources, quarantine_article
from harmattan.records import Alert, Article, Corroboration, DocumentRecord, Quarantined
from harmattan.store import read
from harmattan.store.db import BatchResult, Store
from harmattan.store.read.rows import reported
from harmattan.store.story_index import StoryIndex

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """Totals of one ingest run."""

    ingested: int
    already_known: int
    quarantined: int
    batches: int
    alerts: tuple[Alert, ...] = ()
    """The alerts the run fired, in order."""

    @property
    def read_anything(self) -> bool:
        """False when no input could be read as an article."""
        return self.ingested + self.already_known > 0


Extracted = list[DocumentRecord | Quarantined]


@dataclass(frozen=True, slots=True)
class Extraction:
    """Articles' records (or quarantine rows), and the MinHash of those that were
    extracted in a worker: signed there, the writer does not sign them again."""

    items: Extracted
    signed: tuple[Signed, ...] = ()

    @staticmethod
    def joined(parts: Iterable[Extraction]) -> Extraction:
        """The parts' items and signatures, in order."""
        done = list(parts)
        return Extraction(
            [i for part in done for i in part.items], tuple(s for part in done for s in part.signed)
        )


def ingest(
    items: Iterable[Article | Quarantined],
    store: Store,
    resources: Resources | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: Callable[[BatchResult], None] | None = None,
    workers: WorkerPool | None = None,
    notify: Callable[[Sequence[Alert]], None] | None = None,
) -> IngestSummary:
    """Store every article and quarantined item, committing one batch at a time, in
    input order. With `workers`, the NLP runs in their processes, the next batch while
    this one is written; without, in this process, with `resources` (loaded on first
    need when None). The alerts each batch fires are handed to `notify` once it is
    committed."""
    ingested = known = quarantined = batches = 0
    # The stored reports the batches' story updates read, kept from batch to batch.
    remembered = story_updates.Remembered()
    update = partial(story_updates.update_stories, remembered=remembered)
    alerts = BatchAlerts(Codebook.load())
    for batch, stored, extracted in _extracted(
        store, _batches(items, batch_size), resources, workers
    ):
        for signed in extracted.signed:
            remembered.signatures.put(signed.id, signed)
        records = [r for r in extracted.items if not isinstance(r, Quarantined)]
        failed = [r for r in extracted.items if isinstance(r, Quarantined)]
        already = len(alerts.fired)
        written = store.write_batch(
            records, [*batch.quarantined, *failed], stories=update, alerts=alerts
        )
        for alert in alerts.fired[already:]:
            log.info("alert %s: %s", alert.rule, alert.summary)
        if notify is not None and len(alerts.fired) > already:
            notify(alerts.fired[already:])
        result = BatchResult(
            written.inserted,
            written.already_known + stored + batch.duplicates,
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
    return IngestSummary(ingested, known, quarantined, batches, tuple(alerts.fired))


def _extracted(
    store: Store,
    batches: Iterable[_Batch],
    resources: Resources | None,
    workers: WorkerPool | None,
) -> Iterator[tuple[_Batch, int, Extraction]]:
    """Each batch, how many of its articles were already stored, and the extraction of
    the others; with workers, the next batch is handed to them before this one is
    yielded to be written."""
    pending: tuple[_Batch, int, Extraction | Callable[[], Extraction]] | None = None
    for batch in batches:
        stored = store.known_article_ids(batch.articles)
        fresh = [a for a in batch.articles.values() if a.id not in stored]
        result: Extraction | Callable[[], Extraction]
        if workers is not None and len(fresh) >= workers.min_articles:
            result = workers.submit(fresh)
        else:
            # One worker is one core's worth here too, as each pool worker is: NumPy's
            # BLAS threads would take the cores a server's readers answer on.
            with threadpool_limits(1, user_api="blas"):
                found = extract_each(fresh, resources or process_resources(), len(fresh) or 1)
                result = Extraction(list(found))
        if pending is not None:
            yield _waited(pending)
        pending = (batch, len(stored), result)
    if pending is not None:
        yield _waited(pending)


def _waited(
    pending: tuple[_Batch, int, Extraction | Callable[[], Extraction]],
) -> tuple[_Batch, int, Extraction]:
    batch, stored, result = pending
    return batch, stored, result() if callable(result) else result


class WorkerPool:
    """NLP in worker processes, each loading the pipeline once; the ingest run's one
    writer commits their results in input order.

    A worker that dies (killed, out of memory) loses nothing: the pool is restarted and
    the unfinished articles extracted again, one by one if need be; an article that
    kills a worker on its own is quarantined, and the batch goes on.
    """

    def __init__(
        self, processes: int, chunk: int = 32, min_articles: int = 16, niceness: int = 0
    ) -> None:
        if processes < 1:
            raise ValueError(f"workers must be at least 1, got {processes}")
        self.processes = processes
        # A server's workers run below its own priority (os.nice), so that on a machine
        # whose every core is extracting, answering requests still comes first.
        self.niceness = niceness
        self.chunk = chunk
        # Fewer fresh articles than this are extracted in the calling process: loading
        # the pipeline in new processes costs more than a handful of articles.
        self.min_articles = min_articles
        self._pool: ProcessPoolExecutor | None = None
        self.restarts = 0
        """How often a dead worker made the pool start again."""

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def worker_pids(self) -> list[int]:
        """The process ids of the running workers (none before the first hand-out)."""
        if self._pool is None:
            return []
        # The executor keeps its processes by pid; it offers no public view of them.
        return sorted(self._pool._processes)

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def submit(self, articles: Sequence[Article]) -> Callable[[], Extraction]:
        """Hand articles to the workers; the returned call waits for their extraction."""
        chunks = [list(articles[i : i + self.chunk]) for i in range(0, len(articles), self.chunk)]
        handed = [self._submit(chunk) for chunk in chunks]

        def wait() -> Extraction:
            return Extraction.joined(
                self._result(chunk, executor, future)
                for chunk, (executor, future) in zip(chunks, handed, strict=True)
            )

        return wait

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: workers start from a clean process that has loaded the
            # pipeline (harmattan.preload), not from this one's threads (DuckDB's,
            # uvicorn's). Each worker is one core's worth: with BLAS threads of their
            # own, N workers on N cores ran slower than one.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["harmattan.preload"])
            with _environment(_ONE_BLAS_THREAD):
                forkserver.ensure_running()
            self._pool = ProcessPoolExecutor(
                self.processes, mp_context=context, initializer=os.nice, initargs=(self.niceness,)
            )
        return self._pool

    def _submit(self, chunk: list[Article]) -> tuple[ProcessPoolExecutor, Future[Extraction]]:
        try:
            executor = self._executor()
            return executor, executor.submit(_extract_in_worker, chunk)
        except BrokenProcessPool:
            self._restart()
            executor = self._executor()
            return executor, executor.submit(_extract_in_worker, chunk)

    def _result(
        self, chunk: list[Article], executor: ProcessPoolExecutor, future: Future[Extraction]
    ) -> Extraction:
        try:
            return future.result()
        except BrokenProcessPool:
            log.warning("a worker process died; extracting its %d articles again", len(chunk))
            # Every chunk handed to a broken pool fails alike: restart it once, not per chunk.
            if executor is self._pool:
                self._restart()
        done: list[Extraction] = []
        for article in chunk:
            try:
                done.append(self._executor().submit(_extract_in_worker, [article]).result())
            except BrokenProcessPool:
                self._restart()
                done.append(Extraction([_lost_worker(article)]))
        return Extraction.joined(done)

    def _restart(self) -> None:
        self.restarts += 1
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None


_ONE_BLAS_THREAD = {
    name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
}


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the processes started inside, then restore them."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _extract_in_worker(articles: list[Article]) -> Extraction:
    """Run in a worker process: extract articles with the process's own pipeline, and
    sign the extracted ones for near-duplicate detection (the writer's largest cost per
    article after the store's own work)."""
    items = list(extract_each(articles, process_resources(), len(articles)))
    signed = tuple(
        sign(ArticleText(r.article.id, r.article.published, r.article.text))
        for r in items
        if isinstance(r, DocumentRecord)
    )
    return Extraction(items, signed)


def _lost_worker(article: Article) -> Quarantined:
    return quarantine_article(
        article, "extraction killed its worker process twice (out of memory?)"
    )


def default_workers() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def watch(
    watcher: FolderWatch,
    store: Store,
    stop: threading.Event,
    interval: float = 2.0,
    workers: WorkerPool | None = None,
    writing: threading.Lock | None = None,
    notify: Callable[[Sequence[Alert]], None] | None = None,
) -> None:
    """Ingest what lands under the watched paths, every `interval` seconds, until `stop`
    is set. Run in a thread of `harmattan serve --watch`: the readers go on meanwhile."""
    lock = writing or threading.Lock()
    while not stop.is_set():
        try:
            items = watcher.poll()
            if items:
                with lock:
                    summary = ingest(items, store, None, workers=workers, notify=notify)
                log.warning(
                    "watch: %d ingested, %d already known, %d quarantined",
                    summary.ingested,
                    summary.already_known,
                    summary.quarantined,
                )
        except Exception:
            # A failed look (a database error, a disk gone) must not end the watch: it
            # is logged with its traceback and the next look tries again.
            log.exception("watch: this look failed; trying again in %s s", interval)
        stop.wait(interval)


def refresh_stories(store: Store) -> bool:
    """Rebuild the stories from every stored record if they are stale; True if rebuilt.

    Each ingested batch updates the stories it touches in its own transaction, so this
    only rebuilds after a bulk load, on a store made before that update existed, or after
    a rebuild was interrupted (its transaction rolled back).
    """
    if not store.stories_stale():
        return False
    rebuild_stories(store)
    return True


def rebuild_stories(store: Store, on_read: Callable[[int], None] | None = None) -> Corroboration:
    """Rebuild every story from every stored record (`harmattan stories --rebuild`).

    `on_read` is told of each stored record read (one per article). Reading is only the
    rebuild's first part: comparing and grouping the reports follows, with nothing to
    count, so a progress display should show time elapsed, not a time left."""

    def rebuild(index: StoryIndex, records: Iterable[dict[str, Any]]) -> Corroboration:
        return story_updates.rebuild_stories(index, reported(records, on_read))

    corroboration = store.rebuild_stories(rebuild)
    log.info("rebuilt the stories")
    return corroboration


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


def load_spark_output(
    store: Store,
    directory: str,
    batch_size: int = 500,
    on_batch: Callable[[int], None] | None = None,
) -> LoadSummary:
    """Store the records and quarantine rows a Spark run wrote under `directory`.

    Like ingest, each batch is one transaction and known articles are left alone, so a
    load can be repeated or resumed; the stories are rebuilt once, at the end, which is
    cheaper for a bulk load than updating them batch by batch. `on_batch` is told how
    many records each committed batch held (`read.count_spark_records` is the total).
    """
    loaded = known = 0
    for records in read.spark_records(store.con, directory, batch_size):
        written = store.write_batch(records, [])
        loaded += written.inserted
        known += written.already_known
        if on_batch is not None:
            on_batch(len(records))
    bad = read.spark_quarantine(store.con, directory)
    if bad:
        store.write_batch([], bad)
    refresh_stories(store)
    return LoadSummary(loaded, known, len(bad))
