"""Listings fitted to a terminal's width, and the same listings as tab-separated values.

A listing is a `View`: named columns, each knowing its full value (what a pipe gets)
and how it shows in a table. Which columns a table shows follows the width: the
essential ones always, more from 120 and 160 columns. Key values (dates, types, codes)
are never cut; names wrap onto more lines; one long text (the evidence) takes the
space left and is cut to it.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Generic, TextIO, TypeVar

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from harmattan.errors import HarmattanError

R = TypeVar("R")

TIER_WIDTHS = (0, 120, 160)
"""The terminal width from which each tier of columns is shown; tiers past the last
are shown only when asked for (--wide, --columns)."""

COMPACT_BELOW = 120
"""Narrower than this, columns that have a compact form use it (codes before names)."""

_GAP = 2
_LAST_RESORT = 6
"""The narrowest a WRAP or CUT column gets in a window too narrow for its listing."""
"""Spaces between two columns: one would run codes of neighbouring columns together."""


class Fit(Enum):
    """What a column does when its value is wider than the space it gets."""

    KEEP = "keep"
    """Never cut nor wrapped: dates, types, codes, counts."""
    WRAP = "wrap"
    """Wraps onto more lines (names, places): never cut."""
    CUT = "cut"
    """One line, cut to the space left (the evidence sentence)."""


def plain_cut(value: str, width: int) -> Text:
    """`value` on one line in `width` characters, ending in … when cut."""
    value = " ".join(value.split())
    return Text(value if len(value) <= width else value[: max(width - 1, 0)] + "…")


@dataclass(frozen=True, slots=True)
class Column(Generic[R]):
    """One column of a listing."""

    name: str
    """What --columns calls it, and its header in tab-separated output."""
    value: Callable[[R], str]
    """The full value, as tab-separated output prints it."""
    header: str = ""
    """The table's header; the name when empty."""
    fit: Fit = Fit.KEEP
    tier: int = 0
    """0: always shown; 1 and 2: from TIER_WIDTHS columns; 3: only when asked for."""
    show: Callable[[R, bool], Text] | None = None
    """How a table shows the value (the flag: compact); the plain value when None."""
    cut: Callable[[R, int], Text] | None = None
    """For a CUT column: the value in so many characters; `plain_cut` when None."""
    cap: int = 40
    """A WRAP column wraps beyond this width while space is short; a CUT column this
    narrow makes a table leave out columns it would show by width (tiers 1 and 2)."""
    least: int = 8
    """The narrowest a WRAP or CUT column gets."""

    @property
    def title(self) -> str:
        return self.header or self.name

    @property
    def narrowest(self) -> int:
        """The least width of a WRAP or CUT column: never less than its header's."""
        return max(self.least, len(self.title))

    def text(self, row: R, compact: bool) -> Text:
        if self.show is not None:
            return self.show(row, compact)
        return Text(" ".join(self.value(row).split()))

    def cell(self, row: R, compact: bool, width: int) -> Text:
        if self.fit is not Fit.CUT:
            return self.text(row, compact)
        if self.cut is not None:
            return self.cut(row, width)
        return plain_cut(self.text(row, compact).plain, width)


@dataclass(frozen=True, slots=True)
class View(Generic[R]):
    """A listing's columns, in the order shown."""

    what: str
    """What a row is, in the plural ("events"), for the count under the table."""
    columns: tuple[Column[R], ...]
    one: str = ""
    """What a row is, in the singular, when that is not `what` without its last "s"."""

    def count(self, n: int) -> str:
        """ "1 event", "12 events"."""
        return f"{n} {self.what if n != 1 else self.one or self.what.removesuffix('s')}"

    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def chosen(self, names: Sequence[str] | None) -> tuple[Column[R], ...]:
        """The columns `names` asks for, in that order (all when None)."""
        if names is None:
            return self.columns
        by_name = {c.name: c for c in self.columns}
        unknown = [n for n in names if n not in by_name]
        if unknown or not names:
            raise HarmattanError(
                f"no column {', '.join(map(repr, unknown)) or 'given'} in {self.what}: "
                f"--columns takes a comma-separated list of {', '.join(self.names())}"
            )
        return tuple(by_name[n] for n in names)


@dataclass(frozen=True, slots=True)
class Choice:
    """Which columns a table shows: those named, all (--wide), or as the width allows."""

    names: tuple[str, ...] | None = None
    wide: bool = False


def parse_columns(option: str | None) -> tuple[str, ...] | None:
    """--columns "date, type" → ("date", "type")."""
    if option is None:
        return None
    return tuple(n.strip() for n in option.split(",") if n.strip())


def write_tsv(view: View[R], rows: Iterable[R], stream: TextIO, names: Sequence[str] | None) -> int:
    """Write a header and one line per row, tab-separated; returns the rows written.

    Tabs and line breaks inside a value become spaces, so that each row is one line for
    `head`, `grep` and `wc -l`; a value holding a double quote is quoted as in CSV, so
    that csv readers (Python's, pandas', DuckDB's) read back exactly what was written.
    """
    columns = view.chosen(names)
    writer = csv.writer(stream, delimiter="\t", lineterminator="\n")
    writer.writerow([c.name for c in columns])
    count = 0
    for row in rows:
        writer.writerow([_one_line(c.value(row)) for c in columns])
        count += 1
    return count


def _one_line(value: str) -> str:
    return value.replace("\r\n", " ").translate(_FLATTEN)


_FLATTEN = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def render(
    view: View[R], rows: Sequence[R], width: int, choice: Choice = Choice()
) -> tuple[RichTable, int]:
    """The rows as a table for a terminal `width` columns wide, and the width it takes
    (more than `width` only when columns were asked for that do not fit)."""
    compact = width < COMPACT_BELOW and not choice.wide
    if choice.names is not None or choice.wide:
        columns = list(view.chosen(choice.names))
        # Columns asked for are shown whole, past the window's edge if need be.
        widths = _widths(columns, rows, width, compact, squeeze=False)
    else:
        columns = [
            c for c in view.columns if c.tier < len(TIER_WIDTHS) and width >= TIER_WIDTHS[c.tier]
        ]
        widths = _widths(columns, rows, width, compact)
        # Too narrow for them all, or the cut text left narrower than its cap: the column
        # of the highest tier goes first.
        while max(c.tier for c in columns) and (
            sum(widths) + _GAP * (len(columns) - 1) > width
            or any(c.fit is Fit.CUT and w < c.cap for c, w in zip(columns, widths, strict=True))
        ):
            columns.remove(max(reversed(columns), key=lambda c: c.tier))
            widths = _widths(columns, rows, width, compact)
    table = RichTable(
        box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), pad_edge=False, show_edge=False,
        header_style="bold", expand=False,
    )  # fmt: skip
    for column, w in zip(columns, widths, strict=True):
        table.add_column(
            column.title, width=w, no_wrap=column.fit is not Fit.WRAP,
            overflow="fold" if column.fit is Fit.WRAP else "ellipsis",
        )  # fmt: skip
    for row in rows:
        table.add_row(*(c.cell(row, compact, w) for c, w in zip(columns, widths, strict=True)))
    return table, sum(widths) + _GAP * (len(columns) - 1)


def _widths(
    columns: Sequence[Column[R]],
    rows: Sequence[R],
    width: int,
    compact: bool,
    *,
    squeeze: bool = True,
) -> list[int]:
    """Each column's width: KEEP columns their widest value; WRAP columns up to their cap,
    narrower while space is short; CUT columns the space left (`squeeze`: in a window too
    narrow for the listing, WRAP and CUT columns narrower than their headers)."""
    natural = [
        max([len(c.title), *(c.text(row, compact).cell_len for row in rows)]) for c in columns
    ]
    widths = [
        n if c.fit is Fit.KEEP else min(n, c.cap) if c.fit is Fit.WRAP else min(n, c.narrowest)
        for c, n in zip(columns, natural, strict=True)
    ]
    spare = width - sum(widths) - _GAP * (len(columns) - 1)
    # Short of space: narrow the widest WRAP column, a character at a time, to its least;
    # in a window narrower than a listing was designed for, WRAP and CUT columns alike
    # down to _LAST_RESORT (their headers wrap then).
    passes = (((Fit.WRAP,), None), ((Fit.WRAP, Fit.CUT), _LAST_RESORT))
    for fits, least in passes if squeeze else passes[:1]:
        while spare < 0:
            shrinkable = [
                i for i, c in enumerate(columns)
                if c.fit in fits and widths[i] > (least or c.narrowest)
            ]  # fmt: skip
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i])
            widths[widest] -= 1
            spare += 1
    # Space left goes to the cut text, then (once it is whole) to names past their cap.
    for fit in (Fit.CUT, Fit.WRAP):
        for i, c in enumerate(columns):
            if c.fit is fit and spare > 0:
                grow = min(natural[i] - widths[i], spare)
                widths[i] += grow
                spare -= grow
    return widths


def print_table(
    view: View[R], rows: Sequence[R], console: Console, choice: Choice = Choice()
) -> None:
    """Print the table fitted to the console's width, then how many rows it holds."""
    table, needed = render(view, rows, console.width, choice)
    if needed > console.width:
        # Asked for more than fits (--wide, --columns): lines run past the terminal's edge
        # rather than having their key values cut (`less -S` scrolls them).
        console.width = needed
    console.print(table)
    console.print(view.count(len(rows)), style="dim", highlight=False)
