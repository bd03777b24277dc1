"""Event mentions: what corroboration needs of each event, read from document records.

Corroboration reads the public JSON record (shared/OUTPUT.md), so it works the same on
`harmattan extract` output, on the store and on Spark's Parquet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from harmattan.errors import HarmattanError
from harmattan.records import Actor, Factuality, Place, actor_from_dict, place_from_dict


class CorroborationError(HarmattanError):
    """A document record lacks what corroboration needs."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One coded event of one article, as corroboration compares it with others."""

    event_id: str
    article_id: str
    index: int
    published: dt.date
    source: str | None
    type: str
    factuality: Factuality
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    start: dt.date | None
    end: dt.date | None
    precision: str
    date_source: str
    place: Place | None
    place_from_text: bool
    """The text itself attaches the place to the event (not a fallback country)."""
    sentence: str
    deadline: dt.date | None
    actor_keys: frozenset[str] = field(init=False, compare=False, repr=False)
    """Everything the actors may be recognized by in another report (see `party_keys`)."""
    recipient_keys: frozenset[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Computed once: corroboration compares every mention with many stories.
        object.__setattr__(self, "actor_keys", party_keys(self.actors))
        object.__setattr__(self, "recipient_keys", party_keys(self.recipients))


def party_keys(actors: tuple[Actor, ...]) -> frozenset[str]:
    """Actor ids and country:sector codes.

    Two reports may resolve one party differently ("the CNSP" and "the junta", both NER
    MIL); a person's code changes with their role, so the id counts too.
    """
    keys = {f"id:{a.id}" for a in actors if a.id}
    keys |= {f"code:{a.country}:{a.sector}" for a in actors if a.country and a.sector}
    return frozenset(keys)


def mentions_of(record: Mapping[str, Any]) -> Iterator[Mention]:
    """The event mentions of one document record (the JSON of shared/OUTPUT.md)."""
    try:
        article = record["article"]
        text = str(article["text"])
        published = dt.date.fromisoformat(str(article["published"]))
        events = record["events"]
    except (KeyError, TypeError, ValueError) as error:
        raise CorroborationError(
            f"not a harmattan document record ({type(error).__name__}: {error}); "
            "corroboration reads the JSON that `harmattan extract` writes"
        ) from None
    for index, event in enumerate(events):
        sentence = event["sentence"]
        yield mention_of(
            str(article["id"]),
            published,
            article.get("source"),
            index,
            event,
            text[int(sentence["start"]) : int(sentence["end"])],
        )


def mention_of(
    article_id: str,
    published: dt.date,
    source: str | None,
    index: int,
    event: Mapping[str, Any],
    sentence: str,
) -> Mention:
    """One event of a record (its JSON object) as a mention; `sentence` is its evidence."""
    date = event["date"]
    deadline = date.get("deadline")
    location = event.get("location") or {}
    return Mention(
        event_id=str(event["id"]),
        article_id=article_id,
        index=index,
        published=published,
        source=source,
        type=str(event["type"]),
        factuality=Factuality(event["factuality"]),
        actors=tuple(actor_from_dict(p) for p in event["actors"]),
        recipients=tuple(actor_from_dict(p) for p in event["recipients"]),
        start=_date(date.get("start")),
        end=_date(date.get("end")),
        precision=str(date.get("precision") or "unknown"),
        date_source=str(date.get("source") or "publication"),
        place=place_from_dict(location) if location.get("name") else None,
        place_from_text=location.get("source") == "text",
        sentence=sentence,
        deadline=_date(deadline["date"]) if deadline else None,
    )


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None
