"""TIMEX3 value strings: building them from dates, and reading calendar extents back out.

Precision of `date_bounds`: a day or a time of day is "day"; an ISO week and a
weekend are "week"; a month, a quarter, a half year and a season are "month"
(they are whole months); a year, a decade and a century are "year". Seasons are
the meteorological ones of the northern hemisphere (spring = March to May, winter =
December to February of the next year), which is how news wires use them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
    "WI": (12, 14),
}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})(-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")
_DURATION = re.compile(r"^P(?:(\d+)([YMWDQ]))?(?:T(\d+)([HMS]))?$")


def week_value(day: dt.date) -> str:
    """The ISO week containing `day`, as a TIMEX3 value (`2023-W31`)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: dt.date) -> int:
    """The calendar quarter (1-4) of `day`."""
    return (day.month - 1) // 3 + 1


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, clamped to the end of shorter months."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def date_bounds(value: str) -> tuple[dt.date, dt.date, str] | None:
    """First and last day a DATE/TIME value covers, and its precision; None without one.

    Values with no calendar extent (durations, sets, `PRESENT_REF`, values with
    `X` placeholders) give None.
    """
    if match := _DAY.match(value):
        try:
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
        return day, day, "day"
    if match := _MONTH.match(value):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            return None
        return dt.date(year, month, 1), _month_end(year, month), "month"
    if match := _YEAR.match(value):
        year = int(match[1])
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    if match := _WEEK.match(value):
        try:
            monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            return None
        if match[3]:
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "week"
        return monday, monday + dt.timedelta(days=6), "week"
    if match := _QUARTER.match(value):
        year, first = int(match[1]), 3 * int(match[2]) - 2
        return dt.date(year, first, 1), _month_end(year, first + 2), "month"
    if match := _HALF.match(value):
        year, first = int(match[1]), 6 * int(match[2]) - 5
        return dt.date(year, first, 1), _month_end(year, first + 5), "month"
    if match := _SEASON.match(value):
        year = int(match[1])
        first, last = SEASON_MONTHS[match[2]]
        end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
        return dt.date(year, first, 1), _month_end(end_year, end_month), "month"
    if match := _DECADE.match(value):
        start = int(match[1]) * 10
        return dt.date(start, 1, 1), dt.date(start + 9, 12, 31), "year"
    if match := _CENTURY.match(value):
        start = int(match[1]) * 100
        return dt.date(max(start, 1), 1, 1), dt.date(start + 99, 12, 31), "year"
    return None


def add_duration(start: dt.date, value: str) -> dt.date | None:
    """`start` moved forward by a DURATION value (`P1W`, `P3D`, `PT48H`); None if vague.

    Hours, minutes and seconds round down to whole days, since the result is a date.
    """
    match = _DURATION.match(value)
    if match is None or not (match[1] or match[3]):
        return None
    result = start
    if match[1]:
        amount, unit = int(match[1]), match[2]
        if unit == "D":
            result += dt.timedelta(days=amount)
        elif unit == "W":
            result += dt.timedelta(weeks=amount)
        elif unit == "M":
            result = add_months(result, amount)
        elif unit == "Q":
            result = add_months(result, 3 * amount)
        else:
            result = add_months(result, 12 * amount)
    if match[3]:
        seconds = int(match[3]) * {"H": 3600, "M": 60, "S": 1}[match[4]]
        result += dt.timedelta(days=seconds // 86400)
    return result
