"""Fitting listings to a width, and writing them as tab-separated values."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from rich.console import Console

from harmattan.errors import HarmattanError
from harmattan.terminal.events import EVENTS, EventLine, Party, date_text, evidence
from harmattan.terminal.listings import Row, field
from harmattan.terminal.table import Fit, View, print_table, write_tsv

SENTENCE = (
    "Officials in the capital said on Thursday that after weeks of talks the regional "
    "bloc had finally imposed sanctions on the military government."
)


def _event(**changes: Any) -> EventLine:
    at = SENTENCE.index("imposed")
    values: dict[str, Any] = {
        "event_id": "e" * 16, "article_id": "a" * 16, "published": dt.date(2023, 8, 3),
        "source": "Sahel Wire", "type": "SANCTION", "mode": None, "factuality": "asserted",
        "actors": (Party("the regional bloc", "Economic Community of West African States",
                         "IGO", None),),
        "recipients": (Party("the military government", "Niger military", "NER", "MIL"),),
        "date_start": dt.date(2023, 7, 30), "date_end": dt.date(2023, 7, 30),
        "date_precision": "day", "date_source": "text", "place_name": "Abuja",
        "place_country": "NGA", "place_precision": "city", "place_source": "text",
        "trigger": "imposed", "evidence": SENTENCE, "trigger_at": at,
        "trigger_to": at + len("imposed"), "attribution": "Officials", "confidence": 0.8,
    }  # fmt: skip
    return EventLine(**{**values, **changes})


def _lines(view: View[Any], rows: list[Any], width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width)
    print_table(view, rows, console)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue().splitlines()


@pytest.mark.parametrize("width", [66, 80, 100, 160, 240])
def test_a_table_never_runs_past_its_width_nor_cuts_key_values(width: int) -> None:
    lines = _lines(EVENTS, [_event(), _event(type="COERCE", mode="arrest")], width)
    assert all(len(line) <= width for line in lines)
    header = lines[0].split()
    assert header[:3] == ["date", "type", "factuality"]
    assert lines[2].startswith("2023-07-30  SANCTION")
    assert "asserted" in lines[2]
    assert lines[-1] == "2 events"


def test_columns_of_higher_tiers_leave_first_when_the_evidence_would_be_squeezed() -> None:
    narrow = _lines(EVENTS, [_event()], 100)[0].split()
    wide = _lines(EVENTS, [_event()], 240)[0].split()
    assert "source" not in narrow
    assert {"source", "article", "conf."} <= set(wide)


def test_compact_tables_name_parties_by_code_or_short_name() -> None:
    line = _lines(EVENTS, [_event()], 80)[2]
    assert "IGO → NER MIL" in line
    (who,) = EVENTS.chosen(("who",))
    assert who.value(_event()) == (
        "Economic Community of West African States (IGO) → Niger military (NER MIL)"
    )
    named = _event(actors=(Party("ECOWAS", "Economic Community of West African States",
                                 "IGO", None),))  # fmt: skip
    assert "ECOWAS → NER MIL" in _lines(EVENTS, [named], 80)[2]
    assert "ECOWAS (IGO) → Niger military" in _lines(EVENTS, [named], 160)[2]


def test_evidence_keeps_its_trigger_in_view_when_cut() -> None:
    e = _event()
    short = evidence(e, 30)
    assert len(short.plain) == 30
    assert short.plain.startswith("…")
    assert short.plain.endswith("…")
    (span,) = short.spans
    assert short.plain[span.start : span.end] == "imposed"
    whole = evidence(e, 200)
    assert whole.plain == SENTENCE
    early = evidence(_event(trigger_at=0, trigger_to=9), 30)
    assert early.plain == SENTENCE[:29] + "…"


@pytest.mark.parametrize(
    ("start", "end", "precision", "shown"),
    [
        ("2023-07-26", "2023-07-26", "day", "2023-07-26"),
        ("2023-07-31", "2023-08-06", "week", "2023-W31"),
        ("2023-07-01", "2023-07-31", "month", "2023-07"),
        ("2023-01-01", "2023-12-31", "year", "2023"),
        ("2023-07-26", "2023-07-29", "day", "2023-07-26/29"),
        ("2023-07-26", "2023-08-02", "day", "2023-07-26/08-02"),
        ("2022-12-30", "2023-01-02", "day", "2022-12-30/2023-01-02"),
        (None, "2023-07-27", "unknown", "≤2023-07-27"),
        ("2023-07-27", None, "unknown", "≥2023-07-27"),
        (None, None, "unknown", "undated"),
    ],
)
def test_dates_show_as_precisely_as_the_text_gives_them(
    start: str | None, end: str | None, precision: str, shown: str
) -> None:
    def day(value: str | None) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    assert date_text(day(start), day(end), precision) == shown


def test_tsv_is_one_line_per_row_and_reads_back_through_csv() -> None:
    view: View[Row] = View("notes", (field("id"), field("text", fit=Fit.CUT)))
    rows: list[Row] = [
        {"id": 1, "text": 'He said "no"\tand left.\nThen\r\nnothing.'},
        {"id": 2, "text": None},
    ]
    out = io.StringIO()
    assert write_tsv(view, rows, out, None) == 2
    assert out.getvalue().count("\n") == 3
    read = list(csv.reader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert read == [["id", "text"], ["1", 'He said "no" and left. Then nothing.'], ["2", ""]]
    picked = io.StringIO()
    write_tsv(view, rows, picked, ("text",))
    assert picked.getvalue().splitlines()[0] == "text"


def test_asking_for_a_column_a_listing_lacks_names_those_it_has() -> None:
    with pytest.raises(HarmattanError, match=r"no column 'colour' in events: .* date, type"):
        EVENTS.chosen(("date", "colour"))
    with pytest.raises(HarmattanError, match="no column given in events"):
        EVENTS.chosen(())
