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
`choose` is that one decision, shared by `cluster` and by the batch-by-batch update
(`update.py`), which replays it only for the mentions a batch can affect.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from harmattan.corroborate.mentions import Mention
from harmattan.records import DateSource

TEXT = DateSource.TEXT.value
UNBOUNDED_DAYS = 1 << 20
"""Sorts a date range open on one side after every bounded one."""
K = TypeVar("K")


Order = tuple[int, dt.date, dt.date, str, int]
"""Where a mention comes in clustering: width of its date range, anchor date, publication
date, article id, position in the article."""


@dataclass(frozen=True, slots=True)
class Identity:
    """What identity compares of a mention: all a story's membership depends on."""

    event_id: str
    order: Order
    type: str
    roles: tuple[bool, bool]
    actor_keys: frozenset[str]
    recipient_keys: frozenset[str]
    start: dt.date | None
    end: dt.date | None
    text_dated: bool
    country: str | None
    """The country of the place the text attaches to the mention, if any."""
    actor_index: tuple[str, ...] = field(init=False, compare=False, repr=False)
    """`key("a", k)` of each actor key, computed once: clustering looks them up often."""
    recipient_index: tuple[str, ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        actors = tuple(self.key("a", k) for k in sorted(self.actor_keys))
        object.__setattr__(self, "actor_index", actors)
        recipients = tuple(self.key("r", k) for k in sorted(self.recipient_keys))
        object.__setattr__(self, "recipient_index", recipients)

    def key(self, role: str, party: str) -> str:
        """A party key namespaced by type, roles and role (`a` or `r`): only mentions
        that can be one event share one."""
        return f"{self.type}|{int(self.roles[0])}{int(self.roles[1])}|{role}|{party}"

    def index_keys(self) -> list[str]:
        """Every namespaced key of this mention (see `key`)."""
        return [*self.actor_index, *self.recipient_index]


def identity_of(mention: Mention) -> Identity:
    """The identity-relevant part of a mention."""
    country = (
        mention.place.country
        if mention.place_from_text and mention.place is not None and mention.place.country
        else None
    )
    return Identity(
        mention.event_id,
        _order(mention),
        mention.type,
        _roles(mention),
        mention.actor_keys,
        mention.recipient_keys,
        mention.start,
        mention.end,
        mention.date_source == TEXT,
        country,
    )


@dataclass(slots=True)
class StoryState:
    """A story being built: what its mentions so far establish together."""

    roles: tuple[bool, bool]
    actors: set[str] = field(default_factory=set)
    recipients: set[str] = field(default_factory=set)
    low: dt.date | None = None
    high: dt.date | None = None
    countries: set[str] = field(default_factory=set)
    text_dated: bool = False

    def add(self, mention: Identity) -> None:
        self.text_dated = self.text_dated or mention.text_dated
        self.actors |= mention.actor_keys
        self.recipients |= mention.recipient_keys
        if mention.start is not None and (self.low is None or mention.start > self.low):
            self.low = mention.start
        if mention.end is not None and (self.high is None or mention.end < self.high):
            self.high = mention.end
        if mention.country:
            self.countries.add(mention.country)

    def absorbs(self, mention: Identity) -> bool:
        """Whether adding the mention leaves this state as it is (so that no later choice
        can depend on whether it was added): its parties, dates and place say nothing new."""
        return (
            mention.actor_keys <= self.actors
            and mention.recipient_keys <= self.recipients
            and (mention.start is None or (self.low is not None and mention.start <= self.low))
            and (mention.end is None or (self.high is not None and mention.end >= self.high))
            and (not mention.country or mention.country in self.countries)
            and (not mention.text_dated or self.text_dated)
        )

    @property
    def closed(self) -> bool:
        """No mention can join: a party is missing and no mention dates it from the text
        (and none can join to date it; see `_fits`)."""
        return not all(self.roles) and not self.text_dated

    def shared(self, mention: Identity) -> tuple[int, int]:
        """How many of the mention's actor and recipient keys this story holds."""
        return len(mention.actor_keys & self.actors), len(mention.recipient_keys & self.recipients)


def story_id(first: Mention | Identity) -> str:
    """A story's stable id: derived from its first mention's event id."""
    return "s" + hashlib.sha256(first.event_id.encode("utf-8")).hexdigest()[:15]


def cluster(mentions: Iterable[Mention]) -> list[list[Mention]]:
    """Group mentions into stories, each a list of mentions in canonical order."""
    ordered = sorted(((identity_of(m), m) for m in mentions), key=lambda pair: pair[0].order)
    groups: list[list[Mention]] = []
    states: list[StoryState] = []
    # (type, roles, party key) → stories holding that party in that role. A mention's
    # candidates are counted straight off these lists: no story is compared in full.
    by_actor: dict[str, list[int]] = defaultdict(list)
    by_recipient: dict[str, list[int]] = defaultdict(list)
    for identity, mention in ordered:
        shared_actors: Counter[int] = Counter()
        for key in identity.actor_index:
            shared_actors.update(by_actor.get(key, ()))
        shared_recipients: Counter[int] = Counter()
        for key in identity.recipient_index:
            shared_recipients.update(by_recipient.get(key, ()))
        ranked = rank(identity, shared_actors, shared_recipients, lambda i: i)
        target = choose(identity, ranked, states.__getitem__)
        if target is None:
            groups.append([])
            states.append(StoryState(identity.roles))
            target = len(states) - 1
        state = states[target]
        for party in identity.actor_keys - state.actors:
            by_actor[identity.key("a", party)].append(target)
        for party in identity.recipient_keys - state.recipients:
            by_recipient[identity.key("r", party)].append(target)
        state.add(identity)
        groups[target].append(mention)
    return groups


def rank(
    mention: Identity,
    actors: Mapping[K, int],
    recipients: Mapping[K, int],
    created: Callable[[K], Any],
) -> list[K]:
    """The stories a mention may join, best first: those sharing a party with it in each
    role it names (`actors`, `recipients`: how many of its keys each story holds), most
    shared first, earliest `created` on ties."""
    if mention.actor_keys and mention.recipient_keys:
        eligible = actors.keys() & recipients.keys()
    else:
        eligible = actors.keys() | recipients.keys()
    return sorted(eligible, key=lambda k: (-actors.get(k, 0) - recipients.get(k, 0), created(k)))


def choose(mention: Identity, ranked: Iterable[K], state: Callable[[K], StoryState]) -> K | None:
    """The story a mention joins: the first of `ranked` whose dates and place fit; None
    when none fits and the mention starts a story."""
    return next((key for key in ranked if _fits(state(key), mention)), None)


def _order(mention: Mention) -> Order:
    anchor = mention.start or mention.end or mention.published
    width = (
        (mention.end - mention.start).days
        if mention.start is not None and mention.end is not None
        else UNBOUNDED_DAYS
    )
    return (width, anchor, mention.published, mention.article_id, mention.index)


def _roles(mention: Mention) -> tuple[bool, bool]:
    return (bool(mention.actors), bool(mention.recipients))


def _fits(story: StoryState, mention: Identity) -> bool:
    """Whether a mention sharing parties with the story can join it: dates and place."""
    if not overlap(story.low, story.high, mention.start, mention.end):
        return False
    if not all(story.roles) and not (story.text_dated and mention.text_dated):
        return False
    return not (mention.country and story.countries and mention.country not in story.countries)


def overlap(
    low: dt.date | None, high: dt.date | None, start: dt.date | None, end: dt.date | None
) -> bool:
    return (high is None or start is None or start <= high) and (
        low is None or end is None or low <= end
    )
