"""TIMEX3 types and values for recognized mentions, computed from the publication date.

Conventions follow TimeBank (the TempEval-3 training data): values are anchored to
the document creation time; "the quarter" and "the latest period" are the last
completed quarter (the news is mostly earnings reports); "the year" alone is a
one-year DURATION; "a year ago" is the previous calendar year; "three days later"
is the span it counts (`P3D`), since it is anchored to an event; vague amounts ("for
years", "recent months") are `PXY`, `PXM`; deictic adverbs are `PRESENT_REF`,
`PAST_REF`, `FUTURE_REF`. Words whose value needs a direction (weekdays, months
without a year, seasons) take it from `Reference.direction`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from harmattan.records import TimexType
from harmattan.temporal.anchors import Direction
from harmattan.temporal.tagger import (
    MONTH_NAMES,
    ORDINALS,
    SMALL_NUMBERS,
    TENS,
    WEEKDAY_NAMES,
    Mention,
    Rule,
)
from harmattan.temporal.values import add_months, quarter_of, week_value

Value = tuple[TimexType, str]
Parts = Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Reference:
    """What a mention is resolved against.

    `published` is the article's date (the only "now"); `anchor` is the last day the
    text named explicitly, for "the following day" and "that year"; `direction`
    is the tense of the mention's clause; `quarter` is the last quarter the text
    named, which "a year earlier" in an earnings report compares with; `deadline`
    says the words before the mention make it an end point ("until", "effective").
    """

    published: dt.date
    direction: Direction = Direction.UNKNOWN
    anchor: dt.date | None = None
    quarter: str | None = None
    deadline: bool = False

    @property
    def narrative(self) -> dt.date:
        """The day narrative expressions ("the next day") count from."""
        return self.anchor or self.published


# Unit → (TIMEX3 letter, is a time unit, multiplier).
_UNIT_CODES: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1),
    "minute": ("M", True, 1),
    "hour": ("H", True, 1),
    "day": ("D", False, 1),
    "night": ("D", False, 1),
    "week": ("W", False, 1),
    "weekend": ("W", False, 1),
    "fortnight": ("W", False, 2),
    "month": ("M", False, 1),
    "quarter": ("Q", False, 1),
    "year": ("Y", False, 1),
    "decade": ("Y", False, 10),
    "century": ("Y", False, 100),
    "centurie": ("Y", False, 100),
}
_VAGUE_UNITS = {"decade": "DE", "century": "CE", "centurie": "CE"}
# A fraction of a unit is written in the next smaller unit.
_SMALLER: dict[tuple[str, bool], tuple[str, bool, int]] = {
    ("Y", False): ("M", False, 12),
    ("Q", False): ("M", False, 3),
    ("M", False): ("D", False, 30),
    ("W", False): ("D", False, 7),
    ("D", False): ("H", True, 24),
    ("H", True): ("M", True, 60),
    ("M", True): ("S", True, 60),
}
_COUNTS = {
    "a": 1.0,
    "an": 1.0,
    "another": 1.0,
    "an additional": 1.0,
    "one more": 1.0,
    "a couple of": 2.0,
    "a dozen": 12.0,
    "a hundred": 100.0,
    "a thousand": 1000.0,
}
_VAGUE_COUNTS = frozenset({"a few", "few", "several", "a several", "many", "some"})
_NUMBER_WORDS = {word: index for index, word in enumerate(SMALL_NUMBERS)} | {
    word: 20 + 10 * index for index, word in enumerate(TENS)
}
_ORDINAL_WORDS = {word: index + 1 for index, word in enumerate(ORDINALS)} | {
    "thirtieth": 30,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
_MONTH_ABBREVIATIONS = {name[:3]: index + 1 for index, name in enumerate(MONTH_NAMES)} | {"sep": 9}
_POD_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_DECADE_WORDS = {
    "twenties": "192",
    "thirties": "193",
    "forties": "194",
    "fifties": "195",
    "sixties": "196",
    "seventies": "197",
    "eighties": "198",
    "nineties": "199",
}
_PREVIOUS = frozenset(
    {"last", "this past", "the past", "the last", "the previous", "the prior", "the preceding"}
)
_NEXT = frozenset({"next", "this coming", "the next", "the coming", "the following", "coming"})
_SPACE = re.compile(r"[\s-]+")
_PRESENT_WORDS = frozenset(
    {
        "now",
        "right now",
        "currently",
        "nowadays",
        "these days",
        "at present",
        "the present",
        "current",
    }
)
_PAST_WORDS = frozenset(
    {"recently", "more recently", "lately", "the past", "previously", "formerly", "recent"}
)


def _words(text: str) -> str:
    return _SPACE.sub(" ", text.lower()).strip()


def parse_number(text: str) -> float | None:
    """The number a count phrase names ("two", "48", "2 1/2", "a"); None when vague."""
    words = _words(text)
    if words in _COUNTS:
        return _COUNTS[words]
    if words in _VAGUE_COUNTS:
        return None
    if words[:1].isdigit():
        whole, _, fraction = words.partition(" ")
        value = float(whole)
        return value + 0.5 if fraction == "1/2" else value
    total = 0.0
    for word in words.split():
        if word == "hundred":
            total *= 100
        elif word == "thousand":
            total *= 1000
        elif word in _NUMBER_WORDS:
            total += _NUMBER_WORDS[word]
        else:
            return None
    return total


def duration_value(amount: float | None, unit: str) -> str:
    """A TIMEX3 duration (`P2W`, `PT48H`, `PXY`, `P2Y6M`) for an amount of a unit."""
    unit = unit.lower().rstrip("s")
    letter, is_time, multiplier = _UNIT_CODES[unit]
    if amount is None:
        vague = _VAGUE_UNITS.get(unit, letter)
        return f"PTX{vague}" if is_time else f"PX{vague}"
    amount *= multiplier
    whole = int(amount)
    parts: list[tuple[int, str, bool]] = [(whole, letter, is_time)] if whole else []
    if amount != whole and (letter, is_time) in _SMALLER:
        small, small_time, factor = _SMALLER[letter, is_time]
        parts.append((round((amount - whole) * factor), small, small_time))
    date_part = "".join(f"{n}{u}" for n, u, t in parts if not t and n)
    time_part = "".join(f"{n}{u}" for n, u, t in parts if t and n)
    return "P" + date_part + (f"T{time_part}" if time_part else "") if parts else f"P0{letter}"


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation."""
    return _MONTH_ABBREVIATIONS[name.lower().rstrip(".")[:3]]


def weekday_number(name: str) -> int:
    """0 (Monday) to 6 (Sunday) for a weekday name."""
    return WEEKDAY_NAMES.index(name.lower().rstrip("s"))


def day_number(text: str) -> int | None:
    """The day of the month a numeral or ordinal word names."""
    word = _words(text)
    digits = word.rstrip("stndrh")
    if digits.isdigit():
        return int(digits)
    if word in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[word]
    head, _, tail = word.partition(" ")
    if head in ("twenty", "thirty") and tail in _ORDINAL_WORDS:
        return (20 if head == "twenty" else 30) + _ORDINAL_WORDS[tail]
    return None


def resolve_weekday(ref: Reference, weekday: int, rel: str = "") -> dt.date:
    """The date of a weekday named without a date, from its modifier or the tense.

    News reports mostly what happened, so a weekday in a present-tense or tenseless
    clause is the last one; only a future clause points forward.
    """
    today = ref.narrative if rel.startswith("the ") else ref.published
    back = today - dt.timedelta(days=(today.weekday() - weekday) % 7)
    ahead = today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    if rel in _PREVIOUS:
        return back if back < today else back - dt.timedelta(days=7)
    if rel in _NEXT:
        return ahead if ahead > today else ahead + dt.timedelta(days=7)
    if rel == "this":
        return today + dt.timedelta(days=weekday - today.weekday())
    if ref.direction is Direction.FUTURE or (ref.deadline and ref.direction is not Direction.PAST):
        # An end point ("until Tuesday", "as early as Tuesday") lies ahead.
        return ahead
    return back


def _pick_year(ref: Reference, month: int, day: int, rel: str = "") -> int:
    """The year of a month (and day) named without one."""
    today = ref.published
    here = (today.month, today.day)
    when = (month, day)
    if rel in _PREVIOUS:
        return today.year if month < today.month else today.year - 1
    if rel in _NEXT:
        return today.year if month > today.month else today.year + 1
    if rel == "this":
        return today.year
    if ref.deadline:
        # An end point is ahead, unless it only just passed ("through Oct. 19").
        recent = dt.date(today.year, month, min(day, 28))
        return today.year if (recent - today).days >= -31 else today.year + 1
    if ref.direction is Direction.PAST:
        return today.year if when <= here else today.year - 1
    if ref.direction is Direction.FUTURE:
        return today.year if when >= here else today.year + 1
    # No tense to go by: the nearest occurrence, this year on a tie.
    months_ahead = month - today.month
    if months_ahead > 4:
        return today.year - 1
    if months_ahead < -6:
        return today.year + 1
    return today.year


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _full_year(text: str, ref: Reference) -> int:
    year = int(text)
    if len(text) == 2:
        century = ref.published.year // 100 * 100
        year += century if year <= ref.published.year % 100 + 10 else century - 100
    return year


def _calendar_date(parts: Parts, ref: Reference) -> dt.date | None:
    day = day_number(parts["day"])
    month = month_number(parts["month"])
    if day is None:
        return None
    if "year" in parts:
        return _date(int(parts["year"]), month, day)
    return _date(_pick_year(ref, month, day, _words(parts.get("rel", ""))), month, day)


def _day_value(day: dt.date | None) -> Value | None:
    return None if day is None else (TimexType.DATE, day.isoformat())


def _iso(parts: Parts, text: str, ref: Reference) -> Value | None:
    day = _date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    if day is None:
        return None
    if "hour" in parts:
        return TimexType.TIME, f"{day.isoformat()}T{parts['hour']}:{parts['minute']}"
    return TimexType.DATE, day.isoformat()


def _slash(parts: Parts, text: str, ref: Reference) -> Value | None:
    year = _full_year(parts["year"], ref)
    return _day_value(_date(year, int(parts["month"]), int(parts["day"])))


def _day_of(parts: Parts, ref: Reference, weekday_key: str = "wd") -> dt.date:
    """The day a clock time or part of the day belongs to."""
    if weekday_key in parts:
        return resolve_weekday(ref, weekday_number(parts[weekday_key]))
    deictic = parts.get("deictic", "").lower()
    offset = {"yesterday": -1, "tomorrow": 1}.get(deictic, 0)
    if "month" in parts and "day" in parts:
        return _calendar_date(parts, ref) or ref.published
    return ref.published + dt.timedelta(days=offset)


def _clock(parts: Parts, text: str, ref: Reference) -> Value | None:
    hour = int(parts["hour"])
    if hour > 12:
        return None
    pm = parts["ampm"].lower().startswith("p")
    hour = hour % 12 + (12 if pm else 0)
    minute = parts.get("minute", "00")
    return TimexType.TIME, f"{_day_of(parts, ref).isoformat()}T{hour:02d}:{minute}"


def _noon(parts: Parts, text: str, ref: Reference) -> Value | None:
    clock = "24:00" if parts["word"].lower() == "midnight" else "12:00"
    key = "wd1" if "wd1" in parts else "wd"
    return TimexType.TIME, f"{_day_of(parts, ref, key).isoformat()}T{clock}"


def _part_of_day(parts: Parts, text: str, ref: Reference) -> Value | None:
    if "word" in parts:
        return TimexType.TIME, f"{ref.published.isoformat()}TNI"
    if "pod2" in parts:
        pod, anchor = parts["pod2"].lower(), parts["wd2"].lower()
    else:
        pod, anchor = parts["pod"].lower(), parts["rel"].lower()
    if anchor in WEEKDAY_NAMES:
        day = resolve_weekday(ref, weekday_number(anchor))
    else:
        offset = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(anchor, 0)
        day = ref.published + dt.timedelta(days=offset)
    return TimexType.TIME, f"{day.isoformat()}T{_POD_CODES[pod]}"


def _weekday(parts: Parts, text: str, ref: Reference) -> Value | None:
    if "month" in parts:
        day = _calendar_date(parts, ref)
        if day is not None and "year" not in parts:
            # The weekday settles which year a yearless date is in.
            weekday = weekday_number(parts["wd"])
            for year in (day.year, day.year - 1, day.year + 1):
                other = _date(year, day.month, day.day)
                if other is not None and other.weekday() == weekday:
                    return _day_value(other)
        return _day_value(day)
    rel = _words(parts.get("rel", ""))
    return _day_value(resolve_weekday(ref, weekday_number(parts["wd"]), rel))


def _month_day(parts: Parts, text: str, ref: Reference) -> Value | None:
    return _day_value(_calendar_date(parts, ref))


def _month(parts: Parts, text: str, ref: Reference) -> Value | None:
    month = month_number(parts["month"])
    if "year" in parts:
        year = int(parts["year"])
    elif "yrel" in parts:
        # "January this year", "June last year": the month of that year.
        year = ref.published.year + {"this": 0, "last": -1, "next": 1}[parts["yrel"].lower()]
    else:
        year = _pick_year(ref, month, 15, _words(parts.get("rel", "")))
    return TimexType.DATE, f"{year}-{month:02d}"


def _year(parts: Parts, text: str, ref: Reference) -> Value | None:
    if "spelled" in parts:
        rest = parse_number(_words(parts["spelled"]).removeprefix("nineteen "))
        return None if rest is None else (TimexType.DATE, str(1900 + int(rest)))
    if "spelled2" in parts:
        rest = parse_number(
            _words(parts["spelled2"]).removeprefix("two thousand").removeprefix(" and ")
        )
        return TimexType.DATE, str(2000 + int(rest or 0))
    if "quarter" in parts and ref.quarter is not None:
        return TimexType.DATE, parts["year2"] + ref.quarter[4:]
    return TimexType.DATE, parts.get("year") or parts["year2"]


def _decade(parts: Parts, text: str, ref: Reference) -> Value | None:
    if "word" in parts:
        return TimexType.DATE, _DECADE_WORDS[parts["word"].lower()]
    if "short" in parts:
        return TimexType.DATE, "19" + parts["short"][0]
    return TimexType.DATE, parts["decade"][:3]


def _century(parts: Parts, text: str, ref: Reference) -> Value | None:
    number = day_number(parts["ord"])
    if number is None:
        return None
    return TimexType.DATE, f"{number - 1:02d}"


def _quarter(parts: Parts, text: str, ref: Reference) -> Value | None:
    number = _ORDINAL_WORDS[parts["ord"].lower()]
    if number > (2 if parts["unit"].lower() == "half" else 4):
        return None
    letter = "H" if parts["unit"].lower() == "half" else "Q"
    year_text = parts.get("year1") or parts.get("year2") or parts.get("year3")
    if year_text is not None:
        year = int(year_text)
    elif "yrel" in parts:
        year = ref.published.year + {"last": -1, "this": 0, "next": 1}[parts["yrel"].lower()]
    else:
        today = ref.published
        current = quarter_of(today) if letter == "Q" else (today.month - 1) // 6 + 1
        year = today.year
        # A later quarter in a past clause is last year's; a future clause names
        # the quarter being reported, so it stays in this year.
        if ref.direction is Direction.PAST and number > current:
            year -= 1
    if "plural" in parts:
        return TimexType.SET, f"XXXX-{letter}{number}"
    return TimexType.DATE, f"{year}-{letter}{number}"


def _season(parts: Parts, text: str, ref: Reference) -> Value | None:
    code = _SEASONS[parts["season"].lower()]
    if "year" in parts:
        return TimexType.DATE, f"{parts['year']}-{code}"
    today = ref.published
    # The season the publication date falls in, as (year, start month) with winter
    # counted in the year its December falls in.
    season_year = today.year - 1 if today.month < 3 else today.year
    current_start = 12 if today.month in (12, 1, 2) else (today.month // 3) * 3
    start = _SEASON_START[code]
    rel = _words(parts.get("rel", ""))
    if rel in _PREVIOUS:
        year = season_year if start < current_start else season_year - 1
    elif rel in _NEXT:
        year = season_year if start > current_start else season_year + 1
    elif ref.direction is Direction.FUTURE:
        year = season_year if start >= current_start else season_year + 1
    elif ref.direction is Direction.PAST:
        year = season_year if start <= current_start else season_year - 1
    else:
        year = today.year - 1 if code == "WI" and today.month < 3 else today.year
    return TimexType.DATE, f"{year}-{code}"


def _last_quarter(day: dt.date, back: int = 1) -> str:
    quarter_start = add_months(dt.date(day.year, 3 * quarter_of(day) - 2, 1), -3 * back)
    return f"{quarter_start.year}-Q{quarter_of(quarter_start)}"


def _weekend(ref: Reference, step: int, rel: str) -> str:
    today = ref.published
    saturday = today + dt.timedelta(days=5 - today.weekday())
    if rel == "the" and ref.direction is not Direction.FUTURE and today.weekday() < 5:
        # "over the weekend" in a weekday's report is the one just past.
        step = -1
    return f"{week_value(saturday + dt.timedelta(weeks=step))}-WE"


def _relative(parts: Parts, text: str, ref: Reference) -> Value | None:
    rel = _words(parts["rel"])
    unit = parts["unit"].lower()
    step = -1 if rel in _PREVIOUS else 1 if rel in _NEXT else 0
    today = ref.published
    if rel in ("that", "the same"):
        today, step = ref.narrative, 0
    if unit == "day":
        if rel not in ("the following", "the next", "the previous", "that", "the same"):
            return None
        return _day_value(ref.narrative + dt.timedelta(days=step))
    if unit == "week":
        return TimexType.DATE, week_value(today + dt.timedelta(weeks=step))
    if unit == "weekend":
        return TimexType.DATE, _weekend(ref, step, rel)
    if unit == "month":
        return TimexType.DATE, add_months(today, step).strftime("%Y-%m")
    if unit in ("quarter", "period"):
        if rel in ("the", "the latest", "the past", "the last", "the previous"):
            return TimexType.DATE, _last_quarter(today)
        if unit == "period":
            return None
        return TimexType.DATE, _last_quarter(today, -step)
    if unit == "year":
        if rel in ("the", "the entire", "the whole") and "edge" not in parts:
            return TimexType.DURATION, "P1Y"
        if rel == "the latest":
            step = -1
        return TimexType.DATE, str(today.year + step)
    if unit == "decade":
        return TimexType.DATE, str(today.year // 10 + step)
    if unit == "century":
        return TimexType.DATE, f"{today.year // 100 + step:02d}"
    return None


def _year_ago(parts: Parts, text: str, ref: Reference) -> Value | None:
    today = ref.published
    if "end" in parts:
        return TimexType.DATE, f"{today.year}-12-31"
    if "what" in parts and ref.quarter is None:
        return TimexType.DATE, _last_quarter(today, 5)
    return TimexType.DATE, _year_before(ref)


def _year_before(ref: Reference) -> str:
    """The year before the publication, or the quarter a year before the one in question."""
    if ref.quarter is not None:
        return f"{int(ref.quarter[:4]) - 1}{ref.quarter[4:]}"
    return str(ref.published.year - 1)


def _offset(parts: Parts, text: str, ref: Reference) -> Value | None:
    amount = parse_number(parts["num"])
    direction = parts["dir"].lower()
    comparison = amount == 1 and parts["unit"].lower() == "year"
    if direction in ("earlier", "later") and not comparison:
        # TimeBank values "three days later" as the span it counts (P3D), anchored
        # to an event rather than to the publication date; "a year earlier" stays
        # the period it compares with.
        return TimexType.DURATION, duration_value(amount, parts["unit"])
    sign = -1 if direction in ("ago", "earlier") else 1
    if amount is None:
        return TimexType.DATE, "PAST_REF" if sign < 0 else "FUTURE_REF"
    unit = parts["unit"].lower()
    letter, is_time, multiplier = _UNIT_CODES[unit]
    count = round(amount * multiplier) * sign
    today = ref.published
    if letter == "Y":
        if count == -1:
            return TimexType.DATE, _year_before(ref)
        return TimexType.DATE, str(today.year + count)
    if letter == "Q":
        return TimexType.DATE, _last_quarter(today, -count)
    if letter == "M" and not is_time:
        return TimexType.DATE, add_months(today, count).strftime("%Y-%m")
    if letter == "W":
        return TimexType.DATE, week_value(today + dt.timedelta(weeks=count))
    if letter == "D":
        return _day_value(today + dt.timedelta(days=count))
    return TimexType.DATE, today.isoformat()


def _duration(parts: Parts, text: str, ref: Reference) -> Value | None:
    amount = parse_number(parts["num"])
    if amount is not None and ("half1" in parts or "half2" in parts):
        amount += 0.5
    return TimexType.DURATION, duration_value(amount, parts["unit"])


def _vague(parts: Parts, text: str, ref: Reference) -> Value | None:
    if "ago" in parts:
        return TimexType.DATE, "PAST_REF"
    # TimeBank reads "in recent years" as an unbounded stretch of the past.
    if _words(parts.get("q", "")) in ("recent", "past") and parts["unit"].lower() in (
        "years",
        "days",
    ):
        return TimexType.DATE, "PAST_REF"
    return TimexType.DURATION, duration_value(None, parts["unit"])


def _deictic(parts: Parts, text: str, ref: Reference) -> Value | None:
    if "day" in parts:
        offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[parts["day"].lower()]
        return _day_value(ref.published + dt.timedelta(days=offset))
    word = _words(parts["word"])
    if word in _PRESENT_WORDS:
        return TimexType.DATE, "PRESENT_REF"
    if word in _PAST_WORDS:
        return TimexType.DATE, "PAST_REF"
    return TimexType.DATE, "FUTURE_REF"


_SET_UNITS = {
    "day": "P1D",
    "night": "P1D",
    "week": "P1W",
    "weekend": "P1W",
    "month": "P1M",
    "quarter": "P1Q",
    "year": "P1Y",
    "annum": "P1Y",
    "hour": "PT1H",
    "minute": "PT1M",
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "biweekly": "P2W",
    "monthly": "P1M",
    "yearly": "P1Y",
    "annually": "P1Y",
    "hourly": "PT1H",
}


def _set(parts: Parts, text: str, ref: Reference) -> Value | None:
    if "wds" in parts:
        return TimexType.SET, f"XXXX-WXX-{weekday_number(parts['wds']) + 1}"
    if "adverb" in parts:
        return TimexType.SET, _SET_UNITS[parts["adverb"].lower()]
    if "freq" in parts:
        return TimexType.SET, _SET_UNITS[parts["funit"].lower()]
    if "punit" in parts:
        return TimexType.SET, _SET_UNITS[parts["punit"].lower()]
    what = parts["what"].lower()
    if what in WEEKDAY_NAMES:
        return TimexType.SET, f"XXXX-WXX-{weekday_number(what) + 1}"
    if what in _POD_CODES:
        return TimexType.SET, f"XXXX-XX-XXT{_POD_CODES[what]}"
    if what in _SEASONS:
        return TimexType.SET, f"XXXX-{_SEASONS[what]}"
    if what in _SET_UNITS:
        value = _SET_UNITS[what]
        if "other" in parts:
            value = value.replace("1", "2")
        return TimexType.SET, value
    return TimexType.SET, f"XXXX-{month_number(what):02d}"


def easter_sunday(year: int) -> dt.date:
    """Western Easter Sunday of `year` (the Gregorian computus)."""
    golden = year % 19
    century, year_in_century = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    moon_correction = (century + 8) // 25
    sun_correction = (century - moon_correction + 1) // 3
    epact = (19 * golden + century - leap_centuries - sun_correction + 15) % 30
    leap_years, year_rest = divmod(year_in_century, 4)
    weekday = (32 + 2 * century_rest + 2 * leap_years - epact - year_rest) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    return dt.date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def holiday_date(name: str, year: int) -> dt.date:
    """The date of a (US) holiday in a given year."""
    fixed = {
        "christmas eve": (12, 24),
        "christmas": (12, 25),
        "new year's eve": (12, 31),
        "new year's": (1, 1),
        "independence day": (7, 4),
        "halloween": (10, 31),
    }
    if name in fixed:
        return dt.date(year, *fixed[name])
    if name == "easter":
        return easter_sunday(year)
    if name == "thanksgiving":
        return _nth_weekday(year, 11, 3, 4)
    if name == "labor day":
        return _nth_weekday(year, 9, 0, 1)
    if name == "memorial day":
        last = _nth_weekday(year, 5, 0, 5)
        return last if last.month == 5 else last - dt.timedelta(weeks=1)
    # Election day: the Tuesday after the first Monday of November.
    return _nth_weekday(year, 11, 0, 1) + dt.timedelta(days=1)


def _holiday(parts: Parts, text: str, ref: Reference) -> Value | None:
    name = _words(parts["name"])
    if "year" in parts:
        day = holiday_date(name, int(parts["year"]))
    else:
        today = ref.published
        rel = _words(parts.get("rel", ""))
        candidates = [holiday_date(name, year) for year in range(today.year - 1, today.year + 2)]
        past = [d for d in candidates if d < today]
        ahead = [d for d in candidates if d > today]
        if today in candidates and rel not in _PREVIOUS | _NEXT:
            day = today
        elif rel in _PREVIOUS or (ref.direction is Direction.PAST and rel not in _NEXT):
            day = past[-1]
        elif rel in _NEXT or ref.direction is Direction.FUTURE:
            day = ahead[0]
        else:
            day = min(candidates, key=lambda d: abs((d - today).days))
    if parts.get("suffix", "").lower() == "week":
        return TimexType.DATE, week_value(day)
    return TimexType.DATE, day.isoformat()


_NORMALIZERS: dict[Rule, Callable[[Parts, str, Reference], Value | None]] = {
    Rule.ISO: _iso,
    Rule.SLASH: _slash,
    Rule.CLOCK: _clock,
    Rule.NOON: _noon,
    Rule.PART_OF_DAY: _part_of_day,
    Rule.WEEKDAY: _weekday,
    Rule.MONTH_DAY: _month_day,
    Rule.DAY_MONTH: _month_day,
    Rule.MONTH: _month,
    Rule.YEAR: _year,
    Rule.DECADE: _decade,
    Rule.CENTURY: _century,
    Rule.QUARTER: _quarter,
    Rule.SEASON: _season,
    Rule.RELATIVE: _relative,
    Rule.YEAR_AGO: _year_ago,
    Rule.OFFSET: _offset,
    Rule.DURATION: _duration,
    Rule.VAGUE: _vague,
    Rule.DEICTIC: _deictic,
    Rule.HOLIDAY: _holiday,
    Rule.SET: _set,
}

# Rules whose value can depend on the tense; the others never need the parse.
DIRECTED = frozenset(
    {
        Rule.WEEKDAY,
        Rule.MONTH_DAY,
        Rule.DAY_MONTH,
        Rule.MONTH,
        Rule.SEASON,
        Rule.QUARTER,
        Rule.RELATIVE,
        Rule.PART_OF_DAY,
        Rule.CLOCK,
        Rule.NOON,
        Rule.HOLIDAY,
    }
)


def normalize(mention: Mention, ref: Reference) -> Value | None:
    """The TIMEX3 type and value of a mention, or None when it names no time after all."""
    return _NORMALIZERS[mention.rule](mention.parts, mention.text, ref)
