"""API latency with a large store: p50/p95 of the events and timeline endpoints.

Not a test. Run: `.venv/bin/python bench/bench_api.py [--events N] [--requests K]`. It
fills a DuckDB file with N synthetic events (default 1,000,000: ten per article, two
parties each, dates over two years, 30 countries, 500 actors; built in SQL, so no NLP
runs), serves it with a real uvicorn on 127.0.0.1, sends K requests to each endpoint with
rotating filters (none, a country, a type and factuality, a date range, an actor, a text
search, a deep page) and prints the latency percentiles per endpoint.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from itertools import cycle
from pathlib import Path

import httpx

from harmattan.api.settings import Settings
from harmattan.store.db import Store

# The tests' server helper is reused; the repository root makes `tests` importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.serving import running

TYPES = "['REQUEST','THREATEN','SANCTION','COERCE','ASSAULT','AGREE','CONSULT','ACCUSE']"
FACTUALITIES = "['asserted','asserted','asserted','negated','future','hypothetical']"
COUNTRIES = (
    "['NER','MLI','BFA','NGA','FRA','USA','RUS','SDN','SOM','TCD','GHA','CIV','SEN','BEN',"
    "'TGO','GIN','DZA','LBY','EGY','ETH','KEN','UGA','COD','CAF','CMR','GBR','DEU','CHN',"
    "'TUR','ISR']"
)
SECTORS = "['GOV','MIL','REB','CVL','OPP']"
FILTERS = [
    {},
    {"country": "NER"},
    {"type": "SANCTION", "factuality": "asserted"},
    {"since": "2023-07-01", "until": "2023-08-31"},
    {"actor": "actor-17"},
    {"q": "junta"},
    {"country": "MLI", "offset": "5000"},
]


def fill(path: Path, events: int) -> None:
    """Write `events` synthetic events (and their articles and parties) into a new store."""
    articles = max(1, events // 10)
    with Store(path) as store, store.transaction() as con:
        con.execute(
            f"""
            INSERT INTO articles
            SELECT 'a' || i, DATE '2023-01-01' + CAST(i % 730 AS INTEGER),
                   'Outlet ' || (i % 200), NULL, 'Report ' || i, 'en',
                   'The junta and the bloc met again as talks went on in the capital.', '{{}}'
            FROM range({articles}) t(i)
            """
        )
        con.execute(
            f"""
            INSERT INTO events (id, article_id, idx, type, contexts, factuality, cameo_root,
                quad_class, score, trigger_text, trigger_start, trigger_end, sentence_start,
                sentence_end, date_start, date_end, date_precision, date_source,
                location_name, location_country, location_lat, location_lon,
                location_precision, location_source, confidence, day, evidence)
            SELECT 'e' || i, 'a' || (i // 10), i % 10, {TYPES}[1 + i % 8], [],
                   {FACTUALITIES}[1 + i % 6], '1' || (i % 8), 1 + i % 4, -5 + i % 10, 'met',
                   19, 22, 0, 64,
                   CASE WHEN i % 2 = 0
                        THEN DATE '2023-01-01' + CAST((i // 10) % 730 AS INTEGER) END,
                   DATE '2023-01-01' + CAST((i // 10) % 730 AS INTEGER),
                   CASE WHEN i % 2 = 0 THEN 'day' ELSE 'unknown' END,
                   CASE WHEN i % 2 = 0 THEN 'text' ELSE 'publication' END,
                   'Place ' || (i % 997), {COUNTRIES}[1 + i % 30], (i % 120) - 60.0,
                   (i % 340) - 170.0, CASE WHEN i % 3 = 0 THEN 'city' ELSE 'country' END,
                   'text', 0.5, DATE '2023-01-01' + CAST((i // 10) % 730 AS INTEGER),
                   CASE WHEN i % 7 = 0 THEN 'The junta and the bloc met again in the capital.'
                        ELSE 'Officials of the two governments met again in the capital.' END
            FROM range({events}) t(i)
            """
        )
        for role, offset in (("actor", 0), ("recipient", 251)):
            con.execute(
                f"""
                INSERT INTO event_participants
                SELECT 'e' || i, '{role}', 0, 'party', 0, 5, 'actor-' || ((i + {offset}) % 500),
                       'Actor ' || ((i + {offset}) % 500), {COUNTRIES}[1 + (i + {offset}) % 30],
                       {SECTORS}[1 + i % 5]
                FROM range({events}) t(i)
                """
            )


def measure(client: httpx.Client, path: str, requests: int) -> list[float]:
    """Milliseconds per request, over `requests` requests with rotating filters."""
    timings = []
    filters = cycle(FILTERS)
    client.get(path)  # the first query warms DuckDB's caches; not counted
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(path, params=next(filters))
        timings.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
    return timings


def main() -> None:
    """Fill a store, serve it, time the endpoints and print the percentiles."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="synthetic events")
    parser.add_argument("--requests", type=int, default=140, help="requests per endpoint")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.duckdb"
        start = time.perf_counter()
        fill(path, args.events)
        print(f"store: {args.events:,} events built in {time.perf_counter() - start:.1f} s")
        with running(Settings(str(path))) as url, httpx.Client(base_url=url, timeout=60) as c:
            for endpoint in ("/api/events", "/api/timeline"):
                ms = measure(c, endpoint, args.requests)
                p95 = statistics.quantiles(ms, n=20)[-1]
                print(
                    f"{endpoint:14} p50 {statistics.median(ms):6.1f} ms   p95 {p95:6.1f} ms"
                    f"   max {max(ms):6.1f} ms   ({len(ms)} requests)"
                )


if __name__ == "__main__":
    main()
