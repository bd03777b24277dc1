"""Table-driven tests of recognition and normalization, without a parse (tense unknown).

Each case is a sentence, its publication date, the expected extent, type and value.
The default publication date, 2023-11-07, is a Tuesday in ISO week 45 and in Q4.
"""

from __future__ import annotations

import datetime as dt

import pytest

from harmattan.records import TimexType
from harmattan.temporal import TimexTagger, timexes_in

# One tagger for the module, as the pipeline builds one per process.
TAGGER = TimexTagger()

PUB = dt.date(2023, 11, 7)
D, T, DUR, S = TimexType.DATE, TimexType.TIME, TimexType.DURATION, TimexType.SET

Case = tuple[str, str, TimexType, str]

EXPLICIT: list[Case] = [
    ("It happened on July 26.", "July 26", D, "2023-07-26"),
    ("It happened on 26 July 2023.", "26 July 2023", D, "2023-07-26"),
    ("Filed 2023-07-26 in Bamako.", "2023-07-26", D, "2023-07-26"),
    ("It was signed July 26, 2023, in Niamey.", "July 26, 2023", D, "2023-07-26"),
    ("The quarter ended Sept. 30, 1989.", "Sept. 30, 1989", D, "1989-09-30"),
    ("The summit opens March 12.", "March 12", D, "2024-03-12"),
    ("He left in December 2022.", "December 2022", D, "2022-12"),
    ("Elections are due in January.", "January", D, "2024-01"),
    ("Fighting resumed in August.", "August", D, "2023-08"),
    ("The war began in 2013.", "2013", D, "2013"),
    ("Profit rose in fiscal 1989.", "fiscal 1989", D, "1989"),
    ("Coups were common in the 1990s.", "the 1990s", D, "199"),
    ("Coups were common in the 1980s.", "the 1980s", D, "198"),
    ("Rebels rose in the mid-1990s.", "the mid-1990s", D, "199"),
    ("Music of the '80s.", "the '80s", D, "198"),
    ("It boomed in the nineties.", "the nineties", D, "199"),
    ("The worst war of the 20th century.", "the 20th century", D, "19"),
    ("Dated 11/07/2023 by the clerk.", "11/07/2023", D, "2023-11-07"),
    ("The winter of nineteen ninety-four was cold.", "nineteen ninety-four", D, "1994"),
    ("By the year two thousand, all was new.", "the year two thousand", D, "2000"),
    ("The 26th of July 2023 was hot.", "The 26th of July 2023", D, "2023-07-26"),
    ("On March eighth they met.", "March eighth", D, "2024-03-08"),
    ("He spoke late July.", "late July", D, "2023-07"),
    ("Talks resume mid-November.", "mid-November", D, "2023-11"),
    ("A vote in early December.", "early December", D, "2023-12"),
    ("He resigned last April.", "last April", D, "2023-04"),
    ("He resigned last November.", "last November", D, "2022-11"),
    ("Polls open next January.", "next January", D, "2024-01"),
    ("He was shot last Oct. 23 at home.", "last Oct. 23", D, "2023-10-23"),
]

QUARTERS_AND_SEASONS: list[Case] = [
    ("Sales fell in the third quarter.", "the third quarter", D, "2023-Q3"),
    ("Sales fell in the third quarter of 1990.", "the third quarter of 1990", D, "1990-Q3"),
    ("A third-quarter loss.", "third-quarter", D, "2023-Q3"),
    ("Sales in the fourth quarter.", "the fourth quarter", D, "2023-Q4"),
    ("Sales in the quarter rose.", "the quarter", D, "2023-Q3"),
    ("Sales in the latest quarter rose.", "the latest quarter", D, "2023-Q3"),
    ("Sales this quarter rose.", "this quarter", D, "2023-Q4"),
    ("Sales next quarter will rise.", "next quarter", D, "2024-Q1"),
    ("Results for this year's third quarter.", "this year's third quarter", D, "2023-Q3"),
    ("Sales in the first half of fiscal 2024.", "the first half of fiscal 2024", D, "2024-H1"),
    ("Troops arrived last summer.", "last summer", D, "2023-SU"),
    ("Troops leave this fall.", "this fall", D, "2023-FA"),
    ("Troops leave next spring.", "next spring", D, "2024-SP"),
    ("It froze in the winter of 1994.", "the winter of 1994", D, "1994-WI"),
    ("It rained in summer 2022.", "summer 2022", D, "2022-SU"),
]

RELATIVE: list[Case] = [
    ("Wagner entered Mali last year.", "last year", D, "2022"),
    ("Inflation doubled this year.", "this year", D, "2023"),
    ("Elections are due next year.", "next year", D, "2024"),
    ("Prices rose last month.", "last month", D, "2023-10"),
    ("Talks resume next month.", "next month", D, "2023-12"),
    ("Talks resumed this month.", "this month", D, "2023-11"),
    ("Talks resumed this week.", "this week", D, "2023-W45"),
    ("Talks resumed last week.", "last week", D, "2023-W44"),
    ("Talks resume next week.", "next week", D, "2023-W46"),
    ("Prices rose earlier this year.", "earlier this year", D, "2023"),
    ("Talks resume later this month.", "later this month", D, "2023-11"),
    ("A vote early next year.", "early next year", D, "2024"),
    ("A vote by the end of the year.", "the end of the year", D, "2023"),
    ("The army struck yesterday.", "yesterday", D, "2023-11-06"),
    ("The army strikes today.", "today", D, "2023-11-07"),
    ("The army strikes tomorrow.", "tomorrow", D, "2023-11-08"),
    ("The army struck late yesterday.", "late yesterday", D, "2023-11-06"),
    ("It fell two weeks ago.", "two weeks ago", D, "2023-W43"),
    ("It fell three days ago.", "three days ago", D, "2023-11-04"),
    ("It fell a year ago.", "a year ago", D, "2022"),
    ("It fell five years ago.", "five years ago", D, "2018"),
    ("It fell two months ago.", "two months ago", D, "2023-09"),
    ("It fell a decade ago.", "a decade ago", D, "2013"),
    ("It fell 10 days ago.", "10 days ago", D, "2023-10-28"),
    ("Profit was lower a year earlier.", "a year earlier", D, "2022"),
    ("It ends two years from now.", "two years from now", D, "2025"),
    ("Sales rose from the previous quarter.", "the previous quarter", D, "2023-Q3"),
    ("They met over the weekend.", "the weekend", D, "2023-W44-WE"),
    ("They met last weekend.", "last weekend", D, "2023-W44-WE"),
    ("They meet this weekend.", "this weekend", D, "2023-W45-WE"),
    ("Talks began Oct. 3. The following day they failed.", "The following day", D, "2023-10-04"),
    ("Talks began Oct. 3. The previous day was calm.", "The previous day", D, "2023-10-02"),
    ("It fell the past year.", "the past year", D, "2022"),
    ("Results for the year-ago quarter.", "the year-ago quarter", D, "2022-Q3"),
]

WEEKDAYS_AND_TIMES: list[Case] = [
    ("Rebels attacked on Sunday.", "Sunday", D, "2023-11-05"),
    ("Rebels attacked on Tuesday.", "Tuesday", D, "2023-11-07"),
    ("Rebels attacked on Friday.", "Friday", D, "2023-11-03"),
    ("Rebels attacked last Friday.", "last Friday", D, "2023-11-03"),
    ("Rebels attack next Friday.", "next Friday", D, "2023-11-10"),
    ("Rebels attack this Friday.", "this Friday", D, "2023-11-10"),
    ("Rebels attacked last Tuesday.", "last Tuesday", D, "2023-10-31"),
    ("Rebels attack next Tuesday.", "next Tuesday", D, "2023-11-14"),
    ("Talks open Wednesday, Aug. 2.", "Wednesday, Aug. 2", D, "2023-08-02"),
    ("An editorial on Saturday, Nov. 4.", "Saturday, Nov. 4", D, "2023-11-04"),
    ("Rebels attacked Friday morning.", "Friday morning", T, "2023-11-03TMO"),
    ("Rebels attacked Sunday night.", "Sunday night", T, "2023-11-05TNI"),
    ("Rebels attacked this morning.", "this morning", T, "2023-11-07TMO"),
    ("Rebels attacked yesterday afternoon.", "yesterday afternoon", T, "2023-11-06TAF"),
    ("Rebels attacked last night.", "last night", T, "2023-11-06TNI"),
    ("Rebels attack tonight.", "tonight", T, "2023-11-07TNI"),
    ("Rebels attack tomorrow evening.", "tomorrow evening", T, "2023-11-08TEV"),
    ("The curfew starts at 2 p.m. sharp.", "2 p.m.", T, "2023-11-07T14:00"),
    ("The blast came at 10:35 a.m. local.", "10:35 a.m.", T, "2023-11-07T10:35"),
    ("The offer expires 5 p.m. EST Nov. 9.", "5 p.m. EST Nov. 9", T, "2023-11-09T17:00"),
    ("The deadline was noon Saturday.", "noon Saturday", T, "2023-11-04T12:00"),
    ("The curfew begins at midnight.", "midnight", T, "2023-11-07T24:00"),
    ("Logged at 2023-08-06T14:00 by the clerk.", "2023-08-06T14:00", T, "2023-08-06T14:00"),
    ("Shots rang out around 7:15 p.m. there.", "around 7:15 p.m.", T, "2023-11-07T19:15"),
]

DURATIONS: list[Case] = [
    ("Forces partnered with them for years.", "years", DUR, "PXY"),
    ("They set a one-week deadline.", "one-week", DUR, "P1W"),
    ("They have 48 hours to leave.", "48 hours", DUR, "PT48H"),
    ("The siege lasted two weeks.", "two weeks", DUR, "P2W"),
    ("The siege lasted six months.", "six months", DUR, "P6M"),
    ("Prices rose over the past three months.", "the past three months", DUR, "P3M"),
    ("He will rule for the next four years.", "the next four years", DUR, "P4Y"),
    ("The siege lasted nearly two months.", "nearly two months", DUR, "P2M"),
    ("The siege lasted more than four hours.", "more than four hours", DUR, "PT4H"),
    ("It took a minute and a half.", "a minute and a half", DUR, "PT1M30S"),
    ("It took 2 1/2 years.", "2 1/2 years", DUR, "P2Y6M"),
    ("It took 5 1/2 hours.", "5 1/2 hours", DUR, "PT5H30M"),
    ("It took three decades.", "three decades", DUR, "P30Y"),
    ("It took a few days.", "a few days", DUR, "PXD"),
    ("It took several years.", "several years", DUR, "PXY"),
    ("Fighting grew in recent weeks.", "recent weeks", DUR, "PXW"),
    ("Sales rose in the first nine months.", "the first nine months", DUR, "P9M"),
    ("He took a 30-year mortgage.", "30-year", DUR, "P30Y"),
    ("It takes two to three weeks.", "two to three weeks", DUR, "P2W"),
    ("He was held for ten days.", "ten days", DUR, "P10D"),
    ("The hearing lasted 90 minutes.", "90 minutes", DUR, "PT90M"),
    ("It stood for a century.", "a century", DUR, "P100Y"),
    ("It has lasted for decades.", "decades", DUR, "PXDE"),
    ("A two-day summit.", "two-day", DUR, "P2D"),
    ("It took a week.", "a week", DUR, "P1W"),
    ("Profit for the year rose.", "the year", DUR, "P1Y"),
    ("In the last twenty four hours, stocks fell.", "the last twenty four hours", DUR, "PT24H"),
    ("It will take a couple of years.", "a couple of years", DUR, "P2Y"),
    ("It took one month.", "one month", DUR, "P1M"),
    ("Talks continue in the coming weeks.", "the coming weeks", DUR, "PXW"),
    ("A 52-week high.", "52-week", DUR, "P52W"),
    ("They waited a fortnight.", "a fortnight", DUR, "P2W"),
    # Counted from an event, not from the publication date: TimeBank values the span.
    ("Three days later, the index fell.", "Three days later", DUR, "P3D"),
    ("A day earlier, trucks crossed.", "A day earlier", DUR, "P1D"),
    ("A few days later, it announced a loss.", "A few days later", DUR, "PXD"),
    ("He died just over an hour later.", "over an hour later", DUR, "PT1H"),
]

SETS: list[Case] = [
    ("Protesters gather every Friday.", "every Friday", S, "XXXX-WXX-5"),
    ("Protesters gather every day.", "every day", S, "P1D"),
    ("Protesters gather each week.", "each week", S, "P1W"),
    ("The paper appears daily.", "daily", S, "P1D"),
    ("The paper appears weekly.", "weekly", S, "P1W"),
    ("They meet twice a week.", "twice a week", S, "P1W"),
    ("They meet every other week.", "every other week", S, "P2W"),
    ("The festival is held each July.", "each July", S, "XXXX-07"),
    ("The market opens on Mondays.", "Mondays", S, "XXXX-WXX-1"),
    ("Patrols leave every morning.", "every morning", S, "XXXX-XX-XXTMO"),
    ("It costs $5 per year.", "per year", S, "P1Y"),
    ("Floods come every summer.", "every summer", S, "XXXX-SU"),
    ("The council meets monthly.", "monthly", S, "P1M"),
    ("Updates are posted hourly.", "hourly", S, "PT1H"),
    ("Flights leave daily Monday to Friday.", "daily", S, "P1D"),
    ("Daily flights resume.", "Daily", S, "P1D"),
]

FUZZY: list[Case] = [
    ("The junta now controls the capital.", "now", D, "PRESENT_REF"),
    ("The junta currently controls it.", "currently", D, "PRESENT_REF"),
    ("The junta recently seized it.", "recently", D, "PAST_REF"),
    ("Coups happened in the past.", "the past", D, "PAST_REF"),
    ("Coups may happen in the future.", "the future", D, "FUTURE_REF"),
    ("Coups are rare these days.", "these days", D, "PRESENT_REF"),
    ("Coups have been rare lately.", "lately", D, "PAST_REF"),
    ("Talks must start right now.", "right now", D, "PRESENT_REF"),
    ("There is no threat at present.", "at present", D, "PRESENT_REF"),
    ("Leave as soon as possible.", "as soon as possible", D, "FUTURE_REF"),
    ("It was built years ago.", "years ago", D, "PAST_REF"),
    ("It was built a few years ago.", "a few years ago", D, "PAST_REF"),
    ("Talks are likely in the near future.", "the near future", D, "FUTURE_REF"),
    ("Coups grew in recent years.", "recent years", D, "PAST_REF"),
]

HOLIDAYS: list[Case] = [
    ("He was found Thanksgiving Day.", "Thanksgiving Day", D, "2023-11-23"),
    ("Markets close for Christmas.", "Christmas", D, "2023-12-25"),
    ("He came home last Christmas.", "last Christmas", D, "2022-12-25"),
    ("Services on Easter 2024.", "Easter 2024", D, "2024-03-31"),
    ("Crowds gathered during Easter week 2000.", "Easter week 2000", D, "2000-W16"),
]

ALL_CASES = EXPLICIT + QUARTERS_AND_SEASONS + RELATIVE + WEEKDAYS_AND_TIMES + DURATIONS
ALL_CASES += SETS + FUZZY + HOLIDAYS


def _only(sentence: str, published: dt.date, expected: str) -> tuple[TimexType, str]:
    found = {t.text: t for t in timexes_in(sentence, published, TAGGER)}
    assert expected in found, f"{expected!r} not among {sorted(found)}"
    timex = found[expected]
    assert sentence[timex.start : timex.end] == timex.text
    return timex.type, timex.value


@pytest.mark.parametrize(("sentence", "text", "kind", "value"), ALL_CASES)
def test_timexes_in_normalizes_expression(
    sentence: str, text: str, kind: TimexType, value: str
) -> None:
    assert _only(sentence, PUB, text) == (kind, value)


OTHER_DATES: list[tuple[str, dt.date, str, TimexType, str]] = [
    ("Talks open Wednesday, Aug. 2.", dt.date(2023, 8, 5), "Wednesday, Aug. 2", D, "2023-08-02"),
    ("Talks resumed this week.", dt.date(2023, 8, 2), "this week", D, "2023-W31"),
    ("Rebels attacked on Sunday.", dt.date(2023, 8, 8), "Sunday", D, "2023-08-06"),
    ("Crowds voted on Election Day.", dt.date(2024, 10, 1), "Election Day", D, "2024-11-05"),
    ("Troops left last fall.", dt.date(1999, 6, 7), "last fall", D, "1998-FA"),
    ("Troops left last winter.", dt.date(2024, 1, 20), "last winter", D, "2022-WI"),
    ("Sales in the first quarter.", dt.date(1998, 2, 6), "the first quarter", D, "1998-Q1"),
    ("Talks resumed last week.", dt.date(2021, 1, 4), "last week", D, "2020-W53"),
    ("It fell a year ago.", dt.date(2000, 2, 29), "a year ago", D, "1999"),
    ("It fell a month ago.", dt.date(2023, 3, 31), "a month ago", D, "2023-02"),
    ("They met over the weekend.", dt.date(2023, 11, 12), "the weekend", D, "2023-W45-WE"),
    ("Prices rose last month.", dt.date(2024, 1, 15), "last month", D, "2023-12"),
    (
        "On Saturday, April 25: a ruling.",
        dt.date(1998, 4, 24),
        "Saturday, April 25",
        D,
        "1998-04-25",
    ),
    ("He left Tuesday, April 25.", dt.date(2023, 11, 7), "Tuesday, April 25", D, "2023-04-25"),
    ("Troops may come as soon as Friday.", dt.date(2023, 11, 7), "Friday", D, "2023-11-10"),
    (
        "Profit rose in the third quarter from a year earlier.",
        dt.date(1989, 10, 26),
        "a year earlier",
        D,
        "1988-Q3",
    ),
    # Once the nine months are named, "a year earlier" compares them with the year
    # before, not with the quarter.
    (
        "Profit rose in the third quarter. For the nine months, net rose from a year earlier.",
        dt.date(1989, 10, 26),
        "a year earlier",
        D,
        "1988",
    ),
]


@pytest.mark.parametrize(("sentence", "published", "text", "kind", "value"), OTHER_DATES)
def test_timexes_in_anchors_to_publication_date(
    sentence: str, published: dt.date, text: str, kind: TimexType, value: str
) -> None:
    assert _only(sentence, published, text) == (kind, value)


NOT_TIMES = [
    "He may go to Gao.",
    "The fall of the regime surprised everyone.",
    "A 6-year-old boy was hurt.",
    "It was a second attempt.",
    "About three-quarters of the vote.",
    "The march on the capital began.",
    "He paid $1990 in cash.",
    "Some 1,500 soldiers are stationed there.",
    "The rate is 2.5%.",
    # Newspapers are not times (TimeML tags neither the noun nor the name).
    "The Communist Party daily Granma reported it.",
    "He writes for the Daily Telegraph.",
]


@pytest.mark.parametrize("sentence", NOT_TIMES)
def test_timexes_in_ignores_non_temporal_words(sentence: str) -> None:
    assert timexes_in(sentence, PUB, TAGGER) == ()


def test_timexes_in_table_covers_at_least_150_cases() -> None:
    assert len(ALL_CASES) + len(OTHER_DATES) >= 150
