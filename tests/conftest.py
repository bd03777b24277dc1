"""Shared fixtures: the real spaCy pipeline (loaded once), the seed article, paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from harmattan.pipeline import Resources

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_674a87777b4e68e7.txt"


@pytest.fixture(scope="session")
def resources() -> Resources:
    """The real pipeline resources, built once per test session."""
    return Resources.load()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The article harmattan was created from (read from ../shared, never copied)."""
    if not SEED.exists():
        pytest.fail(
            f"the seed article is missing at {SEED}; the checkout needs ../shared beside it"
        )
    return SEED
