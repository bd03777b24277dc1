"""How `harmattan events` and `harmattan show` list events: when, what, how sure the
text is, who to whom, where, and the sentence that says so with its trigger marked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text

from harmattan.terminal.table import Column, Fit, View

TRIGGER_STYLE = "bold red underline"

FACTUALITY_STYLES = {
    "asserted": "green",
    "negated": "red",
    "hypothetical": "yellow",
    "future": "cyan",
    "historical": "magenta",
}


@dataclass(frozen=True, slots=True)
class Party:
    """An actor or recipient as a listing names it."""

    text: str
    name: str
    country: str | None
    sector: str | None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Party:
        return cls(str(data["text"]), str(data.get("name") or data["text"]),
                   data.get("country"), data.get("sector"))  # fmt: skip

    @property
    def code(self) -> str:
        """ "NER MIL", "IGO"; "?" when the party is not coded."""
        return " ".join(c for c in (self.country, self.sector) if c) or "?"

    @property
    def short(self) -> str:
        """The code when it names a state's sector ("NER MIL"); else a short name, since
        "IGO" alone does not say which organization ("ECOWAS", "Wagner")."""
        if (self.country and self.sector) or len(self.label) > 14:
            return self.code
        return self.label

    @property
    def label(self) -> str:
        """The shorter of how the text names the party and the dictionary's name, when
        the text names it ("ECOWAS", "French ambassador"); else the dictionary's name
        ("Niger government" for "the authorities")."""
        if self.text[:1].isupper() and len(self.text) <= len(self.name):
            return self.text
        return self.name


@dataclass(frozen=True, slots=True)
class EventLine:
    """One event as a listing shows it."""

    event_id: str
    article_id: str
    published: dt.date
    source: str | None
    type: str
    mode: str | None
    factuality: str
    actors: tuple[Party, ...]
    recipients: tuple[Party, ...]
    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: str
    date_source: str
    place_name: str | None
    place_country: str | None
    place_precision: str | None
    place_source: str | None
    trigger: str
    evidence: str
    trigger_at: int
    """Where the trigger starts in `evidence`."""
    trigger_to: int
    attribution: str | None
    confidence: float

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> EventLine:
        """From a row of the store's events in the LISTED shape."""
        return cls(
            event_id=str(row["event_id"]), article_id=str(row["article_id"]),
            published=row["published"], source=row["source"], type=str(row["type"]),
            mode=row["mode"], factuality=str(row["factuality"]),
            actors=tuple(Party.from_dict(p) for p in row["actors"]),
            recipients=tuple(Party.from_dict(p) for p in row["recipients"]),
            date_start=row["date_start"], date_end=row["date_end"],
            date_precision=str(row["date_precision"]), date_source=str(row["date_source"]),
            place_name=row["location_name"], place_country=row["location_country"],
            place_precision=row["location_precision"], place_source=row["location_source"],
            trigger=str(row["trigger"]), evidence=str(row["evidence"]),
            trigger_at=int(row["trigger_at"]), trigger_to=int(row["trigger_to"]),
            attribution=row["attribution"], confidence=float(row["confidence"]),
        )  # fmt: skip

    @classmethod
    def from_record(cls, event: Mapping[str, Any], article: Mapping[str, Any]) -> EventLine:
        """From an event of a stored document record (shared/OUTPUT.md) and its article."""
        sentence, trigger = event["sentence"], event["trigger"]
        date, place = event["date"], event.get("location") or {}
        attribution = event.get("attribution")
        return cls(
            event_id=str(event["id"]), article_id=str(article["id"]),
            published=dt.date.fromisoformat(article["published"]), source=article.get("source"),
            type=str(event["type"]), mode=event.get("mode"),
            factuality=str(event["factuality"]),
            actors=tuple(Party.from_dict(p) for p in event["actors"]),
            recipients=tuple(Party.from_dict(p) for p in event["recipients"]),
            date_start=_date(date.get("start")), date_end=_date(date.get("end")),
            date_precision=str(date.get("precision") or "unknown"),
            date_source=str(date.get("source") or "publication"),
            place_name=place.get("name"), place_country=place.get("country"),
            place_precision=place.get("precision"), place_source=place.get("source"),
            trigger=str(trigger["text"]),
            evidence=article["text"][sentence["start"] : sentence["end"]],
            trigger_at=trigger["start"] - sentence["start"],
            trigger_to=trigger["end"] - sentence["start"],
            attribution=attribution["text"] if attribution else None,
            confidence=float(event["confidence"]),
        )  # fmt: skip


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def date_text(start: dt.date | None, end: dt.date | None, precision: str) -> str:
    """A date as precisely as the text gives it: "2023-07-26", "2023-W31", "2023-07",
    "2023"; "≤2023-07-27" when only an end bounds it (an event the text does not date is
    bounded by its publication date); a range as "2023-07-26/08-02"."""
    if start is None or end is None:
        if end is not None:
            return f"≤{end.isoformat()}"
        return f"≥{start.isoformat()}" if start is not None else "undated"
    if precision == "year" and start.year == end.year:
        return str(start.year)
    if precision == "month" and (start.year, start.month) == (end.year, end.month):
        return start.strftime("%Y-%m")
    if precision == "week" and (end - start).days <= 6:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if start == end:
        return start.isoformat()
    # ISO 8601 lets the end of an interval leave out what it shares with the start.
    shared = 2 if start.month == end.month else 1 if start.year == end.year else 0
    return f"{start.isoformat()}/{'-'.join(end.isoformat().split('-')[shared:])}"


def event_date(e: EventLine) -> str:
    return date_text(e.date_start, e.date_end, e.date_precision)


def parties(found: Sequence[Party], compact: bool) -> str:
    """ "ECOWAS (IGO), Mali (MLI GOV)"; compact: "ECOWAS, MLI GOV"; "—" for none."""
    if compact:
        return ", ".join(p.short for p in found) or "—"
    return ", ".join(f"{p.label} ({p.code})" for p in found) or "—"


def who(e: EventLine, compact: bool) -> str:
    return f"{parties(e.actors, compact)} → {parties(e.recipients, compact)}"


def place(e: EventLine, compact: bool) -> str:
    """ "Abuja (NGA)", "Niger"; compact: a country as its code. Empty when unknown."""
    if not e.place_name:
        return ""
    if e.place_precision == "country" or e.place_name == e.place_country:
        return e.place_country or e.place_name if compact else e.place_name
    if compact or not e.place_country:
        return e.place_name
    return f"{e.place_name} ({e.place_country})"


def _place_text(e: EventLine, compact: bool) -> Text:
    # A place taken from the recipient or the article's focus, not from the sentence,
    # is dimmed: it is a fallback, not what the text says.
    inferred = e.place_source not in (None, "text")
    return Text(place(e, compact) or "—", style="dim" if inferred else "")


def evidence(e: EventLine, width: int) -> Text:
    """The evidence sentence in `width` characters with its trigger marked: from the
    start of the sentence when the trigger fits, else a window that keeps the trigger and
    the words before it."""
    sentence = " ".join(e.evidence.splitlines())
    at, to = e.trigger_at, e.trigger_to
    if len(sentence) <= width:
        shown, shift = sentence, 0
    elif to <= width - 1:
        shown, shift = sentence[: width - 1] + "…", 0
    else:
        room = width - 2 - (to - at)
        start = max(at - max(room // 3, 0), 0)
        space = sentence.find(" ", start, at)
        start = space + 1 if space != -1 else start
        body = sentence[start : start + width - 2]
        tail = "…" if start + width - 2 < len(sentence) else ""
        shown, shift = "…" + body + tail, start - 1
        shown = shown[:width]
    text = Text(shown)
    text.stylize(TRIGGER_STYLE, max(at - shift, 0), max(min(to - shift, len(shown)), 0))
    return text


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _styled(style: str, value: str) -> Text:
    return Text(value, style=style)


EVENTS: View[EventLine] = View(
    "events",
    (
        Column("date", event_date, show=lambda e, _: _styled(
            "dim" if e.date_source == "publication" else "", event_date(e))),
        Column("type", lambda e: e.type, show=lambda e, compact: Text.assemble(
            (e.type, "bold"), *((("/" + e.mode, "dim"),) if e.mode and not compact else ()))),
        Column("factuality", lambda e: e.factuality, show=lambda e, _: _styled(
            FACTUALITY_STYLES.get(e.factuality, ""), e.factuality)),
        Column("who", lambda e: who(e, compact=False), header="who → whom",
               fit=Fit.WRAP, show=lambda e, compact: Text(who(e, compact)), cap=36, least=12),
        Column("place", lambda e: place(e, compact=False), fit=Fit.WRAP, show=_place_text,
               cap=22, least=6),
        Column("evidence", lambda e: " ".join(e.evidence.split()), fit=Fit.CUT, cut=evidence,
               cap=36, least=16),
        Column("source", lambda e: e.source or "", fit=Fit.WRAP, tier=1, cap=16, least=8),
        Column("article", lambda e: e.article_id, tier=1,
               show=lambda e, _: _styled("dim", e.article_id[:10])),
        Column("said_by", lambda e: e.attribution or "", header="said by", fit=Fit.WRAP,
               tier=2, cap=20, least=8),
        Column("confidence", lambda e: f"{e.confidence:.2f}", header="conf.", tier=2),
        Column("mode", lambda e: e.mode or "", tier=3),
        Column("published", lambda e: e.published.isoformat(), tier=3),
        Column("date_start", lambda e: _iso(e.date_start), tier=3),
        Column("date_end", lambda e: _iso(e.date_end), tier=3),
        Column("date_precision", lambda e: e.date_precision, tier=3),
        Column("date_source", lambda e: e.date_source, tier=3),
        Column("actors", lambda e: parties(e.actors, compact=False), fit=Fit.WRAP, tier=3),
        Column("recipients", lambda e: parties(e.recipients, compact=False), fit=Fit.WRAP,
               tier=3),
        Column("place_country", lambda e: e.place_country or "", tier=3),
        Column("place_source", lambda e: e.place_source or "", tier=3),
        Column("trigger", lambda e: e.trigger, fit=Fit.WRAP, tier=3, cap=20),
        Column("event_id", lambda e: e.event_id, tier=3),
    ),
)  # fmt: skip
"""The columns of `harmattan events` (and of the events under `harmattan show`)."""
