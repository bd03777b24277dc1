"""Alerts fire on committed batches, once each, as of the store's newest report."""

from __future__ import annotations

from pathlib import Path

import pytest

from harmattan.alerts.check import BatchAlerts
from harmattan.alerts.rules import rule_from_dict
from harmattan.corroborate import rebuild_stories, update_stories
from harmattan.events.codebook import Codebook
from harmattan.records import Alert, AlertKind
from harmattan.store.db import Store
from harmattan.store.read import alerts as read_alerts
from tests.alerts.scenario import RULES, crisis, later_news


def _store(path: Path) -> Store:
    store = Store(path)
    rules = [rule_from_dict(r) for r in RULES]
    store.add_alert_rules([(r.name, r.kind.value, r.to_dict()) for r in rules])
    return store


def _ingest(store: Store, records: list, size: int) -> list[Alert]:  # type: ignore[type-arg]
    alerts = BatchAlerts(Codebook.load())
    for start in range(0, len(records), size):
        store.write_batch(records[start : start + size], [], stories=update_stories, alerts=alerts)
    return alerts.fired


@pytest.mark.parametrize("size", [1, 4, 100])
def test_the_scenario_fires_each_kind_once_whatever_the_batches(tmp_path: Path, size: int) -> None:
    with _store(tmp_path / "crisis.duckdb") as store:
        fired = _ingest(store, crisis(), size)
        assert sorted(a.kind for a in fired) == sorted(AlertKind)
        by_kind = {a.kind: a for a in fired}
        deadline = by_kind[AlertKind.DEADLINE]
        assert deadline.summary.startswith("the ")
        assert (
            "the ultimatum set by ECOWAS, first reported on 2023-07-31, expired on 2023-08-06"
            in deadline.summary
        )
        assert "Niger junta" in deadline.summary
        assert (
            deadline.evidence[0].text
            == "ECOWAS gave the junta seven days to restore the president."
        )
        # A day fires when it crosses the line: in one-article batches, with its third
        # attack; in larger ones, with the attacks the batch brings (the fourth is Wagner's).
        jump = by_kind[AlertKind.ESCALATION]
        assert jump.key == "day:2023-08-10:NER"
        assert len(jump.story_ids) == (3 if size == 1 else 4)
        assert f"{len(jump.story_ids)} stories of material conflict in NER on 2023-08-10" in (
            jump.summary
        )
        match = by_kind[AlertKind.MATCH]
        assert "Wagner Group" in match.summary
        assert match.rule == "wagner-in-niger"
        dispute = by_kind[AlertKind.CONTRADICTION]
        assert dispute.story_ids == match.story_ids
        assert {e.source for e in dispute.evidence} == {"Niamey Observer", "Harbour Daily"}
        assert "casualties (12 / 30)" in dispute.summary
        # Evidence points into the article's text.
        text = store.con.execute(
            "SELECT text FROM articles WHERE id = ?", [dispute.evidence[0].article_id]
        ).fetchone()
        quote = dispute.evidence[0]
        assert text is not None
        assert text[0][quote.start : quote.end] == quote.text
        stored = read_alerts.list_alerts(store.con)
        assert [row[2] for row in stored.rows] == [a.rule for a in reversed(fired)]


def test_reingesting_rebuilding_and_a_new_run_fire_nothing_new(tmp_path: Path) -> None:
    with _store(tmp_path / "again.duckdb") as store:
        first = _ingest(store, crisis(), 5)
        assert len(first) == 4
        assert _ingest(store, crisis(), 5) == []
        store.rebuild_stories(rebuild_stories)
        # A new run (a restarted server): the clock moves on, the expired deadline and
        # the day of the jump are seen again, and nothing fires twice.
        assert _ingest(store, [later_news()], 1) == []
        count = store.con.execute("SELECT count(*) FROM alerts").fetchone()
        assert count == (4,)


def test_a_demand_answered_before_its_deadline_fires_nothing(tmp_path: Path) -> None:
    with _store(tmp_path / "answered.duckdb") as store:
        fired = _ingest(store, crisis(), 100)
        deadlines = [a for a in fired if a.kind is AlertKind.DEADLINE]
        assert len(deadlines) == 1
        assert "Burkina" not in deadlines[0].summary


def test_no_rules_no_alerts(tmp_path: Path) -> None:
    with Store(tmp_path / "quiet.duckdb") as store:
        assert _ingest(store, crisis(), 100) == []


def test_an_escalation_can_watch_an_actor_and_a_recipient(tmp_path: Path) -> None:
    with Store(tmp_path / "pair.duckdb") as store:
        pair = rule_from_dict(
            {"name": "raids", "kind": "escalation", "actor": "armed group",
             "recipient": "villagers"}
        )  # fmt: skip
        store.add_alert_rules([(pair.name, pair.kind.value, pair.to_dict())])
        (jump,) = _ingest(store, crisis(), 100)
    assert jump.key == "day:2023-08-10:armed group → villagers"
    # The three armed groups' raids that day; Wagner's is not theirs.
    assert len(jump.story_ids) == 3
    assert "between armed group and villagers on 2023-08-10" in jump.summary
