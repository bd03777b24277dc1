"""`harmattan export`: every format over the real sample corpus, read back and checked."""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from harmattan.cli import sample_corpus
from harmattan.errors import HarmattanError
from harmattan.ingest import ReadOptions, read_sources
from harmattan.pipeline import Resources
from harmattan.service import ingest
from harmattan.store.db import Store
from harmattan.store.export import (
    GDELT_COLUMNS,
    ExportFormat,
    ExportResult,
    export_events,
    gdelt_event_id,
    geojson_point,
)
from harmattan.store.read import EventFilter, event_rows_sql, events_sql
from tests.cli_helpers import run_cli

PLACED = {"exact", "city", "admin2", "admin1", "country", "region"}
EXPORTS_DOC = Path(__file__).resolve().parents[2] / "src/harmattan/store/EXPORTS.md"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, resources: Resources, seed_path: Path) -> Path:
    """The sample corpus and the seed article (no url, no source), ingested once."""
    path = tmp_path_factory.mktemp("export") / "h.duckdb"
    sources = [str(sample_corpus()), str(seed_path)]
    with Store(path) as store:
        ingest(read_sources(sources, ReadOptions()), store, resources)
    return path


def _scalar_rows(db: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _ids(db: Path, sql: str = "SELECT id FROM events") -> set[str]:
    return {str(row[0]) for row in _scalar_rows(db, sql)}


def _export(db: Path, fmt: ExportFormat, path: Path, f: EventFilter | None = None) -> ExportResult:
    with Store(db, read_only=True) as store:
        return export_events(store, fmt, f or EventFilter(), path)


def _csv_ids(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as stream:
        return [row["event_id"] for row in csv.DictReader(stream)]


def _parquet_ids(path: Path) -> list[str]:
    con = duckdb.connect()
    try:
        return [str(i) for (i,) in con.execute(f"SELECT event_id FROM '{path}'").fetchall()]
    finally:
        con.close()


def _jsonl_ids(path: Path) -> list[str]:
    return [json.loads(line)["event_id"] for line in path.read_text("utf-8").splitlines()]


def _plover_ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text("utf-8").splitlines()]


def _gdelt_rows(path: Path) -> list[dict[str, str]]:
    lines = path.read_text("utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


def _gdelt_ids(path: Path) -> list[str]:
    return [row["HarmattanEventId"] for row in _gdelt_rows(path)]


def _event_and_role(party: tuple[Any, ...]) -> tuple[str, str]:
    # A stable sort on (event, role) keeps each event's parties in their stored order.
    return party[0], party[1]


READERS: dict[ExportFormat, Callable[[Path], list[str]]] = {
    ExportFormat.CSV: _csv_ids,
    ExportFormat.PARQUET: _parquet_ids,
    ExportFormat.JSONL: _jsonl_ids,
    ExportFormat.PLOVER: _plover_ids,
    ExportFormat.GDELT: _gdelt_ids,
}


@pytest.mark.parametrize("fmt", list(READERS))
def test_export_format_round_trips_every_event(db: Path, tmp_path: Path, fmt: ExportFormat) -> None:
    path = tmp_path / f"events.{fmt.value}"
    result = _export(db, fmt, path)
    ids = READERS[fmt](path)
    expected = _ids(db)
    assert result == ExportResult(written=len(expected), left_out=0)
    assert len(ids) == len(expected)
    assert set(ids) == expected


@pytest.mark.parametrize("fmt", list(READERS))
def test_export_format_applies_the_events_filter(
    db: Path, tmp_path: Path, fmt: ExportFormat
) -> None:
    query = EventFilter(country="NER", since=dt.date(2023, 7, 26))
    path = tmp_path / f"ner.{fmt.value}"
    result = _export(db, fmt, path, query)
    sql, params = events_sql(query)
    expected = [str(row[0]) for row in _scalar_rows(db, sql, params)]
    assert 0 < result.written < len(_ids(db))
    assert READERS[fmt](path) == expected


def test_export_limit_keeps_the_first_events_in_listing_order(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "first.csv"
    _export(db, ExportFormat.CSV, path, EventFilter(limit=5))
    sql, params = events_sql(EventFilter(limit=5))
    assert _csv_ids(path) == [str(row[0]) for row in _scalar_rows(db, sql, params)]


def test_export_csv_carries_parties_evidence_and_story(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    _export(db, ExportFormat.CSV, path)
    with path.open(encoding="utf-8", newline="") as stream:
        rows = {row["event_id"]: row for row in csv.DictReader(stream)}
    (event_id, country, sector, name, story_id, sentence) = _scalar_rows(
        db,
        """
        SELECT e.id, p.country, p.sector, p.name, m.story_id,
               substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)
        FROM events e JOIN articles a ON a.id = e.article_id
        JOIN event_participants p ON p.event_id = e.id AND p.role = 'actor' AND p.idx = 0
        JOIN story_mentions m ON m.event_id = e.id
        WHERE p.sector IS NOT NULL AND NOT EXISTS (SELECT 1 FROM event_participants q
              WHERE q.event_id = e.id AND q.role = 'actor' AND q.idx > 0)
        ORDER BY e.id LIMIT 1
        """,
    )[0]
    row = rows[event_id]
    assert row["actor_codes"] == f"{country} {sector}"
    assert row["actor_names"] == name
    assert row["story_id"] == story_id
    assert row["evidence"] == sentence


def test_export_jsonl_nests_actors_and_recipients(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    _export(db, ExportFormat.JSONL, path)
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    parties = _scalar_rows(
        db,
        "SELECT event_id, role, actor_id, country, sector, text FROM event_participants "
        "ORDER BY event_id, role, idx",
    )
    exported = sorted(
        (
            (r["event_id"], role, p["id"], p["country"], p["sector"], p["text"])
            for r in records
            for role, key in (("actor", "actors"), ("recipient", "recipients"))
            for p in r[key]
        ),
        key=_event_and_role,
    )
    assert exported == parties


def test_export_geojson_is_a_valid_feature_collection(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.geojson"
    _export(db, ExportFormat.GEOJSON, path)
    collection = json.loads(path.read_text("utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert collection["features"]
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert all(isinstance(v, float) and math.isfinite(v) for v in (lon, lat))
        assert -180 <= lon <= 180
        assert -90 <= lat <= 90
        properties = feature["properties"]
        assert isinstance(properties, dict)
        assert properties["event_id"] == feature["id"]
        assert (properties["location_lon"], properties["location_lat"]) == (lon, lat)
        assert properties["location_precision"] in PLACED


def test_export_geojson_leaves_out_and_counts_events_without_coordinates(
    db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "events.geojson"
    result = _export(db, ExportFormat.GEOJSON, path)
    placed = _ids(db, "SELECT id FROM events WHERE location_lat IS NOT NULL")
    unplaced = _ids(db, "SELECT id FROM events WHERE location_lat IS NULL")
    ids = [f["id"] for f in json.loads(path.read_text("utf-8"))["features"]]
    assert unplaced, "the corpus should have events the text does not place"
    assert len(ids) == len(placed)
    assert set(ids) == placed
    assert result == ExportResult(written=len(placed), left_out=len(unplaced))


@pytest.mark.parametrize(
    ("lon", "lat", "point"),
    [
        (2.0, 46.0, [2.0, 46.0]),
        (-180.0, 90.0, [-180.0, 90.0]),
        (None, 46.0, None),
        (2.0, None, None),
        (float("nan"), 46.0, None),
        (2.0, float("inf"), None),
        (181.0, 0.0, None),
        (0.0, -90.5, None),
    ],
)
def test_geojson_point_keeps_only_finite_coordinates_in_range(
    lon: float | None, lat: float | None, point: list[float] | None
) -> None:
    assert geojson_point(lon, lat) == point


def test_export_plover_records_use_the_manual_field_names(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.plover"
    _export(db, ExportFormat.PLOVER, path)
    records = {r["id"]: r for r in map(json.loads, path.read_text("utf-8").splitlines())}
    events = _scalar_rows(
        db,
        "SELECT e.id, e.type, e.mode, e.contexts, e.quad_class, e.score, e.trigger_text, "
        "coalesce(e.date_start, e.date_end, a.published), e.location_country, m.story_id "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN story_mentions m ON m.event_id = e.id",
    )
    for event_id, type_, mode, contexts, quad, score, trigger, day, country, story in events:
        record = records[event_id]
        assert record["event"] == [type_]
        assert record["mode"] == mode
        assert record["context"] == contexts
        assert (record["quad_code"], record["event_scale"]) == (quad, score)
        assert record["event_text"] == [trigger]
        assert record["date"] == day.isoformat()
        assert record["link"] == story
        assert (record["event_loc"] or {}).get("cc3") == country


def test_export_plover_source_and_recipient_carry_codes_and_sectors(
    db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "events.plover"
    _export(db, ExportFormat.PLOVER, path)
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    exported = sorted(
        (
            (r["id"], role, a["identifier_id"], a["code"], a["sector"], a["actor_text"])
            for r in records
            for role, key in (("actor", "source"), ("recipient", "recipient"))
            for a in r[key]
        ),
        key=_event_and_role,
    )
    stored = _scalar_rows(
        db,
        "SELECT event_id, role, actor_id, country, sector, text FROM event_participants "
        "ORDER BY event_id, role, idx",
    )
    assert exported == stored


def test_export_plover_text_is_the_evidence_sentence_at_its_offsets(
    db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "events.plover"
    _export(db, ExportFormat.PLOVER, path)
    texts = dict(_scalar_rows(db, "SELECT id, text FROM articles"))
    for record in map(json.loads, path.read_text("utf-8").splitlines()):
        article = texts[record["cite_info"]["citation"]]
        span = record["text_info"]
        assert article[span["start"] : span["end"]] == record["text"]


def test_export_gdelt_has_the_documented_header(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    _export(db, ExportFormat.GDELT, path)
    header = path.read_text("utf-8").splitlines()[0].split("\t")
    assert header == _documented_columns("gdelt")
    assert header[:2] == ["GLOBALEVENTID", "SQLDATE"]
    assert header[60] == "SOURCEURL"


def test_export_gdelt_ids_are_integers_derived_from_event_ids(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    _export(db, ExportFormat.GDELT, path)
    rows = _gdelt_rows(path)
    ids = [row["GLOBALEVENTID"] for row in rows]
    assert all(re.fullmatch(r"[0-9]+", i) for i in ids)
    assert len(set(ids)) == len(ids)
    assert all(int(r["GLOBALEVENTID"]) == gdelt_event_id(r["HarmattanEventId"]) for r in rows)
    assert max(int(i) for i in ids) < 2**53


def test_export_gdelt_sqldate_is_the_event_day_as_yyyymmdd(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    _export(db, ExportFormat.GDELT, path)
    days = dict(
        _scalar_rows(
            db,
            "SELECT e.id, coalesce(e.date_end, e.date_start, a.published) "
            "FROM events e JOIN articles a ON a.id = e.article_id",
        )
    )
    for row in _gdelt_rows(path):
        assert re.fullmatch(r"(19|20)[0-9]{6}", row["SQLDATE"])
        day = dt.datetime.strptime(row["SQLDATE"], "%Y%m%d").date()
        assert day == days[row["HarmattanEventId"]]
        assert row["MonthYear"] == row["SQLDATE"][:6]
        assert row["Year"] == row["SQLDATE"][:4]
        assert re.fullmatch(r"[0-9]{8}000000", row["DATEADDED"])


def test_export_gdelt_codes_scores_and_places(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    _export(db, ExportFormat.GDELT, path)
    rows = {r["HarmattanEventId"]: r for r in _gdelt_rows(path)}
    stored = _scalar_rows(
        db,
        "SELECT id, cameo_root, quad_class, score, location_precision, location_country "
        "FROM events",
    )
    for event_id, root, quad, score, precision, country in stored:
        row = rows[event_id]
        assert row["EventRootCode"] == root
        assert row["EventBaseCode"] == row["EventCode"] == f"{root}0"
        assert row["QuadClass"] == str(quad)
        assert float(row["GoldsteinScale"]) == pytest.approx(score)
        assert row["AvgTone"] == ""
        assert row["Actor1Geo_Type"] == row["Actor2Geo_Type"] == "0"
        if precision == "country":
            assert row["ActionGeo_Type"] == "1"
            assert re.fullmatch(r"[A-Z]{2}", row["ActionGeo_CountryCode"])
        elif precision == "unknown":
            assert (row["ActionGeo_Type"], row["ActionGeo_Lat"]) == ("0", "")
        if country == "NER":
            assert row["ActionGeo_CountryCode"] == "NG"  # FIPS 10-4, not ISO


def test_export_gdelt_counts_mentions_and_sources_of_the_story(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    _export(db, ExportFormat.GDELT, path)
    rows = _gdelt_rows(path)
    stories = {
        str(story_id): (mentions, sources)
        for story_id, mentions, sources in _scalar_rows(
            db, "SELECT id, mentions, sources FROM stories"
        )
    }
    assert any(int(r["NumSources"]) > 1 for r in rows)
    for row in rows:
        mentions, sources = stories[row["HarmattanStoryId"]]
        assert (int(row["NumMentions"]), int(row["NumSources"])) == (mentions, sources)
        assert 1 <= int(row["NumArticles"]) <= mentions


def test_export_gdelt_fields_never_hold_tabs_or_line_breaks(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    _export(db, ExportFormat.GDELT, path)
    lines = path.read_text("utf-8").splitlines()
    assert len(lines) == len(_ids(db)) + 1
    assert {line.count("\t") for line in lines} == {len(GDELT_COLUMNS) - 1}


def test_export_parquet_keeps_lists_and_dates_typed(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    _export(db, ExportFormat.PARQUET, path)
    con = duckdb.connect()
    try:
        described = con.execute(f"SELECT column_name, column_type FROM (DESCRIBE '{path}')")
        types = dict(described.fetchall())
    finally:
        con.close()
    assert types["actor_codes"] == "VARCHAR[]"
    assert types["published"] == "DATE"
    assert types["location_lat"] == "DOUBLE"


def test_export_to_a_missing_folder_raises_and_writes_nothing(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "missing" / "events.csv"
    with pytest.raises(HarmattanError, match="does not exist"):
        _export(db, ExportFormat.CSV, path)
    assert not path.parent.exists()


def test_export_replaces_an_old_file_and_leaves_no_partial_file(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text("stale\n", encoding="utf-8")
    _export(db, ExportFormat.JSONL, path)
    assert "stale" not in path.read_text("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.jsonl"]


def test_event_rows_sql_has_one_row_per_event(db: Path) -> None:
    sql, params = event_rows_sql(EventFilter())
    rows = _scalar_rows(db, sql, params)
    assert len(rows) == len(_ids(db))


def _documented_columns(heading: str) -> list[str]:
    section = EXPORTS_DOC.read_text("utf-8").split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([A-Za-z0-9_ ]+)` \|", section, flags=re.MULTILINE)


def test_exports_doc_describes_every_format() -> None:
    headings = re.findall(r"^## (\w+)", EXPORTS_DOC.read_text("utf-8"), flags=re.MULTILINE)
    assert {f.value for f in ExportFormat} <= set(headings)


def test_exports_doc_lists_every_csv_column_in_order(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    _export(db, ExportFormat.CSV, path)
    header = path.read_text("utf-8").splitlines()[0].split(",")
    assert _documented_columns("csv") == header


@pytest.mark.slow
def test_export_cli_writes_the_file_and_says_how_many(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.geojson"
    done = run_cli("export", "--format", "geojson", "--output", str(path), "--db", str(db))
    placed = _ids(db, "SELECT id FROM events WHERE location_lat IS NOT NULL")
    unplaced = _ids(db, "SELECT id FROM events WHERE location_lat IS NULL")
    assert done.returncode == 0, done.stderr
    assert f"wrote {len(placed)} events to {path}" in done.stderr
    assert f"left out {len(unplaced)} events without coordinates" in done.stderr
    assert len(json.loads(path.read_text("utf-8"))["features"]) == len(placed)


@pytest.mark.slow
def test_export_cli_filters_like_events(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "sanctions.tsv"
    done = run_cli(
        "export", "--format", "gdelt", "--type", "sanction", "--output", str(path),
        "--db", str(db),
    )  # fmt: skip
    expected = _ids(db, "SELECT id FROM events WHERE type = 'SANCTION'")
    assert done.returncode == 0, done.stderr
    assert f"wrote {len(expected)} events to {path}" in done.stderr
    assert set(_gdelt_ids(path)) == expected


@pytest.mark.slow
def test_export_cli_needs_an_output_file(db: Path) -> None:
    done = run_cli("export", "--format", "csv", "--db", str(db))
    assert done.returncode == 2
    assert "Missing option '--output'" in done.stderr
