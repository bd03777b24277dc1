"""The pipeline stage over whole articles: the seed, shifted dates and no hidden clock."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from pathlib import Path

import pytest
import time_machine

from harmattan.pipeline import Resources
from harmattan.records import Article, Timex, TimexType
from harmattan.temporal import TimexTagger, find_timexes, timexes_in

# One tagger for the module, as the pipeline builds one per process.
TAGGER = TimexTagger()

SEED_PUBLISHED = dt.date(2023, 11, 7)


def _seed_article(seed_path: Path, published: dt.date) -> Article:
    return Article(id="seed", published=published, text=seed_path.read_text(encoding="utf-8"))


def _by_text(timexes: tuple[Timex, ...]) -> dict[str, tuple[TimexType, str]]:
    return {t.text: (t.type, t.value) for t in timexes}


def test_find_timexes_values_the_seed(resources: Resources, seed_path: Path) -> None:
    article = _seed_article(seed_path, SEED_PUBLISHED)
    found = _by_text(find_timexes(article, resources.nlp(article.text), TAGGER))
    assert found["last year"] == (TimexType.DATE, "2022")
    # "for" is a signal outside the TIMEX3 extent, as in TimeBank.
    assert found["years"] == (TimexType.DURATION, "PXY")


def test_find_timexes_shifts_with_the_publication_date(
    resources: Resources, seed_path: Path
) -> None:
    article = _seed_article(seed_path, dt.date(2031, 2, 3))
    found = _by_text(find_timexes(article, resources.nlp(article.text), TAGGER))
    assert found["last year"] == (TimexType.DATE, "2030")
    assert found["years"] == (TimexType.DURATION, "PXY")


def test_find_timexes_offsets_index_the_article(resources: Resources, seed_path: Path) -> None:
    article = _seed_article(seed_path, SEED_PUBLISHED)
    timexes = find_timexes(article, resources.nlp(article.text), TAGGER)
    assert timexes
    assert all(article.text[t.start : t.end] == t.text for t in timexes)
    assert all(a.end <= b.start for a, b in itertools.pairwise(timexes))


TEXT = (
    "Rebels attacked on Sunday and again yesterday. Last year the junta took power; "
    "a one-week deadline now runs, and protests happen every Friday."
)
EXPECTED_2023 = {
    "Sunday": (TimexType.DATE, "2023-11-05"),
    "yesterday": (TimexType.DATE, "2023-11-06"),
    "Last year": (TimexType.DATE, "2022"),
    "one-week": (TimexType.DURATION, "P1W"),
    "now": (TimexType.DATE, "PRESENT_REF"),
    "every Friday": (TimexType.SET, "XXXX-WXX-5"),
}


def test_timexes_in_ignores_the_system_clock(resources: Resources) -> None:
    article = Article(id="clock", published=SEED_PUBLISHED, text=TEXT)
    doc = resources.nlp(TEXT)
    with time_machine.travel(dt.datetime(2091, 6, 1, 12, tzinfo=dt.UTC), tick=False):
        assert dt.date.today() == dt.date(2091, 6, 1)
        plain = _by_text(timexes_in(TEXT, SEED_PUBLISHED, TAGGER))
        parsed = _by_text(find_timexes(article, doc, TAGGER))
    assert plain == EXPECTED_2023
    assert parsed == EXPECTED_2023


def test_timexes_in_depends_only_on_the_given_date() -> None:
    shifted = _by_text(timexes_in(TEXT, dt.date(2091, 6, 5), TAGGER))
    assert shifted["Sunday"] == (TimexType.DATE, "2091-06-03")
    assert shifted["yesterday"] == (TimexType.DATE, "2091-06-04")
    assert shifted["Last year"] == (TimexType.DATE, "2090")


def test_timex_records_are_frozen() -> None:
    (timex,) = timexes_in("It fell last year.", SEED_PUBLISHED, TAGGER)
    with pytest.raises(dataclasses.FrozenInstanceError):
        timex.value = "1999"  # type: ignore[misc]  # the runtime guard is what is tested
    assert timex.value == "2022"


@pytest.mark.parametrize(
    ("published", "text", "dropped"),
    [
        (dt.date(9999, 12, 31), "The junta will meet next month.", "next month"),
        (dt.date(1, 1, 1), "Troops left the town yesterday.", "yesterday"),
    ],
)
def test_an_expression_that_falls_off_the_calendar_is_dropped_not_raised(
    published: dt.date, text: str, dropped: str
) -> None:
    # After 9999-12-31 or before 0001-01-01 there is no date to give.
    assert dropped not in _by_text(timexes_in(text, published, TAGGER))
    # The same expression further inside the calendar is found.
    inside = published - dt.timedelta(days=31) if published.year > 1 else dt.date(1, 2, 1)
    assert dropped in _by_text(timexes_in(text, inside, TAGGER))
