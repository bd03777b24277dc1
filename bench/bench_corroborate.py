"""Corroboration at scale: clustering synthetic events into stories.

Not a test. Run: `.venv/bin/python bench/bench_corroborate.py [--events N]`. It writes
N synthetic events (ten per article, publishers, actors, recipients and dates drawn from
fixed pools with a fixed seed, so every run sees the same data), then times the whole
stage (`corroborate`: near-duplicate detection, event identity, story fields and
contradictions) and prints seconds, events per second and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import time
from typing import Any

from harmattan.corroborate import corroborate

TYPES = ("REQUEST", "THREATEN", "SANCTION", "COERCE", "ASSAULT", "AGREE", "CONSULT", "ACCUSE")
SOURCES = tuple(f"Outlet {n}" for n in range(200))
COUNTRIES = ("NER", "MLI", "BFA", "NGA", "FRA", "USA", "RUS", "SDN", "SOM", "TCD")
SECTORS = ("GOV", "MIL", "REB", "CVL", "OPP")
START = dt.date(2023, 1, 1)
WORDS = tuple(f"w{n}" for n in range(5000))


def _actor(rng: random.Random) -> dict[str, Any]:
    country, sector = rng.choice(COUNTRIES), rng.choice(SECTORS)
    return {"text": "x", "start": 0, "end": 1, "id": f"{country.lower()}-{sector.lower()}",
            "name": f"{country} {sector}", "country": country, "sector": sector}  # fmt: skip


def _event(rng: random.Random, article: int, n: int, published: dt.date) -> dict[str, Any]:
    dated = rng.random() < 0.5
    day = published - dt.timedelta(days=rng.randrange(0, 30))
    return {
        "id": f"e{article}-{n}", "type": rng.choice(TYPES), "factuality": "asserted",
        "actors": [_actor(rng)], "recipients": [_actor(rng)] if rng.random() < 0.8 else [],
        "sentence": {"start": 0, "end": 40},
        "date": {"start": day.isoformat() if dated else None,
                 "end": (day if dated else published).isoformat(),
                 "precision": "day" if dated else "unknown",
                 "source": "text" if dated else "publication", "deadline": None},
        "location": None,
    }  # fmt: skip


def synthetic_records(events: int, seed: int = 1) -> list[dict[str, Any]]:
    """`events` events in articles of ten, spread over two years."""
    rng = random.Random(seed)
    records = []
    for article in range(events // 10):
        published = START + dt.timedelta(days=rng.randrange(0, 730))
        text = " ".join(rng.choice(WORDS) for _ in range(120))
        records.append({
            "article": {"id": f"a{article}", "published": published.isoformat(),
                        "source": rng.choice(SOURCES), "text": text},
            "events": [_event(rng, article, n, published) for n in range(10)],
        })  # fmt: skip
    return records


def main() -> None:
    """Time `corroborate` over synthetic records and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="how many events")
    args = parser.parse_args()
    records = synthetic_records(args.events)
    start = time.perf_counter()
    result = corroborate(records)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mentions = sum(len(s.mentions) for s in result.stories)
    print(f"events: {mentions:,} in {len(records):,} articles")
    print(f"stories: {len(result.stories):,}; near-duplicate articles: {len(result.duplicates)}")
    print(f"corroborate: {seconds:.1f} s ({mentions / seconds:,.0f} events/s)")
    print(f"peak RSS: {peak:,.0f} MiB (including the synthetic records)")


if __name__ == "__main__":
    main()
