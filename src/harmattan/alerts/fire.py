"""What fires an alert: pure functions of rules and what the store holds as of a date.

The clock is the newest publication date in the store (`as_of`), never the wall clock:
replaying an archive fires the same alerts as living through it. Each alert has a key
(what it fires once per: a story, a deadline's story, a day and country, a story's
disagreement) and its id is derived from the rule and the key, so that re-ingesting,
restarting or rebuilding stories fires nothing new.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from harmattan.alerts.rules import AlertFilters, AlertRule
from harmattan.records import Alert, Demand, Evidence, Party, Response, StoryFacts

ASSERTING = ("asserted", "historical")
DEMANDS = ("REQUEST", "THREATEN")
"""The types whose reports carry deadlines (events/dating.py)."""
CLIMB_DOWNS = ("RETREAT", "AGREE", "CONCEDE")
"""What answers a demand: its recipient backs down, agrees or concedes."""
BASELINE_DAYS = 30
JUMP = 3.0
"""How far above its baseline a day must be, in robust standard deviations."""
MAD_SCALE = 1.4826
"""Makes the median absolute deviation estimate a standard deviation (normal data)."""
MIN_COUNT = 3
"""Stories a day needs before it can count as a jump, unless a rule says otherwise."""


def story_matches(filters: AlertFilters, facts: StoryFacts) -> bool:
    """Whether a story passes every filter the rule sets."""
    story = facts.record
    parties = [*story["actors"], *story["recipients"]]
    countries = {p.get("country") for p in parties} | {(story.get("location") or {}).get("country")}
    checks = (
        filters.type is None or story["type"] == filters.type,
        filters.factuality is None or story["factuality"] == filters.factuality.value,
        filters.country is None or filters.country in countries,
        filters.actor is None or any(_names(p, filters.actor) for p in parties),
        filters.recipient is None or any(_names(p, filters.recipient) for p in story["recipients"]),
        filters.min_sources is None or len(story["sources"]) >= filters.min_sources,
        filters.min_score is None or (facts.score is not None and facts.score >= filters.min_score),
        filters.max_score is None or (facts.score is not None and facts.score <= filters.max_score),
    )
    return all(checks)


def _names(party: Mapping[str, Any], actor: str) -> bool:
    wanted = actor.lower()
    return str(party.get("id") or "").lower() == wanted or wanted in str(party["name"]).lower()


def match_alerts(rule: AlertRule, stories: Iterable[StoryFacts], as_of: dt.date) -> list[Alert]:
    """A story that matches the rule's filters (once per story)."""
    return [
        Alert(
            rule.name,
            rule.kind,
            f"story:{facts.record['id']}",
            as_of,
            (str(facts.record["id"]),),
            tuple(m["event_id"] for m in facts.record["mentions"]),
            _country(facts.record),
            _story_line(facts.record),
            facts.evidence[:3],
        )
        for facts in stories
        if story_matches(rule.filters, facts)
    ]


def contradiction_alerts(
    rule: AlertRule, stories: Iterable[StoryFacts], alerted: set[str], as_of: dt.date
) -> list[Alert]:
    """Reports disagreeing on a story that fired an alert before (`alerted`) or matches
    the rule's filters (once per story and disagreement)."""
    found = []
    for facts in stories:
        story = facts.record
        if story["id"] not in alerted and not story_matches(rule.filters, facts):
            continue
        evidence = {e.event_id: e for e in facts.evidence}
        for c in story.get("contradictions", ()):
            values = " / ".join(c["values"])
            quoted = [evidence[q["event_id"]] for q in c["quotes"] if q["event_id"] in evidence]
            found.append(
                Alert(
                    rule.name,
                    rule.kind,
                    f"story:{story['id']}:{c['field']}:{values}",
                    as_of,
                    (str(story["id"]),),
                    tuple(q["event_id"] for q in c["quotes"]),
                    _country(story),
                    f"reports disagree on the {c['field']} ({values}): {_story_line(story)}",
                    tuple(quoted),
                )
            )
    return found


def deadline_alerts(
    rule: AlertRule,
    demands: Sequence[Demand],
    responses: Sequence[Response],
    as_of: dt.date,
    fired: set[str],
) -> list[Alert]:
    """A deadline that passed (before `as_of`) with no climb-down: no RETREAT, AGREE or
    CONCEDE by a recipient of the demand toward one of its actors (or toward no one)
    reported from the demand's publication to the day after the deadline.

    Reports of one ultimatum (one deadline, a party setting it in common, or one story)
    fire once: not at all when one of their stories is in `fired` (stories this rule
    fired on before)."""
    found = []
    for stated in _ultimatums([d for d in demands if _party_filters(rule.filters, d)]):
        deadline = stated[0].deadline
        stories = sorted({d.story_id for d in stated})
        if deadline >= as_of or fired.intersection(stories):
            continue
        if any(_climbs_down(r, d, deadline) for r in responses for d in stated):
            continue
        # The report that says most: it names the time given, then the earliest set.
        first = min(
            stated, key=lambda d: (d.deadline_text is None, not d.recipients, d.set_on, d.event_id)
        )
        # A demand with a deadline is an ultimatum, whatever the report calls it.
        what = f"the {first.deadline_text} ultimatum" if first.deadline_text else "the ultimatum"
        setters = _party_names(_common([d.actors for d in stated]))
        setting = min(stated, key=lambda d: (d.set_on, d.event_id))
        if setting.set_on != setting.published:
            who = f"{setters} set on {setting.set_on}" if setters else f"set on {setting.set_on}"
        else:
            who = f"set{_by(setters)}, first reported on {setting.published},"
        found.append(
            Alert(
                rule.name,
                rule.kind,
                f"deadline:{deadline}:{stories[0]}",
                as_of,
                tuple(stories),
                tuple(d.event_id for d in stated),
                first.country,
                f"{what} {who} expired on {deadline} with no retreat, agreement or "
                f"concession{_by(_party_names(_common([d.recipients for d in stated])))} "
                "reported",
                tuple(d.evidence for d in stated[:3]),
            )
        )
    return found


def _ultimatums(demands: Sequence[Demand]) -> list[list[Demand]]:
    """Demands grouped into ultimatums: one deadline, and a story or a party setting it
    in common (directly or through another report)."""
    groups: list[tuple[dt.date, set[str], list[Demand]]] = []
    for demand in sorted(demands, key=lambda d: (d.deadline, d.set_on, d.event_id)):
        keys = {f"story:{demand.story_id}"} | {k for p in demand.actors for k in p.keys}
        meeting = [g for g in groups if g[0] == demand.deadline and g[1] & keys]
        merged = (demand.deadline, keys, [demand])
        for group in meeting:
            groups.remove(group)
            merged[1].update(group[1])
            merged[2].extend(group[2])
        groups.append(merged)
    return [sorted(g[2], key=lambda d: (d.set_on, d.event_id)) for g in groups]


def _party_filters(filters: AlertFilters, demand: Demand) -> bool:
    parties = [*demand.actors, *demand.recipients]
    return (filters.type is None or demand.type == filters.type) and (
        filters.country is None
        or demand.country == filters.country
        or any(k.startswith(f"code:{filters.country}:") for p in parties for k in p.keys)
    )


def _climbs_down(response: Response, demand: Demand, deadline: dt.date) -> bool:
    if not demand.published <= response.published <= deadline + dt.timedelta(days=1):
        return False
    by_recipient = _meet(response.actors, demand.recipients)
    toward_actor = not response.recipients or _meet(response.recipients, demand.actors)
    return by_recipient and toward_actor


def _meet(a: Sequence[Party], b: Sequence[Party]) -> bool:
    return any(x.keys & y.keys for x in a for y in b)


def escalation_alerts(
    rule: AlertRule,
    daily: Mapping[dt.date, Sequence[str]],
    days: Iterable[dt.date],
    as_of: dt.date,
    evidence: Mapping[str, Evidence],
) -> list[Alert]:
    """A day (among `days`, none after `as_of`) whose count of stories of asserted
    material conflict the rule watches (`daily`: story ids by day; `evidence`: a
    report of each story the batch touched) jumps above the 30 days before it: at least
    `min_count` stories and at least 3 robust standard deviations (1.4826 × the median
    absolute deviation, at least 1) above their median. Once per day."""
    found = []
    for day in sorted(set(days)):
        if day > as_of:
            continue
        stories = daily.get(day, ())
        before = [
            len(daily.get(day - dt.timedelta(days=n), ())) for n in range(1, BASELINE_DAYS + 1)
        ]
        median = statistics.median(before)
        spread = max(MAD_SCALE * statistics.median(abs(c - median) for c in before), 1.0)
        jump = (len(stories) - median) / spread
        if len(stories) < (rule.filters.min_count or MIN_COUNT) or jump < JUMP:
            continue
        found.append(
            Alert(
                rule.name,
                rule.kind,
                f"day:{day}:{watched(rule.filters)}",
                as_of,
                tuple(sorted(stories)),
                tuple(e.event_id for s in sorted(stories) if (e := evidence.get(s)) is not None),
                rule.filters.country,
                f"{len(stories)} stories of material conflict {_in(rule.filters)} on "
                f"{day}, against a median of {median:g} a day over the {BASELINE_DAYS} days "
                f"before ({jump:.1f} robust standard deviations above)",
                tuple(evidence[s] for s in sorted(stories) if s in evidence)[:3],
            )
        )
    return found


def watched(filters: AlertFilters) -> str:
    """What an escalation counts: a country, or an actor → recipient pair."""
    return filters.country or f"{filters.actor} → {filters.recipient}"


def _in(filters: AlertFilters) -> str:
    if filters.country and filters.actor and filters.recipient:
        return f"between {filters.actor} and {filters.recipient} in {filters.country}"
    if filters.country:
        return f"in {filters.country}"
    return f"between {filters.actor} and {filters.recipient}"


def _country(story: Mapping[str, Any]) -> str | None:
    place = story.get("location") or {}
    if place.get("country"):
        return str(place["country"])
    countries = [p.get("country") for p in story["recipients"] or story["actors"]]
    return next((str(c) for c in countries if c), None)


def _story_line(story: Mapping[str, Any]) -> str:
    date = story["date"]
    when = (
        date["start"]
        if date["start"] and date["start"] == date["end"]
        else f"{date['start'] or '…'} – {date['end'] or '…'}"
    )
    place = (story.get("location") or {}).get("name")
    return (
        f"{story['type']} ({story['factuality']}) "
        f"{'; '.join(a['name'] for a in story['actors']) or '?'} → "
        f"{'; '.join(a['name'] for a in story['recipients']) or '—'}, {when}"
        f"{', ' + place if place else ''}; {len(story['sources'])} source(s)"
    )


def _common(roles: Sequence[Sequence[Party]]) -> list[Party]:
    """The parties every report that names any puts in the role (all of them, when
    the reports share none): one report's misread party does not become the ultimatum's."""
    named = [r for r in roles if r]
    every = [p for r in named for p in r]
    shared = [p for p in every if all(any(p.keys & q.keys for q in r) for r in named)]
    return shared or every


def _by(names: str) -> str:
    return f" by {names}" if names else ""


def _party_names(parties: Sequence[Party]) -> str:
    """Each party once, the names of those known by a key before unnamed ones."""
    names = dict.fromkeys(p.name for p in sorted(parties, key=lambda p: not p.keys))
    return ", ".join(names)
