"""WARC files: each HTML response record is read as a page."""

from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from harmattan.errors import InputError
from harmattan.ingest.base import ReadOptions, decode_utf8, excerpt
from harmattan.ingest.html import read_html
from harmattan.records import Article, Quarantined


def looks_like_warc(data: bytes) -> bool:
    """True for a WARC file, plain or gzipped."""
    return data.startswith(b"WARC/") or data.startswith(b"\x1f\x8b")


def read_warc(data: bytes, origin: str, options: ReadOptions) -> Iterator[Article | Quarantined]:
    """Read each HTML response; other records (requests, metadata) are skipped."""
    records = ArchiveIterator(io.BytesIO(data))
    try:
        for record in records:
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            location = f"offset {records.get_record_offset()} ({url})"
            payload = record.content_stream().read()
            try:
                yield from read_html(
                    _decode(payload, content_type, location),
                    origin,
                    options,
                    location=location,
                    url=url,
                )
            except InputError as err:
                yield Quarantined(origin, location, err.reason, err.excerpt or excerpt(payload))
    except ArchiveLoadFailed as err:
        raise InputError(f"unreadable WARC: {err}", excerpt=excerpt(data[:200])) from err


def _decode(payload: bytes, content_type: str, location: str) -> str:
    charset = content_type.lower().partition("charset=")[2].split(";")[0].strip(" \"'")
    if charset and charset not in ("utf-8", "utf8"):
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError) as err:
            raise InputError(
                f"undecodable bytes: the page does not decode as its declared {charset}",
                location=location,
                excerpt=excerpt(payload[:200]),
            ) from err
    return decode_utf8(payload, location=location)
