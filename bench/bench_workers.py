"""Ingest throughput with 1 and with N worker processes, in one run.

Not a test. Run: `.venv/bin/python bench/bench_workers.py [--articles N] [--workers K]
[--corpus PATH]`. It writes N distinct articles (the corpus repeated, each copy's texts
numbered, so every one is new to the store) as JSON Lines, then times the whole
`harmattan ingest --workers 1` and `--workers K` processes into new databases, model
loads, writes and the stories' rebuild included. It prints seconds, articles per second,
peak RSS of the process tree and the ratio K workers ÷ 1 worker.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harmattan.cli import sample_corpus
from harmattan.ingest import ReadOptions, read_sources
from harmattan.records import Article

HARMATTAN = str(Path(sys.executable).with_name("harmattan"))


def write_corpus(source: Path, count: int, out: Path) -> int:
    """Write `count` distinct articles from `source` as JSON Lines; returns words."""
    articles = [a for a in read_sources([str(source)], ReadOptions()) if isinstance(a, Article)]
    words = 0
    with out.open("w", encoding="utf-8") as f:
        for n in range(count):
            base = articles[n % len(articles)]
            text = f"{base.text}\n\nReport {n // len(articles)} of the desk."
            words += len(text.split())
            line = {"text": text, "published": base.published.isoformat(), "source": base.source}
            f.write(json.dumps(line) + "\n")
    return words


def timed_ingest(corpus: Path, db: Path, workers: int) -> tuple[float, float]:
    """Seconds and peak RSS (MiB, largest process) of one `harmattan ingest` run."""
    start = time.perf_counter()
    worker = subprocess.Popen(
        [HARMATTAN, "ingest", str(corpus), "--db", str(db), "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(worker.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"ingest failed: {worker.stderr.read().decode() if worker.stderr else ''}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--corpus", type=Path, default=sample_corpus())
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        words = write_corpus(args.corpus, args.articles, corpus)
        rows = []
        for workers in (1, args.workers):
            seconds, rss = timed_ingest(corpus, Path(tmp) / f"w{workers}.duckdb", workers)
            rows.append((workers, seconds, rss))
    print(f"{args.articles} articles, {words:,} words, from {args.corpus}")
    print(f"{'workers':>8} {'seconds':>9} {'articles/s':>11} {'words/s':>9} {'peak RSS MiB':>13}")
    for workers, seconds, rss in rows:
        print(
            f"{workers:>8} {seconds:>9.2f} {args.articles / seconds:>11.1f}"
            f" {words / seconds:>9,.0f} {rss:>13.1f}"
        )
    print(f"ratio {args.workers} workers ÷ 1 worker: {rows[0][1] / rows[1][1]:.2f}")
    print("(peak RSS is the largest single process: the writer, or one worker)")


if __name__ == "__main__":
    main()
