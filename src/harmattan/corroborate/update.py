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
inside the batch's transaction).
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, Protocol, TypeVar

from harmattan.corroborate.dedup import ArticleText, Signed, closest_original, order, sign
from harmattan.corroborate.identity import Identity, Order, StoryState, choose, identity_of, rank
from harmattan.corroborate.mentions import Mention, mention_of
from harmattan.corroborate.stories import assemble, build_story, read_records
from harmattan.records import Corroboration, Duplicate, Story

V = TypeVar("V")

BandNeighbour = tuple[str, str, dt.date]
"""(probe article, stored article sharing one of its bands, that one's publication date)"""
Probe = tuple[str, str, dt.date | None, dt.date | None]
"""(event id, one of its keys, its earliest and latest date): what a neighbour must share."""
MentionRow = tuple[str, dt.date, str | None, int, Any, str]
"""A stored mention: article id, published, source, index, event JSON object, sentence."""


class StoryIndex(Protocol):
    """What the replay reads and writes of stored stories (see store/story_index.py)."""

    def clear(self) -> None: ...
    def add_articles(self, bands: Sequence[tuple[int, str, dt.date]]) -> None: ...
    def add_mentions(
        self, identities: Sequence[tuple[Any, ...]], keys: Sequence[tuple[str, str, Any, Any]]
    ) -> None: ...
    def set_duplicates(self, articles: Sequence[str], duplicates: Sequence[Duplicate]) -> None: ...
    def replace_stories(self, gone: Sequence[str], stories: Sequence[Story]) -> None: ...
    def band_neighbours(
        self, probes: Sequence[tuple[str, int]]
    ) -> list[tuple[str, str, dt.date]]: ...
    def originals(self, articles: Sequence[str]) -> dict[str, str | None]: ...
    def texts(self, articles: Sequence[str]) -> list[tuple[str, dt.date, str]]: ...
    def neighbours(self, probes: Sequence[Probe]) -> list[tuple[str, str]]: ...
    def story_members(
        self, ids: Sequence[str], by: Literal["event_id", "article_id"] = ...
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
    index.clear()
    _add(index, signed, [identity_of(m) for m in mentions])
    index.set_duplicates([], corroboration.duplicates)
    index.replace_stories([], corroboration.stories)
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
    recopied = _replay_duplicates(index, signed, memory)
    replay = _IdentityReplay(index, identities, memory)
    replay.run()
    _rewrite(index, replay, recopied, memory)


def _add(index: StoryIndex, signed: Sequence[Signed], identities: Sequence[Identity]) -> None:
    index.add_articles([(band, s.id, s.published) for s in signed for band in s.bands()])
    index.add_mentions(
        [
            (i.event_id, i.type, *i.roles, *i.order, i.start, i.end, i.text_dated, i.country)
            for i in identities
        ],
        [(key, i.event_id, i.start, i.end) for i in identities for key in i.index_keys()],
    )


def _identity(row: Sequence[Any]) -> Identity:
    """An identity from a stored row (`store.story_index.IDENTITY_COLUMNS`, then keys)."""
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
    """The stored stories, loaded as far as the replay looks, and the moves it makes.

    Stories are keyed by their stored id, or `+event id` for one the replay starts; a
    story's state at a mention's turn comes from its members ordered before it.
    """

    def __init__(self, index: StoryIndex, new: Mapping[str, Identity], memory: Remembered) -> None:
        self.index = index
        self.new = new
        self.memory = memory
        self.identity: dict[str, Identity] = dict(new)
        self.story_of: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}
        self.neighbours: dict[str, list[str]] = {}
        """Each looked-up mention's neighbours, in canonical order."""
        self.spread: set[str] = set()
        """Mentions whose later neighbours have been queued since a story they are in
        lost a member (queued once: a later loss asks for a subset of them)."""
        self.touched: set[str] = set()
        self.folded: dict[str, _Folded] = {}

    def run(self) -> None:
        queue = [(i.order, i.event_id) for i in self.new.values()]
        heapq.heapify(queue)
        queued = set(self.new)
        while queue:
            place, event = heapq.heappop(queue)
            queued.discard(event)
            if event not in self.neighbours:
                self._find_neighbours([event, *(e for _, e in queue if e not in self.neighbours)])
            mention = self.identity[event]
            neighbours = self.neighbours[event]
            earlier = neighbours[: bisect.bisect_left(neighbours, place, key=self.order_of)]
            self._load_stories(earlier)
            states: dict[str, StoryState] = {}
            firsts: dict[str, Order | None] = {}
            for key in {self.story_of[n] for n in earlier if n in self.story_of}:
                folded = self._state_before(key, place)
                if folded.state is not None:
                    states[key], firsts[key] = folded.state, folded.first
            shared = {key: state.shared(mention) for key, state in states.items()}
            ranked = rank(
                mention,
                {key: s[0] for key, s in shared.items() if s[0]},
                {key: s[1] for key, s in shared.items() if s[1]},
                firsts.__getitem__,
            )
            self._load_stories([event])
            old = self.story_of.get(event)
            target = choose(mention, ranked, states.__getitem__) or (
                # A mention that started its stored story and still starts one keeps it.
                old if old is not None and self._leads(event, old) else f"+{event}"
            )
            if target == old:
                continue
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
            later.update(n for n in self.neighbours[event])
            if old is not None:
                # The story it left is wider and holds fewer parties: a later mention
                # meeting any of its members may now fit it.
                later.update(self.members[old])
                unspread = self.members[old] - self.spread
                self._find_neighbours([m for m in unspread if m not in self.neighbours])
                for member in unspread:
                    later.update(self.neighbours[member])
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
        self.story_of[event] = target
        self.touched |= {target} | ({old} if old is not None else set())

    def _find_neighbours(self, events: Sequence[str]) -> None:
        """Every mention sharing a namespaced party key with each event and overlapping its
        dates: the only mentions whose stories it can join or whose choice it can change."""
        self.load_identities(events)
        found: dict[str, set[str]] = {e: set() for e in events}
        probes = [
            (e, key, self.identity[e].start, self.identity[e].end)
            for e in events
            for key in self.identity[e].index_keys()
        ]
        for probe, other in self.index.neighbours(probes):
            found[probe].add(other)
        met = [n for others in found.values() for n in others]
        self.load_identities(met)
        # Their stories are what the replay compares with: one query for all of them.
        self._load_stories(met)
        for event, others in found.items():
            self.neighbours[event] = sorted(others, key=self.order_of)

    def order_of(self, event: str) -> Order:
        return self.identity[event].order

    def _load_stories(self, events: Iterable[str]) -> None:
        """The stored story of each event, with all its members."""
        # A comprehension, not `set - dict.keys()`: that walks the whole dict each call.
        wanted = sorted({e for e in events if e not in self.story_of and e not in self.new})
        if not wanted:
            return
        rows = self.index.story_members(wanted)
        for event, story in rows:
            if event in self.story_of:
                continue  # moved by the replay: its stored story is out of date
            self.story_of[event] = story
            self.members.setdefault(story, set()).add(event)
        self.load_identities([e for e, _ in rows])

    def load_identities(self, events: Iterable[str]) -> None:
        found, wanted = self.memory.identities.known(
            sorted({e for e in events if e not in self.identity})
        )
        self.identity.update(found)
        for row in self.index.identities(wanted):
            identity = _identity(row)
            self.identity[identity.event_id] = identity
            self.memory.identities.put(identity.event_id, identity)


# --- rewriting what changed ------------------------------------------------------------


def _rewrite(
    index: StoryIndex, replay: _IdentityReplay, recopied: set[str], memory: Remembered
) -> None:
    """Replace the stories the replay changed or whose articles' originals changed with
    stories built anew from their members."""
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
    index.replace_stories(
        sorted(stored | by_story.keys()),
        [build_story([mentions[m] for m in g], copies) for g in groups.values()],
    )
