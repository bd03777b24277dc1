"""WARC files: each HTML response record is read as a page."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from harmattan.errors import InputError
from harmattan.ingest.base import ReadOptions, decode_utf8, excerpt
from harmattan.ingest.html import read_html
from harmattan.records import Article, Quarantined

_MAGIC = (b"WARC/", b"filedesc://")


def looks_like_warc(data: bytes) -> bool:
    """True for a WARC file, plain or gzipped."""
    return data.startswith(b"WARC/") or data.startswith(b"\x1f\x8b")


def read_warc(data: bytes, origin: str, options: ReadOptions) -> Iterator[Article | Quarantined]:
    """Read each HTML response; other records (requests, metadata) are skipped."""
    for offset, url, content_type, payload in _html_responses(data):
        location = f"offset {offset} ({url})"
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


def _html_responses(data: bytes) -> Iterator[tuple[int, str | None, str, bytes]]:
    """Offset, target URI, content type and payload of each HTML response record."""
    # warcio reads almost any text as an ARC record and an empty or damaged gzip
    # as no records at all; either way the file would vanish without a word.
    if not _first_bytes(data).startswith(_MAGIC):
        raise InputError(
            "unreadable WARC: the file does not start with a 'WARC/' record header",
            excerpt=excerpt(data[:200]),
        )
    records = ArchiveIterator(io.BytesIO(data))
    seen = 0
    try:
        for record in records:
            seen += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                continue
            # Read the payload first: get_record_offset() reads the record to its end.
            payload = record.content_stream().read()
            url = record.rec_headers.get_header("WARC-Target-URI")
            yield records.get_record_offset(), url, content_type, payload
    except ArchiveLoadFailed as err:
        raise InputError(f"unreadable WARC: {err}", excerpt=excerpt(data[:200])) from err
    except AttributeError as err:
        # warcio's own failure on a response record that has no WARC-Target-URI.
        raise InputError(
            "unreadable WARC: a record header is incomplete (no WARC-Target-URI)",
            excerpt=excerpt(data[:200]),
        ) from err
    if seen == 0:
        raise InputError(
            "unreadable WARC: no records found (the file is empty or damaged)",
            excerpt=excerpt(data[:200]),
        )


def _first_bytes(data: bytes) -> bytes:
    """The first bytes of the archive, decompressed when it is gzipped."""
    if not data.startswith(b"\x1f\x8b"):
        return data[:16]
    try:
        return zlib.decompressobj(wbits=31).decompress(data[:4096], 16)
    except zlib.error as err:
        raise InputError(
            f"unreadable WARC: damaged gzip data ({err})", excerpt=excerpt(data[:200])
        ) from err


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
