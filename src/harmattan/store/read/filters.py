"""Which events and stories a listing selects: the one filter of the CLI, the API and exports.

Every value reaches DuckDB as a query parameter, never inside the SQL text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from harmattan.records import Factuality


def contains(column: str) -> str:
    """SQL for "`column` contains the text given as the parameter `folded(text)`",
    case-insensitively and literally: a user who searches for "%" or "_" means those
    characters, not "anything". (An ILIKE with an ESCAPE clause says the same, but DuckDB
    runs it about thirty times slower over a million evidence sentences.)"""
    return f"contains(lower({column}), ?)"


def folded(text: str) -> str:
    """The parameter of `contains`: the text in the case `contains` compares in."""
    return text.lower()


ARTICLES_IN_SQL = "SELECT x.id FROM articles x WHERE x.language = ?"
"""The ids of the articles in the language given as the parameter `folded(code)`."""

EVENT_ORDER_SQL = "e.day, e.article_id, e.idx"
"""Events in the order of their own day, then article and position: a stable order."""


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to list. Dates bound the event's own date, not the article's.

    An event whose date is only bounded by publication uses the publication date.
    """

    type: str | None = None
    factuality: Factuality | None = None
    country: str | None = None
    actor: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int | None = None
    text: str | None = None
    """Words in the evidence sentence or the trigger (case does not matter)."""
    language: str | None = None
    """The language of the event's article (ISO 639 code, e.g. "fr")."""


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """Which stories to list. Dates bound the story's own (narrowed) date."""

    type: str | None = None
    factuality: Factuality | None = None
    country: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    min_sources: int | None = None
    contradicted: bool = False
    limit: int | None = None
    language: str | None = None
    """A language (ISO 639 code) that at least one of the story's reports is in."""


def event_where(f: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (events aliased `e`; "" for no filter) and its parameters.

    It reads the events table alone (parties by semi-join), so that it stays fast on
    millions of events; the API and the CLI filter alike through it.
    """
    where: list[str] = []
    params: list[Any] = []
    if f.type:
        where.append("e.type = ?")
        params.append(f.type.upper())
    if f.factuality:
        where.append("e.factuality = ?")
        params.append(f.factuality.value)
    if f.country:
        where.append("list_contains(e.countries, ?)")
        params.append(f.country.upper())
    if f.actor:
        where.append(
            "e.id IN (SELECT p.event_id FROM event_participants p WHERE "
            f"p.actor_id = ? OR {contains('p.name')} OR {contains('p.text')})"
        )
        params += [f.actor, folded(f.actor), folded(f.actor)]
    # An event is kept when its date range meets [since, until]; one the text does not
    # date is at its publication day (`day`).
    if f.since:
        where.append("e.day >= ?")
        params.append(f.since)
    if f.until:
        where.append("coalesce(e.date_start, e.day) <= ?")
        params.append(f.until)
    if f.text:
        where.append(f"({contains('e.evidence')} OR {contains('e.trigger_text')})")
        params += [folded(f.text)] * 2
    if f.language:
        # A semi-join on the article, as for parties: the events table stays the scan.
        where.append(f"e.article_id IN ({ARTICLES_IN_SQL})")
        params.append(folded(f.language))
    return (" WHERE " + " AND ".join(where) if where else ""), params


def story_where(f: StoryFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (stories aliased `s`; "" for no filter) and its parameters."""
    where: list[str] = []
    params: list[Any] = []
    if f.type:
        where.append("s.type = ?")
        params.append(f.type.upper())
    if f.factuality:
        where.append("s.factuality = ?")
        params.append(f.factuality.value)
    if f.country:
        where.append("list_contains(s.countries, ?)")
        params.append(f.country.upper())
    if f.since:
        where.append("coalesce(s.date_end, s.date_start, s.first_reported) >= ?")
        params.append(f.since)
    if f.until:
        where.append("coalesce(s.date_start, s.date_end, s.first_reported) <= ?")
        params.append(f.until)
    if f.min_sources is not None:
        where.append("s.sources >= ?")
        params.append(f.min_sources)
    if f.contradicted:
        where.append("s.contradictions > 0")
    if f.language:
        # One report in the language is enough: a story told in French and English is
        # found under either.
        where.append(
            "s.id IN (SELECT m.story_id FROM story_mentions m "
            f"WHERE m.article_id IN ({ARTICLES_IN_SQL}))"
        )
        params.append(folded(f.language))
    return (" WHERE " + " AND ".join(where) if where else ""), params
