"""What the read layer returns: named tables of rows, pages of a listing, and row helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import duckdb

_FETCH_ROWS = 1000
"""Rows fetched at a time when a result is streamed (a store can hold millions)."""

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Table:
    """Named columns and rows, ready to print or export."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    def dicts(self) -> list[dict[str, Any]]:
        """Rows as column → value mappings."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a listing and how many items the whole listing has."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """The JSON body of a listing endpoint."""
        return {
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "items": self.items,
        }


def table(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> Table:
    """The whole result of a query as a Table."""
    cursor = con.execute(sql, list(params))
    return Table(tuple(d[0] for d in cursor.description or ()), cursor.fetchall())


def streamed(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()
) -> tuple[tuple[str, ...], Iterator[dict[str, Any]]]:
    """Column names, and the rows as dicts fetched a chunk at a time."""
    cursor = con.execute(sql, list(params))
    columns = tuple(d[0] for d in cursor.description or ())

    def rows() -> Iterator[dict[str, Any]]:
        while chunk := cursor.fetchmany(_FETCH_ROWS):
            for row in chunk:
                yield dict(zip(columns, row, strict=True))

    return columns, rows()


def reported(rows: Iterable[T], report: Callable[[int], None] | None) -> Iterator[T]:
    """The rows, telling `report` of each one as it is taken (for a progress display)."""
    if report is None:
        yield from rows
        return
    for row in rows:
        report(1)
        yield row


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> int:
    """The one integer a counting query returns (0 for no row)."""
    # fetchall, not fetchone: DuckDB refuses the connection's next statement while a
    # result is left unfinished (a Parquet export after its count, say).
    rows = con.execute(sql, list(params)).fetchall()
    return int(rows[0][0]) if rows else 0


def marks(values: Sequence[object]) -> str:
    """`(?, ?, ...)`: one parameter mark per value, for an IN list."""
    return "(" + ", ".join("?" * len(values)) + ")"


def by_id(
    con: duckdb.DuckDBPyConnection, select: str, ids: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """Rows of `select ... WHERE x IN` for these ids, by their first column."""
    cursor = con.execute(f"{select} {marks(ids)}", list(ids))
    columns = [d[0] for d in cursor.description or ()]
    return {str(row[0]): dict(zip(columns, row, strict=True)) for row in cursor.fetchall()}
