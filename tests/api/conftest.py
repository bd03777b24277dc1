"""A real uvicorn server on 127.0.0.1 (tests/serving.py) over the sample corpus in DuckDB."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from harmattan.api.settings import Settings
from harmattan.cli import sample_corpus
from harmattan.ingest import ReadOptions, read_sources
from harmattan.pipeline import Resources
from harmattan.service import ingest
from harmattan.store.db import Store
from tests.serving import running


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
