"""Looking places up in the built gazetteer."""

from __future__ import annotations

import time

import pytest

from harmattan.geo.gazetteer import Gazetteer, UnknownPlaceError, name_key


def test_gazetteer_niger_is_the_country_first(gazetteer: Gazetteer) -> None:
    first = gazetteer.candidates("Niger")[0]
    assert (first.geonameid, first.feature, first.country) == (2440476, "country", "NER")


def test_gazetteer_country_has_real_geonames_id(gazetteer: Gazetteer) -> None:
    mali = gazetteer.country("MLI")
    assert (mali.geonameid, mali.name, mali.lat, mali.lon) == (2453866, "Mali", 17.0, -4.0)


def test_gazetteer_country_unknown_code_says_what_to_use(gazetteer: Gazetteer) -> None:
    with pytest.raises(UnknownPlaceError, match="alpha-3"):
        gazetteer.country("XXX")


@pytest.mark.parametrize(
    ("name", "feature", "country"),
    [
        ("Georgia", "country", "GEO"),
        ("U.S.", "country", "USA"),
        ("Tillabéri", "admin1", "NER"),
        ("Tillaberi", "admin1", "NER"),
        ("Sahel", "region", None),
        ("Lake Chad", "water", None),
        ("the Niger River", "water", None),
        ("Africa", "continent", None),
    ],
)
def test_gazetteer_candidates_first_without_context(
    gazetteer: Gazetteer, name: str, feature: str, country: str | None
) -> None:
    first = gazetteer.candidates(name)[0]
    assert (first.feature, first.country) == (feature, country)


def test_gazetteer_candidates_include_every_sense(gazetteer: Gazetteer) -> None:
    senses = {(e.feature, e.country) for e in gazetteer.candidates("Georgia")}
    assert {("country", "GEO"), ("admin1", "USA")} <= senses


def test_gazetteer_city_carries_its_region(gazetteer: Gazetteer) -> None:
    agadez = next(e for e in gazetteer.candidates("Agadez") if e.feature == "city")
    assert (agadez.country, agadez.admin1) == ("NER", "Agadez")
    assert agadez.population > 100_000


def test_gazetteer_name_key_folds_case_accents_and_dots() -> None:
    assert name_key("the U.S.") == name_key("US") == "us"
    assert name_key("Tillabéri’s") == "tillaberi"


def test_gazetteer_lookup_under_a_millisecond(gazetteer: Gazetteer) -> None:
    names = ["Niger", "Paris", "Springfield", "Agadez", "Lagos", "Georgia", "Nowhere Town"] * 300
    start = time.perf_counter()
    found = sum(len(gazetteer.candidates(name)) for name in names)
    per_name = (time.perf_counter() - start) / len(names)
    assert found > 0
    assert per_name < 0.001


def test_gazetteer_stays_within_its_memo_cap_with_the_same_answers(
    gazetteer: Gazetteer,
) -> None:
    # Places, ambiguous names and phrases that name no place, as the resolver asks them.
    names = [
        "Niger", "Niamey", "Agadez", "Tillabéri", "Mali", "Bamako", "Gao", "Burkina Faso",
        "Ouagadougou", "Chad", "N'Djamena", "Lake Chad", "Nigeria", "Abuja", "Lagos", "Kano",
        "Georgia", "Springfield", "Paris", "the U.S.", "Sahel", "Africa", "Nowhere Town",
        "48 hours", "Abdourahamane Tiani", "the Niger River", "Senegal", "Dakar",
    ]  # fmt: skip
    cap = 4
    bounded = Gazetteer.load(memo_cap=cap)
    try:
        # Twice: the second round reads again names the memo has forgotten.
        for _ in range(2):
            for name in names:
                assert bounded.matches(name) == gazetteer.matches(name), name
                assert [bounded.is_capital(e) for e in bounded.candidates(name)] == [
                    gazetteer.is_capital(e) for e in gazetteer.candidates(name)
                ], name
                assert len(bounded._matches) <= cap
                assert len(bounded._capitals) <= cap
        capitals = {e.name for n in names for e in bounded.candidates(n) if bounded.is_capital(e)}
    finally:
        bounded.close()
    assert {"Niamey", "Bamako", "Abuja", "Dakar"} <= capitals
