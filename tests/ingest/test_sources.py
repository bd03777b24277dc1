"""The dispatcher: paths, directories and standard input to readers, failures to reasons."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from harmattan.errors import InputError
from harmattan.ingest import DEFAULT_MAX_BYTES, ReadOptions, read_bytes, read_sources
from harmattan.records import Article, Quarantined

NOV_7 = dt.date(2023, 11, 7)
UNKNOWN_PDF = (
    "unknown file type '.pdf': expected seed text (.txt), .jsonl, .html, .rss/.atom/.xml or .warc"
)
PARAGRAPH = (
    "The regional bloc said on Tuesday that the junta had until the end of the month to "
    "release the detained president, and warned that sanctions would remain in force."
)
HTML = (
    "<!DOCTYPE html><html><head><title>Deadline</title>"
    '<meta property="article:published_time" content="2023-11-07"></head>'
    f"<body><article><p>{PARAGRAPH}</p></article></body></html>"
)
RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item>'
    "<title>One</title><link>https://w.example/1</link>"
    "<pubDate>Tue, 07 Nov 2023 09:30:00 GMT</pubDate>"
    "<description>Talks opened in Abuja.</description></item></channel></rss>"
)


def _seed(body: str) -> bytes:
    return f"date 2023-11-07 {body}\n".encode()


def _jsonl(*bodies: str) -> bytes:
    return "".join(
        json.dumps({"text": b, "published": "2023-11-07"}) + "\n" for b in bodies
    ).encode()


def _warc(html: str, uri: str) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            uri, "response", payload=io.BytesIO(html.encode()), http_headers=headers
        )
    )
    return out.getvalue()


def _summary(items: list[Article | Quarantined]) -> list[tuple[str, str]]:
    """Each item as (kind, text or reason): what a reader of the output would see."""
    return [
        ("article", i.text) if isinstance(i, Article) else ("quarantined", i.reason) for i in items
    ]


def _write(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def test_read_sources_directory_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "b/2.txt": _seed("B two."),
            "b/1-broken.txt": b"No header here.",
            "a/sub/0.txt": _seed("A sub zero."),
            "a/1.jsonl": _jsonl("A one, first line.", "A one, second line."),
            "a/z.html": HTML.encode(),
            "c.txt": _seed("C."),
            "a-side.txt": _seed("A side."),
            ".hidden/x.txt": _seed("Hidden directory."),
            "a/.secret.txt": _seed("Hidden file."),
            ".DS_Store": b"\x00\x00\x00\x01Bud1",
        },
    )
    items = list(read_sources([str(tmp_path)], ReadOptions()))
    assert _summary(items) == [
        ("article", "A one, first line."),
        ("article", "A one, second line."),
        ("article", "A sub zero."),
        ("article", PARAGRAPH),
        ("article", "A side."),
        ("quarantined", "not seed format: a text file must start with 'date YYYY-MM-DD'"),
        ("article", "B two."),
        ("article", "C."),
    ]
    broken = items[5]
    assert isinstance(broken, Quarantined)
    assert broken.origin == str(tmp_path / "b" / "1-broken.txt")


def test_read_sources_paths_read_in_the_order_given(tmp_path: Path) -> None:
    _write(tmp_path, {"z.txt": _seed("Zed."), "a.txt": _seed("Ay.")})
    items = list(read_sources([str(tmp_path / "z.txt"), str(tmp_path / "a.txt")], ReadOptions()))
    assert _summary(items) == [("article", "Zed."), ("article", "Ay.")]


def test_read_sources_hidden_file_named_directly_is_read(tmp_path: Path) -> None:
    _write(tmp_path, {".notes.txt": _seed("Named on purpose.")})
    items = list(read_sources([str(tmp_path / ".notes.txt")], ReadOptions()))
    assert _summary(items) == [("article", "Named on purpose.")]


@pytest.mark.parametrize(
    ("name", "data", "location", "reason"),
    [
        pytest.param(
            "scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n\x00\x01", "file", UNKNOWN_PDF, id="pdf"
        ),
        pytest.param(
            "notes.txt",
            "date 2023-11-07 Côte d'Ivoire recalled its envoy.".encode("latin-1"),
            "file",
            "undecodable bytes: not valid UTF-8 at byte 17 (re-save the file as UTF-8)",
            id="latin-1-txt",
        ),
        pytest.param(
            "batch.jsonl",
            '{"text": "Sénégal", "published": "2023-11-07"}'.encode("latin-1"),
            # JSON Lines are decoded line by line: the bad byte costs only its line.
            "line 1",
            "undecodable bytes: not valid UTF-8 at byte 11 (re-save the file as UTF-8)",
            id="latin-1-jsonl",
        ),
        pytest.param(
            "letter.txt",
            b"Dear editor, the junta set a deadline.",
            "line 1",
            "not seed format: a text file must start with 'date YYYY-MM-DD'",
            id="txt-without-header",
        ),
        pytest.param(
            "catalog.xml",
            b"<?xml version='1.0'?><catalog><book>Dune</book></catalog>",
            "file",
            "not a feed: a .xml file must be RSS or Atom",
            id="xml-not-a-feed",
        ),
        pytest.param(
            "crawl.warc",
            b"not a web archive\n",
            "file",
            "unreadable WARC: the file does not start with a 'WARC/' record header",
            id="bad-warc",
        ),
        pytest.param(
            "huge.txt",
            _seed("x" * 300),
            "line 1",
            "body of 300 bytes is over the 100-byte limit (raise it with --max-bytes)",
            id="over-size",
        ),
    ],
)
def test_read_sources_failure_gives_readable_reason(
    tmp_path: Path, name: str, data: bytes, location: str, reason: str
) -> None:
    _write(tmp_path, {name: data})
    items = list(read_sources([str(tmp_path / name)], ReadOptions(max_bytes=100)))
    assert len(items) == 1
    item = items[0]
    assert isinstance(item, Quarantined)
    assert (item.origin, item.location, item.reason) == (str(tmp_path / name), location, reason)


def test_read_sources_missing_path_quarantined(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere" / "report.txt")
    items = list(read_sources([missing], ReadOptions()))
    assert items == [Quarantined(missing, "", "no such file or directory", "")]


def test_read_sources_every_failure_has_a_distinct_reason(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "1.pdf": b"%PDF-1.7\n\x00",
            "2.txt": "date 2023-11-07 Côte".encode("latin-1"),
            "3.txt": b"No header.",
            "4.txt": b"date 2023-02-30 Impossible.",
            "5.txt": b"date\nMissing.",
            "6.txt": b"date 2023-11-07\n\n",
            "7.txt": _seed("x" * 300),
            "8.xml": b"<catalog/>",
            "9.warc": b"junk",
            "a.html": b"<!DOCTYPE html><html><body><article><p>" + PARAGRAPH.encode() + b"</p>",
        },
    )
    paths = [str(tmp_path), str(tmp_path / "missing.txt")]
    items = list(read_sources(paths, ReadOptions(max_bytes=100)))
    reasons = [i.reason for i in items if isinstance(i, Quarantined)]
    assert len(items) == len(reasons) == 11
    assert len(set(reasons)) == 11, reasons


def test_read_sources_unknown_type_excerpt_is_printable(tmp_path: Path) -> None:
    _write(tmp_path, {"scan.pdf": b"%PDF-1.7\n\x00\xff binary"})
    items = list(read_sources([str(tmp_path / "scan.pdf")], ReadOptions()))
    assert len(items) == 1
    assert isinstance(items[0], Quarantined)
    assert items[0].excerpt.startswith("%PDF-1.7 ")
    assert "\ufffd" in items[0].excerpt  # undecodable bytes shown as replacement characters


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(_seed("Read from a pipe."), [("article", "Read from a pipe.")], id="seed"),
        pytest.param(
            b"\xef\xbb\xbf" + _seed("Bom on stdin."), [("article", "Bom on stdin.")], id="seed-bom"
        ),
        pytest.param(
            _jsonl("First line.", "Second line."),
            [("article", "First line."), ("article", "Second line.")],
            id="jsonl",
        ),
        pytest.param(HTML.encode(), [("article", PARAGRAPH)], id="html"),
        pytest.param(RSS.encode(), [("article", "Talks opened in Abuja.")], id="rss"),
        pytest.param(_warc(HTML, "https://x.example/a"), [("article", PARAGRAPH)], id="warc-gz"),
        pytest.param(
            b"Just a paragraph of text.",
            [("quarantined", "not seed format: a text file must start with 'date YYYY-MM-DD'")],
            id="unknown",
        ),
    ],
)
def test_read_sources_stdin_sniffs_the_format(data: bytes, expected: list[tuple[str, str]]) -> None:
    items = list(read_sources(["-"], ReadOptions(), stdin=io.BytesIO(data)))
    assert _summary(items) == expected
    assert {i.origin for i in items if isinstance(i, Quarantined)} <= {"<stdin>"}
    assert all(i.published == NOV_7 for i in items if isinstance(i, Article))


def test_read_sources_stdin_between_paths_keeps_order(tmp_path: Path) -> None:
    _write(tmp_path, {"a.txt": _seed("From a file."), "z.txt": _seed("From the last file.")})
    paths = [str(tmp_path / "a.txt"), "-", str(tmp_path / "z.txt")]
    items = list(read_sources(paths, ReadOptions(), stdin=io.BytesIO(_seed("From stdin."))))
    assert _summary(items) == [
        ("article", "From a file."),
        ("article", "From stdin."),
        ("article", "From the last file."),
    ]


def test_read_sources_stdin_failure_names_stdin() -> None:
    items = list(read_sources(["-"], ReadOptions(), stdin=io.BytesIO(b"date 2023-02-30 Bad.")))
    assert items == [
        Quarantined(
            "<stdin>",
            "line 1",
            "impossible publication date '2023-02-30': day is out of range for month",
            "2023-02-30",
        )
    ]


def test_read_sources_dash_without_stdin_raises() -> None:
    with pytest.raises(InputError, match="'-' was given but there is no standard input to read"):
        list(read_sources(["-"], ReadOptions()))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param("a.txt", _seed("y" * 101), id="seed"),
        pytest.param("a.jsonl", _jsonl("y" * 101), id="jsonl"),
        pytest.param("a.html", HTML.replace(PARAGRAPH, "y " * 60).encode(), id="html"),
    ],
)
def test_read_sources_max_bytes_limit_quarantines(tmp_path: Path, name: str, data: bytes) -> None:
    _write(tmp_path, {name: data})
    over = list(read_sources([str(tmp_path / name)], ReadOptions(max_bytes=100)))
    assert len(over) == 1
    assert isinstance(over[0], Quarantined)
    assert "over the 100-byte limit (raise it with --max-bytes)" in over[0].reason
    assert over[0].reason.startswith("body of 1")
    within = list(read_sources([str(tmp_path / name)], ReadOptions(max_bytes=1_000)))
    assert [type(i).__name__ for i in within] == ["Article"]


def test_read_sources_body_exactly_at_limit_is_accepted(tmp_path: Path) -> None:
    _write(tmp_path, {"a.txt": _seed("é" * 50)})  # 100 bytes of UTF-8, 50 characters
    items = list(read_sources([str(tmp_path / "a.txt")], ReadOptions(max_bytes=100)))
    assert _summary(items) == [("article", "é" * 50)]
    assert DEFAULT_MAX_BYTES == ReadOptions().max_bytes == 1_000_000


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        pytest.param("REPORT.TXT", _seed("Upper case."), "Upper case.", id="upper-txt"),
        pytest.param("page.HTM", HTML.encode(), PARAGRAPH, id="upper-htm"),
        pytest.param("batch.ndjson", _jsonl("Ndjson."), "Ndjson.", id="ndjson"),
        pytest.param("feed.atom.xml", RSS.encode(), "Talks opened in Abuja.", id="double-suffix"),
        pytest.param("2023.11.07.txt", _seed("Dotted name."), "Dotted name.", id="dotted-name"),
        pytest.param("README", _seed("No suffix."), "No suffix.", id="no-suffix-seed"),
        pytest.param("crawl", _warc(HTML, "https://x.example/a"), PARAGRAPH, id="no-suffix-warc"),
    ],
)
def test_read_sources_suffix_picks_the_reader(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    _write(tmp_path, {name: data})
    items = list(read_sources([str(tmp_path / name)], ReadOptions()))
    assert _summary(items) == [("article", expected)]


def test_read_bytes_failure_as_a_whole_is_one_row_with_file_location() -> None:
    items = list(read_bytes(b"\x00\x01", "blob.bin", ReadOptions(), suffix=".bin"))
    assert items == [
        Quarantined(
            "blob.bin",
            "file",
            "unknown file type '.bin': expected seed text (.txt), .jsonl, .html, "
            ".rss/.atom/.xml or .warc",
            "\x00\x01",
        )
    ]
