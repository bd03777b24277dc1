"""The live desk: a small batch's cost against the store's size, API latency while
batches land, and how long a dropped file takes to be counted.

Not a test. Run: `.venv/bin/python bench/bench_desk.py [--events N] [--requests K]`.
It fills a store with N synthetic events (bench_load.py's records, loaded as
`harmattan load` does, stories built), then, in one run:

1. times `harmattan ingest` of the same 10 sample articles into an empty store and into
   a copy of the filled one (whole process: time and peak RSS; the fastest and the
   largest of `--repeat` runs, each on a fresh store), and prints the ratio;
2. serves the filled store with `harmattan serve --watch INBOX` and takes the p50/p95 of
   `/api/events` and `/api/timeline` while idle, then while a file of 60 articles that
   was dropped into INBOX is being ingested, and the seconds from the drop to
   `/api/stats` counting the file's articles.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from itertools import cycle
from pathlib import Path

import httpx

from harmattan.cli import sample_corpus
from harmattan.service import load_spark_output
from harmattan.store.db import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import write_output

HARMATTAN = str(Path(sys.executable).with_name("harmattan"))
FILTERS = [{}, {"country": "NER"}, {"type": "REJECT"}, {"since": "2023-03-01"}, {"q": "junta"}]


def fill(folder: Path, events: int) -> Path:
    """A store with `events` synthetic events and their stories."""
    write_output(folder, events)
    path = folder / "filled.duckdb"
    with Store(path) as store:
        load_spark_output(store, str(folder))
    return path


def numbered(lines: list[bytes], count: int, tag: str) -> bytes:
    """`count` distinct articles from the sample's lines, numbered so each is new."""
    out = []
    for n in range(count):
        item = json.loads(lines[n % len(lines)])
        item["text"] = f"{item['text']}\n\nDesk copy {tag} {n}."
        out.append(json.dumps(item).encode() + b"\n")
    return b"".join(out)


def batch_cost(corpus: Path, db: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of one `harmattan ingest --workers 1` process.

    The peak is the process's VmHWM, sampled until it exits: `wait4`'s ru_maxrss would
    count this (large) benchmark process, whose memory a child has at fork.
    """
    start = time.perf_counter()
    worker = subprocess.Popen(
        [HARMATTAN, "ingest", str(corpus), "--db", str(db), "--workers", "1"],
        stderr=subprocess.DEVNULL,
    )
    peak = 0
    while worker.poll() is None:
        try:
            status = Path(f"/proc/{worker.pid}/status").read_text()
        except OSError:
            break
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]))
        time.sleep(0.05)
    if worker.wait() != 0:
        raise SystemExit(f"ingest into {db} failed")
    return time.perf_counter() - start, peak / 1024


def latencies(client: httpx.Client, path: str, requests: int) -> list[float]:
    timings = []
    filters = cycle(FILTERS)
    for _ in range(requests):
        start = time.perf_counter()
        client.get(path, params=next(filters)).raise_for_status()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def articles(url: str) -> int:
    with urllib.request.urlopen(f"{url}/api/stats", timeout=30) as answer:
        return int(json.load(answer)["articles"])


def report(label: str, ms: list[float]) -> None:
    p95 = statistics.quantiles(ms, n=20)[-1]
    print(f"  {label:34} p50 {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="time each batch this many times (a fresh copy each time); report the fastest "
        "time and the largest peak RSS",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        help="fill the store in this folder once and reuse it on later runs (filling "
        "1M events takes about half an hour); the runs work on copies",
    )
    args = parser.parse_args()
    lines = sample_corpus().read_bytes().splitlines()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        kept = args.keep / f"filled-{args.events}.duckdb" if args.keep else None
        start = time.perf_counter()
        if kept is not None and kept.exists():
            filled = folder / "filled.duckdb"
            shutil.copy(kept, filled)
            print(f"store: {args.events:,} events with stories, kept in {kept}")
        else:
            filled = fill(folder, args.events)
            took = time.perf_counter() - start
            print(f"store: {args.events:,} events with stories in {took:.0f} s")
            if kept is not None:
                kept.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(filled, kept)
        ten = folder / "ten.jsonl"
        ten.write_bytes(numbered(lines, 10, "batch"))
        empty_runs, full_runs = [], []
        copy = folder / "copy.duckdb"
        for _ in range(args.repeat):
            for leftover in folder.glob("empty.duckdb*"):
                leftover.unlink()
            empty_runs.append(batch_cost(ten, folder / "empty.duckdb"))
            shutil.copy(filled, copy)
            full_runs.append(batch_cost(ten, copy))
        empty_s, empty_mb = min(s for s, _ in empty_runs), max(mb for _, mb in empty_runs)
        full_s, full_mb = min(s for s, _ in full_runs), max(mb for _, mb in full_runs)
        print("a batch of 10 articles (harmattan ingest, whole process):")
        print(f"  into an empty store        {empty_s:6.1f} s  {empty_mb:7.0f} MiB")
        print(f"  into {args.events:>9,} events    {full_s:6.1f} s  {full_mb:7.0f} MiB")
        print(f"  ratio                      {full_s / empty_s:6.2f}    {full_mb / empty_mb:7.2f}")

        inbox = folder / "inbox"
        inbox.mkdir()
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [HARMATTAN, "serve", "--db", str(filled), "--watch", str(inbox), "--port", str(port)],
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    before = articles(url)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            print(f"API over {args.events:,} events (harmattan serve --watch):")
            with httpx.Client(base_url=url, timeout=120) as client:
                for path in ("/api/events", "/api/timeline"):
                    client.get(path)  # warm DuckDB's caches
                    report(f"{path} idle", latencies(client, path, args.requests))
                staged = folder / "drop.jsonl"
                staged.write_bytes(numbered(lines, 60, "drop"))
                dropped = time.perf_counter()
                os.replace(staged, inbox / "drop.jsonl")
                during: dict[str, list[float]] = {"/api/events": [], "/api/timeline": []}
                while articles(url) < before + 60:
                    for path, ms in during.items():
                        ms += latencies(client, path, 5)
                landed = time.perf_counter() - dropped
                for path, ms in during.items():
                    report(f"{path} while ingesting", ms)
            print(f"  60 articles dropped → counted by /api/stats in {landed:.1f} s")
        finally:
            server.send_signal(signal.SIGTERM)
            # Shutdown waits for a batch being written (its stories rebuild included).
            server.wait(timeout=900)


if __name__ == "__main__":
    main()
