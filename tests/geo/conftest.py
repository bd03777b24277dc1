"""The built gazetteer, opened once per test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harmattan.geo.gazetteer import Gazetteer, GazetteerError


@pytest.fixture(scope="session")
def gazetteer() -> Iterator[Gazetteer]:
    """The gazetteer index that `make demo` / `python -m harmattan.geo.build` writes."""
    try:
        gazetteer = Gazetteer.load()
    except GazetteerError as error:
        pytest.fail(str(error))
    yield gazetteer
    gazetteer.close()
