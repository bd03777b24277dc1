"""Readers: turn files, directories and stdin into Articles, quarantining what cannot be read.

Supported: seed-format text (`date YYYY-MM-DD` + body), JSON Lines, HTML pages,
RSS/Atom feeds and WARC files, and directories of any of these, recursively.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from harmattan.errors import InputError
from harmattan.ingest.base import (
    DEFAULT_MAX_BYTES,
    ReadOptions,
    decode_utf8,
    excerpt,
    make_article,
)
from harmattan.ingest.feeds import looks_like_feed, read_feed
from harmattan.ingest.html import read_html
from harmattan.ingest.jsonl import read_jsonl, read_jsonl_bytes
from harmattan.ingest.seed import looks_like_seed, read_seed
from harmattan.ingest.warc import looks_like_warc, read_warc
from harmattan.records import Article, Quarantined

__all__ = [
    "DEFAULT_MAX_BYTES",
    "STDIN",
    "ReadOptions",
    "file_suffix",
    "files_under",
    "read_bytes",
    "read_sources",
    "text_article",
]

Item = Article | Quarantined
TextReader = Callable[[str, str, ReadOptions], Iterable[Item]]

STDIN = "-"
_JSONL = {".jsonl", ".ndjson"}
_HTML = {".html", ".htm", ".xhtml"}
_FEED = {".rss", ".atom", ".xml"}
_TEXT = {".txt", ""}
_WARC = {".warc", ".warc.gz", ".arc", ".arc.gz"}


def read_sources(
    paths: Iterable[str], options: ReadOptions, stdin: BinaryIO | None = None
) -> Iterator[Item]:
    """Yield articles and quarantined items from paths, in the order given.

    Directories are read recursively in sorted order; `-` reads standard input.
    """
    for path in paths:
        if path == STDIN:
            if stdin is None:
                raise InputError("'-' was given but there is no standard input to read")
            yield from read_bytes(stdin.read(), "<stdin>", options)
            continue
        root = Path(path)
        if root.is_dir():
            for file in files_under(root):
                yield from _read_file(file, options)
        elif root.exists():
            yield from _read_file(root, options)
        else:
            yield Quarantined(path, "", "no such file or directory", "")


def files_under(root: Path) -> list[Path]:
    """The files a directory source holds, recursively, in sorted order; hidden ones (a
    name starting with ".", or under such a folder) are left out."""
    return sorted(
        file
        for file in root.rglob("*")
        if file.is_file() and not any(part.startswith(".") for part in file.relative_to(root).parts)
    )


def text_article(data: bytes, published: dt.date | None) -> Article:
    """One article from plain or seed-format text; `published` is needed for plain text.

    A seed header's date wins over `published`, since the text itself states it.
    """
    text = decode_utf8(data)
    if looks_like_seed(text):
        (article,) = read_seed(text, "<text>", ReadOptions())
        return article
    if published is None:
        raise InputError(
            "plain text has no publication date: pass --published YYYY-MM-DD "
            "(time expressions are normalized against it)"
        )
    return make_article(text, published, ReadOptions())


def _read_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Quarantined(str(path), "", f"cannot read file: {err.strerror}", "")
        return
    yield from read_bytes(data, str(path), options, suffix=file_suffix(path))


def read_bytes(data: bytes, origin: str, options: ReadOptions, suffix: str = "") -> Iterator[Item]:
    """Read one input's bytes; anything that fails as a whole becomes one quarantine row."""
    if not data.strip():
        # An empty input is listed, so that a feed that sent nothing leaves a trace.
        yield Quarantined(origin, "file", "empty input: nothing to read", "")
        return
    try:
        yield from _dispatch(data, origin, options, suffix)
    except InputError as err:
        yield Quarantined(origin, err.location or "file", err.reason, err.excerpt)


def _dispatch(data: bytes, origin: str, options: ReadOptions, suffix: str) -> Iterable[Item]:
    if suffix in _WARC or (not suffix and looks_like_warc(data)):
        return read_warc(data, origin, options)
    if suffix not in _JSONL | _HTML | _FEED | _TEXT:
        raise InputError(
            f"unknown file type {suffix!r}: expected seed text (.txt), .jsonl, .html, "
            ".rss/.atom/.xml or .warc",
            excerpt=excerpt(data[:200]),
        )
    if suffix in _JSONL:
        return read_jsonl_bytes(data, origin, options)
    reader = _text_reader(suffix)
    text = decode_utf8(data)
    if reader is None:
        reader = _sniff(text, suffix)
    return reader(text, origin, options)


def _text_reader(suffix: str) -> TextReader | None:
    if suffix in _HTML:
        return read_html
    return None


def _sniff(text: str, suffix: str) -> TextReader:
    head = text.lstrip()[:200].lower()
    if looks_like_seed(text):
        return read_seed
    if suffix in _FEED | _TEXT and looks_like_feed(text):
        return read_feed
    if suffix in _TEXT and head.startswith("{"):
        return read_jsonl
    if suffix in _TEXT and head.startswith(("<!doctype html", "<html")):
        return read_html
    if suffix in _TEXT:
        raise InputError(
            "not seed format: a text file must start with 'date YYYY-MM-DD'",
            location="line 1",
            excerpt=excerpt(text),
        )
    raise InputError(f"not a feed: a {suffix} file must be RSS or Atom", excerpt=excerpt(text))


def file_suffix(path: Path) -> str:
    """The suffix that says how to read a file: `.warc.gz` whole, else the last one."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes[-2:] in ([".warc", ".gz"], [".arc", ".gz"]):
        return "".join(suffixes[-2:])
    return suffixes[-1] if suffixes else ""
