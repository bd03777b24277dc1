"""The live desk's address: how a CLI ingest finds the server that owns a database.

DuckDB lets one process write a database file. While `harmattan serve` writes one (it
watches folders or takes POST /api/ingest), it leaves `FILE.desk` beside it: the local
URL, a secret made for this run, and its process id, readable by the owner only. A
`harmattan ingest --db FILE` run meanwhile reads its inputs itself and hands the articles
and quarantine rows to that server (`POST /api/handoff` with the secret), which ingests
them as one more batch; the CLI prints the same summary as ever. Read-only commands
(`harmattan events`, `stories`, `summary`, `export`, ...) cannot open the file either:
they run their queries in the server (`POST /api/desk/query` with the secret; one SELECT
each, on a read cursor that never waits for a batch) through `RemoteConnection`, and
print what they always print. The file is removed when the server stops; one left by a
server that died is recognized (no such process) and ignored.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import duckdb

from harmattan.errors import StoreError
from harmattan.ingest.base import article_id, clean_body
from harmattan.records import Article, Quarantined

HANDOFF_PATH = "/api/handoff"
QUERY_PATH = "/api/desk/query"


@dataclass(frozen=True, slots=True)
class DeskAddress:
    """Where the server that owns a database answers, and the secret it takes."""

    url: str
    secret: str
    pid: int

    def to_dict(self) -> dict[str, Any]:
        """The address as its file holds it."""
        return {"url": self.url, "secret": self.secret, "pid": self.pid}


@dataclass(frozen=True, slots=True)
class HandoffSummary:
    """What the server did with what it was handed."""

    ingested: int
    already_known: int
    quarantined: int


def desk_file(db_path: str | Path) -> Path:
    """The address file of the server that owns `db_path`."""
    return Path(f"{db_path}.desk")


def publish(db_path: str | Path, address: DeskAddress) -> Path:
    """Write the address file, readable and writable by this user only."""
    path = desk_file(db_path)
    staged = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(address.to_dict(), file)
    os.replace(staged, path)
    return path


def withdraw(db_path: str | Path, address: DeskAddress) -> None:
    """Remove the address file, if it is still this server's."""
    if running_desk(db_path) == address:
        desk_file(db_path).unlink(missing_ok=True)


def running_desk(db_path: str | Path) -> DeskAddress | None:
    """The address of the live server that owns `db_path`, if there is one."""
    try:
        data = json.loads(desk_file(db_path).read_text(encoding="utf-8"))
        address = DeskAddress(str(data["url"]), str(data["secret"]), int(data["pid"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        os.kill(address.pid, 0)
    except ProcessLookupError:
        return None  # left by a server that died
    except PermissionError:
        pass  # alive, another user's: its server will refuse the secret we lack
    return address


def hand_off(
    address: DeskAddress, items: Iterable[Article | Quarantined], batch_size: int
) -> HandoffSummary:
    """Send articles and quarantine rows to the server, a batch per request."""
    ingested = known = quarantined = 0
    stream = iter(items)
    while batch := list(islice(stream, batch_size)):
        answer = _post(address, b"".join(_lines(batch)))
        ingested += int(answer["ingested"])
        known += int(answer["already_known"])
        quarantined += int(answer["quarantined"])
    return HandoffSummary(ingested, known, quarantined)


def _lines(items: list[Article | Quarantined]) -> Iterator[bytes]:
    for item in items:
        if isinstance(item, Article):
            line: dict[str, Any] = {"article": item.to_dict()}
        else:
            line = {
                "quarantined": {
                    "origin": item.origin, "location": item.location,
                    "reason": item.reason, "excerpt": item.excerpt,
                }
            }  # fmt: skip
        yield json.dumps(line, ensure_ascii=False).encode() + b"\n"


def _post(address: DeskAddress, body: bytes) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(
        _request(address, HANDOFF_PATH, body, "application/x-ndjson", "the articles")
    )
    return answer


def _request(address: DeskAddress, path: str, body: bytes, kind: str, what: str) -> bytes:
    request = urllib.request.Request(
        address.url + path,
        data=body,
        headers={"Authorization": f"Bearer {address.secret}", "Content-Type": kind},
        method="POST",
    )
    try:
        # Long enough for a batch of long articles through the server's workers.
        with urllib.request.urlopen(request, timeout=600) as response:
            answer: bytes = response.read()
            return answer
    except urllib.error.HTTPError as err:
        detail = err.read().decode(errors="replace")[:200]
        raise StoreError(
            f"the server at {address.url} (process {address.pid}) refused {what}: "
            f"HTTP {err.code} {detail}"
        ) from err
    except OSError as err:
        raise StoreError(
            f"the server at {address.url} (process {address.pid}) did not answer ({err}); "
            "try again when it is up, or stop it"
        ) from err


def read_handoff(body: bytes) -> list[Article | Quarantined]:
    """The items of a hand-off body (what `hand_off` sends); ValueError when malformed."""
    items: list[Article | Quarantined] = []
    for number, raw in enumerate(body.splitlines(), start=1):
        try:
            line = json.loads(raw)
            if "article" in line:
                a = line["article"]
                article = Article(
                    id=str(a["id"]), published=dt.date.fromisoformat(str(a["published"])),
                    text=str(a["text"]), source=a.get("source"), url=a.get("url"),
                    title=a.get("title"), language=str(a.get("language") or "en"),
                )  # fmt: skip
                # The id is what makes re-ingesting safe: it must be the text's and date's.
                if article.id != article_id(clean_body(article.text), article.published):
                    raise ValueError(f"article {article.id} is not its text's and date's id")
                items.append(article)
            else:
                q = line["quarantined"]
                items.append(
                    Quarantined(str(q["origin"]), str(q["location"]), str(q["reason"]),
                                str(q["excerpt"]))
                )  # fmt: skip
        except (ValueError, KeyError, TypeError) as err:
            raise ValueError(f"hand-off line {number} is malformed ({err})") from err
    return items


class RemoteConnection:
    """A read-only stand-in for a DuckDB connection whose queries run in the server that
    owns the database (what the read layer and the exports use of a connection).

    Queries and rows travel pickled, which keeps dates, lists and decimals as DuckDB
    gives them; both ends hold the secret of a file only their user can read."""

    def __init__(self, address: DeskAddress) -> None:
        self.address = address

    def execute(self, sql: str, params: Any = None) -> RemoteCursor:
        """Run one SELECT in the server; its rows come back whole."""
        answer = self.ask({"sql": sql, "params": params})
        return RemoteCursor(answer["description"], answer["rows"])

    def sql(self, sql: str, params: Any = None) -> RemoteRelation:
        """A query whose result the server writes to a file (Parquet exports)."""
        return RemoteRelation(self, sql, params)

    def close(self) -> None:
        """Nothing to close: each query is one request."""

    def ask(self, question: dict[str, Any]) -> dict[str, Any]:
        """Send a query (and, for Parquet, the file to write) and return the answer."""
        body = _request(
            self.address, QUERY_PATH, pickle.dumps(question), "application/octet-stream",
            "the query",
        )  # fmt: skip
        answer: dict[str, Any] = pickle.loads(body)
        return answer


@dataclass(slots=True)
class RemoteCursor:
    """The rows of one remote query, read like a DuckDB cursor's."""

    description: list[tuple[Any, ...]]
    rows: list[tuple[Any, ...]]
    taken: int = 0

    def fetchall(self) -> list[tuple[Any, ...]]:
        rest, self.taken = self.rows[self.taken :], len(self.rows)
        return rest

    def fetchone(self) -> tuple[Any, ...] | None:
        rows = self.fetchmany(1)
        return rows[0] if rows else None

    def fetchmany(self, size: int = 1) -> list[tuple[Any, ...]]:
        rows = self.rows[self.taken : self.taken + size]
        self.taken += len(rows)
        return rows


@dataclass(slots=True)
class RemoteRelation:
    """A remote query to be written to a Parquet file by the server."""

    con: RemoteConnection
    query: str
    params: Any
    written: int = 0

    def write_parquet(self, path: str) -> None:
        answer = self.con.ask(
            {"sql": self.query, "params": self.params, "parquet": str(Path(path).resolve())}
        )
        self.written = int(answer["rows"])

    def __len__(self) -> int:
        return self.written


@dataclass(slots=True)
class RemoteStore:
    """What read-only commands use of a store, when its server owns the file."""

    path: str
    con: RemoteConnection

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to close: the server keeps the database open."""


def answer_query(con: duckdb.DuckDBPyConnection, body: bytes) -> bytes:
    """The server's side of `RemoteConnection`: run one SELECT on a read cursor `con`
    (a DuckDB connection); ValueError for anything but a single SELECT."""
    question = pickle.loads(body)
    sql, params = str(question["sql"]), question.get("params")
    statements = duckdb.extract_statements(sql)
    if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
        raise ValueError("the desk answers one SELECT per query")
    if "parquet" in question:
        relation = con.sql(sql, params=params)
        relation.write_parquet(str(question["parquet"]))
        return pickle.dumps({"rows": len(relation)})
    cursor = con.execute(sql, params) if params is not None else con.execute(sql)
    # Column types are DuckDB objects that do not pickle; readers use the names only.
    description = [(d[0], str(d[1]), *d[2:]) for d in cursor.description or ()]
    return pickle.dumps({"description": description, "rows": cursor.fetchall()})
