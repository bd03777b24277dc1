"""How `harmattan stories`, `articles`, `quarantine`, `alerts`, `alerts list` and `stats`
list their rows."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rich.text import Text

from harmattan.store.read import Table
from harmattan.terminal.events import Party, date_text, parties
from harmattan.terminal.table import Column, Fit, View

Row = Mapping[str, Any]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def field(name: str, **options: Any) -> Column[Row]:
    """A column showing a row's value of `name` as it is."""
    return Column(name, lambda row: _text(row[name]), **options)


def short_id(name: str, **options: Any) -> Column[Row]:
    """An id shown by its first 10 characters (enough for `harmattan show`); whole in TSV."""
    return Column(
        name, lambda row: _text(row[name]), show=lambda row, _: Text(_text(row[name])[:10], "dim"),
        **options,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class StoryLine:
    """One story as `harmattan stories` lists it."""

    story_id: str
    first_reported: str
    type: str
    factualities: dict[str, int]
    actors: tuple[Party, ...]
    recipients: tuple[Party, ...]
    date: str
    place: str
    place_country: str
    place_precision: str
    mentions: int
    sources: tuple[str, ...]
    contradictions: tuple[str, ...]
    """The fields the reports disagree on ("designation", "date")."""

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> StoryLine:
        """From a story record (harmattan.story/1)."""
        date, place = record["date"], record.get("location") or {}
        return cls(
            story_id=str(record["id"]), first_reported=str(record["first_reported"]),
            type=str(record["type"]), factualities=dict(record["factualities"]),
            actors=tuple(Party.from_dict({**p, "text": p["name"]}) for p in record["actors"]),
            recipients=tuple(
                Party.from_dict({**p, "text": p["name"]}) for p in record["recipients"]
            ),
            date=date_text(
                _day(date.get("start")), _day(date.get("end")), str(date.get("precision")),
            ),
            place=str(place.get("name") or ""), place_country=str(place.get("country") or ""),
            place_precision=str(place.get("precision") or ""),
            mentions=len(record["mentions"]), sources=tuple(record["sources"]),
            contradictions=tuple(c["field"] for c in record["contradictions"]),
        )  # fmt: skip

    def reports(self) -> str:
        """ "asserted 3, negated 1": how the reports put it, most first."""
        ranked = sorted(self.factualities.items(), key=lambda kv: (-kv[1], kv[0]))
        return ", ".join(f"{name} {n}" for name, n in ranked)

    def who(self, compact: bool) -> str:
        return f"{parties(self.actors, compact)} → {parties(self.recipients, compact)}"

    def where(self, compact: bool) -> str:
        """ "Niamey (NER)"; compact: a country as its code, a city by name when short."""
        if not self.place:
            return "—"
        if not self.place_country:
            return self.place
        if compact:
            short = self.place_precision != "country" and len(self.place) <= 8
            return self.place if short else self.place_country
        return f"{self.place} ({self.place_country})"


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


STORIES: View[StoryLine] = View(
    "stories",
    (
        Column("first_reported", lambda s: s.first_reported, header="reported"),
        Column("type", lambda s: s.type, show=lambda s, _: Text(s.type, "bold")),
        Column("reports", lambda s: s.reports(), fit=Fit.WRAP, cap=22, least=10),
        Column(
            "who", lambda s: s.who(compact=False), header="who → whom", fit=Fit.WRAP,
            show=lambda s, compact: Text(s.who(compact)), cap=40, least=16,
        ),
        Column("date", lambda s: s.date),
        Column(
            "place", lambda s: s.where(compact=False), fit=Fit.WRAP,
            show=lambda s, compact: Text(s.where(compact)), cap=22, least=6,
        ),
        Column("sources", lambda s: str(len(s.sources)), header="src"),
        Column(
            "contradictions", lambda s: str(len(s.contradictions)), header="≠",
            show=lambda s, _: Text(str(len(s.contradictions)), "bold yellow")
            if s.contradictions else Text("—", "dim"),
        ),
        Column(
            "disputed", lambda s: ", ".join(s.contradictions), fit=Fit.WRAP, tier=1, cap=16,
            least=8,
        ),
        Column("source_names", lambda s: "; ".join(s.sources), header="sources", fit=Fit.CUT,
               tier=1, cap=24, least=12),
        Column("mentions", lambda s: str(s.mentions), tier=2),
        Column("story_id", lambda s: s.story_id, header="story", tier=2),
    ),
    one="story",
)  # fmt: skip
"""The columns of `harmattan stories`."""


ARTICLES: View[Row] = View(
    "articles",
    (
        field("published"),
        field("language", header="lang"),
        field("source", fit=Fit.WRAP, cap=18, least=8),
        field("title", fit=Fit.CUT, cap=30, least=16),
        field("events"),
        short_id("id"),
        field("entities", tier=1),
        field("url", fit=Fit.WRAP, tier=2, cap=40),
    ),
)  # fmt: skip
"""The columns of `harmattan articles`."""


QUARANTINE: View[Row] = View(
    "quarantined inputs",
    (
        field("origin", fit=Fit.WRAP, cap=32, least=12),
        field("location", fit=Fit.WRAP, cap=14, least=6),
        field("reason", fit=Fit.WRAP, cap=48, least=16),
        field("excerpt", fit=Fit.CUT, tier=1, cap=20, least=12),
    ),
)  # fmt: skip
"""The columns of `harmattan quarantine`."""


def _first_quote(row: Row) -> str:
    quotes = row["evidence"] or []
    return str(quotes[0]["text"]) if quotes else ""


ALERTS: View[Row] = View(
    "alerts",
    (
        field("seq", header="#"),
        field("as_of", header="as of"),
        field("rule", fit=Fit.WRAP, cap=20, least=8),
        field("kind"),
        field("country"),
        field("summary", fit=Fit.WRAP, cap=70, least=20),
        Column("evidence", _first_quote, fit=Fit.CUT, tier=1, cap=30, least=16),
        Column("story_ids", lambda r: " ".join(r["story_ids"] or ()), tier=3),
        Column("event_ids", lambda r: " ".join(r["event_ids"] or ()), tier=3),
        field("id", tier=3),
    ),
)  # fmt: skip
"""The columns of `harmattan alerts`."""


RULES: View[Row] = View(
    "alert rules",
    (field("name"), field("kind"), field("filters", fit=Fit.WRAP, cap=80, least=20)),
)
"""The columns of `harmattan alerts list`."""


def table_view(found: Table, what: str) -> View[Row]:
    """A listing of every column of `found`, each shown whole (counts and dates)."""
    return View(what, tuple(field(name) for name in found.columns))
