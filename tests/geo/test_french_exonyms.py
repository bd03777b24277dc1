"""Our French names of places: compiled into the gazetteer, seen only by French lookups."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from harmattan.geo.build import Sources, build_index, load_sources, write_index
from harmattan.geo.gazetteer import Gazetteer, GazetteerError, name_key

EXONYMS = Path(__file__).parents[2] / "src" / "harmattan" / "geo" / "data" / "exonyms_fr.json"


def exonym_rows() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = json.loads(EXONYMS.read_text(encoding="utf-8"))["names"]
    return rows


def test_french_exonyms_file_has_no_duplicate_names() -> None:
    keys = [name_key(row["fr"]) for row in exonym_rows()]
    assert len(keys) == len(set(keys))
    assert all(set(row) <= {"fr", "place", "feature", "country"} for row in exonym_rows())


def test_french_exonyms_every_row_is_in_the_built_gazetteer(gazetteer: Gazetteer) -> None:
    missing = [row["fr"] for row in exonym_rows() if not gazetteer.candidates(row["fr"], "fr")]
    assert missing == []


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("Algérie", "Algeria"),
        ("Tchad", "Chad"),
        ("Guinée", "Guinea"),
        ("Mauritanie", "Mauritania"),
        ("Libye", "Libya"),
        ("Soudan", "Sudan"),
        ("Maroc", "Morocco"),
        ("Russie", "Russia"),
        ("États-Unis", "United States"),
        ("Royaume-Uni", "United Kingdom"),
        ("Allemagne", "Germany"),
        ("Chine", "China"),
        ("Sénégal", "Senegal"),
        ("Bénin", "Benin"),
        ("Côte d'Ivoire", "Ivory Coast"),
        ("Tillabéry", "Tillabéri"),
        ("Alger", "Algiers"),
        ("fleuve Niger", "Niger River"),
        ("lac Tchad", "Lake Chad"),
        ("Afrique de l'Ouest", "West Africa"),
    ],
)
def test_french_exonyms_name_the_english_names_entry(
    french: str, english: str, gazetteer: Gazetteer
) -> None:
    assert gazetteer.candidates(french, "fr")[0] == gazetteer.candidates(english)[0]


def test_french_exonyms_english_lookups_do_not_see_them(gazetteer: Gazetteer) -> None:
    assert gazetteer.candidates("Algérie") == ()
    # English text's "Soudan" stays the French town; in French it is Sudan.
    assert gazetteer.candidates("Soudan")[0].country == "FRA"
    assert gazetteer.candidates("Soudan", "fr")[0].country == "SDN"
    assert gazetteer.candidates("Timbuktu", "fr") == gazetteer.candidates("Timbuktu")


@pytest.fixture(scope="module")
def sahel_sources() -> Sources:
    """The real sources cut down to Niger, Mali and Algeria, with our real exonym file."""
    full = load_sources()
    keep = frozenset({"NE", "ML", "DZ"})
    return dataclasses.replace(
        full,
        countries={k: v for k, v in full.countries.items() if k in keep},
        cities={k: v for k, v in full.cities.items() if v["countrycode"] in keep},
        subdivisions=[s for s in full.subdivisions if s.code[:2] in keep],
    )


def test_french_exonyms_slice_build_keeps_its_countries_names(
    sahel_sources: Sources, tmp_path: Path
) -> None:
    path = tmp_path / "sahel.sqlite3"
    write_index(build_index(sahel_sources), path)
    gazetteer = Gazetteer.load(path)
    try:
        assert [e.country for e in gazetteer.candidates("Algérie", "fr")] == ["DZA"]
        assert gazetteer.candidates("Tombouctou", "fr")[0].name == "Timbuktu"
        assert gazetteer.candidates("fleuve Niger", "fr")[0].feature == "water"
        # Chad is not in this slice: its French name is left out, not an error.
        assert gazetteer.candidates("Tchad", "fr") == ()
    finally:
        gazetteer.close()


def test_french_exonyms_row_naming_no_entry_stops_the_build(sahel_sources: Sources) -> None:
    wrong = dataclasses.replace(
        sahel_sources,
        exonyms={"fr": [{"fr": "Tombouctou", "place": "Timbuctoo", "country": "MLI"}]},
    )
    with pytest.raises(GazetteerError, match="Timbuctoo"):
        build_index(wrong)
