"""WARC files: each HTML response record is read as a page."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from harmattan.errors import InputError
from harmattan.ingest.base import ReadOptions, decode_utf8, excerpt
from harmattan.ingest.html import read_html
from harmattan.records import Article, Quarantined

_MAGIC = (b"WARC/", b"filedesc://")
_CHUNK = 1 << 16


def looks_like_warc(data: bytes) -> bool:
    """True for a WARC file, plain or gzipped."""
    return data.startswith(b"WARC/") or data.startswith(b"\x1f\x8b")


@dataclass(frozen=True, slots=True)
class _Record:
    """One WARC record as the reader needs it."""

    offset: int
    url: str | None
    # The HTML response's Content-Type and payload; None for any other record.
    html: tuple[str, bytes] | None
    # Bytes the record's header declares that the file does not hold (a cut file).
    missing: int


def read_warc(data: bytes, origin: str, options: ReadOptions) -> Iterator[Article | Quarantined]:
    """Read each HTML response; other records (requests, metadata) are skipped. A record
    the file ends inside is quarantined as truncated, never read in part."""
    read: set[int] = set()
    for record in _records(data):
        read.add(record.offset)
        location = f"offset {record.offset}" + (f" ({record.url})" if record.url else "")
        if record.missing:
            yield Quarantined(
                origin,
                location,
                f"truncated: the file ends {record.missing} bytes before this record does",
                excerpt(record.html[1] if record.html else b""),
            )
            continue
        if record.html is None:
            continue
        content_type, payload = record.html
        try:
            yield from read_html(
                _decode(payload, content_type, location),
                origin,
                options,
                location=location,
                url=url if (url := record.url) else None,
            )
        except InputError as err:
            yield Quarantined(origin, location, err.reason, err.excerpt or excerpt(payload))
    member = _cut_gzip_member(data) if data.startswith(b"\x1f\x8b") else None
    if member is not None and member not in read:
        # warcio stops without a word at a gzip member cut inside its record's header.
        yield Quarantined(
            origin,
            f"offset {member}",
            "truncated: the file ends inside the gzip member at this offset; the records "
            "from there on are lost",
            excerpt(_inflated_start(data[member : member + 4096])),
        )


def _records(data: bytes) -> Iterator[_Record]:
    """Each record's offset, target URI, HTML payload and missing bytes."""
    # warcio reads almost any text as an ARC record and an empty or damaged gzip
    # as no records at all; either way the file would vanish without a word.
    if not _first_bytes(data).startswith(_MAGIC):
        raise InputError(
            "unreadable WARC: the file does not start with a 'WARC/' record header",
            excerpt=excerpt(data[:200]),
        )
    records = ArchiveIterator(io.BytesIO(data))
    seen = 0
    end = 0  # where the last whole record ends
    try:
        for record in records:
            seen += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            html: tuple[str, bytes] | None = None
            content_type = html_content_type(record)
            if content_type is not None:
                html = (content_type, record.content_stream().read())
            else:
                # Read through what is not kept, in bounded chunks, to learn if it is whole.
                while record.raw_stream.read(1 << 16):
                    pass
            missing = record.raw_stream.limit
            # get_record_offset() reads the record to its end: read the payload first.
            offset = records.get_record_offset()
            end = offset + records.get_record_length()
            yield _Record(offset, url, html, missing)
    except ArchiveLoadFailed as err:
        raise _unreadable(f"unreadable WARC: {err}", data, end) from err
    except AttributeError as err:
        # warcio's own failure on a response record that has no WARC-Target-URI.
        reason = "unreadable WARC: a record header is incomplete (no WARC-Target-URI)"
        raise _unreadable(reason, data, end) from err
    if seen == 0:
        raise InputError(
            "unreadable WARC: no records found (the file is empty or damaged)",
            excerpt=excerpt(data[:200]),
        )


def html_content_type(record: ArcWarcRecord) -> str | None:
    """The Content-Type of an HTML response record (one `read_warc` reads as a page);
    None for any other record."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type: str = record.http_headers.get_header("Content-Type") or ""
    return content_type if "html" in content_type.lower() else None


def _unreadable(reason: str, data: bytes, end: int) -> InputError:
    """The error for a record after the last whole one (which ends at `end`): located
    there, and "truncated" when the file ends before the record's header does."""
    rest = data[end:].lstrip(b"\r\n")
    start = len(data) - len(rest)
    if end and not data.startswith(b"\x1f\x8b") and b"\r\n\r\n" not in rest:
        reason = "truncated: the file ends inside this record's header"
    return InputError(
        reason, location=f"offset {start}" if end else "", excerpt=excerpt(rest[:200])
    )


def _inflated_start(data: bytes) -> bytes:
    """What the start of a gzip member (maybe cut, maybe damaged) inflates to."""
    try:
        return zlib.decompressobj(wbits=31).decompress(data, 400)
    except zlib.error:
        return b""


def _cut_gzip_member(data: bytes) -> int | None:
    """The offset of the gzip member the file ends inside, if it ends inside one."""
    view = memoryview(data)
    start = 0
    while start < len(data):
        member = zlib.decompressobj(wbits=31)
        position = start
        while not member.eof:
            if position >= len(data):
                return start
            chunk = view[position : position + _CHUNK]
            position += len(chunk)
            try:
                # Only where the member ends matters: inflate in bounded steps, discard.
                member.decompress(chunk, _CHUNK)
                while member.unconsumed_tail and not member.eof:
                    member.decompress(member.unconsumed_tail, _CHUNK)
            except zlib.error:
                return None  # damaged, not cut: warcio has said so already
        start = position - len(member.unused_data) - len(member.unconsumed_tail)
    return None


def starts_with_a_record(head: bytes) -> bool:
    """Whether a file's first bytes (4 KiB are enough; gzipped or not) begin a record,
    as `read_warc` requires of a file before reading it."""
    try:
        return _first_bytes(head).startswith(_MAGIC)
    except InputError:
        return False


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
