"""Stories: one real-world event with every report of it, and where the reports disagree.

`corroborate(records)` is the whole stage: near-duplicate articles, event identity,
story fields and contradictions, from document records alone (no clock, no store), so
that the same records give the same stories in any order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from harmattan.corroborate.dedup import ArticleText, Signed, duplicates_among, sign
from harmattan.corroborate.identity import cluster, story_id
from harmattan.corroborate.mentions import Mention, mentions_of
from harmattan.records import (
    Actor,
    Contradiction,
    Corroboration,
    DateSource,
    EventDate,
    Factuality,
    Place,
    Precision,
    Quote,
    Story,
    StoryMention,
)

# Ties between factualities go to the first: a claim of fact over a denial, and so on.
_FACTUALITY_ORDER = tuple(Factuality)
_ASSERTING = frozenset({Factuality.ASSERTED, Factuality.HISTORICAL})
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty-eight": 48, "a": 1,
}  # fmt: skip
_NUMBER = r"(\d[\d,]*|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
# Quantities reports disagree on, each read from the mention's sentence.
_QUANTITIES: Mapping[str, re.Pattern[str]] = {
    "troops": re.compile(_NUMBER + r"\s+(?:\w+\s+){0,2}(?:troops|soldiers)\b", re.IGNORECASE),
    "casualties": re.compile(
        _NUMBER + r"\s+(?:people\s+|civilians\s+)?(?:were\s+)?(?:killed|dead|died)\b",
        re.IGNORECASE,
    ),
    "deadline": re.compile(_NUMBER + r"[\s-]+(day|days|week|weeks)\b", re.IGNORECASE),
}
# A sentence states a deadline's length only when it speaks of one.
_DEADLINE_WORDS = re.compile(r"\b(?:ultimatum|deadline|days to|week to)\b", re.IGNORECASE)
_DESIGNATION = re.compile(
    r"\b(terrorist|criminal)\s+(?:group|organi[sz]ation|entity)", re.IGNORECASE
)


def corroborate(records: Iterable[Mapping[str, Any]]) -> Corroboration:
    """Stories and near-duplicate articles from document records (shared/OUTPUT.md)."""
    texts, mentions = read_records(records)
    return assemble([sign(t) for t in texts], mentions)


def read_records(
    records: Iterable[Mapping[str, Any]],
) -> tuple[list[ArticleText], list[Mention]]:
    """What corroboration reads of document records: each article's text, every mention."""
    texts: list[ArticleText] = []
    mentions: list[Mention] = []
    for record in records:
        found = list(mentions_of(record))
        article = record["article"]
        texts.append(
            ArticleText(
                str(article["id"]), dt.date.fromisoformat(str(article["published"])),
                str(article["text"]),
            )
        )  # fmt: skip
        mentions.extend(found)
    return texts, mentions


def assemble(signed: Iterable[Signed], mentions: Iterable[Mention]) -> Corroboration:
    """`corroborate` of articles already signed and their mentions."""
    duplicates = tuple(duplicates_among(signed))
    copies = {d.article_id: d.original_id for d in duplicates}
    stories = tuple(build_story(group, copies) for group in cluster(mentions))
    return Corroboration(stories, duplicates)


def build_story(group: Sequence[Mention], copies: Mapping[str, str]) -> Story:
    """A story's fields from its mentions (in canonical order); copies are not sources."""
    first_reported = min(m.published for m in group)
    independent = [m for m in group if m.article_id not in copies]
    counts = Counter(m.factuality for m in independent or group)
    factualities = tuple(
        sorted(counts.items(), key=lambda item: (-item[1], _FACTUALITY_ORDER.index(item[0])))
    )
    return Story(
        id=story_id(group[0]),
        type=group[0].type,
        factuality=factualities[0][0],
        factualities=factualities,
        actors=_parties(m.actors for m in group),
        recipients=_parties(m.recipients for m in group),
        date=_narrowed(group),
        location=_most_precise(group),
        mentions=tuple(
            StoryMention(
                m.article_id,
                m.event_id,
                m.published,
                m.source,
                m.factuality,
                m.published > first_reported,
                copies.get(m.article_id),
            )
            for m in sorted(group, key=lambda m: (m.published, m.article_id, m.index))
        ),
        first_reported=first_reported,
        sources=tuple(sorted({m.source or m.article_id for m in independent})),
        contradictions=contradictions(independent),
    )


def contradictions(mentions: Sequence[Mention]) -> tuple[Contradiction, ...]:
    """Where independent reports of one story disagree, with each side's quotes."""
    found: list[Contradiction] = []
    factual = {m.event_id: _factual_value(m.factuality) for m in mentions}
    found.extend(_disagreement("factuality", mentions, factual))
    for role in ("actors", "recipients"):
        found.extend(_disjoint_parties(role, mentions))
    for name, pattern in _QUANTITIES.items():
        values = {
            m.event_id: _quantity(pattern, m.sentence)
            if name != "deadline" or _DEADLINE_WORDS.search(m.sentence)
            else None
            for m in mentions
        }
        found.extend(_disagreement(name, mentions, values))
    labels = {m.event_id: _designation(m.sentence) for m in mentions}
    found.extend(_disagreement("designation", mentions, labels))
    return tuple(found)


def _factual_value(factuality: Factuality) -> str | None:
    if factuality in _ASSERTING:
        return "happened"
    if factuality is Factuality.NEGATED:
        return "did not happen"
    return None  # hypothetical and future mentions claim nothing either way


def _disagreement(
    name: str, mentions: Sequence[Mention], values: Mapping[str, str | None]
) -> list[Contradiction]:
    stated = [(values[m.event_id], m) for m in mentions if values[m.event_id] is not None]
    distinct = sorted({v for v, _ in stated if v is not None})
    if len(distinct) < 2:
        return []
    quotes = tuple(
        Quote(m.article_id, m.event_id, m.source, m.published, value, m.sentence)
        for value, m in sorted(stated, key=lambda p: (str(p[0]), p[1].published, p[1].event_id))
        if value is not None
    )
    return [Contradiction(name, tuple(distinct), quotes)]


def _disjoint_parties(role: str, mentions: Sequence[Mention]) -> list[Contradiction]:
    """Reports naming different parties in a role, which no report names together.

    Reports that each name some members of a coalition ("Mali signed", "Burkina Faso
    signed", "Mali, Burkina Faso and Niger signed") do not disagree.
    """

    def keys(m: Mention) -> frozenset[str]:
        return m.actor_keys if role == "actors" else m.recipient_keys

    named = [m for m in mentions if keys(m)]
    clash: set[str] = set()
    for a in named:
        for b in named:
            together = any(keys(c) & keys(a) and keys(c) & keys(b) for c in named)
            if not keys(a) & keys(b) and not together:
                clash |= {a.event_id, b.event_id}
    values = {
        m.event_id: "; ".join(
            sorted(p.id for p in (m.actors if role == "actors" else m.recipients))
        )
        for m in named
        if m.event_id in clash
    }
    return _disagreement(role, [m for m in named if m.event_id in clash], values)


def _quantity(pattern: re.Pattern[str], sentence: str) -> str | None:
    match = pattern.search(sentence)
    if match is None:
        return None
    groups = [g for g in match.groups() if g]
    number = groups[0].lower().replace(",", "")
    value = int(number) if number.isdigit() else _NUMBER_WORDS[number]
    if len(groups) > 1 and groups[1].lower().startswith("week"):
        return f"{value * 7} days"
    if len(groups) > 1:
        return f"{value} days"
    return str(value)


def _designation(sentence: str) -> str | None:
    match = _DESIGNATION.search(sentence)
    return f"{match.group(1).lower()} organisation" if match else None


def _parties(groups: Iterable[tuple[Actor, ...]]) -> tuple[Actor, ...]:
    """Each party once, under the name most reports give it."""
    names: dict[str, Counter[Actor]] = {}
    for group in groups:
        for actor in group:
            names.setdefault(actor.id, Counter())[actor] += 1
    return tuple(max(c.items(), key=lambda item: item[1])[0] for c in names.values())


def _narrowed(group: Sequence[Mention]) -> EventDate:
    """The date range every mention allows; `corroboration` when no mention alone gives it."""
    starts = [m.start for m in group if m.start is not None]
    ends = [m.end for m in group if m.end is not None]
    low, high = (max(starts) if starts else None), (min(ends) if ends else None)
    own = [m for m in group if m.start == low and m.end == high]
    if own:
        best = min(own, key=lambda m: (m.date_source != DateSource.TEXT.value, m.published))
        return EventDate(low, high, best.precision, DateSource(best.date_source))
    return EventDate(low, high, _span_precision(low, high), DateSource.CORROBORATION)


def _span_precision(low: dt.date | None, high: dt.date | None) -> str:
    if low is None or high is None:
        return "unknown"
    days = (high - low).days
    for precision, limit in (("day", 0), ("week", 6), ("month", 30), ("year", 365)):
        if days <= limit:
            return precision
    return "unknown"


def _most_precise(group: Sequence[Mention]) -> Place | None:
    placed = [m for m in group if m.place is not None]
    if not placed:
        return None
    best = min(
        placed,
        key=lambda m: (
            not m.place_from_text,
            m.place.precision.rank if m.place else len(Precision),
            m.published,
            m.event_id,
        ),
    )
    return best.place
