"""Calendar extents and deadline arithmetic of TIMEX3 values."""

from __future__ import annotations

import datetime as dt

import pytest

from harmattan.temporal.values import add_duration, date_bounds, week_value

D = dt.date

BOUNDS: list[tuple[str, tuple[dt.date, dt.date, str] | None]] = [
    ("2023-08-06", (D(2023, 8, 6), D(2023, 8, 6), "day")),
    ("2023-08-06T14:00", (D(2023, 8, 6), D(2023, 8, 6), "day")),
    ("2023-08-06TNI", (D(2023, 8, 6), D(2023, 8, 6), "day")),
    ("2023-08", (D(2023, 8, 1), D(2023, 8, 31), "month")),
    ("2024-02", (D(2024, 2, 1), D(2024, 2, 29), "month")),
    ("2022", (D(2022, 1, 1), D(2022, 12, 31), "year")),
    ("2023-W31", (D(2023, 7, 31), D(2023, 8, 6), "week")),
    ("2020-W53", (D(2020, 12, 28), D(2021, 1, 3), "week")),
    ("2023-W44-WE", (D(2023, 11, 4), D(2023, 11, 5), "week")),
    ("2023-Q1", (D(2023, 1, 1), D(2023, 3, 31), "month")),
    ("2023-Q4", (D(2023, 10, 1), D(2023, 12, 31), "month")),
    ("2024-H1", (D(2024, 1, 1), D(2024, 6, 30), "month")),
    ("2023-SU", (D(2023, 6, 1), D(2023, 8, 31), "month")),
    ("2023-WI", (D(2023, 12, 1), D(2024, 2, 29), "month")),
    ("199", (D(1990, 1, 1), D(1999, 12, 31), "year")),
    ("19", (D(1900, 1, 1), D(1999, 12, 31), "year")),
    ("PXY", None),
    ("P1W", None),
    ("PRESENT_REF", None),
    ("PAST_REF", None),
    ("XXXX-WXX-5", None),
    ("2023-02-30", None),
    ("2023-13", None),
]


@pytest.mark.parametrize(("value", "expected"), BOUNDS)
def test_date_bounds_gives_first_and_last_day(
    value: str, expected: tuple[dt.date, dt.date, str] | None
) -> None:
    assert date_bounds(value) == expected


DEADLINES: list[tuple[dt.date, str, dt.date | None]] = [
    (D(2023, 7, 30), "P1W", D(2023, 8, 6)),
    (D(2023, 7, 30), "P7D", D(2023, 8, 6)),
    (D(2023, 7, 30), "PT48H", D(2023, 8, 1)),
    (D(2023, 7, 30), "PT36H", D(2023, 7, 31)),
    (D(2023, 1, 31), "P1M", D(2023, 2, 28)),
    (D(2023, 11, 7), "P1Q", D(2024, 2, 7)),
    (D(2024, 2, 29), "P1Y", D(2025, 2, 28)),
    (D(2023, 11, 7), "PXY", None),
    (D(2023, 11, 7), "PTXH", None),
    (D(2023, 11, 7), "PRESENT_REF", None),
    (D(2023, 11, 7), "2023-11-08", None),
]


@pytest.mark.parametrize(("start", "value", "expected"), DEADLINES)
def test_add_duration_moves_start_forward(
    start: dt.date, value: str, expected: dt.date | None
) -> None:
    assert add_duration(start, value) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [(D(2023, 8, 2), "2023-W31"), (D(2021, 1, 3), "2020-W53"), (D(2024, 12, 30), "2025-W01")],
)
def test_week_value_uses_iso_weeks(day: dt.date, expected: str) -> None:
    assert week_value(day) == expected
