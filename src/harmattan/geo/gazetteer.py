"""The gazetteer: places by name, read from the index that `harmattan.geo.build` compiles.

Build it once per process with `Gazetteer.load()` and pass it to `find_places`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harmattan.errors import HarmattanError
from harmattan.memo import BoundedMemo
from harmattan.text import fold, surface_form

INDEX_NAME = "gazetteer.sqlite3"
_INITIAL_DOT = re.compile(r"(?<!\w)(\w)\.")
FORMAT_VERSION = 3

FEATURE_COUNTRY = "country"
FEATURE_ADMIN1 = "admin1"
FEATURE_ADMIN2 = "admin2"
FEATURE_CITY = "city"
FEATURE_CONTINENT = "continent"
FEATURE_REGION = "region"
FEATURE_WATER = "water"

ENGLISH = "en"
"""The language of the gazetteer's own names; other languages' names are in `exonyms`."""

MEMO_CAP = 2**13
"""Names (and capital flags) a `Gazetteer` remembers: about 500 bytes a name, 4 MB full.

The resolver asks for every capitalized phrase, number and duration, so the names
asked grow with the feed: the 42 sample articles ask 460. The places a feed keeps
naming are a few hundred to a few thousand; 8,192 holds them several times over,
and a name forgotten costs one indexed query (about 40 µs) to read again.
"""


class GazetteerError(HarmattanError):
    """The gazetteer index is missing, unreadable or from another format version."""


class UnknownPlaceError(GazetteerError, KeyError):
    """A country code the gazetteer does not hold."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place: GeoNames id (negative for places GeoNames data here does not number)."""

    geonameid: int
    name: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    feature: str
    population: int


def name_key(name: str) -> str:
    """A name as looked up: folded case and accents, no leading "the", possessive or dots.

    Initials close up ("U.S." and "US", "W.Va." and "WVa"); other dots separate words.
    """
    folded = _INITIAL_DOT.sub(r"\1", fold(surface_form(name)))
    return " ".join(folded.replace(".", " ").split())


class Gazetteer:
    """Countries, first-level regions, towns, regions and water bodies, looked up by name.

    Reads the SQLite index that `python -m harmattan.geo.build` writes; only the countries
    and the answers for recently asked names are held in memory, every other lookup is one
    indexed query.
    """

    def __init__(self, db: sqlite3.Connection, origin: str, memo_cap: int = MEMO_CAP) -> None:
        self._db = db
        self._origin = origin
        rows = db.execute(f"SELECT {_COLUMNS} FROM entries WHERE feature = ?", (FEATURE_COUNTRY,))
        self._countries = {e.country: e for e in map(_entry, rows) if e.country}
        # The same few hundred names recur across a feed; each is read from disk once
        # while it keeps recurring.
        self._matches: BoundedMemo[str, tuple[tuple[GazetteerEntry, bool], ...]] = BoundedMemo(
            memo_cap
        )
        self._capitals: BoundedMemo[int, bool] = BoundedMemo(memo_cap)
        self._exonyms: BoundedMemo[tuple[str, str], tuple[tuple[GazetteerEntry, bool], ...]] = (
            BoundedMemo(memo_cap)
        )

    @classmethod
    def load(cls, path: Path | None = None, *, memo_cap: int = MEMO_CAP) -> Gazetteer:
        """Open the built index (by default the one beside this module), read-only.

        It remembers the answers for `memo_cap` names and as many capital flags.
        """
        source = path if path is not None else Path(__file__).resolve().parent / INDEX_NAME
        if not source.is_file():
            raise GazetteerError(
                f"the gazetteer index {source} is missing: run `make demo` "
                "or `python -m harmattan.geo.build` to build it"
            )
        try:
            db = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True, check_same_thread=False)
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as error:
            raise GazetteerError(
                f"the gazetteer index {source} is unreadable ({error}): "
                "rebuild it with `python -m harmattan.geo.build`"
            ) from None
        if meta.get("format") != str(FORMAT_VERSION):
            db.close()
            raise GazetteerError(
                f"the gazetteer index {source} has format {meta.get('format')!r}, this harmattan "
                f"reads {FORMAT_VERSION}: rebuild it with `python -m harmattan.geo.build`"
            )
        return cls(db, str(source), memo_cap)

    def close(self) -> None:
        """Close the index file."""
        self._db.close()

    def candidates(self, name: str, language: str = ENGLISH) -> tuple[GazetteerEntry, ...]:
        """Every place called `name` (or one of its alternate names), most likely first.

        Without context: places whose own name it is before those it is an alternate name
        of; then countries, continents, regions and water bodies, first-level regions, and
        towns by population. In another language, see `matches`.
        """
        return tuple(entry for entry, _ in self.matches(name, language))

    def matches(
        self, name: str, language: str = ENGLISH
    ) -> tuple[tuple[GazetteerEntry, bool], ...]:
        """`candidates(name)`, each with whether `name` is only an alternate name of it.

        With another `language` ("fr"), a name our exonym list gives for that language
        ("Algérie", "fleuve Niger") means only the entries it lists, as own names; any
        other name is looked up as in English ("Niger", "Niamey").
        """
        key = name_key(name)
        if language != ENGLISH:
            local = self._exonyms.get((language, key))
            if local is None:
                rows = self._db.execute(_BY_EXONYM, (language, key)).fetchall()
                local = tuple((_entry(row), False) for row in rows)
                self._exonyms.put((language, key), local)
            if local:
                return local
        found = self._matches.get(key)
        if found is None:
            rows = self._db.execute(_BY_NAME, (key,)).fetchall()
            found = tuple((_entry(row), bool(row[-1])) for row in rows)
            self._matches.put(key, found)
        return found

    def country(self, iso3: str) -> GazetteerEntry:
        """The country with ISO 3166 alpha-3 code `iso3`."""
        try:
            return self._countries[iso3.upper()]
        except KeyError:
            raise UnknownPlaceError(
                f"the gazetteer has no country {iso3!r}; use an ISO 3166 alpha-3 code such as 'NER'"
            ) from None

    def has_country(self, iso3: str) -> bool:
        """Whether the gazetteer holds a country with code `iso3`."""
        return iso3.upper() in self._countries

    def is_capital(self, entry: GazetteerEntry) -> bool:
        """Whether `entry` is its country's capital."""
        capital = self._capitals.get(entry.geonameid)
        if capital is None:
            row = self._db.execute(
                "SELECT capital FROM entries WHERE geonameid = ? LIMIT 1", (entry.geonameid,)
            ).fetchone()
            capital = bool(row and row[0])
            self._capitals.put(entry.geonameid, capital)
        return capital


_COLUMNS = "geonameid, name, country, admin1, lat, lon, feature, population"
_BY_NAME = (
    "SELECT e.geonameid, e.name, e.country, e.admin1, e.lat, e.lon, e.feature, e.population,"
    " n.alternate FROM names n JOIN entries e ON e.row = n.entry WHERE n.key = ? ORDER BY n.rank"
)
_BY_EXONYM = (
    "SELECT e.geonameid, e.name, e.country, e.admin1, e.lat, e.lon, e.feature, e.population"
    " FROM exonyms x JOIN entries e ON e.row = x.entry WHERE x.language = ? AND x.key = ?"
    " ORDER BY x.rank"
)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entries (
    row INTEGER PRIMARY KEY, geonameid INTEGER NOT NULL, name TEXT NOT NULL, country TEXT,
    admin1 TEXT, lat REAL NOT NULL, lon REAL NOT NULL, feature TEXT NOT NULL,
    population INTEGER NOT NULL, capital INTEGER NOT NULL
);
CREATE INDEX entries_geonameid ON entries (geonameid);
CREATE TABLE names (
    key TEXT NOT NULL, rank INTEGER NOT NULL, entry INTEGER NOT NULL, alternate INTEGER NOT NULL,
    PRIMARY KEY (key, rank)
) WITHOUT ROWID;
CREATE TABLE exonyms (
    language TEXT NOT NULL, key TEXT NOT NULL, rank INTEGER NOT NULL, entry INTEGER NOT NULL,
    PRIMARY KEY (language, key, rank)
) WITHOUT ROWID;
"""
"""The index's tables: entries, names (folded keys) ranked by the no-context prior, and
other languages' names of entries (`geo/data/exonyms_*.json`), ranked the same way."""


def _entry(row: Sequence[Any]) -> GazetteerEntry:
    return GazetteerEntry(*row[:8])
