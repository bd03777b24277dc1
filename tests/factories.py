"""Builders of real harmattan records for tests that need events before the coder exists."""

from __future__ import annotations

import datetime as dt

from harmattan.ingest.base import article_id
from harmattan.records import (
    Actor,
    Article,
    DateSource,
    Event,
    EventDate,
    EventLocation,
    Factuality,
    LocationSource,
    Participant,
    Sentence,
    TextSpan,
)


def make_event(
    article: Article,
    *,
    trigger: tuple[int, int],
    type: str = "REQUEST",
    factuality: Factuality = Factuality.ASSERTED,
    actors: tuple[Participant, ...] = (),
    recipients: tuple[Participant, ...] = (),
    date: EventDate | None = None,
) -> Event:
    """An event whose trigger and sentence are real spans of the article text."""
    start, end = trigger
    return Event(
        id=f"{article.id}-{start}",
        type=type,
        mode=None,
        contexts=("diplomatic",),
        factuality=factuality,
        cameo_root="10",
        quad_class=3,
        score=0.0,
        actors=actors,
        recipients=recipients,
        trigger=TextSpan(article.text[start:end], start, end),
        sentence=Sentence(0, len(article.text)),
        date=date or EventDate(None, article.published, "unknown", DateSource.PUBLICATION),
        location=EventLocation(None, LocationSource.NONE),
        attribution=None,
        confidence=0.5,
    )


def participant(article: Article, text: str, actor: Actor) -> Participant:
    """A participant at the first occurrence of `text` in the article."""
    start = article.text.index(text)
    return Participant(text, start, start + len(text), actor)


def article(text: str, published: str = "2023-08-01", source: str = "Test Wire") -> Article:
    """An article with a stable id derived the same way the readers derive it."""
    date = dt.date.fromisoformat(published)
    return Article(id=article_id(text, date), published=date, text=text, source=source)
