"""The one read layer: every query of the store, as functions over a DuckDB connection.

The CLI, the API, the exports and the pandas frames read through these functions, so a
filter or a count means the same everywhere. Each returns typed rows (`Table`, `Page`,
`Stats`, document records) or the SQL a frame or a Parquet file is made from.

- `filters`: `EventFilter`, `StoryFilter` and their WHERE clauses
- `events`: event listings, API pages, export shapes, places, timeline, actor graph
- `stories`: story listings and records, new events per day
- `articles`: article listings and records, the quarantine
- `counts`: the store's totals (`Stats`), per-source and per-language summaries, table sizes
- `spark`: the output of a `harmattan spark` run, for loading
"""

from harmattan.store.read.articles import (
    article_record,
    count_articles,
    document_records,
    event_stories,
    find_article_id,
    list_articles,
    list_quarantine,
)
from harmattan.store.read.counts import (
    LanguageCount,
    Languages,
    Stats,
    languages,
    stats,
    summary,
    table_counts,
)
from harmattan.store.read.events import (
    EventShape,
    actors,
    count_events,
    event_digest,
    event_page,
    event_rows,
    event_rows_sql,
    events_sql,
    graph,
    list_events,
    places,
    timeline,
)
from harmattan.store.read.filters import EventFilter, StoryFilter
from harmattan.store.read.rows import Page, Table
from harmattan.store.read.spark import count_spark_records, spark_quarantine, spark_records
from harmattan.store.read.stories import (
    list_stories,
    new_events_per_day,
    stories_sql,
    story,
    story_page,
    story_records,
)

__all__ = [
    "EventFilter",
    "EventShape",
    "LanguageCount",
    "Languages",
    "Page",
    "Stats",
    "StoryFilter",
    "Table",
    "actors",
    "article_record",
    "count_articles",
    "count_events",
    "count_spark_records",
    "document_records",
    "event_digest",
    "event_page",
    "event_rows",
    "event_rows_sql",
    "event_stories",
    "events_sql",
    "find_article_id",
    "graph",
    "languages",
    "list_articles",
    "list_events",
    "list_quarantine",
    "list_stories",
    "new_events_per_day",
    "places",
    "spark_quarantine",
    "spark_records",
    "stats",
    "stories_sql",
    "story",
    "story_page",
    "story_records",
    "summary",
    "table_counts",
    "timeline",
]
