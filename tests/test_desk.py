"""The desk's query answer: one SELECT, rows as DuckDB gives them, nothing else."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import duckdb
import pytest

from harmattan.desk import answer_query


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(tmp_path / "d.duckdb"))
    con.execute("CREATE TABLE t (day DATE, names VARCHAR[])")
    con.execute("INSERT INTO t VALUES ('2023-08-06', ['ECOWAS', 'Niger'])")
    return con


def _ask(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> dict[str, object]:
    answer: dict[str, object] = pickle.loads(
        answer_query(con, pickle.dumps({"sql": sql, "params": params}))
    )
    return answer


def test_a_select_comes_back_with_its_dates_and_lists(con: duckdb.DuckDBPyConnection) -> None:
    answer = _ask(con, "SELECT day, names FROM t WHERE day >= ?", [dt.date(2023, 8, 1)])
    assert answer["rows"] == [(dt.date(2023, 8, 6), ["ECOWAS", "Niger"])]
    assert [d[0] for d in answer["description"]] == ["day", "names"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "sql", ["DROP TABLE t", "SELECT 1; DROP TABLE t", "INSERT INTO t VALUES (NULL, NULL)"]
)
def test_anything_but_one_select_is_refused(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    with pytest.raises(ValueError, match="one SELECT"):
        _ask(con, sql)
    assert con.execute("SELECT count(*) FROM t").fetchone() == (1,)
