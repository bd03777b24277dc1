"""Event location: where the text says an event happened.

In order:

1. A place attached to the trigger or its clause by a locative preposition
   ("clashes in Tillabéri", "deployed near the border with Mali", "protests
   outside the embassy in Niamey"): the most precise such place.
2. Else the country of the recipient, when one of the article's places names it
   ("sanctions on Niger" happen in Niger), at country precision.
3. Else the article's focus country, when the article names it as a place.
4. Else no place, precision `unknown`: the text does not say.

The result says which rule chose it (`source`: text, recipient, focus or none), so an
analyst can keep only the events the text itself places.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from harmattan.records import EventLocation, LocationSource, Participant, Place, Precision

# Not "on": "sanctions on Niger" names a recipient, not a place.
_LOCATIVE = {"in", "at", "near", "outside", "inside", "around", "across", "along", "into"}


@dataclass(frozen=True, slots=True)
class ArticlePlaces:
    """An article's places, indexed once for locating each of its events.

    An article of thousands of sentences has thousands of events and places; asking
    every place about every event made such an article take minutes.
    """

    # All places, by start offset (text order kept among equal starts).
    by_start: tuple[Place, ...]
    starts: tuple[int, ...]
    longest: int
    # Places that are countries, in the article's order. A demonym ("Russian") is
    # listed as a place for geoparsing; it does not place an event.
    countries: tuple[Place, ...]

    @classmethod
    def of(cls, places: Sequence[Place]) -> ArticlePlaces:
        """Index places as the geo stage returns them."""
        by_start = tuple(sorted(places, key=lambda p: p.start))
        return cls(
            by_start=by_start,
            starts=tuple(p.start for p in by_start),
            longest=max((p.end - p.start for p in places), default=0),
            countries=tuple(
                p for p in places if p.precision is Precision.COUNTRY and p.feature == "country"
            ),
        )

    def overlapping(self, start: int, end: int) -> list[Place]:
        """The places that share a character with `start`..`end`, by start offset."""
        low = bisect_left(self.starts, start - self.longest)
        high = bisect_left(self.starts, end)
        return [p for p in self.by_start[low:high] if p.end > start]


def locate_event(
    trigger: Token,
    clause: Token,
    places: ArticlePlaces,
    recipients: Sequence[Participant],
    focus_country: str | None,
) -> EventLocation:
    """The place of an event and the rule that chose it; no place when the text is silent."""
    # Dependency arcs stay inside a sentence, so only a place overlapping the trigger's
    # sentence can hang from its clause.
    sentence = trigger.sent
    nearby = places.overlapping(sentence.start_char, sentence.end_char)
    attached = [p for p in nearby if _attached(p, trigger, clause)]
    if attached:
        best = min(attached, key=lambda p: (p.precision.rank, p.start))
        return EventLocation(best, LocationSource.TEXT)
    for recipient in recipients:
        for place in places.countries:
            if place.country is not None and place.country == recipient.actor.country:
                return EventLocation(place, LocationSource.RECIPIENT)
    if focus_country is not None:
        for place in places.countries:
            if place.country == focus_country:
                return EventLocation(place, LocationSource.FOCUS)
    return EventLocation(None, LocationSource.NONE)


def _attached(place: Place, trigger: Token, clause: Token) -> bool:
    doc = trigger.doc
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    # Climb through "the city of Agadez", "Niger's Tillabéri region" to the phrase's head.
    while head.dep_ in ("compound", "poss", "appos", "pobj") and head.head.pos_ in (
        "NOUN",
        "PROPN",
    ):
        if head.dep_ == "pobj" and head.head.dep_ != "prep":
            break
        head = head.head
    if head.dep_ != "pobj" or head.head.lower_ not in _LOCATIVE:
        return False
    # The place belongs to the event when, climbing from its preposition, the trigger
    # or its clause comes before any other verb ("clashed with rebels near Tillabéri").
    current = head.head.head
    while True:
        if current.i in (trigger.i, clause.i):
            return True
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return False
        current = current.head
