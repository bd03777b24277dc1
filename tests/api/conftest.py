"""A real uvicorn server on 127.0.0.1 over a real DuckDB file of the sample corpus."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn

from harmattan.api.app import create_app
from harmattan.api.settings import Settings
from harmattan.cli import sample_corpus
from harmattan.ingest import ReadOptions, read_sources
from harmattan.pipeline import Resources
from harmattan.store.db import Store
from harmattan.store.load import ingest


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def running(settings: Settings) -> Iterator[str]:
    """Serve `settings` with uvicorn in a thread; yields the base URL, stops on exit."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the API server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="session")
def sample_db(
    resources: Resources, seed_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The sample corpus and the seed, ingested once into a DuckDB file."""
    path = tmp_path_factory.mktemp("api") / "sample.duckdb"
    items = read_sources([str(sample_corpus()), str(seed_path)], ReadOptions())
    with Store(path) as store:
        ingest(items, store, resources)
    return path


@pytest.fixture(scope="module")
def api(sample_db: Path) -> Iterator[httpx.Client]:
    """A client of a read-only server over the sample database."""
    with running(Settings(str(sample_db))) as url, httpx.Client(base_url=url) as client:
        yield client


@pytest.fixture
def writable_db(sample_db: Path, tmp_path: Path) -> Path:
    """A copy of the sample database that a test may write to."""
    path = tmp_path / "writable.duckdb"
    shutil.copy(sample_db, path)
    return path
