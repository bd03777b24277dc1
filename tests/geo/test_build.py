"""The gazetteer index is compiled from package data, deterministically."""

from __future__ import annotations

import dataclasses
import json
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


def test_build_same_sources_give_same_bytes(sources: Sources, tmp_path: Path) -> None:
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    write_index(build_index(sources), first)
    write_index(build_index(sources), second)
    assert first.read_bytes() == second.read_bytes()
    assert first.stat().st_size > 100_000


def test_build_slice_loads_with_real_country_ids(sources: Sources, tmp_path: Path) -> None:
    path = tmp_path / "slice.sqlite3"
    write_index(build_index(sources), path)
    gazetteer = Gazetteer.load(path)
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
