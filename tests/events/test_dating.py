"""Event dates: from the clause's time expression, a stated deadline, or the publication date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from harmattan.ingest import ReadOptions, read_sources
from harmattan.pipeline import Resources, extract
from harmattan.records import Article, Event
from tests.conftest import SHARED
from tests.factories import article

GOLD = json.loads((SHARED / "gold" / "seed-niger-2023-11-07.json").read_text(encoding="utf-8"))


def _event(text: str, published: str, type_name: str, resources: Resources) -> Event:
    events = [e for e in extract(article(text, published), resources).events if e.type == type_name]
    assert events, text
    return events[0]


def test_dating_takes_the_day_the_clause_names(resources: Resources) -> None:
    event = _event(
        "On July 30, ECOWAS imposed sanctions on Niger.", "2023-08-02", "SANCTION", resources
    )
    assert (event.date.start, event.date.end) == (dt.date(2023, 7, 30), dt.date(2023, 7, 30))
    assert (event.date.precision, event.date.source.value) == ("day", "text")
    assert event.date.timex is not None
    assert event.date.timex.text == "July 30"


def test_dating_reads_a_deadline_against_the_publication_date(resources: Resources) -> None:
    text = "ECOWAS gave the junta a one-week deadline to reinstate President Mohamed Bazoum."
    event = _event(text, "2023-07-30", "REQUEST", resources)
    assert event.date.deadline is not None
    assert event.date.deadline.date == dt.date(2023, 8, 6)
    assert event.date.deadline.status == "pending"
    assert event.date.end == dt.date(2023, 7, 30)


def test_dating_without_a_time_expression_is_bounded_by_publication(resources: Resources) -> None:
    event = _event("Nigeria cut electricity supplies to Niger.", "2023-08-02", "COERCE", resources)
    assert (event.date.start, event.date.end) == (None, dt.date(2023, 8, 2))
    assert (event.date.precision, event.date.source.value) == ("unknown", "publication")


def test_dating_seed_events_as_gold_says(seed_path: Path, resources: Resources) -> None:
    (item,) = read_sources([str(seed_path)], ReadOptions())
    assert isinstance(item, Article)
    record = extract(item, resources)
    text = record.article.text
    by_id = {g["id"]: g for g in GOLD["must_find"]}

    def dated(quote: str, type_name: str) -> Event:
        start = text.index(quote)
        return next(
            e
            for e in record.events
            if e.type == type_name and e.sentence.start <= start < e.sentence.end
        )

    for gold_id, type_name in (("E4", "MOBILIZE"), ("E5", "RETREAT")):
        event = dated(by_id[gold_id]["quote"], type_name)
        assert (event.date.start, event.date.end) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
        assert event.date.precision == by_id[gold_id]["date"]["precision"] == "year"
    first = dated(by_id["E1"]["quote"], "REQUEST")
    assert first.date.end == dt.date(2023, 11, 7)
    assert first.date.start is None
    assert first.date.precision == "unknown"


def test_dating_ignores_a_time_in_another_sentence(resources: Resources) -> None:
    # A dateline is when the report was filed, not when the march it reports happened.
    text = "Wire report, October 31, 2020. Hundreds of women marched through the streets of Minsk."
    event = _event(text, "2020-11-01", "PROTEST", resources)
    assert (event.date.start, event.date.end) == (None, dt.date(2020, 11, 1))
    assert event.date.source.value == "publication"
    assert event.date.timex is None


def test_a_deadline_on_a_weekday_still_to_come_is_the_next_one(resources: Resources) -> None:
    # Published on a Wednesday: "Friday" is two days on, not five days back.
    text = "The generals face a deadline on Friday to hand back power."
    event = _event(text, "2023-09-06", "REQUEST", resources)
    assert event.date.deadline is not None
    assert (event.date.deadline.date, event.date.deadline.status) == (
        dt.date(2023, 9, 8),
        "pending",
    )


def test_an_ultimatum_that_expired_on_a_day_records_that_day(resources: Resources) -> None:
    text = "The ECOWAS ultimatum to the junta expired on Monday."
    event = _event(text, "2023-09-06", "THREATEN", resources)
    assert event.date.deadline is not None
    assert (event.date.deadline.date, event.date.deadline.status) == (
        dt.date(2023, 9, 4),
        "expired",
    )


def test_the_time_given_counts_from_the_day_the_demand_was_made(resources: Resources) -> None:
    text = "The bloc on Monday gave the generals a one-week deadline to step down."
    event = _event(text, "2023-09-06", "REQUEST", resources)
    assert event.date.deadline is not None
    assert event.date.deadline.date == dt.date(2023, 9, 11)


def test_time_given_to_do_something_is_a_demand_with_a_deadline(resources: Resources) -> None:
    # The length of time often hangs, in the parse, on a verb of a relative clause.
    text = (
        "Regional leaders meeting in Accra on Monday gave the officers who took power "
        "ten days to free the president."
    )
    event = _event(text, "2023-09-06", "REQUEST", resources)
    assert event.date.deadline is not None
    # Ten days from the Monday the leaders met, and the demand is dated that Monday.
    assert event.date.deadline.date == dt.date(2023, 9, 14)
    assert (event.date.start, event.date.source.value) == (dt.date(2023, 9, 4), "text")
    assert [p.text for p in event.recipients] == ["officers"]


def test_giving_days_of_something_is_no_demand(resources: Resources) -> None:
    found = extract(
        article("The agency gave the displaced ten days of rations.", "2023-09-06"), resources
    )
    assert [e for e in found.events if e.type == "REQUEST"] == []


def test_an_ultimatum_that_expires_on_a_coming_day_is_pending(resources: Resources) -> None:
    event = _event(
        "ECOWAS issued an ultimatum that expires on Sunday.", "2023-09-06", "THREATEN", resources
    )
    assert event.date.deadline is not None
    assert (event.date.deadline.date, event.date.deadline.status) == (
        dt.date(2023, 9, 10),
        "pending",
    )


def test_a_deadline_by_the_end_of_the_month(resources: Resources) -> None:
    text = "The bloc demanded that the junta release the president by the end of the month."
    event = _event(text, "2023-09-06", "REQUEST", resources)
    assert event.date.deadline is not None
    assert event.date.deadline.date == dt.date(2023, 9, 30)
