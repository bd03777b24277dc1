"""Spark scaling: the same corpus through local[1] and local[2], in one run.

Not a test. Run: `.venv/bin/python bench/bench_spark.py [--copies N]`. It writes the
bundled sample corpus N times (each copy's texts made distinct, so no article is skipped
as already seen) as JSON Lines, runs the Spark job's read and extract steps with
local[1] and then local[2], and prints articles/s, the speed-up, and the peak RSS of the
Python worker processes (each reports its own at the end of its partitions).
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from harmattan.cli import sample_corpus
from harmattan.ingest import ReadOptions, read_sources
from harmattan.records import Article, Quarantined
from harmattan.spark.job import extract_partition, read_file, session


def write_corpus(path: Path, copies: int) -> int:
    """The sample corpus `copies` times over, each copy's texts distinct."""
    articles = [
        i for i in read_sources([str(sample_corpus())], ReadOptions()) if isinstance(i, Article)
    ]
    with path.open("w", encoding="utf-8") as out:
        for n in range(copies):
            for a in articles:
                row = {"text": f"{a.text}\n\n(Copy {n}.)", "published": a.published.isoformat(),
                       "source": a.source}  # fmt: skip
                out.write(json.dumps(row) + "\n")
    return copies * len(articles)


def _extract_and_measure(items: Iterable[Article | Quarantined]) -> Iterator[tuple[int, float]]:
    records = sum(1 for row in extract_partition(items) if row[0] == "record")
    yield records, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(master: str, folder: Path, partitions: int) -> tuple[float, int, float]:
    """Seconds, records and the largest worker peak RSS (MiB) for one master."""
    spark = session(master)
    try:
        start = time.perf_counter()
        files = spark.sparkContext.binaryFiles(str(folder), minPartitions=1)
        rows = files.flatMap(read_file).repartition(partitions).mapPartitions(_extract_and_measure)
        results = rows.collect()
        seconds = time.perf_counter() - start
    finally:
        spark.stop()
    return seconds, sum(r for r, _ in results), max(m for _, m in results)


def main() -> None:
    """Run both masters on the same corpus and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=24, help="copies of the sample corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        total = write_corpus(folder / "corpus.jsonl", args.copies)
        print(f"corpus: {total:,} articles")
        timings = {}
        for master, partitions in (("local[1]", 4), ("local[2]", 4)):
            seconds, records, rss = run(master, folder, partitions)
            timings[master] = seconds
            rate = records / seconds
            print(
                f"{master}: {records:,} records in {seconds:.1f} s ({rate:.1f} articles/s), "
                f"worker peak RSS {rss:,.0f} MiB"
            )
        print(f"speed-up local[2] / local[1]: {timings['local[1]'] / timings['local[2]']:.2f}x")


if __name__ == "__main__":
    main()
