"""Near-duplicate articles: copies point at the earliest original, whatever the order."""

from __future__ import annotations

import datetime as dt

from harmattan.corroborate.dedup import THRESHOLD, ArticleText, near_duplicates

ORIGINAL = (
    "Niger's military junta closed the country's airspace on Sunday evening, citing the "
    "threat of an intervention by neighbouring states, hours before a deadline set by the "
    "West African bloc expired. Thousands of supporters of the junta gathered at a stadium "
    "in Niamey, waving Russian and Nigerien flags, while the bloc's defence chiefs said "
    "they had drawn up a plan for a possible military operation. Traders in the capital "
    "said the price of rice had risen by a third since the border with Nigeria was shut."
)
# A syndicated copy with a new first sentence and a changed figure.
COPY = ORIGINAL.replace("on Sunday evening", "late on Sunday").replace("a third", "a quarter")
UNRELATED = (
    "Floods in southern Somalia have displaced more than two hundred thousand people, aid "
    "agencies said, after the Juba and Shabelle rivers burst their banks following weeks of "
    "heavy rain. Roads to several towns were cut and food prices rose sharply."
)


def _texts(order: list[int]) -> list[ArticleText]:
    items = [
        ArticleText("orig", dt.date(2023, 8, 7), ORIGINAL),
        ArticleText("copy", dt.date(2023, 8, 8), COPY),
        ArticleText("other", dt.date(2023, 8, 7), UNRELATED),
        ArticleText("copy-of-copy", dt.date(2023, 8, 9), COPY + " Schools stayed open."),
    ]
    return [items[i] for i in order]


def test_near_duplicates_link_copies_to_the_earliest_original() -> None:
    found = near_duplicates(_texts([0, 1, 2, 3]))
    assert [(d.article_id, d.original_id) for d in found] == [
        ("copy", "orig"),
        ("copy-of-copy", "orig"),
    ]
    assert all(THRESHOLD <= d.similarity < 1.0 for d in found)


def test_near_duplicates_do_not_depend_on_the_order_of_arrival() -> None:
    expected = near_duplicates(_texts([0, 1, 2, 3]))
    assert near_duplicates(_texts([3, 2, 1, 0])) == expected
    assert near_duplicates(_texts([2, 3, 0, 1])) == expected


def test_near_duplicates_the_same_text_on_another_day_is_a_copy() -> None:
    found = near_duplicates(
        [
            ArticleText("late", dt.date(2023, 8, 9), ORIGINAL),
            ArticleText("early", dt.date(2023, 8, 7), ORIGINAL),
        ]
    )
    assert [(d.article_id, d.original_id, d.similarity) for d in found] == [("late", "early", 1.0)]


def test_near_duplicates_leave_different_reports_alone() -> None:
    assert near_duplicates(_texts([0, 2])) == []
