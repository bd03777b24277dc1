"""Typed, frozen records passed between harmattan's stages.

Every record that points into an article carries `start`/`end`: Python string
indices into `Article.text`, so that `article.text[start:end] == text`.
`DocumentRecord.to_dict()` produces the public JSON contract (shared/OUTPUT.md).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

SCHEMA = "harmattan.document/1"


@dataclass(frozen=True, slots=True)
class Article:
    """A dated news report: the unit everything else is extracted from."""

    id: str
    published: dt.date
    text: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    language: str = "en"

    def to_dict(self) -> dict[str, Any]:
        """The `article` object of the document record."""
        return {
            "id": self.id,
            "published": self.published.isoformat(),
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "language": self.language,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Quarantined:
    """Input that could not become an article, with where it was and why."""

    origin: str
    location: str
    reason: str
    excerpt: str


@dataclass(frozen=True, slots=True)
class Actor:
    """A coded political actor: PLOVER country code plus sector."""

    id: str
    name: str
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence boundary in the article text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity with its offsets and, when resolved, its actor."""

    text: str
    start: int
    end: int
    label: str
    actor: Actor | None = None


class TimexType(StrEnum):
    """TIMEX3 expression types."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression normalized to a TIMEX3 value."""

    text: str
    start: int
    end: int
    type: TimexType
    value: str


class Precision(StrEnum):
    """How precisely a place was resolved."""

    EXACT = "exact"
    CITY = "city"
    ADMIN2 = "admin2"
    ADMIN1 = "admin1"
    COUNTRY = "country"
    REGION = "region"
    UNKNOWN = "unknown"
    """Only for an event's location: the text does not say where it happened."""

    @property
    def rank(self) -> int:
        """0 for the most precise; a city says more than its region, a region than its country."""
        return _PRECISION_ORDER.index(self)


# Broad regions ("the Sahel") rank above a country: they are named, not fallen back on.
_PRECISION_ORDER = (
    Precision.EXACT, Precision.CITY, Precision.ADMIN2, Precision.ADMIN1, Precision.REGION,
    Precision.COUNTRY, Precision.UNKNOWN,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym resolved against the gazetteer."""

    text: str
    start: int
    end: int
    name: str
    geonameid: int | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    feature: str
    precision: Precision


class LocationSource(StrEnum):
    """How an event's location was chosen (see harmattan/events/location.py)."""

    TEXT = "text"
    """A place the text attaches to the event's trigger or clause."""
    RECIPIENT = "recipient"
    """The recipient's country, named in the article."""
    FOCUS = "focus"
    """The article's focus country, named in the article."""
    NONE = "none"
    """The text does not say where: no place, precision `unknown`."""


@dataclass(frozen=True, slots=True)
class EventLocation:
    """Where an event happened and how harmattan knows; `place` is None when the text is silent."""

    place: Place | None
    source: LocationSource

    def __post_init__(self) -> None:
        if (self.place is None) != (self.source is LocationSource.NONE):
            raise ValueError(
                f"an event location with source {self.source.value!r} "
                f"{'needs' if self.place is None else 'cannot have'} a place"
            )

    @property
    def precision(self) -> Precision:
        """The place's precision, or `unknown` when there is no place."""
        return self.place.precision if self.place is not None else Precision.UNKNOWN

    def to_dict(self) -> dict[str, Any]:
        """The place's fields (all null when there is none), its precision and source."""
        data: dict[str, Any] = {f.name: None for f in dataclasses.fields(Place)}
        if self.place is not None:
            data.update(_jsonable(self.place))
        data["precision"] = self.precision.value
        data["source"] = self.source.value
        return data


class Factuality(StrEnum):
    """Whether the text reports an event as having happened (see PLOVER.md)."""

    ASSERTED = "asserted"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"
    FUTURE = "future"
    HISTORICAL = "historical"


class DateSource(StrEnum):
    """Where an event's date bounds came from."""

    TEXT = "text"
    PUBLICATION = "publication"
    CORROBORATION = "corroboration"


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A span of the article text used as evidence."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Participant:
    """An event's actor or recipient: the text that names it and what it resolves to."""

    text: str
    start: int
    end: int
    actor: Actor


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline stated for a demand or threat."""

    date: dt.date
    status: str


@dataclass(frozen=True, slots=True)
class EventDate:
    """Bounds on when an event happened, and where they came from."""

    start: dt.date | None
    end: dt.date | None
    precision: str
    source: DateSource
    timex: TextSpan | None = None
    deadline: Deadline | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who the text says claims an event."""

    text: str
    start: int
    end: int
    actor: Actor | None


@dataclass(frozen=True, slots=True)
class Event:
    """A PLOVER event with its evidence."""

    id: str
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    factuality: Factuality
    cameo_root: str | None
    quad_class: int | None
    score: float | None
    actors: tuple[Participant, ...]
    recipients: tuple[Participant, ...]
    trigger: TextSpan
    sentence: Sentence
    date: EventDate
    location: EventLocation
    attribution: Attribution | None
    confidence: float


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """Everything harmattan extracted from one article."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    timexes: tuple[Timex, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """The public JSON shape of shared/OUTPUT.md."""
        data: dict[str, Any] = {
            "schema": SCHEMA,
            "article": self.article.to_dict(),
            "sentences": [_jsonable(s) for s in self.sentences],
            "entities": [_jsonable(e) for e in self.entities],
            "timexes": [_jsonable(t) for t in self.timexes],
            "places": [_jsonable(p) for p in self.places],
            "events": [_event_dict(e) for e in self.events],
        }
        return data


STORY_SCHEMA = "harmattan.story/1"


@dataclass(frozen=True, slots=True)
class StoryMention:
    """One report of a story's event: the event as one article codes it."""

    article_id: str
    event_id: str
    published: dt.date
    source: str | None
    factuality: Factuality
    re_mention: bool
    """The story was first reported before this article was published."""
    duplicate_of: str | None = None
    """The article this one nearly copies; its mention is no independent source."""


@dataclass(frozen=True, slots=True)
class Quote:
    """What one report says on a disputed point, with the sentence that says it."""

    article_id: str
    event_id: str
    source: str | None
    published: dt.date
    value: str
    text: str


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Reports of one story that disagree on `field`, each value with its quotes."""

    field: str
    values: tuple[str, ...]
    quotes: tuple[Quote, ...]

    def to_dict(self) -> dict[str, Any]:
        """The contradiction as in a story's JSON."""
        data: dict[str, Any] = _jsonable(self)
        return data


@dataclass(frozen=True, slots=True)
class Story:
    """One real-world event, as every report of it in the store describes it."""

    id: str
    type: str
    factuality: Factuality
    factualities: tuple[tuple[Factuality, int], ...]
    """Independent mentions per factuality, most first: the majority and the dissent."""
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    date: EventDate
    location: Place | None
    mentions: tuple[StoryMention, ...]
    first_reported: dt.date
    sources: tuple[str, ...]
    """Independent sources: distinct publishers, near-duplicate copies left out."""
    contradictions: tuple[Contradiction, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The story's public JSON shape (`schema: harmattan.story/1`)."""
        data: dict[str, Any] = {"schema": STORY_SCHEMA, **_jsonable(self)}
        data["factualities"] = {f.value: n for f, n in self.factualities}
        data["mentions"] = [_jsonable(m) for m in self.mentions]
        return data


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An article that nearly copies an earlier one."""

    article_id: str
    original_id: str
    similarity: float


@dataclass(frozen=True, slots=True)
class Corroboration:
    """What corroboration finds across a set of articles: stories and near-duplicates."""

    stories: tuple[Story, ...]
    duplicates: tuple[Duplicate, ...]


class AlertKind(StrEnum):
    """What an alert rule watches for (see harmattan/alerts)."""

    MATCH = "match"
    DEADLINE = "deadline"
    ESCALATION = "escalation"
    CONTRADICTION = "contradiction"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A report's sentence that an alert rests on, with its offsets in the article."""

    article_id: str
    event_id: str
    source: str | None
    published: dt.date
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class StoryFacts:
    """A story as alerts read it: its record (harmattan.story/1), the mean intensity
    score of its reports, and their evidence."""

    record: Mapping[str, Any]
    score: float | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Party:
    """An actor of a report, by the keys corroboration compares (id, country:sector)."""

    name: str
    keys: frozenset[str]


@dataclass(frozen=True, slots=True)
class Demand:
    """A REQUEST or THREATEN report with a deadline."""

    story_id: str
    event_id: str
    type: str
    actors: tuple[Party, ...]
    recipients: tuple[Party, ...]
    set_on: dt.date
    """The day the demand was made: its own date when the text gives one, else publication."""
    published: dt.date
    deadline: dt.date
    deadline_text: str | None
    country: str | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Response:
    """A RETREAT, AGREE or CONCEDE report, asserted."""

    event_id: str
    actors: tuple[Party, ...]
    recipients: tuple[Party, ...]
    published: dt.date


@dataclass(frozen=True, slots=True)
class Alert:
    """One fired alert."""

    rule: str
    kind: AlertKind
    key: str
    as_of: dt.date
    story_ids: tuple[str, ...]
    """The story it is about, or (escalation) the stories it counts."""
    event_ids: tuple[str, ...]
    """The reports it rests on."""
    country: str | None
    summary: str
    evidence: tuple[Evidence, ...]

    @property
    def id(self) -> str:
        return hashlib.sha256(f"{self.rule}\x1f{self.key}".encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """The alert as JSON (what a webhook receives)."""
        return {"id": self.id, **_jsonable(self)}


def document_from_dict(data: Mapping[str, Any]) -> DocumentRecord:
    """The record a `DocumentRecord.to_dict()` (shared/OUTPUT.md) was made from.

    Spark writes records as JSON; `harmattan load` reads them back with this, so that
    the store writes them exactly as it writes records it extracted itself.
    """
    if data.get("schema") != SCHEMA:
        raise ValueError(f"not a {SCHEMA} record (schema {data.get('schema')!r})")
    a = data["article"]
    article = Article(
        id=a["id"], published=dt.date.fromisoformat(a["published"]), text=a["text"],
        source=a.get("source"), url=a.get("url"), title=a.get("title"),
        language=a.get("language") or "en",
    )  # fmt: skip
    return DocumentRecord(
        article=article,
        sentences=tuple(Sentence(s["start"], s["end"]) for s in data.get("sentences", ())),
        entities=tuple(
            Entity(e["text"], e["start"], e["end"], e["label"], _actor(e.get("actor")))
            for e in data["entities"]
        ),
        timexes=tuple(
            Timex(t["text"], t["start"], t["end"], TimexType(t["type"]), t["value"])
            for t in data["timexes"]
        ),
        places=tuple(place_from_dict(p) for p in data["places"]),
        events=tuple(_event(e) for e in data["events"]),
    )


def actor_from_dict(data: Mapping[str, Any]) -> Actor:
    """An actor from its JSON (or from a participant's, which flattens it)."""
    return Actor(data["id"], data["name"], data.get("country"), data.get("sector"))


def _actor(data: Mapping[str, Any] | None) -> Actor | None:
    return actor_from_dict(data) if data is not None else None


def place_from_dict(data: Mapping[str, Any]) -> Place:
    """A place from its JSON (a `places` item, or an event location that has a place)."""
    return Place(
        text=data["text"], start=data["start"], end=data["end"], name=data["name"],
        geonameid=data.get("geonameid"), country=data.get("country"),
        admin1=data.get("admin1"), lat=data.get("lat"), lon=data.get("lon"),
        feature=data["feature"], precision=Precision(data["precision"]),
    )  # fmt: skip


def _participant(data: Mapping[str, Any]) -> Participant:
    return Participant(data["text"], data["start"], data["end"], actor_from_dict(data))


def _span(data: Mapping[str, Any] | None) -> TextSpan | None:
    return TextSpan(data["text"], data["start"], data["end"]) if data else None


def _event(data: Mapping[str, Any]) -> Event:
    date, location, attribution = data["date"], data["location"], data.get("attribution")
    deadline = date.get("deadline")
    trigger = _span(data["trigger"])
    if trigger is None:
        raise ValueError(f"event {data.get('id')!r} has no trigger")
    return Event(
        id=data["id"], type=data["type"], mode=data.get("mode"),
        contexts=tuple(data.get("contexts", ())), factuality=Factuality(data["factuality"]),
        cameo_root=data.get("cameo_root"), quad_class=data.get("quad_class"),
        score=data.get("score"),
        actors=tuple(_participant(p) for p in data["actors"]),
        recipients=tuple(_participant(p) for p in data["recipients"]),
        trigger=trigger,
        sentence=Sentence(data["sentence"]["start"], data["sentence"]["end"]),
        date=EventDate(
            start=_day(date.get("start")), end=_day(date.get("end")),
            precision=date["precision"], source=DateSource(date["source"]),
            timex=_span(date.get("timex")),
            deadline=(
                Deadline(dt.date.fromisoformat(deadline["date"]), deadline["status"])
                if deadline else None
            ),
        ),
        location=EventLocation(
            place_from_dict(location) if location.get("name") is not None else None,
            LocationSource(location["source"]),
        ),
        attribution=(
            Attribution(
                attribution["text"], attribution["start"], attribution["end"],
                _actor(attribution.get("actor")),
            )
            if attribution else None
        ),
        confidence=data["confidence"],
    )  # fmt: skip


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def timex_dict(timex: Timex) -> dict[str, Any]:
    """A time expression as in the document record's `timexes` list."""
    data: dict[str, Any] = _jsonable(timex)
    return data


def _participant_dict(p: Participant) -> dict[str, Any]:
    # OUTPUT.md flattens the actor into the participant object.
    return {"text": p.text, "start": p.start, "end": p.end, **_jsonable(p.actor)}


def _event_dict(event: Event) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in (f.name for f in dataclasses.fields(event)):
        value = getattr(event, name)
        if name in ("actors", "recipients"):
            data[name] = [_participant_dict(p) for p in value]
        elif name == "location":
            data[name] = event.location.to_dict()
        else:
            data[name] = _jsonable(value)
    return data


_PLAIN = (str, int, float, bool, type(None))


def _jsonable(value: Any) -> Any:
    """Convert records, enums, dates and tuples into plain JSON values."""
    # Plain values are most of a record; answer them first (a StrEnum is not plain).
    if type(value) in _PLAIN:
        return value
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # The class's field table, not dataclasses.fields(): that builds a new tuple on
        # every call, a third of the time of a record's to_dict. (No record declares a
        # ClassVar or InitVar, the pseudo-fields the table also holds.)
        return {name: _jsonable(getattr(value, name)) for name in value.__dataclass_fields__}
    return value
