"""JSON Lines: one article per line; `text` and `published` required."""

from __future__ import annotations

import json
from collections.abc import Iterator

from harmattan.errors import InputError
from harmattan.ingest.base import ReadOptions, excerpt, make_article, parse_published
from harmattan.records import Article, Quarantined

_OPTIONAL = ("title", "url", "source")


def read_jsonl(text: str, origin: str, options: ReadOptions) -> Iterator[Article | Quarantined]:
    """Read every line; a bad line is quarantined and the rest go on."""
    # Split on "\n" alone: str.splitlines() also splits on U+2028, U+0085 and other
    # separators that JSON allows unescaped inside a string.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        location = f"line {number}"
        try:
            yield _read_line(line, options, location)
        except InputError as err:
            yield Quarantined(origin, location, err.reason, err.excerpt or excerpt(line))


def _read_line(line: str, options: ReadOptions, location: str) -> Article:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(
            f"invalid JSON: {err.msg} at column {err.colno}", location=location
        ) from err
    if not isinstance(row, dict):
        raise InputError(
            f"a JSON line must be an object, got {type(row).__name__}", location=location
        )
    body = row.get("text")
    if body is None:
        raise InputError("missing field 'text'", location=location)
    if not isinstance(body, str):
        raise InputError(
            f"field 'text' must be a string, got {type(body).__name__}", location=location
        )
    published = (
        parse_published(row.get("published"), location=location)
        if row.get("published") is not None or options.published is None
        else options.published
    )
    fields = {key: row.get(key) for key in _OPTIONAL}
    return make_article(
        body,
        published,
        options,
        location=location,
        title=_as_text(fields["title"]),
        url=_as_text(fields["url"]),
        source=_as_text(fields["source"]),
    )


def _as_text(value: object) -> str | None:
    return None if value is None else str(value)
