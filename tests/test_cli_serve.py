"""`harmattan serve --watch`: a real server process ingests what lands while it answers."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

from harmattan.cli import sample_corpus
from tests.cli_helpers import HARMATTAN


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
    finally:
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=60)
    # uvicorn shuts down cleanly, then re-raises the signal it caught, as a server should.
    assert server.returncode in (0, -signal.SIGTERM), err
    assert "watch: 5 ingested, 0 already known, 0 quarantined" in err
    assert "watch: 1 ingested, 0 already known, 0 quarantined" in err
    assert "Traceback" not in err
