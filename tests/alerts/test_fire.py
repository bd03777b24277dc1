"""The decisions alone: a jump above a robust baseline, a deadline and its climb-down."""

from __future__ import annotations

import dataclasses
import datetime as dt

from harmattan.alerts.fire import deadline_alerts, escalation_alerts
from harmattan.alerts.rules import rule_from_dict
from harmattan.records import Demand, Evidence, Party, Response

DAY = dt.date(2023, 8, 10)
JUMP = rule_from_dict({"name": "jump", "kind": "escalation", "country": "NER"})


def _daily(counts: dict[int, int]) -> dict[dt.date, list[str]]:
    """Story ids on days counted back from DAY (0 is DAY itself)."""
    return {
        DAY - dt.timedelta(days=back): [f"s{back}-{n}" for n in range(count)]
        for back, count in counts.items()
    }


def test_a_day_well_above_a_noisy_baseline_fires_and_says_by_how_much() -> None:
    # Two to four stories a day for a month, then nine.
    baseline = {back: 2 + back % 3 for back in range(1, 31)}
    fired = escalation_alerts(JUMP, _daily({0: 9, **baseline}), [DAY], DAY, {})
    assert len(fired) == 1
    assert "9 stories" in fired[0].summary
    assert "median of 3" in fired[0].summary


def test_a_day_within_the_baseline_spread_or_below_the_minimum_count_is_quiet() -> None:
    noisy = {back: (1 if back % 2 else 6) for back in range(1, 31)}
    assert escalation_alerts(JUMP, _daily({0: 7, **noisy}), [DAY], DAY, {}) == []
    # From nothing to two is a jump, but two stories are too few to call one.
    assert escalation_alerts(JUMP, _daily({0: 2}), [DAY], DAY, {}) == []
    # A day after the clock is not judged yet.
    assert escalation_alerts(JUMP, _daily({0: 9}), [DAY], DAY - dt.timedelta(days=1), {}) == []


def _party(name: str, key: str) -> Party:
    return Party(name, frozenset({key}))


BLOC, JUNTA = _party("ECOWAS", "id:ecowas"), _party("junta", "code:NER:MIL")
QUOTE = Evidence("a1", "e1", "Wire", dt.date(2023, 7, 31), "ECOWAS gave...", 0, 14)


def _demand(deadline: dt.date) -> Demand:
    return Demand(
        "s1", "e1", "REQUEST", (BLOC,), (JUNTA,), dt.date(2023, 7, 30), dt.date(2023, 7, 31),
        deadline, "seven-day", "NER", QUOTE,
    )  # fmt: skip


def test_a_deadline_fires_once_it_has_passed_and_names_the_demand() -> None:
    rule = rule_from_dict({"name": "ultimatums", "kind": "deadline"})
    demand = _demand(dt.date(2023, 8, 6))
    assert deadline_alerts(rule, [demand], [], dt.date(2023, 8, 6), set()) == []
    (fired,) = deadline_alerts(rule, [demand], [], dt.date(2023, 8, 7), set())
    assert deadline_alerts(rule, [demand], [], dt.date(2023, 8, 7), {"s1"}) == []
    assert fired.summary.startswith(
        "the seven-day ultimatum ECOWAS set on 2023-07-30 expired on 2023-08-06"
    )
    assert fired.evidence == (QUOTE,)


def test_a_climb_down_by_the_recipient_in_time_answers_the_deadline() -> None:
    rule = rule_from_dict({"name": "ultimatums", "kind": "deadline"})
    demand = _demand(dt.date(2023, 8, 6))
    gave_in = Response("e2", (JUNTA,), (BLOC,), dt.date(2023, 8, 5))
    too_late = Response("e3", (JUNTA,), (BLOC,), dt.date(2023, 8, 20))
    by_someone_else = Response("e4", (BLOC,), (JUNTA,), dt.date(2023, 8, 5))
    after = dt.date(2023, 9, 1)
    assert deadline_alerts(rule, [demand], [gave_in], after, set()) == []
    assert len(deadline_alerts(rule, [demand], [too_late, by_someone_else], after, set())) == 1


def test_reports_of_one_ultimatum_in_two_stories_fire_once() -> None:
    rule = rule_from_dict({"name": "ultimatums", "kind": "deadline"})
    asked = _demand(dt.date(2023, 8, 6))
    threatened = dataclasses.replace(
        asked, story_id="s2", event_id="e9", type="THREATEN", recipients=(), deadline_text=None
    )
    other = dataclasses.replace(asked, story_id="s3", event_id="e8", deadline=dt.date(2023, 8, 9))
    after = dt.date(2023, 9, 1)
    fired = deadline_alerts(rule, [threatened, asked, other], [], after, set())
    assert [a.story_ids for a in fired] == [("s1", "s2"), ("s3",)]
    assert fired[0].summary.startswith("the seven-day ultimatum ECOWAS set on 2023-07-30")
    assert "concession by junta reported" in fired[0].summary
    # Once one of its stories fired, a new report of it fires nothing.
    assert deadline_alerts(rule, [threatened, asked], [], after, {"s2"}) == []
