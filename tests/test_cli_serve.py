"""`harmattan serve --watch`: a real server process ingests what lands while it answers."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import duckdb
import httpx

from harmattan.cli import sample_corpus
from tests.cli_helpers import HARMATTAN, run_cli


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _stats(url: str) -> dict[str, Any] | None:
    try:
        with urllib.request.urlopen(f"{url}/api/stats", timeout=5) as answer:
            found: dict[str, Any] = json.load(answer)
            return found
    except OSError:
        return None


def _wait_for(url: str, articles: int, seconds: float) -> float:
    """Seconds until /api/stats counts `articles`; fails after `seconds`."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        stats = _stats(url)
        if stats is not None and stats["articles"] == articles:
            return time.monotonic() - start
        time.sleep(0.25)
    raise AssertionError(f"{url} did not count {articles} articles in {seconds} s: {_stats(url)}")


def test_serve_watch_ingests_a_file_moved_in_and_the_lines_added_to_it(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    lines = sample_corpus().read_bytes().splitlines(keepends=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [HARMATTAN, "serve", "--db", str(tmp_path / "desk.duckdb"), "--watch", str(inbox),
         "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        _wait_for(url, 0, 60)
        staged = tmp_path / "wire.jsonl"
        staged.write_bytes(b"".join(lines[:5]))
        os.replace(staged, inbox / "wire.jsonl")  # moved in whole, as the README advises
        assert _wait_for(url, 5, 30) < 30
        with (inbox / "wire.jsonl").open("ab") as wire:
            wire.write(lines[5])
        _wait_for(url, 6, 30)
        events = json.load(urllib.request.urlopen(f"{url}/api/events?limit=1", timeout=5))
        assert events["total"] > 0
        # A CLI ingest beside the server hands its article to it.
        desk_file = tmp_path / "desk.duckdb.desk"
        assert desk_file.stat().st_mode & 0o777 == 0o600
        report = tmp_path / "report.txt"
        report.write_text("date 2023-08-01\n\nNiger closed its airspace on Sunday.\n")
        beside = run_cli("ingest", "--db", str(tmp_path / "desk.duckdb"), str(report))
        assert beside.returncode == 0, beside.stderr
        assert beside.stderr.startswith("1 ingested, 0 already known, 0 quarantined")
        assert _stats(url) is not None
        assert _wait_for(url, 7, 1) < 1  # visible as soon as the command returns
        # Read-only commands beside it work as ever: their queries run in the server.
        db = str(tmp_path / "desk.duckdb")
        summary = run_cli("summary", "--db", db)
        assert summary.returncode == 0, summary.stderr
        assert f"harmattan store: {db}" in " ".join(summary.stdout.split())
        total = json.load(urllib.request.urlopen(f"{url}/api/events?limit=1", timeout=5))["total"]
        listed = run_cli("events", "--db", db, "--format", "json")
        assert listed.returncode == 0, listed.stderr
        assert len(listed.stdout.splitlines()) == total
        assert "airspace" in listed.stdout
        stories = run_cli("stories", "--db", db, "--format", "csv")
        assert stories.returncode == 0, stories.stderr
        assert stories.stdout.startswith("story_id,type,")
        assert len(stories.stdout.splitlines()) > 1
        parquet = tmp_path / "events.parquet"
        exported = run_cli("export", "--db", db, "--format", "parquet", "--output", str(parquet))
        assert exported.returncode == 0, exported.stderr
        assert duckdb.connect().execute(f"SELECT count(*) FROM '{parquet}'").fetchone() == (total,)
    finally:
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=60)
    # uvicorn shuts down cleanly, then re-raises the signal it caught, as a server should.
    assert server.returncode in (0, -signal.SIGTERM), err
    assert "watch: 5 ingested, 0 already known, 0 quarantined" in err
    assert "watch: 1 ingested, 0 already known, 0 quarantined" in err
    assert "Traceback" not in err
    assert not (tmp_path / "desk.duckdb.desk").exists()


def test_two_cli_ingests_into_one_file_queue_behind_each_other(tmp_path: Path) -> None:
    db = tmp_path / "h.duckdb"
    first = subprocess.Popen(
        [HARMATTAN, "ingest", "--sample", "--db", str(db), "--workers", "1"],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not _locked(db):  # wait until the first run holds the file
        assert time.monotonic() < deadline
        assert first.poll() is None
        time.sleep(0.05)
    second = run_cli(
        "ingest", "--db", str(db), "-", stdin=b"date 2023-08-01 Mali closed its airspace."
    )
    _, first_err = first.communicate(timeout=300)
    assert first.returncode == 0, first_err
    assert second.returncode == 0, second.stderr
    waiting, done = second.stderr.strip().splitlines()
    assert waiting == (
        f"harmattan: {db} is being written by another harmattan ingest (process {first.pid});"
        " waiting for it to finish (Ctrl-C to stop)"
    )
    assert done.startswith("1 ingested, 0 already known, 0 quarantined")
    assert first_err.startswith("42 ingested")


def _locked(db: Path) -> bool:
    if not db.exists():
        return False
    try:
        duckdb.connect(str(db), read_only=True).close()
    except duckdb.IOException:
        return True
    return False


def _first_alert(url: str, found: list[dict[str, Any]]) -> None:
    """Read /api/alerts/stream until its first alert, into `found`."""
    with httpx.stream("GET", f"{url}/api/alerts/stream", timeout=60) as stream:
        for line in stream.iter_lines():
            if line.startswith("data: "):
                found.append(json.loads(line.removeprefix("data: ")))
                return


def test_an_attack_dropped_into_a_watched_folder_fires_its_alert_on_the_api(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "desk.duckdb")
    added = run_cli(
        "alerts", "add", "--name", "ner-assault", "--kind", "match", "--country", "NER",
        "--type", "ASSAULT", "--factuality", "asserted", "--db", db,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [HARMATTAN, "serve", "--db", db, "--watch", str(inbox), "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    streamed: list[dict[str, Any]] = []
    try:
        _wait_for(url, 0, 60)
        listener = threading.Thread(target=_first_alert, args=(url, streamed), daemon=True)
        listener.start()
        time.sleep(1)  # the stream has started, and sends only alerts fired from now on
        article = {
            "id": "attack-1", "published": "2024-03-20", "source": "Test Wire",
            "text": "Gunmen attacked an army post near Tillaberi in western Niger on "
            "Tuesday, killing 12 soldiers, the defence ministry said.",
        }  # fmt: skip
        staged = tmp_path / "attack.jsonl"
        staged.write_text(json.dumps(article) + "\n", encoding="utf-8")
        os.replace(staged, inbox / "attack.jsonl")
        start = time.monotonic()
        alerts: dict[str, Any] = {"total": 0}
        while alerts["total"] == 0 and time.monotonic() - start < 30:
            time.sleep(0.25)
            alerts = json.load(urllib.request.urlopen(f"{url}/api/alerts", timeout=5))
        assert alerts["total"] >= 1, "no alert within 30 s"
        alert = alerts["items"][0]
        assert alert["rule"] == "ner-assault"
        assert alert["kind"] == "match"
        quote = alert["evidence"][0]
        assert quote["text"].startswith("Gunmen attacked an army post near Tillaberi")
        assert article["text"][quote["start"] : quote["end"]] == quote["text"]
        listener.join(timeout=10)
        # The stream sends alerts in the order they fired: the listing's last first.
        assert [a["id"] for a in streamed] == [alerts["items"][-1]["id"]]
        by_kind = json.load(urllib.request.urlopen(f"{url}/api/alerts?kind=deadline", timeout=5))
        assert by_kind["total"] == 0
    finally:
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=60)
    assert "Traceback" not in err
    # A restarted server reads the folder again from the start: nothing fires twice.
    again = subprocess.Popen(
        [HARMATTAN, "serve", "--db", db, "--watch", str(inbox), "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(url, 1, 60)
        time.sleep(5)  # two looks at the folder
        after = json.load(urllib.request.urlopen(f"{url}/api/alerts", timeout=5))
        assert [a["id"] for a in after["items"]] == [a["id"] for a in alerts["items"]]
    finally:
        again.send_signal(signal.SIGTERM)
        _, err = again.communicate(timeout=60)
    assert "watch: 0 ingested, 1 already known" in err
