"""Detecting and resolving toponyms in parsed articles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from harmattan.geo import find_places
from harmattan.geo.gazetteer import Gazetteer
from harmattan.ingest import text_article
from harmattan.pipeline import Resources
from harmattan.records import Article, Place, Precision

AFRICA = (-35.0, 38.0, -26.0, 52.0)  # lat min, lat max, lon min, lon max
NAMED_OUTSIDE_AFRICA = frozenset({"FRA", "RUS", "USA"})


def places_in(text: str, resources: Resources, gazetteer: Gazetteer) -> tuple[Place, ...]:
    article = Article("test", dt.date(2023, 11, 7), text)
    return find_places(article, resources.nlp(text), gazetteer)


def place_for(places: tuple[Place, ...], text: str) -> Place:
    return next(p for p in places if p.text == text)


def test_find_places_niger_in_sahel_article_is_the_country(
    resources: Resources, gazetteer: Gazetteer
) -> None:
    places = places_in(
        "Jihadists attacked an army post in the Sahel. Niger said 12 soldiers died near Mali.",
        resources,
        gazetteer,
    )
    niger = place_for(places, "Niger")
    assert (niger.geonameid, niger.country, niger.precision) == (2440476, "NER", Precision.COUNTRY)
    assert place_for(places, "Sahel").precision == Precision.REGION


def test_find_places_town_comma_country_is_inside_it(
    resources: Resources, gazetteer: Gazetteer
) -> None:
    places = places_in("Soldiers were deployed to Agadez, Niger on Monday.", resources, gazetteer)
    agadez = place_for(places, "Agadez")
    assert (agadez.country, agadez.admin1) == ("NER", "Agadez")
    assert place_for(places, "Niger").geonameid == 2440476


def test_find_places_region_after_possessive_country(
    resources: Resources, gazetteer: Gazetteer
) -> None:
    places = places_in(
        "Gunmen killed villagers in Niger's Tillabéri region last week.", resources, gazetteer
    )
    region = place_for(places, "Tillabéri")
    assert (region.country, region.feature, region.precision) == ("NER", "admin1", Precision.ADMIN1)


@pytest.mark.parametrize(
    ("text", "country", "feature"),
    [
        ("Protesters gathered in Tbilisi, the capital of Georgia, and in Batumi.",
         "GEO", "country"),
        ("Storms hit Atlanta and Savannah, Georgia, and flooded roads in Alabama and Florida.",
         "USA", "admin1"),
    ],
)  # fmt: skip
def test_find_places_georgia_follows_the_context(
    resources: Resources, gazetteer: Gazetteer, text: str, country: str, feature: str
) -> None:
    georgia = place_for(places_in(text, resources, gazetteer), "Georgia")
    assert (georgia.country, georgia.feature) == (country, feature)


def test_find_places_niger_river_is_not_the_country(
    resources: Resources, gazetteer: Gazetteer
) -> None:
    places = places_in("Boats capsized on the Niger River near Niamey.", resources, gazetteer)
    river = next(p for p in places if "Niger" in p.text)
    assert river.feature == "water"
    assert river.geonameid != 2440476
    assert place_for(places, "Niamey").country == "NER"


def test_find_places_us_state_abbreviation_is_the_state(
    resources: Resources, gazetteer: Gazetteer
) -> None:
    places = places_in("The plant in Charleston, W.Va. closed on Friday.", resources, gazetteer)
    state = place_for(places, "W.Va.")
    assert (state.name, state.country, state.feature) == ("West Virginia", "USA", "admin1")
    assert place_for(places, "Charleston").admin1 == "West Virginia"


def test_find_places_seed_article(
    seed_path: Path, resources: Resources, gazetteer: Gazetteer
) -> None:
    article = text_article(seed_path.read_bytes(), None)
    places = find_places(article, resources.nlp(article.text), gazetteer)
    by_text = {(p.text, p.geonameid, p.country, p.feature) for p in places}
    assert ("Niger", 2440476, "NER", "country") in by_text
    assert ("Mali", 2453866, "MLI", "country") in by_text
    assert ("Russia", 2017370, "RUS", "country") in by_text
    assert all(article.text[p.start : p.end] == p.text for p in places)
    lat_min, lat_max, lon_min, lon_max = AFRICA
    outside = {
        p.country
        for p in places
        if p.lat is not None
        and p.lon is not None
        and not (lat_min <= p.lat <= lat_max and lon_min <= p.lon <= lon_max)
    }
    assert outside <= NAMED_OUTSIDE_AFRICA


def test_find_places_demonyms_are_listed_as_their_country(
    seed_path: Path, resources: Resources, gazetteer: Gazetteer
) -> None:
    article = text_article(seed_path.read_bytes(), None)
    places = find_places(article, resources.nlp(article.text), gazetteer)
    french = place_for(places, "French")
    assert (french.feature, french.country, french.precision) == (
        "demonym",
        "FRA",
        Precision.COUNTRY,
    )


def test_find_places_rejects_a_doc_of_another_text(
    resources: Resources, gazetteer: Gazetteer
) -> None:
    article = Article("a", dt.date(2023, 1, 1), "Niger.")
    with pytest.raises(ValueError, match="another text"):
        find_places(article, resources.nlp("Mali."), gazetteer)


def test_find_places_county_is_second_level_in_its_state(
    resources: Resources, gazetteer: Gazetteer
) -> None:
    places = places_in(
        "Deputies in Laurel County arrested two men near London, Kentucky.", resources, gazetteer
    )
    county = place_for(places, "Laurel County")
    assert (county.country, county.admin1, county.feature) == ("USA", "Kentucky", "admin2")
    assert county.precision is Precision.ADMIN2
    assert county.lat is not None
    assert county.lon is not None
    assert abs(county.lat - 37.1) < 0.5
    assert abs(county.lon + 84.1) < 0.5


def test_find_places_county_follows_the_state_the_article_names(
    resources: Resources, gazetteer: Gazetteer
) -> None:
    text = "Floods closed roads in Henry County. Officials in Georgia asked drivers to stay home."
    county = place_for(places_in(text, resources, gazetteer), "Henry County")
    assert (county.country, county.admin1) == ("USA", "Georgia")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Heavy rain flooded towns across Queensland on Sunday.", "Queensland", "AUS"),
        ("Wildfires forced evacuations in British Columbia.", "British Columbia", "CAN"),
        ("Gunmen attacked a village in Niger State overnight.", "Niger", "NGA"),
    ],
)  # fmt: skip
def test_find_places_first_level_regions_by_their_geonames_names(
    resources: Resources, gazetteer: Gazetteer, text: str, name: str, country: str
) -> None:
    (place,) = (p for p in places_in(text, resources, gazetteer) if p.feature == "admin1")
    assert (place.name, place.country, place.precision) == (name, country, Precision.ADMIN1)


def test_find_places_a_direction_word_alone_is_no_place(
    resources: Resources, gazetteer: Gazetteer
) -> None:
    places = places_in(
        "Delegates from Central and Western districts met in Kampala.", resources, gazetteer
    )
    assert [p.text for p in places] == ["Kampala"]


def test_find_places_a_person_named_like_a_region_is_no_place(
    resources: Resources, gazetteer: Gazetteer
) -> None:
    places = places_in("Officer Maria Flores said Flores had seen the car.", resources, gazetteer)
    assert places == ()
