"""pandas DataFrames of a harmattan store, for notebooks and scripts.

    from harmattan.frames import events_frame, stories_frame
    from harmattan.store.read import EventFilter

    ner = events_frame("harmattan.duckdb", EventFilter(country="NER"))
    ner.groupby("type").size()

`events_frame` has the columns of `harmattan export --format csv` (list columns hold
arrays); `stories_frame` those of `harmattan stories --format csv`. Dates are
datetime64 columns and a missing value is NaT, NaN or None. The store is opened
read-only (DuckDB lets several readers share a file, but not a reader and a writer).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas

from harmattan.store import read
from harmattan.store.db import Store
from harmattan.store.read import EventFilter, StoryFilter


def events_frame(db_path: str | Path, filter: EventFilter | None = None) -> pandas.DataFrame:
    """The events `filter` selects (every event when None), one row each, in listing order."""
    return _frame(db_path, *read.event_rows_sql(filter or EventFilter()))


def stories_frame(db_path: str | Path, filter: StoryFilter | None = None) -> pandas.DataFrame:
    """The stories (real-world events) `filter` selects, first reported first."""
    return _frame(db_path, *read.stories_sql(filter or StoryFilter()))


def _frame(db_path: str | Path, sql: str, params: list[Any]) -> pandas.DataFrame:
    with Store(db_path, read_only=True) as store:
        return store.con.execute(sql, params).df()
