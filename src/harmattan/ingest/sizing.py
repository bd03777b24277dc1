"""How much an ingest will read, estimated before it starts, for its progress line.

`count_items` guesses how many items (articles and quarantine rows) `read_sources`
yields for the same paths, by looking at the files the way the readers will, without
parsing articles: JSON Lines count their non-blank lines, feeds their `<item>` and
`<entry>` tags, WARC files their HTML response records, and any other file one item
(a page, a seed text, or the quarantine row of a file that cannot be read).

It is an estimate (a feed's entry without text, a repeated article) and never raises:
a file it cannot make sense of counts one, since the reader will quarantine it.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from harmattan.ingest import _FEED, _JSONL, _TEXT, _WARC, STDIN, file_suffix, files_under
from harmattan.ingest.feeds import looks_like_feed
from harmattan.ingest.seed import looks_like_seed
from harmattan.ingest.warc import html_content_type, looks_like_warc, starts_with_a_record

WARC_BUDGET_BYTES = 256 * 1024 * 1024
"""WARC bytes counted at most, all files together; beyond, the total is not known.

Counting a WARC file's pages means reading it through (and inflating it, gzipped) before
the ingest starts: a few seconds for this much, which a long run repays with a time
left, but a crawl of many gigabytes would keep a person waiting for nothing shown."""

_ENTRY = re.compile(rb"<(?:item|entry)[\s>/]")
_HEAD_BYTES = 2000
"""As much of a text file as the readers look at to tell its format (feeds.looks_like_feed)."""
_WARC_HEAD_BYTES = 4096
"""As much of a WARC file as `starts_with_a_record` needs."""


def count_items(paths: Sequence[str], warc_budget: int = WARC_BUDGET_BYTES) -> int | None:
    """About how many items `read_sources(paths, ...)` will yield; None when that cannot
    be known cheaply (standard input or another pipe, or more than `warc_budget` bytes
    of WARC)."""
    files: list[Path] = []
    total = 0
    for path in paths:
        if path == STDIN:
            return None
        root = Path(path)
        try:
            if root.is_dir():
                files += files_under(root)
            elif root.is_file():
                files.append(root)
            elif root.exists():
                # A pipe (`<(curl ...)`) or a device: what sizing read, the reader would
                # never see.
                return None
            else:
                total += 1  # quarantined: no such file or directory
        except OSError:
            total += 1
    warc_bytes = 0
    for file in files:
        suffix = file_suffix(file)
        try:
            if suffix in _WARC or (not suffix and _starts_like_warc(file)):
                warc_bytes += file.stat().st_size
                if warc_bytes > warc_budget:
                    return None
                total += _warc_pages(file)
            else:
                total += _text_items(file, suffix)
        except OSError:
            total += 1  # quarantined: cannot read file
    return total


def _starts_like_warc(file: Path) -> bool:
    with file.open("rb") as stream:
        return looks_like_warc(stream.read(8))


def _text_items(file: Path, suffix: str) -> int:
    """Items of a file that is not a WARC, by the format its reader will take it for."""
    if suffix in _JSONL:
        return _nonblank_lines(file)
    if suffix not in _FEED | _TEXT:
        return 1  # a page, or a file of unknown type quarantined
    with file.open("rb") as stream:
        head = stream.read(_HEAD_BYTES).decode("utf-8", errors="replace")
    if looks_like_seed(head):
        return 1
    if looks_like_feed(head):
        return max(1, _entries(file))
    if suffix in _TEXT and head.lstrip().startswith("{"):
        return _nonblank_lines(file)
    return 1


def _nonblank_lines(file: Path) -> int:
    with file.open("rb") as stream:
        found = sum(1 for line in stream if line.strip())
    # A file of nothing but whitespace is one item: its "empty input" quarantine row.
    return max(1, found)


def _entries(file: Path) -> int:
    return len(_ENTRY.findall(file.read_bytes()))


def _warc_pages(file: Path) -> int:
    """The HTML responses of a WARC file, read as a stream (no payload kept); a damaged
    file counts what was found before the damage, plus its quarantine row, and a file
    with no record at all (empty, or not a WARC) its quarantine row alone."""
    found = records = 0
    with file.open("rb") as stream:
        if not starts_with_a_record(stream.read(_WARC_HEAD_BYTES)):
            return 1  # warcio would take text for ARC records; the reader refuses it
        stream.seek(0)
        try:
            for record in ArchiveIterator(stream):
                records += 1
                if html_content_type(record) is not None:
                    found += 1
        except (ArchiveLoadFailed, AttributeError, EOFError, ValueError, zlib.error):
            # What warcio raises on a damaged or cut file (AttributeError: a record
            # without a target URI, as the reader notes).
            return found + 1
    return found if records else 1
