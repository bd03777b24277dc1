"""WARC reader: HTML responses become articles; everything else is skipped."""

from __future__ import annotations

import datetime as dt
import gzip
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from harmattan.ingest import ReadOptions, read_sources
from harmattan.records import Article, Quarantined

NOV_7 = dt.date(2023, 11, 7)
MISSING_DATE = "missing publication date: the page's metadata gives none (pass --published)"
BODY = (
    "The regional bloc said on Tuesday that the junta had until the end of the month to "
    "release the detained president, and warned that sanctions would remain in force.",
    "Officials in Niamey declined to comment on the ultimatum when reached by telephone.",
)


@dataclass(frozen=True)
class Record:
    """One record to write: its WARC type, target URI, content type and payload."""

    kind: str
    uri: str
    content_type: str = ""
    payload: bytes = b""


def _page(title: str, published: str | None, lead: str = "") -> bytes:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in (lead, *BODY) if p)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{meta}"
        '<meta property="og:site_name" content="Sahel Daily"></head>'
        f"<body><article>{paragraphs}</article></body></html>"
    ).encode()


def _warc_bytes(records: list[Record], *, gzipped: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for record in records:
        writer.write_record(_warc_record(writer, record))
    return out.getvalue()


def _write_warc(path: Path, records: list[Record], *, gzipped: bool) -> Path:
    path.write_bytes(_warc_bytes(records, gzipped=gzipped))
    return path


def _warc_record(writer: WARCWriter, record: Record) -> Any:
    if record.kind == "request":
        headers = StatusAndHeaders(
            "GET / HTTP/1.1", [("Host", "sahel.example")], is_http_request=True
        )
        return writer.create_warc_record(
            record.uri, "request", payload=io.BytesIO(b""), http_headers=headers
        )
    if record.kind == "response":
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", record.content_type)], protocol="HTTP/1.1"
        )
        return writer.create_warc_record(
            record.uri, "response", payload=io.BytesIO(record.payload), http_headers=headers
        )
    return writer.create_warc_record(
        record.uri,
        record.kind,
        payload=io.BytesIO(record.payload),
        warc_content_type=record.content_type,
    )


CRAWL = [
    Record("warcinfo", "", "application/warc-fields", b"software: test\r\n"),
    Record("request", "https://sahel.example/news/deadline"),
    Record(
        "response",
        "https://sahel.example/news/deadline",
        "text/html; charset=utf-8",
        _page("Junta given deadline", "2023-11-07"),
    ),
    Record("metadata", "https://sahel.example/news/deadline", "application/warc-fields", b"a: b"),
    Record("response", "https://sahel.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00"),
    Record(
        "response",
        "https://sahel.example/api/items.json",
        "application/json",
        b'{"text": "not a page", "published": "2023-11-07"}',
    ),
    Record("request", "https://sahel.example/news/border"),
    Record(
        "response",
        "https://sahel.example/news/border",
        "application/xhtml+xml",
        _page("Border reopens", "2023-11-08", "Benin reopened the border on Wednesday."),
    ),
]


def _read(path: Path, options: ReadOptions | None = None) -> list[Article | Quarantined]:
    return list(read_sources([str(path)], options or ReadOptions()))


@pytest.mark.parametrize(
    ("name", "gzipped"), [("crawl.warc", False), ("crawl.warc.gz", True), ("CRAWL.WARC.GZ", True)]
)
def test_warc_html_responses_become_articles(tmp_path: Path, name: str, gzipped: bool) -> None:
    items = _read(_write_warc(tmp_path / name, CRAWL, gzipped=gzipped))
    articles = [i for i in items if isinstance(i, Article)]
    assert articles == items
    assert [(a.url, a.title, a.published, a.source) for a in articles] == [
        ("https://sahel.example/news/deadline", "Junta given deadline", NOV_7, "Sahel Daily"),
        (
            "https://sahel.example/news/border",
            "Border reopens",
            dt.date(2023, 11, 8),
            "Sahel Daily",
        ),
    ]
    deadline, border = articles
    assert deadline.text == "\n".join(BODY)
    assert border.text == "\n".join(("Benin reopened the border on Wednesday.", *BODY))


def test_warc_gzip_and_plain_give_identical_articles(tmp_path: Path) -> None:
    plain = _read(_write_warc(tmp_path / "a.warc", CRAWL, gzipped=False))
    packed = _read(_write_warc(tmp_path / "a.warc.gz", CRAWL, gzipped=True))
    assert plain == packed
    assert len(plain) == 2


def test_warc_only_non_html_records_gives_nothing(tmp_path: Path) -> None:
    skipped = [r for r in CRAWL if "html" not in r.content_type]
    assert [r.kind for r in skipped] == [
        "warcinfo",
        "request",
        "metadata",
        "response",
        "response",
        "request",
    ]
    assert _read(_write_warc(tmp_path / "rest.warc", skipped, gzipped=False)) == []


def test_warc_undated_page_quarantined_where_it_is_others_go_on(tmp_path: Path) -> None:
    records = [
        Record("response", "https://x.example/undated", "text/html", _page("Undated", None)),
        CRAWL[2],
    ]
    path = _write_warc(tmp_path / "mixed.warc", records, gzipped=False)
    items = _read(path)
    assert len(items) == 2
    bad, good = items
    assert isinstance(bad, Quarantined)
    assert (bad.origin, bad.reason) == (str(path), MISSING_DATE)
    assert bad.location == "offset 0 (https://x.example/undated)"
    assert bad.excerpt.startswith(BODY[0][:60])
    assert isinstance(good, Article)
    assert (good.url, good.published) == ("https://sahel.example/news/deadline", NOV_7)


def test_warc_published_option_dates_undated_pages(tmp_path: Path) -> None:
    records = [Record("response", "https://x.example/u", "text/html", _page("Undated", None))]
    path = _write_warc(tmp_path / "u.warc", records, gzipped=True)
    items = _read(path, ReadOptions(published=dt.date(2024, 1, 15)))
    assert [(i.url, i.published) for i in items if isinstance(i, Article)] == [
        ("https://x.example/u", dt.date(2024, 1, 15))
    ]


def test_warc_declared_charset_decoded(tmp_path: Path) -> None:
    lead = "Côte d'Ivoire and Sénégal recalled their envoys."
    payload = _page("Envoys recalled", "2023-11-07", lead).decode().encode("latin-1")
    records = [Record("response", "https://x.example/c", "text/html; charset=ISO-8859-1", payload)]
    items = _read(_write_warc(tmp_path / "c.warc", records, gzipped=False))
    assert len(items) == 1
    assert isinstance(items[0], Article)
    assert items[0].text.startswith(lead + "\n")


def test_warc_undecodable_page_quarantined(tmp_path: Path) -> None:
    payload = _page("Envoys", "2023-11-07", "Côte d'Ivoire.").decode().encode("latin-1")
    records = [Record("response", "https://x.example/d", "text/html; charset=utf-8", payload)]
    items = _read(_write_warc(tmp_path / "d.warc", records, gzipped=False))
    assert len(items) == 1
    assert isinstance(items[0], Quarantined)
    assert items[0].location.endswith("(https://x.example/d)")
    assert items[0].reason.startswith("undecodable bytes: not valid UTF-8 at byte ")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        pytest.param(
            "junk.warc",
            b"this is not a warc file, only a sentence\n",
            "unreadable WARC: the file does not start with a 'WARC/' record header",
            id="text",
        ),
        pytest.param(
            "empty.warc",
            b"",
            "empty input: nothing to read",
            id="empty",
        ),
        pytest.param(
            "junk.warc.gz",
            gzip.compress(b"this is not a warc file, only a sentence\n"),
            "unreadable WARC: the file does not start with a 'WARC/' record header",
            id="gzipped-text",
        ),
        pytest.param(
            "bad.warc.gz",
            b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage garbage",
            "unreadable WARC: damaged gzip data (Error -3 while decompressing data: "
            "invalid block type)",
            id="damaged-gzip",
        ),
        pytest.param(
            "cut.warc",
            b"WARC/1.0\r\nWARC-Type: response\r\n",
            "unreadable WARC: a record header is incomplete (no WARC-Target-URI)",
            id="truncated-header",
        ),
        pytest.param(
            "cut.warc",
            _warc_bytes([CRAWL[1]], gzipped=False)[:200],
            "unreadable WARC: no records found (the file is empty or damaged)",
            id="truncated-first-record",
        ),
        pytest.param(
            "future.warc",
            b"WARC/9.9\r\nWARC-Type: response\r\n\r\n",
            "unreadable WARC: Unknown archive format, first line: ['WARC/9.9']",
            id="unknown-version",
        ),
    ],
)
def test_warc_garbage_is_one_quarantine_row(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    items = _read(path)
    assert [(i.origin, i.location, i.reason) for i in items if isinstance(i, Quarantined)] == [
        (str(path), "file", reason)
    ]
    assert len(items) == 1


def test_warc_garbage_reason_carries_an_excerpt(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a warc file, only a sentence\n")
    items = _read(path)
    assert len(items) == 1
    assert isinstance(items[0], Quarantined)
    assert items[0].excerpt == "this is not a warc file, only a sentence"


def _last_record_offset(data: bytes) -> int:
    records = ArchiveIterator(io.BytesIO(data))
    offsets: list[int] = [records.get_record_offset() for _ in records]
    return offsets[-1]


@pytest.mark.parametrize("gzipped", [True, False], ids=["gzip", "plain"])
def test_warc_cut_inside_its_last_record_quarantines_it_as_truncated(
    tmp_path: Path, gzipped: bool
) -> None:
    # The cut record once vanished ("2 ingested, 0 quarantined") or was read in part.
    whole = _warc_bytes(CRAWL, gzipped=gzipped)
    start = _last_record_offset(whole)
    path = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
    path.write_bytes(whole[: start + (len(whole) - start) * 3 // 4])
    deadline, cut = _read(path)
    assert isinstance(deadline, Article)
    assert deadline.url == "https://sahel.example/news/deadline"
    assert isinstance(cut, Quarantined)
    assert cut.location == f"offset {start} (https://sahel.example/news/border)"
    assert cut.reason.startswith("truncated: the file ends ")
    assert cut.reason.endswith(" bytes before this record does")


@pytest.mark.parametrize(
    ("gzipped", "reason"),
    [
        (True, "truncated: the file ends inside the gzip member at this offset; "
               "the records from there on are lost"),
        (False, "truncated: the file ends inside this record's header"),
    ],
    ids=["gzip", "plain"],
)  # fmt: skip
def test_warc_cut_inside_a_record_header_is_quarantined_where_it_begins(
    tmp_path: Path, gzipped: bool, reason: str
) -> None:
    whole = _warc_bytes(CRAWL, gzipped=gzipped)
    start = _last_record_offset(whole)
    path = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
    path.write_bytes(whole[: start + 40])
    deadline, cut = _read(path)
    assert isinstance(deadline, Article)
    assert isinstance(cut, Quarantined)
    assert (cut.location, cut.reason) == (f"offset {start}", reason)


def test_warc_missing_only_its_gzip_checksum_keeps_every_record(tmp_path: Path) -> None:
    path = tmp_path / "nearly.warc.gz"
    path.write_bytes(_warc_bytes(CRAWL, gzipped=True)[:-1])
    items = _read(path)
    assert [a.url for a in items if isinstance(a, Article)] == [
        "https://sahel.example/news/deadline",
        "https://sahel.example/news/border",
    ]
    assert len(items) == 2
