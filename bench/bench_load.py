"""Loading Spark output into DuckDB: `harmattan load` on a million synthetic events.

Not a test. Run: `.venv/bin/python bench/bench_load.py [--events N]`. It writes N
synthetic events (ten per article; one actor, one recipient, a dated, placed event each)
as document records in the layout `harmattan spark` writes (Parquet under
records/published=...), then times `load_spark_output` into a new DuckDB file: reading
the records back, the batched writes and the stories' rebuild. It prints seconds, events
per second and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

from harmattan.records import SCHEMA
from harmattan.service import load_spark_output
from harmattan.store import read
from harmattan.store.db import Store

TEXT = "The junta met envoys of the bloc in Niamey on Monday and rejected their demands."
COUNTRIES = ("NER", "MLI", "BFA", "NGA", "FRA", "USA", "RUS", "SDN", "TCD", "GHA")


def _party(start: int, end: int, n: int) -> dict[str, Any]:
    country = COUNTRIES[n % len(COUNTRIES)]
    return {"text": TEXT[start:end], "start": start, "end": end, "id": f"{country.lower()}-gov",
            "name": f"{country} government", "country": country, "sector": "GOV"}  # fmt: skip


def record(article: int, published: dt.date) -> dict[str, Any]:
    """One synthetic document record with ten events."""
    events = []
    for n in range(10):
        day = (published - dt.timedelta(days=n)).isoformat()
        events.append({
            "id": f"e{article}-{n}", "type": "REJECT", "mode": None, "contexts": [],
            "factuality": "asserted", "cameo_root": "12", "quad_class": 3, "score": -4.0,
            "actors": [_party(0, 9, article + n)], "recipients": [_party(20, 28, article)],
            "trigger": {"text": "rejected", "start": 57, "end": 65},
            "sentence": {"start": 0, "end": len(TEXT)},
            "date": {"start": day, "end": day, "precision": "day", "source": "text",
                     "timex": None, "deadline": None},
            "location": {"text": "Niamey", "start": 36, "end": 42, "name": "Niamey",
                         "geonameid": 2440485, "country": "NER", "admin1": "Niamey",
                         "lat": 13.5, "lon": 2.1, "feature": "city", "precision": "city",
                         "source": "text"},
            "attribution": None, "confidence": 0.8,
        })  # fmt: skip
    return {
        "schema": SCHEMA,
        "article": {"id": f"a{article}", "published": published.isoformat(), "source":
                    f"Outlet {article % 50}", "url": None, "title": None, "language": "en",
                    "text": f"{TEXT} ({article})"},
        "sentences": [{"start": 0, "end": len(TEXT)}], "entities": [], "timexes": [],
        "places": [], "events": events,
    }  # fmt: skip


def write_output(folder: Path, events: int) -> None:
    """Spark's output layout, written with DuckDB from synthetic records."""
    start = dt.date(2023, 1, 1)
    rows = [
        (f"a{i}", json.dumps(record(i, start + dt.timedelta(days=i % 365))),
         (start + dt.timedelta(days=i % 365)).isoformat())
        for i in range(events // 10)
    ]  # fmt: skip
    con = duckdb.connect()
    con.execute("CREATE TABLE r (id VARCHAR, record VARCHAR, published VARCHAR)")
    con.executemany("INSERT INTO r VALUES (?, ?, ?)", rows)
    con.execute(
        f"COPY r TO '{folder}/records' (FORMAT parquet, PARTITION_BY (published), OVERWRITE)"
    )
    con.close()


def main() -> None:
    """Write synthetic Spark output, load it, and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="synthetic events")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_output(folder, args.events)
        start = time.perf_counter()
        with Store(folder / "load.duckdb") as store:
            result = load_spark_output(store, str(folder))
            events = read.table_counts(store.con)["events"]
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"loaded {result.loaded:,} articles, {events:,} events in {seconds:.1f} s "
          f"({events / seconds:,.0f} events/s), stories included")  # fmt: skip
    print(f"peak RSS: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
