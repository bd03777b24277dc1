"""The gazetteer index is compiled from package data, deterministically."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from harmattan.geo.build import Sources, build_index, load_sources, write_index
from harmattan.geo.gazetteer import Gazetteer, GazetteerError

SLICE = frozenset({"NE", "ML", "GE", "US"})


@pytest.fixture(scope="module")
def sources() -> Sources:
    """The real sources, cut down to a few countries so that a build takes a second."""
    full = load_sources()
    return dataclasses.replace(
        full,
        countries={k: v for k, v in full.countries.items() if k in SLICE},
        cities={k: v for k, v in full.cities.items() if v["countrycode"] in SLICE},
        subdivisions=[s for s in full.subdivisions if s.code[:2] in SLICE],
    )


@pytest.fixture(scope="module")
def slice_index(sources: Sources, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The slice's index, built once for the tests that only read it."""
    path = tmp_path_factory.mktemp("gazetteer") / "slice.sqlite3"
    write_index(build_index(sources), path)
    return path


def test_build_same_sources_give_same_bytes(sources: Sources, tmp_path: Path) -> None:
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    write_index(build_index(sources), first)
    write_index(build_index(sources), second)
    assert first.read_bytes() == second.read_bytes()
    assert first.stat().st_size > 100_000


def test_build_slice_loads_with_real_country_ids(slice_index: Path) -> None:
    gazetteer = Gazetteer.load(slice_index)
    try:
        assert gazetteer.candidates("Niger")[0].geonameid == 2440476
        assert gazetteer.country("mli").geonameid == 2453866
        agadez = {(e.feature, e.country) for e in gazetteer.candidates("Agadez")}
        assert agadez == {("admin1", "NER"), ("city", "NER")}
    finally:
        gazetteer.close()


def test_build_country_points_lie_in_their_countries(sources: Sources) -> None:
    full = load_sources()
    by_iso3 = {c["iso3"]: a2 for a2, c in full.countries.items()}
    towns: dict[str, list[tuple[float, float]]] = {}
    for city in full.cities.values():
        towns.setdefault(city["countrycode"], []).append((city["latitude"], city["longitude"]))
    outside = []
    for code, (lat, lon) in full.country_points.items():
        points = towns[by_iso3[code]]
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        margin = 3.0  # degrees: a centre may lie in empty land beyond the last town
        if not (min(lats) - margin <= lat <= max(lats) + margin) or not (
            min(lons) - margin <= lon <= max(lons) + margin
        ):
            outside.append(code)
    assert outside == []


def test_build_regions_file_is_well_formed() -> None:
    path = Path(__file__).parents[2] / "src" / "harmattan" / "geo" / "data" / "regions.json"
    places = json.loads(path.read_text(encoding="utf-8"))["places"]
    features = {p["feature"] for p in places}
    assert features == {"region", "water"}
    assert {"Sahel", "West Africa", "Lake Chad", "Niger River"} <= {p["name"] for p in places}
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places)


def test_gazetteer_load_missing_index_says_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match=r"python -m harmattan\.geo\.build"):
        Gazetteer.load(tmp_path / "nothing.sqlite3")


def test_build_every_town_region_is_a_first_level_entry(sources: Sources, tmp_path: Path) -> None:
    path = tmp_path / "slice.sqlite3"
    write_index(build_index(sources), path)
    with closing(sqlite3.connect(path)) as db:
        orphans = db.execute(
            "SELECT DISTINCT c.country, c.admin1 FROM entries c WHERE c.feature IN "
            "('city', 'admin2') AND c.admin1 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entries r"
            " WHERE r.feature = 'admin1' AND r.country = c.country AND r.name = c.admin1)"
        ).fetchall()
        regions = db.execute(
            "SELECT count(*) FROM entries WHERE feature = 'admin1' AND country = 'NER'"
        ).fetchone()
    assert orphans == []
    assert regions == (8,)  # Niger's seven regions and the capital district


def test_build_counties_come_with_their_state_and_point(sources: Sources, tmp_path: Path) -> None:
    path = tmp_path / "slice.sqlite3"
    write_index(build_index(sources), path)
    gazetteer = Gazetteer.load(path)
    try:
        (county,) = gazetteer.candidates("Rapides Parish")
        kanawha = gazetteer.matches("Kanawha")
    finally:
        gazetteer.close()
    assert (county.feature, county.country, county.admin1) == ("admin2", "USA", "Louisiana")
    assert abs(county.lat - 31.2) < 0.5
    assert abs(county.lon + 92.5) < 0.5
    # A bare county name is an alternate name: a town that bears it comes first.
    assert ("Kanawha County", True) in {(e.name, alternate) for e, alternate in kanawha}
