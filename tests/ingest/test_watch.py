"""Watching folders: new files and new lines are read once, unfinished files never."""

from __future__ import annotations

import json
import os
from pathlib import Path

from harmattan.ingest import ReadOptions
from harmattan.ingest.watch import FolderWatch
from harmattan.records import Article, Quarantined


def _line(n: int) -> bytes:
    text = f"Protesters marched in Niamey on day {n} of the strike."
    return json.dumps({"text": text, "published": f"2023-08-0{n % 9 + 1}"}).encode()


def _texts(items: list[Article | Quarantined]) -> list[str]:
    return [i.text for i in items if isinstance(i, Article)]


def test_a_new_json_lines_file_is_read_once_and_its_new_lines_only(tmp_path: Path) -> None:
    watch = FolderWatch([tmp_path], ReadOptions())
    assert watch.poll() == []
    feed = tmp_path / "wire.jsonl"
    feed.write_bytes(_line(1) + b"\n" + _line(2) + b"\n")
    assert len(_texts(watch.poll())) == 2
    assert watch.poll() == []
    with feed.open("ab") as f:
        f.write(_line(3) + b"\n" + _line(4)[:20])  # the fourth line is being written
    third = watch.poll()
    assert _texts(third) == ["Protesters marched in Niamey on day 3 of the strike."]
    with feed.open("ab") as f:
        f.write(_line(4)[20:] + b"\n")
    assert _texts(watch.poll()) == ["Protesters marched in Niamey on day 4 of the strike."]


def test_a_replaced_json_lines_file_is_read_from_its_start(tmp_path: Path) -> None:
    watch = FolderWatch([tmp_path], ReadOptions())
    feed = tmp_path / "wire.jsonl"
    feed.write_bytes(_line(1) + b"\n")
    assert len(_texts(watch.poll())) == 1
    fresh = tmp_path / "next.tmp"
    fresh.write_bytes(_line(5) + b"\n" + _line(6) + b"\n")
    os.replace(fresh, feed)
    assert len(_texts(watch.poll())) == 2


def test_unfinished_and_hidden_files_are_never_read(tmp_path: Path) -> None:
    watch = FolderWatch([tmp_path], ReadOptions())
    for name in ("wire.jsonl.part", ".wire.jsonl", "wire.jsonl.tmp", "wire.jsonl~"):
        (tmp_path / name).write_bytes(_line(1) + b"\n")
    assert watch.poll() == []
    assert watch.poll() == []


def test_another_file_is_read_once_it_stops_changing(tmp_path: Path) -> None:
    watch = FolderWatch([tmp_path], ReadOptions())
    report = tmp_path / "report.txt"
    report.write_text("date 2023-08-01\n\nNiger closed its airspace.", encoding="utf-8")
    assert watch.poll() == []  # just landed: maybe still being copied
    (item,) = watch.poll()
    assert isinstance(item, Article)
    assert item.text == "Niger closed its airspace."
    assert watch.poll() == []
    report.write_text("date 2023-08-02\n\nMali closed its airspace.", encoding="utf-8")
    assert watch.poll() == []
    assert _texts(watch.poll()) == ["Mali closed its airspace."]


def test_a_single_feed_file_can_be_watched(tmp_path: Path) -> None:
    feed = tmp_path / "wire.jsonl"
    feed.write_bytes(_line(1) + b"\n")
    (tmp_path / "other.jsonl").write_bytes(_line(2) + b"\n")
    watch = FolderWatch([feed], ReadOptions())
    assert _texts(watch.poll()) == ["Protesters marched in Niamey on day 1 of the strike."]


def test_an_unreadable_file_is_one_quarantine_row_and_the_others_are_read(
    tmp_path: Path,
) -> None:
    # /proc/self/mem lists as a file but cannot be read from its start, even by root.
    (tmp_path / "a-broken.txt").symlink_to("/proc/self/mem")
    (tmp_path / "b-wire.jsonl").write_bytes(_line(1) + b"\n")
    watch = FolderWatch([tmp_path], ReadOptions())
    first = watch.poll()
    assert _texts(first) == ["Protesters marched in Niamey on day 1 of the strike."]
    (broken,) = watch.poll()
    assert isinstance(broken, Quarantined)
    assert (broken.location, broken.reason) == ("file", "cannot read file: Input/output error")
    assert watch.poll() == []
