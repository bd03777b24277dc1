"""Stories kept up to date batch by batch, at a cost that does not grow with the store.

Corroboration takes mentions (and articles) in a fixed order and lets each join the best
story (copy the closest original) among those built before it. A batch's new mentions
therefore change only what comes after them in that order and meets them: the stories
they join, and the later mentions whose choice those stories' changes can alter.
`update_stories` replays exactly those, in order, each choosing with `identity.choose`
(`dedup.closest_original`) against the stories' state at its turn, as a full rebuild
does; the result equals `corroborate` over every record. In a live feed new reports
mostly sort last, so a batch replays little more than itself, whatever the store holds.

What the replay reads and writes is a `StoryIndex` (the store's, in `store/story_index.py`,
inside the batch's transaction). It reads stored stories, not the mentions behind them:
each story's state with all its members (`Summary`) answers for it until the replay
reaches a mention that comes before the story's last member or changes the story; only
then are the story's members read.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, Protocol, TypeVar

from harmattan.corroborate.dedup import ArticleText, Signed, closest_original, order, sign
from harmattan.corroborate.identity import (
    Identity,
    Order,
    StoryState,
    choose,
    identity_of,
    overlap,
    rank,
)
from harmattan.corroborate.mentions import Mention, mention_of
from harmattan.corroborate.stories import assemble, build_story, read_records
from harmattan.records import Corroboration, Duplicate, Story

V = TypeVar("V")

BandNeighbour = tuple[str, str, dt.date]
"""(probe article, stored article sharing one of its bands, that one's publication date)"""
Probe = tuple[str, str, dt.date | None, dt.date | None]
"""(event id, one of its keys, its earliest and latest date): what a story must share."""
MentionRow = tuple[str, dt.date, str | None, int, Any, str]
"""A stored mention: article id, published, source, index, event JSON object, sentence."""


class StoryIndex(Protocol):
    """What the replay reads and writes of stored stories (see store/story_index.py)."""

    def clear(self) -> None: ...
    def add_articles(self, bands: Sequence[tuple[int, str, dt.date]]) -> None: ...
    def add_mentions(self, identities: Sequence[tuple[Any, ...]]) -> None: ...
    def set_duplicates(self, articles: Sequence[str], duplicates: Sequence[Duplicate]) -> None: ...
    def replace_stories(
        self,
        gone: Sequence[str],
        stories: Sequence[Story],
        summaries: Sequence[tuple[Any, ...]],
        keys: Sequence[tuple[str, str]],
    ) -> None: ...
    def band_neighbours(
        self, probes: Sequence[tuple[str, int]]
    ) -> list[tuple[str, str, dt.date]]: ...
    def originals(self, articles: Sequence[str]) -> dict[str, str | None]: ...
    def texts(self, articles: Sequence[str]) -> list[tuple[str, dt.date, str]]: ...
    def stories_near(self, probes: Sequence[Probe]) -> list[tuple[str, str]]: ...
    def summaries(self, stories: Sequence[str]) -> list[tuple[Any, ...]]: ...
    def story_members(
        self, ids: Sequence[str], by: Literal["event_id", "article_id", "story_id"] = ...
    ) -> list[tuple[str, str]]: ...
    def identities(self, events: Sequence[str]) -> list[tuple[Any, ...]]: ...
    def mentions(self, events: Sequence[str]) -> list[MentionRow]: ...
    def copies(self, articles: Sequence[str]) -> dict[str, str]: ...


def rebuild_stories(index: StoryIndex, records: Iterable[Mapping[str, Any]]) -> Corroboration:
    """Replace every story, duplicate link and index row with those of `records` (every
    stored record)."""
    texts, mentions = read_records(records)
    signed = [sign(t) for t in texts]
    corroboration = assemble(signed, mentions)
    identities = {m.event_id: identity_of(m) for m in mentions}
    index.clear()
    _add(index, signed, list(identities.values()))
    index.set_duplicates([], corroboration.duplicates)
    _write_stories(
        index,
        [],
        corroboration.stories,
        [[identities[m.event_id] for m in s.mentions] for s in corroboration.stories],
    )
    return corroboration


class Recent(Generic[V]):
    """The most recently used values by id, at most `capacity` of them."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._values: dict[str, V] = {}

    def get(self, key: str) -> V | None:
        value = self._values.pop(key, None)
        if value is not None:
            self._values[key] = value  # now the most recent
        return value

    def known(self, keys: Iterable[str]) -> tuple[dict[str, V], list[str]]:
        """The remembered values among `keys`, and the keys not remembered, in order."""
        found: dict[str, V] = {}
        missing: list[str] = []
        for key in keys:
            value = self.get(key)
            if value is None:
                missing.append(key)
            else:
                found[key] = value
        return found, missing

    def put(self, key: str, value: V) -> None:
        self._values.pop(key, None)
        self._values[key] = value
        while len(self._values) > self.capacity:
            del self._values[next(iter(self._values))]


class Remembered:
    """What a writer has read or computed of stored reports, kept across its batches.

    A report's mention and identity and an article's MinHash never change once stored,
    so a run of many batches keeps the recent ones instead of reading and computing them
    again: the members of a story that batch after batch joins (a wire report's copies
    arriving from many outlets) are read once, not once per batch.
    """

    def __init__(self, capacity: int = 20_000) -> None:
        self.mentions: Recent[Mention] = Recent(capacity)
        self.identities: Recent[Identity] = Recent(capacity)
        self.signatures: Recent[Signed] = Recent(capacity)


def update_stories(
    index: StoryIndex,
    records: Sequence[Mapping[str, Any]],
    remembered: Remembered | None = None,
) -> None:
    """Bring the stored stories up to date with newly stored `records`; the stories must
    have been up to date before they were stored. A writer that stores many batches
    passes the same `remembered` to each."""
    memory = remembered if remembered is not None else Remembered()
    texts, mentions = read_records(records)
    if not texts:
        return
    # A writer fed by worker processes finds the new articles already signed.
    signed = [memory.signatures.get(t.id) or sign(t) for t in texts]
    for s in signed:
        memory.signatures.put(s.id, s)
    identities = {m.event_id: identity_of(m) for m in mentions}
    for m in mentions:
        memory.identities.put(m.event_id, identities[m.event_id])
        memory.mentions.put(m.event_id, m)
    _add(index, signed, list(identities.values()))
    # The new articles' mentions are in no stored story yet: their stories are rebuilt
    # because the replay placed them.
    recopied = _replay_duplicates(index, signed, memory) - {s.id for s in signed}
    replay = _IdentityReplay(index, identities, memory)
    replay.run()
    _rewrite(index, replay, recopied, memory)


def _add(index: StoryIndex, signed: Sequence[Signed], identities: Sequence[Identity]) -> None:
    index.add_articles([(band, s.id, s.published) for s in signed for band in s.bands()])
    index.add_mentions(
        [
            (
                *(i.event_id, i.type, *i.roles, *i.order, i.start, i.end, i.text_dated),
                *(i.country, i.index_keys()),
            )
            for i in identities
        ]
    )


def _write_stories(
    index: StoryIndex,
    gone: Sequence[str],
    stories: Sequence[Story],
    groups: Sequence[Sequence[Identity]],
) -> None:
    """Replace the stories `gone` with `stories`, each with its state from the identities
    of its members (`groups`, one per story)."""
    summaries: list[tuple[Any, ...]] = []
    keys: list[tuple[str, str]] = []
    for story, group in zip(stories, groups, strict=True):
        members = sorted(group, key=lambda i: i.order)
        first, last = members[0], members[-1]
        state = StoryState(first.roles)
        for member in members:
            state.add(member)
        starts = [m.start for m in members]
        ends = [m.end for m in members]
        summaries.append(
            (
                *(story.id, first.type, *first.roles, sorted(state.actors)),
                *(sorted(state.recipients), state.low, state.high, state.text_dated),
                *(sorted(state.countries), *first.order, *last.order),
                None if None in starts else min(d for d in starts if d is not None),
                None if None in ends else max(d for d in ends if d is not None),
            )
        )
        keys.extend((key, story.id) for key in _state_keys(first, state))
    index.replace_stories(gone, stories, summaries, keys)


def _state_keys(first: Identity, state: StoryState) -> list[str]:
    """A story's namespaced party keys (its members share type and roles: see `key`)."""
    return [first.key("a", k) for k in sorted(state.actors)] + [
        first.key("r", k) for k in sorted(state.recipients)
    ]


@dataclass(frozen=True, slots=True)
class Summary:
    """A stored story as the replay reads it without its members: the state all its
    members establish together, and where its first and last member come in the order."""

    state: StoryState
    first: Order
    last: Order


def _summary(row: Sequence[Any]) -> tuple[str, Summary]:
    """A story's id and summary from a stored row (`store.story_index.SUMMARY_COLUMNS`)."""
    state = StoryState(
        (bool(row[2]), bool(row[3])),
        actors=set(row[4]),
        recipients=set(row[5]),
        low=row[6],
        high=row[7],
        countries=set(row[9]),
        text_dated=bool(row[8]),
    )
    first = (int(row[10]), row[11], row[12], str(row[13]), int(row[14]))
    last = (int(row[15]), row[16], row[17], str(row[18]), int(row[19]))
    return str(row[0]), Summary(state, first, last)


def _identity(row: Sequence[Any]) -> Identity:
    """An identity from a stored row (`store.story_index.IDENTITY_COLUMNS`)."""
    keys = [str(k).split("|", 3) for k in row[13] or ()]
    return Identity(
        event_id=str(row[0]),
        order=(int(row[4]), row[5], row[6], str(row[7]), int(row[8])),
        type=str(row[1]),
        roles=(bool(row[2]), bool(row[3])),
        actor_keys=frozenset(k[3] for k in keys if k[2] == "a"),
        recipient_keys=frozenset(k[3] for k in keys if k[2] == "r"),
        start=row[9],
        end=row[10],
        text_dated=bool(row[11]),
        country=row[12],
    )


# --- near-duplicates -------------------------------------------------------------------


def _replay_duplicates(index: StoryIndex, new: Sequence[Signed], memory: Remembered) -> set[str]:
    """Redo the near-duplicate choice of the new articles and of every later article it
    can change; returns the ids of articles whose original changed (or that are new)."""
    signed: dict[str, Signed] = {s.id: s for s in new}
    queue = [(order(s), s.id) for s in new]
    heapq.heapify(queue)
    queued = {s.id for s in new}
    original_of: dict[str, str | None] = {s.id: None for s in new}
    fresh = set(original_of)
    neighbours: dict[str, dict[str, tuple[dt.date, str]]] = {}
    chosen: dict[str, tuple[float, str] | None] = {}
    while queue:
        place, article = heapq.heappop(queue)
        queued.discard(article)
        if article not in neighbours:
            looked = [signed[article], *(signed[a] for _, a in queue if a not in neighbours)]
            for signed_article in looked:
                neighbours.setdefault(signed_article.id, {})
            for probe, other, published in index.band_neighbours(
                [(a.id, band) for a in looked for band in a.bands()]
            ):
                neighbours[probe][other] = (published, other)
            met = {n for found in neighbours.values() for n in found}
            original_of.update(index.originals(sorted(n for n in met if n not in original_of)))
            _sign_stored(index, signed, [n for n in met if original_of[n] is None], memory)
        earlier = [n for n, when in neighbours[article].items() if when < place]
        originals: dict[int, list[Signed]] = defaultdict(list)
        for other in earlier:
            if original_of[other] is None:
                for band in signed[other].bands():
                    originals[band].append(signed[other])
        best = closest_original(signed[article], originals)
        now = best[1] if best else None
        if article not in fresh and now == original_of[article]:
            continue
        was_original = article not in fresh and original_of[article] is None
        original_of[article] = now
        chosen[article] = best
        if was_original == (now is None):
            continue  # later articles choose among originals only: theirs are unchanged
        # Later articles chose among the originals this one is, or no longer is, part of.
        later = [n for n, when in neighbours[article].items() if when > place and n not in queued]
        _sign_stored(index, signed, later, memory)
        for other in later:
            heapq.heappush(queue, (neighbours[article][other], other))
            queued.add(other)
    index.set_duplicates(
        sorted(chosen),
        [Duplicate(a, c[1], round(c[0], 3)) for a, c in chosen.items() if c is not None],
    )
    return set(chosen)


def _sign_stored(
    index: StoryIndex, signed: dict[str, Signed], ids: Iterable[str], memory: Remembered
) -> None:
    found, wanted = memory.signatures.known(sorted({i for i in ids if i not in signed}))
    signed.update(found)
    for article, published, text in index.texts(wanted):
        signed[article] = sign(ArticleText(article, published, text))
        memory.signatures.put(article, signed[article])


# --- event identity --------------------------------------------------------------------


def _alone(mention: Identity) -> StoryState:
    state = StoryState(mention.roles)
    state.add(mention)
    return state


@dataclass(slots=True)
class _Folded:
    """A story's members in canonical order, and the state of the first `count`."""

    members: list[str]
    count: int = 0
    state: StoryState | None = None
    first: Order | None = None
    place: Order | None = None


class _IdentityReplay:
    """The stored stories, read as far as the replay looks, and the moves it makes.

    Stories are keyed by their stored id, or `+event id` for one the replay starts. A
    stored story is read first as its `Summary`; its members are read ("loaded") once the
    replay needs its state before its last member, or changes it. A loaded story's state
    at a mention's turn comes from its members ordered before it.
    """

    def __init__(self, index: StoryIndex, new: Mapping[str, Identity], memory: Remembered) -> None:
        self.index = index
        self.new = new
        self.memory = memory
        self.identity: dict[str, Identity] = dict(new)
        self.story_of: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}
        """The members of each loaded story (and of each story the replay starts)."""
        self.stored: dict[str, frozenset[str]] = {}
        """The stored members of each loaded story, as they were before the batch."""
        self.by_key: dict[str, set[str]] = defaultdict(set)
        """Loaded stories by the namespaced keys of the members they hold or held."""
        self.hull: dict[str, tuple[dt.date | None, dt.date | None]] = {}
        """The dates of every member each loaded story holds or held, taken together."""
        self.near: dict[str, list[str]] = {}
        """Each looked-up mention's stored stories that it may join or whose members'
        choice it may change (see `_find_near`)."""
        self.summaries: dict[str, Summary] = {}
        self.spread: set[str] = set()
        """Mentions whose later neighbours have been queued since a story they are in
        lost a member (queued once: a later loss asks for a subset of them)."""
        self.touched: set[str] = set()
        self.folded: dict[str, _Folded] = {}
        self.queue: list[tuple[Order, str]] = []

    def run(self) -> None:
        queue = self.queue = [(i.order, i.event_id) for i in self.new.values()]
        heapq.heapify(queue)
        queued = set(self.new)
        while queue:
            place, event = heapq.heappop(queue)
            queued.discard(event)
            self._find_near([event])
            mention = self.identity[event]
            self._load_stories([event])
            states, firsts = self._states_before(mention, place)
            shared = {key: state.shared(mention) for key, state in states.items()}
            ranked = rank(
                mention,
                {key: s[0] for key, s in shared.items() if s[0]},
                {key: s[1] for key, s in shared.items() if s[1]},
                firsts.__getitem__,
            )
            old = self.story_of.get(event)
            target = choose(mention, ranked, states.__getitem__) or (
                # A mention that started its stored story and still starts one keeps it.
                old if old is not None and self._leads(event, old) else f"+{event}"
            )
            if target == old:
                continue
            self._load_story_ids([target])
            if old is not None and self._leads(event, old) and self._ends_before(target, place):
                # It led its story and now joins one that ends before it: the two are one
                # story from here on, so the earlier one takes its label, and the members
                # after it stay where they are (they are looked at again below).
                self._relabel(target, old)
                target, old = old, None
            else:
                self._move(event, old, target)
            if old is None and target in states and states[target].absorbs(mention):
                # The story's state, now and later, is what it was: no later choice changes.
                continue
            if old is None and self.members[target] == {event} and _alone(mention).closed:
                continue  # a story no later mention can join changes no later choice
            later = set(self.members[target])
            later.update(self._later([event], place))
            if old is not None:
                # The story it left is wider and holds fewer parties: a later mention
                # meeting any of its members may now fit it.
                later.update(self.members[old])
                unspread = self.members[old] - self.spread
                later.update(self._later(sorted(unspread), place))
                self.spread |= unspread
            self.load_identities(later)
            for other in later:
                if self.identity[other].order > place and other not in queued:
                    heapq.heappush(queue, (self.identity[other].order, other))
                    queued.add(other)

    def groups(self) -> dict[str, list[str]]:
        """The member event ids of every story the replay changed, in canonical order."""
        return {
            key: sorted(self.members[key], key=lambda m: self.identity[m].order)
            for key in self.touched
            if self.members[key]
        }

    def _states_before(
        self, mention: Identity, place: Order
    ) -> tuple[dict[str, StoryState], dict[str, Order | None]]:
        """The state, and first member's place, of every story sharing a party key with
        the mention, from its members ordered before `place`."""
        states: dict[str, StoryState] = {}
        firsts: dict[str, Order | None] = {}
        for story in self.near[mention.event_id]:
            summary = self.summaries[story]
            # A story not loaded (`_find_near` loads those it straddles) has all its
            # members before this mention, or none.
            if story not in self.members and summary.first < place:
                states[story], firsts[story] = summary.state, summary.first
        for story in {s for key in mention.index_keys() for s in self.by_key.get(key, ())}:
            if not overlap(*self.hull[story], mention.start, mention.end):
                continue  # no member meets it, so the story cannot fit it: skip the fold
            folded = self._state_before(story, place)
            if folded.state is not None:
                states[story], firsts[story] = folded.state, folded.first
        return states, firsts

    def _state_before(self, key: str, place: Order) -> _Folded:
        """The story's state from its members ordered before `place`. The replay goes
        forward, so a story's state is extended, not refolded, until its members change."""
        folded = self.folded.get(key)
        if folded is None or folded.place is None or folded.place > place:
            members = sorted(self.members[key], key=self.order_of)
            folded = self.folded[key] = _Folded(members)
        members = folded.members
        while folded.count < len(members) and self.order_of(members[folded.count]) < place:
            mention = self.identity[members[folded.count]]
            if folded.state is None:
                folded.state, folded.first = StoryState(mention.roles), mention.order
            folded.state.add(mention)
            folded.count += 1
        folded.place = place
        return folded

    def _leads(self, event: str, story: str) -> bool:
        place = self.order_of(event)
        return all(self.order_of(m) >= place for m in self.members[story])

    def _ends_before(self, story: str, place: Order) -> bool:
        return all(self.order_of(m) < place for m in self.members[story])

    def _relabel(self, story: str, label: str) -> None:
        for member in self.members[story]:
            self.story_of[member] = label
            self._index(label, member)
        self.members[label] |= self.members[story]
        self.members[story] = set()
        self.touched |= {story, label}
        for key in (story, label):
            self.folded.pop(key, None)

    def _move(self, event: str, old: str | None, target: str) -> None:
        for key in (old, target):
            if key is not None:
                self.folded.pop(key, None)
        if old is not None:
            self.members[old].discard(event)
        self.members.setdefault(target, set()).add(event)
        self._index(target, event)
        self.story_of[event] = target
        self.touched |= {target} | ({old} if old is not None else set())

    def _index(self, story: str, event: str) -> None:
        mention = self.identity[event]
        for key in mention.index_keys():
            self.by_key[key].add(story)
        start, end = self.hull.get(story, (mention.start, mention.end))
        self.hull[story] = (
            None if start is None or mention.start is None else min(start, mention.start),
            None if end is None or mention.end is None else max(end, mention.end),
        )

    def _find_near(self, events: Sequence[str]) -> None:
        """The stored stories sharing a namespaced party key with each event and whose
        members' dates taken together overlap its own: those it may join (a story it can
        join has a range inside each of its members') and those holding the mentions it
        meets. The queue's mentions will ask too: one query for all of them."""
        asked = [e for e in events if e not in self.near]
        if not asked:
            return
        wanted = list(dict.fromkeys([*asked, *(e for _, e in self.queue if e not in self.near)]))
        self.load_identities(wanted)
        found: dict[str, set[str]] = {e: set() for e in wanted}
        probes = [
            (e, key, self.identity[e].start, self.identity[e].end)
            for e in wanted
            for key in self.identity[e].index_keys()
        ]
        for probe, story in self.index.stories_near(probes):
            found[probe].add(story)
        unread = sorted({s for stories in found.values() for s in stories} - self.summaries.keys())
        for row in self.index.summaries(unread):
            story, summary = _summary(row)
            self.summaries[story] = summary
        straddled: set[str] = set()
        for event, stories in found.items():
            self.near[event] = sorted(stories)
            place = self.order_of(event)
            straddled.update(
                s for s in stories if self.summaries[s].first < place <= self.summaries[s].last
            )
        # Its state before the event needs its members.
        self._load_story_ids(straddled)

    def _later(self, events: Sequence[str], place: Order) -> set[str]:
        """Every mention sharing a namespaced party key with one of `events`, overlapping
        its dates and ordered after `place`: the only mentions whose choice its story's
        change can alter. (The batch's new mentions are all queued from the start.)"""
        self._find_near(events)
        # A stored mention after the place is a member of a stored story that ends after
        # it, and a story holding a mention that meets the event is near it.
        ending = {e: [s for s in self.near[e] if self.summaries[s].last > place] for e in events}
        self._load_story_ids({s for stories in ending.values() for s in stories})
        found: set[str] = set()
        for event, stories in ending.items():
            mention = self.identity[event]
            keys = set(mention.index_keys())
            found.update(
                other
                for story in stories
                for other in self.stored[story]
                if other != event
                and self.order_of(other) > place
                and _meets(mention, self.identity[other], keys)
            )
        return found

    def order_of(self, event: str) -> Order:
        return self.identity[event].order

    def _load_stories(self, events: Iterable[str]) -> None:
        """The stored story of each event, with all its members."""
        # A comprehension, not `set - dict.keys()`: that walks the whole dict each call.
        wanted = sorted({e for e in events if e not in self.story_of and e not in self.new})
        self._register(self.index.story_members(wanted))

    def _load_story_ids(self, stories: Iterable[str]) -> None:
        """Stored stories (by id), with all their members."""
        wanted = sorted({s for s in stories if s not in self.members and not s.startswith("+")})
        self._register(self.index.story_members(wanted, by="story_id"))

    def _register(self, rows: Sequence[tuple[str, str]]) -> None:
        self.load_identities([e for e, _ in rows])
        stored: dict[str, set[str]] = defaultdict(set)
        for event, story in rows:
            stored[story].add(event)
        for story, events in stored.items():
            if story in self.stored:
                continue  # already loaded, and changed by the replay since
            self.stored[story] = frozenset(events)
            members = self.members.setdefault(story, set())
            for event in events:
                if event in self.story_of:
                    continue  # moved by the replay: its stored story is out of date
                self.story_of[event] = story
                members.add(event)
                self._index(story, event)

    def load_identities(self, events: Iterable[str]) -> None:
        found, wanted = self.memory.identities.known(
            sorted({e for e in events if e not in self.identity})
        )
        self.identity.update(found)
        for row in self.index.identities(wanted):
            identity = _identity(row)
            self.identity[identity.event_id] = identity
            self.memory.identities.put(identity.event_id, identity)


def _meets(mention: Identity, other: Identity, keys: set[str]) -> bool:
    """Whether two mentions share a namespaced party key and their dates overlap."""
    return not keys.isdisjoint(other.index_keys()) and overlap(
        mention.start, mention.end, other.start, other.end
    )


# --- rewriting what changed ------------------------------------------------------------


def _rewrite(
    index: StoryIndex, replay: _IdentityReplay, recopied: set[str], memory: Remembered
) -> None:
    """Replace the stories the replay changed or whose stored articles' originals
    changed (`recopied`) with stories built anew from their members."""
    groups = replay.groups()
    stored = {key for key in replay.touched if not key.startswith("+")}
    by_story: dict[str, list[str]] = defaultdict(list)
    for event, story in index.story_members(sorted(recopied), by="article_id"):
        if story not in stored:
            by_story[story].append(event)
    replay.load_identities([e for events in by_story.values() for e in events])
    for story, events in by_story.items():
        groups[story] = sorted(events, key=replay.order_of)
    mentions, missing = memory.mentions.known(sorted({m for g in groups.values() for m in g}))
    for row in index.mentions(missing):
        mention = mention_of(*row)
        mentions[mention.event_id] = mention
        memory.mentions.put(mention.event_id, mention)
    copies = index.copies(sorted({mentions[m].article_id for g in groups.values() for m in g}))
    _write_stories(
        index,
        sorted(stored | by_story.keys()),
        [build_story([mentions[m] for m in g], copies) for g in groups.values()],
        [[replay.identity[m] for m in g] for g in groups.values()],
    )
