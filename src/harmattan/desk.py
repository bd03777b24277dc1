"""The live desk's address: how a CLI ingest finds the server that owns a database.

DuckDB lets one process write a database file. While `harmattan serve` writes one (it
watches folders or takes POST /api/ingest), it leaves `FILE.desk` beside it: the local
URL, a secret made for this run, and its process id, readable by the owner only. A
`harmattan ingest --db FILE` run meanwhile reads its inputs itself and hands the articles
and quarantine rows to that server (`POST /api/handoff` with the secret), which ingests
them as one more batch; the CLI prints the same summary as ever. The file is removed when
the server stops; one left by a server that died is recognized (no such process) and
ignored.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from harmattan.errors import StoreError
from harmattan.ingest.base import article_id, clean_body
from harmattan.records import Article, Quarantined

HANDOFF_PATH = "/api/handoff"


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
    request = urllib.request.Request(
        address.url + HANDOFF_PATH,
        data=body,
        headers={
            "Authorization": f"Bearer {address.secret}",
            "Content-Type": "application/x-ndjson",
        },
        method="POST",
    )
    try:
        # Long enough for a batch of long articles through the server's workers.
        with urllib.request.urlopen(request, timeout=600) as response:
            answer: dict[str, Any] = json.load(response)
            return answer
    except urllib.error.HTTPError as err:
        detail = err.read().decode(errors="replace")[:200]
        raise StoreError(
            f"the server at {address.url} (process {address.pid}) refused the articles: "
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
