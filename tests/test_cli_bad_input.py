"""`harmattan ingest` of good articles beside every input that once broke a batch: the
run succeeds, the good articles are stored, each bad input is one quarantine row."""

from __future__ import annotations

import io
import json
from pathlib import Path

import duckdb
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from harmattan.cli import sample_corpus
from tests.cli_helpers import run_cli


def _page(title: str, body: str) -> bytes:
    return (
        f"<html><head><title>{title}</title>"
        '<meta property="article:published_time" content="2023-11-07"></head>'
        f"<body><article><p>{body}</p></article></body></html>"
    ).encode()


def _warc(pages: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, page in pages:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(page), http_headers=headers
            )
        )
    return out.getvalue()


def _line(text: str, published: str) -> bytes:
    return json.dumps({"text": text, "published": published, "source": "Probe"}).encode()


def _bad_inputs(folder: Path) -> dict[str, str]:
    """Write each input that once broke a batch; file name → what its reason says."""
    folder.mkdir()
    (folder / "deep.jsonl").write_bytes(b"[" * 10_000 + b"]" * 10_000 + b"\n")
    (folder / "late.jsonl").write_bytes(_line("The junta will answer next month.", "9999-12-31"))
    (folder / "early.jsonl").write_bytes(_line("Troops left the capital yesterday.", "0001-01-01"))
    (folder / "empty.jsonl").write_bytes(b"")
    valid = [_line(f"Farmers in Maradi protested on day {n}.", "2023-11-07") for n in (1, 2, 3)]
    (folder / "byte.jsonl").write_bytes(
        b"\n".join([valid[0], valid[1], b'{"text": "\xff"}', valid[2]])
    )
    intact = _page("Border", "Benin reopened its border with Niger on Monday, officials said.")
    cut = _page("Airspace", "Niger's junta closed the country's airspace to French aircraft. " * 20)
    archive = _warc([("https://sahel.example/border", intact), ("https://sahel.example/air", cut)])
    (folder / "cut.warc.gz").write_bytes(archive[: len(archive) - 300])
    return {
        "deep.jsonl": "nested",
        "late.jsonl": "year",
        "early.jsonl": "year",
        "empty.jsonl": "empty input",
        "byte.jsonl": "UTF-8",
        "cut.warc.gz": "truncated",
    }


def test_ingest_beside_every_bad_input_stores_the_good_and_quarantines_each_bad_once(
    tmp_path: Path,
) -> None:
    good = tmp_path / "good.jsonl"
    good.write_bytes(b"".join(sample_corpus().read_bytes().splitlines(keepends=True)[:10]))
    expected = _bad_inputs(tmp_path / "bad")
    db = tmp_path / "h.duckdb"
    paths = [str(good), *sorted(str(p) for p in (tmp_path / "bad").iterdir())]
    done = run_cli("ingest", "--db", str(db), *paths)
    assert done.returncode == 0, done.stderr
    # 10 good articles, the 3 valid lines beside the bad byte, the intact WARC record.
    assert done.stderr.startswith("14 ingested, 0 already known, 6 quarantined"), done.stderr
    again = run_cli("ingest", "--db", str(db), *paths)
    assert again.stderr.startswith("0 ingested, 14 already known, 6 quarantined"), again.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT origin, location, reason FROM quarantine").fetchall()
        stored = con.execute("SELECT count(*) FROM articles").fetchone()
        farmers = con.execute("SELECT count(*) FROM articles WHERE text LIKE 'Farmers%'").fetchone()
    assert stored == (14,)
    assert farmers == (3,)
    by_file = {Path(origin).name: (location, reason) for origin, location, reason in rows}
    assert len(rows) == len(by_file) == 6
    for name, says in expected.items():
        assert says in by_file[name][1], (name, by_file[name])
    assert by_file["byte.jsonl"][0] == "line 3"


def test_two_different_bad_bodies_failing_alike_at_the_same_line_are_two_rows(
    tmp_path: Path,
) -> None:
    db = tmp_path / "h.duckdb"
    good = _line("Niger closed its airspace.", "2023-08-01")
    for undated in (b'{"text": "first undated report"}', b'{"text": "second undated report"}'):
        done = run_cli("ingest", "--db", str(db), "-", stdin=good + b"\n" + undated + b"\n")
        assert done.returncode == 0, done.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT location, excerpt FROM quarantine ORDER BY excerpt").fetchall()
    assert [location for location, _ in rows] == ["line 2", "line 2"]
    assert "first undated" in rows[0][1]
    assert "second undated" in rows[1][1]
