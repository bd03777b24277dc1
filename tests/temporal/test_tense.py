"""The tense of the clause decides the direction of weekdays, months and quarters.

These need the real parse, so they use the session's spaCy pipeline.
"""

from __future__ import annotations

import datetime as dt

import pytest

from harmattan.pipeline import Resources
from harmattan.records import Article
from harmattan.temporal import TimexTagger, find_timexes

# One tagger for the module, as the pipeline builds one per process.
TAGGER = TimexTagger()

PUB = dt.date(2023, 11, 7)  # a Tuesday

TENSE_CASES: list[tuple[str, str, str]] = [
    ("Talks collapsed on Sunday.", "Sunday", "2023-11-05"),
    ("Talks will resume on Sunday.", "Sunday", "2023-11-12"),
    ("The junta said talks would resume on Friday.", "Friday", "2023-11-10"),
    ("Officials plan to meet Friday in Abuja.", "Friday", "2023-11-10"),
    ("Officials met Friday in Abuja.", "Friday", "2023-11-03"),
    ("Friday's ruling angered the family.", "Friday", "2023-11-03"),
    ("The referendum was held in March.", "March", "2023-03"),
    ("The referendum will be held in March.", "March", "2024-03"),
    ("The envoy arrived on Dec. 1.", "Dec. 1", "2022-12-01"),
    ("The envoy will arrive on Dec. 1.", "Dec. 1", "2023-12-01"),
    ("The offer was extended to Dec. 1.", "Dec. 1", "2023-12-01"),
    ("Fighting eased through Nov. 3, officials said.", "Nov. 3", "2023-11-03"),
    # A plan stated in the past still points forward, unless it came before
    # another past event or the infinitive is the purpose of a past act.
    ("The team planned to leave Nairobi on Thursday.", "Thursday", "2023-11-09"),
    ("Talks were set to resume Monday in Belfast.", "Monday", "2023-11-13"),
    ("The offer had been due to expire Friday.", "Friday", "2023-11-03"),
    ("Crowds gathered to mark the anniversary on Friday.", "Friday", "2023-11-03"),
    # An end point or an earliest time is ahead unless the clause is past.
    ("Troops could arrive as early as Friday.", "Friday", "2023-11-10"),
    ("The junta extended its deadline until 9 a.m. Friday.", "9 a.m. Friday", "2023-11-10T09:00"),
    ("Until Thursday, they had not called him a suspect.", "Thursday", "2023-11-02"),
    # A date that classifies a noun is the nearest one, whatever the clause's tense.
    ("The bank is trying to sell itself under a June agreement.", "June", "2023-06"),
    ("Officials gave no reason for the Jan. 14 deadline.", "Jan. 14", "2024-01-14"),
]


@pytest.mark.parametrize(("sentence", "text", "value"), TENSE_CASES)
def test_find_timexes_takes_direction_from_tense(
    resources: Resources, sentence: str, text: str, value: str
) -> None:
    article = Article(id="tense", published=PUB, text=sentence)
    found = {t.text: t.value for t in find_timexes(article, resources.nlp(sentence), TAGGER)}
    assert found.get(text) == value, found


def test_find_timexes_puts_a_past_later_quarter_in_last_year(resources: Resources) -> None:
    sentence = "Earnings fell in the fourth quarter."
    article = Article(id="quarter", published=dt.date(2023, 5, 10), text=sentence)
    (timex,) = find_timexes(article, resources.nlp(sentence), TAGGER)
    assert (timex.text, timex.value) == ("the fourth quarter", "2022-Q4")
