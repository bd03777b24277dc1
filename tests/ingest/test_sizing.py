"""Sizing an ingest: count_items estimates what read_sources yields, without parsing
articles, and never fails on input the readers would quarantine."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from harmattan.ingest import STDIN, ReadOptions, read_sources
from harmattan.ingest.sizing import count_items
from tests.ingest.test_feeds import ATOM, RSS
from tests.ingest.test_warc import CRAWL, _write_warc

PAGE = (
    "<!DOCTYPE html><html><head><title>Talks</title>"
    '<meta property="article:published_time" content="2023-11-07"></head>'
    "<body><article><p>Talks opened in Abuja on Tuesday.</p></article></body></html>"
)


def _line(n: int) -> str:
    return json.dumps({"text": f"Report {n} from Niamey.", "published": "2023-11-07"})


def _read(paths: list[str]) -> int:
    """How many items the readers yield: what count_items estimates."""
    return sum(1 for _ in read_sources(paths, ReadOptions()))


def test_count_items_jsonl_counts_lines_that_are_not_blank(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(f"{_line(1)}\n\n   \n{_line(2)}\r\n{{not json\n\n{_line(3)}", encoding="utf-8")
    assert count_items([str(path)]) == 4
    assert _read([str(path)]) == 4


def test_count_items_directory_walks_as_the_reader_does_hidden_files_left_out(
    tmp_path: Path,
) -> None:
    root = tmp_path / "inbox"
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.jsonl").write_text(f"{_line(1)}\n{_line(2)}\n", encoding="utf-8")
    (root / "sub" / "page.html").write_text(PAGE, encoding="utf-8")
    (root / "sub" / "seed.txt").write_text("date 2023-11-07\nTalks opened.", encoding="utf-8")
    (root / ".draft.jsonl").write_text(f"{_line(3)}\n", encoding="utf-8")
    (root / ".git" / "old.jsonl").write_text(f"{_line(4)}\n{_line(5)}\n", encoding="utf-8")
    assert count_items([str(root)]) == 4
    assert _read([str(root)]) == 4


@pytest.mark.parametrize(("name", "feed"), [("wire.rss", RSS), ("desk.atom", ATOM)])
def test_count_items_feed_counts_its_items_or_entries(tmp_path: Path, name: str, feed: str) -> None:
    path = tmp_path / name
    path.write_text(feed, encoding="utf-8")
    # Three entries each, one of them undated: quarantined, still an item.
    assert count_items([str(path)]) == 3
    assert _read([str(path)]) == 3


def test_count_items_text_file_sniffed_like_the_reader(tmp_path: Path) -> None:
    feed = tmp_path / "feed.txt"
    feed.write_text(RSS, encoding="utf-8")
    lines = tmp_path / "lines.txt"
    lines.write_text(f"{_line(1)}\n{_line(2)}\n", encoding="utf-8")
    seed = tmp_path / "seed.txt"
    seed.write_text("date 2023-11-07\nTalks opened in Abuja.", encoding="utf-8")
    paths = [str(feed), str(lines), str(seed)]
    assert count_items(paths) == 3 + 2 + 1
    assert _read(paths) == 3 + 2 + 1


@pytest.mark.parametrize(("name", "gzipped"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_count_items_warc_counts_html_responses(tmp_path: Path, name: str, gzipped: bool) -> None:
    path = _write_warc(tmp_path / name, CRAWL, gzipped=gzipped)
    # Eight records, of which two are HTML responses: the two pages the reader reads.
    assert count_items([str(path)]) == 2
    assert _read([str(path)]) == 2


def test_count_items_warc_beyond_the_budget_is_not_known(tmp_path: Path) -> None:
    path = _write_warc(tmp_path / "crawl.warc.gz", CRAWL, gzipped=True)
    size = path.stat().st_size
    assert count_items([str(path)], warc_budget=size) == 2
    assert count_items([str(path)], warc_budget=size - 1) is None


def test_count_items_stdin_is_not_known(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(f"{_line(1)}\n", encoding="utf-8")
    assert count_items([STDIN]) is None
    assert count_items([str(path), STDIN]) is None


def test_count_items_named_pipe_is_not_known_and_left_unread(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    # Opening a pipe with no writer would block: returning at all shows it was not read.
    assert count_items([str(fifo)]) is None


def test_count_items_missing_path_is_its_quarantine_row(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone.jsonl")
    assert count_items([missing]) == 1
    assert _read([missing]) == 1


def test_count_items_nothing_given_is_zero() -> None:
    assert count_items([]) == 0


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.jsonl", b""),
        ("blank.jsonl", b"\n \n\t\n"),
        ("empty.warc", b""),
        ("noise.warc", b"\x00\x01 not an archive at all " * 50),
        ("noise.warc.gz", b"\x1f\x8b" + b"\x00\xff" * 300),
        ("text.warc.gz", gzip.compress(b"hello, not a WARC\n" * 20)),
        ("bytes.xml", b"\xff\xfe<rss><item>"),
        ("page.pdf", b"%PDF-1.7"),
        ("latin1.jsonl", b'{"text": "caf\xe9", "published": "2023-11-07"}\n'),
    ],
)
def test_count_items_odd_input_counts_one_and_never_fails(
    tmp_path: Path, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    # Each is one quarantine row for the reader.
    assert count_items([str(path)]) == 1
    assert _read([str(path)]) == 1


def test_count_items_cut_warc_counts_the_pages_before_the_cut(tmp_path: Path) -> None:
    whole = _write_warc(tmp_path / "whole.warc.gz", CRAWL, gzipped=True).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    counted = count_items([str(cut)])
    assert counted is not None
    assert 1 <= counted <= 3
