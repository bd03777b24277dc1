"""What the store holds: the totals the CLI, the API and the dashboard show, each named once."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import duckdb

from harmattan.store.migrations import TABLES
from harmattan.store.read.rows import Table, scalar, table


@dataclass(frozen=True, slots=True)
class Stats:
    """The store's totals. `events` counts reports, `stories` counts what happened."""

    articles: int
    """Stored articles, near-duplicates included."""
    duplicates: int
    """Articles that nearly copy an earlier one (syndicated copies, light updates)."""
    events: int
    """Coded events: one per report, so one real-world event reported five times is five."""
    stories: int
    """Real-world events: every report of the same event counted once."""
    re_mentions: int
    """Reports of a story published after it was first reported."""
    contradictions: int
    """Points (a factuality, a number, a designation) on which a story's reports disagree."""
    corroborated: int
    """Stories backed by more than one independent source."""
    quarantined: int
    """Inputs that could not be read, each with its reason."""
    first_published: dt.date | None
    last_published: dt.date | None

    def to_dict(self) -> dict[str, Any]:
        """The totals by name, as the API serves them."""
        return dataclasses.asdict(self)

    def table(self) -> Table:
        """The totals as a one-row table, as the CLI prints them."""
        names = tuple(f.name for f in dataclasses.fields(self))
        return Table(names, [tuple(getattr(self, name) for name in names)])


def stats(con: duckdb.DuckDBPyConnection) -> Stats:
    """The store's totals (see `Stats` for what each counts)."""
    (row,) = con.execute(
        """
        SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM article_duplicates),
               (SELECT count(*) FROM events), (SELECT count(*) FROM stories),
               (SELECT count(*) FROM story_mentions WHERE re_mention),
               (SELECT count(*) FROM story_contradictions),
               (SELECT count(*) FROM stories WHERE sources > 1),
               (SELECT count(*) FROM quarantine),
               (SELECT min(published) FROM articles), (SELECT max(published) FROM articles)
        """
    ).fetchall()
    return Stats(*row)


def summary(con: duckdb.DuckDBPyConnection) -> Table:
    """What the store holds, per source: articles, date range, entities, events."""
    return table(
        con,
        """
        SELECT coalesce(a.source, '(unknown)') AS source, count(*) AS articles,
               min(a.published) AS first, max(a.published) AS last,
               sum((SELECT count(*) FROM entities x WHERE x.article_id = a.id)) AS entities,
               sum((SELECT count(*) FROM events x WHERE x.article_id = a.id)) AS events
        FROM articles a GROUP BY ALL ORDER BY articles DESC, source
        """,
    )


@dataclass(frozen=True, slots=True)
class LanguageCount:
    """The articles stored in one language and the events coded from them."""

    language: str
    """ISO 639 code, as the article's record gives it ("en", "fr")."""
    articles: int
    events: int
    coded: bool
    """Whether harmattan codes events in this language; an article in another one is
    stored and listed, with no events."""


@dataclass(frozen=True, slots=True)
class Languages:
    """Articles and events per language, most articles first."""

    counts: tuple[LanguageCount, ...]

    @property
    def not_coded(self) -> tuple[LanguageCount, ...]:
        """The languages stored that harmattan does not code."""
        return tuple(c for c in self.counts if not c.coded)

    @property
    def not_coded_articles(self) -> int:
        """How many stored articles are in a language harmattan does not code."""
        return sum(c.articles for c in self.not_coded)

    def table(self) -> Table:
        """One row per language, as the CLI prints it."""
        return Table(
            ("language", "articles", "events"),
            [(c.language, c.articles, c.events) for c in self.counts],
        )

    def to_dict(self) -> dict[str, Any]:
        """The counts per language and the articles not coded, as the API serves them."""
        return {
            "languages": [dataclasses.asdict(c) for c in self.counts],
            "not_coded_articles": self.not_coded_articles,
        }


def languages(con: duckdb.DuckDBPyConnection, coded: Collection[str]) -> Languages:
    """Articles and events per language; `coded` names the languages harmattan codes
    (`harmattan.nlp.LANGUAGES`: the store sits below the pipeline and cannot ask it)."""
    rows = con.execute(
        """
        SELECT a.language, count(*) AS articles, coalesce(sum(n.events), 0) AS events
        FROM articles a
        LEFT JOIN (SELECT article_id, count(*) AS events FROM events GROUP BY article_id) n
            ON n.article_id = a.id
        GROUP BY a.language ORDER BY articles DESC, a.language
        """
    ).fetchall()
    return Languages(
        tuple(
            LanguageCount(str(language), int(articles), int(events), language in coded)
            for language, articles, events in rows
        )
    )


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every data table."""
    return {name: scalar(con, f"SELECT count(*) FROM {name}") for name in TABLES}
