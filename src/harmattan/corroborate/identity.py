"""Cross-article event identity: which mentions report the same real-world event.

Two mentions can be one event when they have the same PLOVER type, name the same roles
(both name actors or both leave them out, and likewise recipients), share a party in
each role they name (by actor id or by country:sector code), their date ranges overlap,
and the places the text attaches to them lie in the same country.

Requiring the same roles trades recall for precision: "the junta demanded..." with no
recipient is not merged into "the junta asked Wagner for help", however well the dates
fit. A report whose coder output misses a party starts a story of its own. Where a role
is missing, one party is weak evidence, so the dates must come from the text on both
sides ("seized power on 26 July"): a date bounded only by publication overlaps too much.

Mentions are taken in a fixed order (the most precisely dated first, then by event
date, publication date, article id, position), so that stories are seeded by the reports
that date them best, and each joins the compatible story sharing most parties with it,
else starts one. The
order depends only on the mentions, never on when they were stored, so every ingest
order gives the same stories; a story's id comes from its first mention's event id.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from harmattan.corroborate.mentions import Mention
from harmattan.records import DateSource

TEXT = DateSource.TEXT.value
UNBOUNDED_DAYS = 1 << 20
"""Sorts a date range open on one side after every bounded one."""


@dataclass(slots=True)
class _Open:
    """A story being built: its mentions and what they establish together."""

    mentions: list[Mention]
    roles: tuple[bool, bool]
    actors: set[str]
    recipients: set[str]
    low: dt.date | None
    high: dt.date | None
    countries: set[str] = field(default_factory=set)
    text_dated: bool = False

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.text_dated = self.text_dated or mention.date_source == TEXT
        self.actors |= mention.actor_keys
        self.recipients |= mention.recipient_keys
        if mention.start is not None and (self.low is None or mention.start > self.low):
            self.low = mention.start
        if mention.end is not None and (self.high is None or mention.end < self.high):
            self.high = mention.end
        if mention.place_from_text and mention.place is not None and mention.place.country:
            self.countries.add(mention.place.country)


def story_id(first: Mention) -> str:
    """A story's stable id: derived from its first mention's event id."""
    return "s" + hashlib.sha256(first.event_id.encode("utf-8")).hexdigest()[:15]


def cluster(mentions: Iterable[Mention]) -> list[list[Mention]]:
    """Group mentions into stories, each a list of mentions in canonical order."""
    stories: list[_Open] = []
    # (type, roles, party key) → stories holding that party in that role. A mention's
    # candidates are counted straight off these lists: no story is compared in full.
    by_actor: dict[tuple[str, tuple[bool, bool], str], list[int]] = defaultdict(list)
    by_recipient: dict[tuple[str, tuple[bool, bool], str], list[int]] = defaultdict(list)
    for mention in sorted(mentions, key=_order):
        actors, recipients, roles = mention.actor_keys, mention.recipient_keys, _roles(mention)
        shared_actors = _counts(by_actor, mention.type, roles, actors)
        shared_recipients = _counts(by_recipient, mention.type, roles, recipients)
        if actors and recipients:
            candidates = shared_actors.keys() & shared_recipients.keys()
        else:
            candidates = set(shared_actors or shared_recipients)
        ranked = sorted(candidates, key=lambda i: (-shared_actors[i] - shared_recipients[i], i))
        target = next((i for i in ranked if _fits(stories[i], mention)), None)
        if target is None:
            stories.append(_Open([], roles, set(), set(), None, None))
            target = len(stories) - 1
        story = stories[target]
        for key in actors - story.actors:
            by_actor[(mention.type, roles, key)].append(target)
        for key in recipients - story.recipients:
            by_recipient[(mention.type, roles, key)].append(target)
        story.add(mention)
    return [story.mentions for story in stories]


def _counts(
    index: dict[tuple[str, tuple[bool, bool], str], list[int]],
    type: str,
    roles: tuple[bool, bool],
    keys: frozenset[str],
) -> Counter[int]:
    """How many of `keys` each story holds (each story is listed once per key it holds)."""
    counts: Counter[int] = Counter()
    for key in keys:
        counts.update(index.get((type, roles, key), ()))
    return counts


def _order(mention: Mention) -> tuple[int, dt.date, dt.date, str, int]:
    anchor = mention.start or mention.end or mention.published
    width = (
        (mention.end - mention.start).days
        if mention.start is not None and mention.end is not None
        else UNBOUNDED_DAYS
    )
    return (width, anchor, mention.published, mention.article_id, mention.index)


def _roles(mention: Mention) -> tuple[bool, bool]:
    return (bool(mention.actors), bool(mention.recipients))


def _fits(story: _Open, mention: Mention) -> bool:
    """Whether a mention sharing parties with the story can join it: dates and place."""
    if not _overlap(story.low, story.high, mention.start, mention.end):
        return False
    if not all(story.roles) and not (story.text_dated and mention.date_source == TEXT):
        return False
    return not (
        mention.place_from_text
        and mention.place is not None
        and mention.place.country
        and story.countries
        and mention.place.country not in story.countries
    )


def _overlap(
    low: dt.date | None, high: dt.date | None, start: dt.date | None, end: dt.date | None
) -> bool:
    return (high is None or start is None or start <= high) and (
        low is None or end is None or low <= end
    )
