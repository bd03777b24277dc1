"""JSON Lines: one article per line; `text` and `published` required."""

from __future__ import annotations

import json
from collections.abc import Iterator

from harmattan.errors import InputError
from harmattan.ingest.base import (
    ReadOptions,
    decode_utf8,
    excerpt,
    make_article,
    parse_published,
)
from harmattan.records import Article, Quarantined

_OPTIONAL = ("title", "url", "source")
MAX_DEPTH = 32
"""An article line is one flat object; 32 levels leave room for any metadata."""


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


def read_jsonl_bytes(
    data: bytes, origin: str, options: ReadOptions
) -> Iterator[Article | Quarantined]:
    """Read a JSON Lines file line by line from its bytes: a byte that is not UTF-8
    quarantines its line, not the file."""
    # UTF-8 never uses the newline byte inside a character, so bytes split like text.
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        location = f"line {number}"
        try:
            line = decode_utf8(raw, location=location)
            yield _read_line(line, options, location)
        except InputError as err:
            yield Quarantined(origin, location, err.reason, err.excerpt or excerpt(raw))


def _read_line(line: str, options: ReadOptions, location: str) -> Article:
    depth = _nesting(line)
    if depth > MAX_DEPTH:
        raise InputError(
            f"JSON nested {depth} levels deep; an article is at most {MAX_DEPTH}",
            location=location,
        )
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
        language=row.get("language"),
    )


def _nesting(line: str) -> int:
    """How deep arrays and objects nest in a JSON line, counted before decoding, so that
    a hostile line cannot exhaust the decoder's recursion."""
    if line.count("[") + line.count("{") <= MAX_DEPTH:
        return 0
    depth = deepest = 0
    in_string = escaped = False
    for char in line:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _as_text(value: object) -> str | None:
    return None if value is None else str(value)
