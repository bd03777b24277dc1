"""Alerts fired by a batch: read what the rules need, decide (`fire`), store the new ones.

Called inside the batch's transaction, once its stories are up to date, by the server
and by CLI ingests alike (`store.db.Store.write_batch`'s `alerts`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import duckdb

from harmattan.alerts.fire import (
    ASSERTING,
    BASELINE_DAYS,
    CLIMB_DOWNS,
    DEMANDS,
    contradiction_alerts,
    deadline_alerts,
    escalation_alerts,
    match_alerts,
    story_matches,
)
from harmattan.alerts.rules import AlertFilters, AlertRule, rule_from_dict
from harmattan.events.codebook import Codebook
from harmattan.records import Alert, AlertKind, StoryFacts
from harmattan.store.db import write_alerts
from harmattan.store.read import alerts as read


class BatchAlerts:
    """The alert check of a run of batches (`Store.write_batch`'s `alerts`): fires each
    batch's alerts and keeps them, in order."""

    def __init__(self, codebook: Codebook) -> None:
        self.conflict_types = [n for n, t in codebook.types.items() if t.quad_class == 4]
        self.fired: list[Alert] = []

    def __call__(self, con: duckdb.DuckDBPyConnection, events: Sequence[str]) -> None:
        self.fired.extend(check_alerts(con, events, self.conflict_types))


# Matches fire first: a contradiction rule then also watches the stories they fired on.
_ORDER = (AlertKind.MATCH, AlertKind.DEADLINE, AlertKind.ESCALATION, AlertKind.CONTRADICTION)


def check_alerts(
    con: duckdb.DuckDBPyConnection, events: Sequence[str], conflict_types: Sequence[str]
) -> list[Alert]:
    """Fire every stored rule on the batch whose new events are `events`; returns the
    alerts not fired before. `conflict_types`: the PLOVER types of material conflict
    (quad class 4), which escalation counts."""
    rules = sorted(
        (rule_from_dict(r) for r in read.alert_rules(con)), key=lambda r: _ORDER.index(r.kind)
    )
    if not rules:
        return []  # a store without rules reads nothing more, however large it is
    as_of = read.clock(con)
    if as_of is None:
        return []
    stories = read.touched_stories(con, events)
    alerted = read.alerted_stories(con)
    if any(r.kind is AlertKind.DEADLINE for r in rules):
        # Read once for every deadline rule of the batch.
        demands = read.demands(con, DEMANDS, as_of)
        since = min((d.published for d in demands), default=as_of)
        answers = read.responses(con, CLIMB_DOWNS, ASSERTING, since)
    fired: list[Alert] = []
    for rule in rules:
        if rule.kind is AlertKind.MATCH:
            found = match_alerts(rule, stories, as_of)
        elif rule.kind is AlertKind.CONTRADICTION:
            found = contradiction_alerts(rule, stories, alerted, as_of)
        elif rule.kind is AlertKind.DEADLINE:
            mine = read.alerted_stories(con, rule.name)
            found = deadline_alerts(rule, demands, answers, as_of, mine)
        else:
            found = _escalations(con, rule, stories, conflict_types, as_of)
        fired.extend(write_alerts(con, found))
        alerted.update(s for a in found if a.kind is not AlertKind.ESCALATION for s in a.story_ids)
    return fired


def _escalations(
    con: duckdb.DuckDBPyConnection,
    rule: AlertRule,
    stories: Sequence[StoryFacts],
    conflict_types: Sequence[str],
    as_of: dt.date,
) -> list[Alert]:
    """Escalation on the days the batch's stories of material conflict fall on."""
    f = rule.filters
    counted = AlertFilters(country=f.country, actor=f.actor, recipient=f.recipient)
    mine = [
        s
        for s in stories
        if s.record["type"] in conflict_types
        and s.record["factuality"] in ASSERTING
        and story_matches(counted, s)
    ]
    days = {day for s in mine if (day := _day(s)) is not None}
    if not days:
        return []
    found = read.stories_by_day(
        con,
        conflict_types,
        ASSERTING,
        f.country,
        min(days) - dt.timedelta(days=BASELINE_DAYS),
        max(days),
    )
    daily = {
        day: [s["id"] for s in records if story_matches(counted, StoryFacts(s, None, ()))]
        for day, records in found.items()
    }
    evidence = {str(s.record["id"]): s.evidence[0] for s in mine if s.evidence}
    return escalation_alerts(rule, daily, days, as_of, evidence)


def _day(story: StoryFacts) -> dt.date | None:
    """The day a story is counted on: its date, when that is one day (as
    `read.alerts.stories_by_day` counts)."""
    date = story.record["date"]
    if date["start"] and date["start"] == date["end"]:
        return dt.date.fromisoformat(date["start"])
    return None
