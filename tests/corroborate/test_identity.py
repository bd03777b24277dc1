"""Event identity on hand-built mentions: what may and may not be one story."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from harmattan.corroborate.identity import cluster
from harmattan.corroborate.mentions import Mention
from harmattan.records import Actor, Factuality, Place, Precision

JUNTA = Actor("ner-mil", "Niger junta", "NER", "MIL")
CNSP = Actor("cnsp-niger", "CNSP", "NER", "MIL")
BAZOUM = Actor("mohamed-bazoum", "Mohamed Bazoum", "NER", "ELI")
WAGNER = Actor("wagner-group", "Wagner Group", "IMG", None)
FRANCE = Actor("fra", "France", "FRA", "GOV")


def mention(
    name: str,
    published: str,
    actors: tuple[Actor, ...] = (JUNTA,),
    recipients: tuple[Actor, ...] = (BAZOUM,),
    day: str | None = None,
    place_country: str | None = None,
    type: str = "COERCE",
) -> Mention:
    """A mention dated `day` by its text, else bounded by its publication date."""
    date = dt.date.fromisoformat(day) if day else None
    place = (
        Place("x", 0, 1, "x", None, place_country, None, 0.0, 0.0, "city", Precision.CITY)
        if place_country
        else None
    )
    return Mention(
        event_id=name, article_id=f"a-{name}", index=0,
        published=dt.date.fromisoformat(published), source=f"src-{name}", type=type,
        factuality=Factuality.ASSERTED, actors=actors, recipients=recipients,
        start=date, end=date or dt.date.fromisoformat(published),
        precision="day" if day else "unknown", date_source="text" if day else "publication",
        place=place, place_from_text=place is not None, sentence=name, deadline=None,
    )  # fmt: skip


def _groups(mentions: list[Mention]) -> list[set[str]]:
    return sorted(({m.event_id for m in group} for group in cluster(mentions)), key=min)


def test_cluster_joins_reports_that_resolve_the_actor_differently() -> None:
    found = _groups([
        mention("a", "2023-07-26", day="2023-07-26"),
        mention("b", "2023-07-28", actors=(CNSP,)),
        mention("c", "2023-08-08", day="2023-07-26"),
    ])  # fmt: skip
    assert found == [{"a", "b", "c"}]


@pytest.mark.parametrize(
    ("other", "why"),
    [
        (mention("b", "2023-07-28", type="ASSAULT"), "another type"),
        (mention("b", "2023-07-28", recipients=(WAGNER,)), "another recipient"),
        (mention("b", "2023-07-28", recipients=()), "a role left out"),
        (mention("b", "2023-07-28", day="2023-07-20"), "dates that do not overlap"),
        (mention("b", "2023-07-28", place_country="FRA"), "a place in another country"),
        (mention("b", "2023-07-28", actors=(FRANCE,), recipients=(WAGNER,)), "no party shared"),
    ],
)
def test_cluster_keeps_apart(other: Mention, why: str) -> None:
    first = mention("a", "2023-07-26", day="2023-07-26", place_country="NER")
    assert _groups([first, other]) == [{"a"}, {"b"}], why


def test_cluster_a_missing_role_needs_dates_from_the_text() -> None:
    seized = mention("a", "2023-07-28", recipients=(), day="2023-07-26")
    rally = mention("b", "2023-08-08", recipients=())
    again = mention("c", "2023-07-31", recipients=(), day="2023-07-26")
    assert _groups([seized, rally, again]) == [{"a", "c"}, {"b"}]


def test_cluster_does_not_depend_on_the_order_of_mentions() -> None:
    mentions = [
        mention("a", "2023-07-26", day="2023-07-26"),
        mention("b", "2023-07-28", actors=(CNSP,)),
        mention("c", "2023-08-08", recipients=(WAGNER,)),
        mention("d", "2023-08-09", recipients=(WAGNER,), day="2023-08-01"),
        mention("e", "2023-09-01", actors=(FRANCE,), recipients=(WAGNER,)),
    ]
    expected = [[m.event_id for m in group] for group in cluster(mentions)]
    for seed in range(5):
        shuffled = list(mentions)
        random.Random(seed).shuffle(shuffled)
        assert [[m.event_id for m in group] for group in cluster(shuffled)] == expected
