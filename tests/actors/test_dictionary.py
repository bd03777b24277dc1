"""The actor dictionary: its data files, dated roles, whole-phrase matching and spaCy patterns."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.pipeline import EntityRuler

from harmattan.actors import build
from harmattan.actors.dictionary import (
    ActorDataError,
    ActorDictionary,
    ActorEntry,
    ActorKind,
    UnknownActorError,
)
from harmattan.records import Actor
from tests.conftest import SHARED

DATA = Path(build.__file__).resolve().parent / "data"
GOLD = SHARED / "gold" / "seed-niger-2023-11-07.json"

UN_MEMBERS = frozenset(
    {
        "AFG", "ALB", "DZA", "AND", "AGO", "ATG", "ARG", "ARM", "AUS", "AUT", "AZE", "BHS", "BHR",
        "BGD", "BRB", "BLR", "BEL", "BLZ", "BEN", "BTN", "BOL", "BIH", "BWA", "BRA", "BRN", "BGR",
        "BFA", "BDI", "CPV", "KHM", "CMR", "CAN", "CAF", "TCD", "CHL", "CHN", "COL", "COM", "COG",
        "CRI", "CIV", "HRV", "CUB", "CYP", "CZE", "PRK", "COD", "DNK", "DJI", "DMA", "DOM", "ECU",
        "EGY", "SLV", "GNQ", "ERI", "EST", "SWZ", "ETH", "FJI", "FIN", "FRA", "GAB", "GMB", "GEO",
        "DEU", "GHA", "GRC", "GRD", "GTM", "GIN", "GNB", "GUY", "HTI", "HND", "HUN", "ISL", "IND",
        "IDN", "IRN", "IRQ", "IRL", "ISR", "ITA", "JAM", "JPN", "JOR", "KAZ", "KEN", "KIR", "KWT",
        "KGZ", "LAO", "LVA", "LBN", "LSO", "LBR", "LBY", "LIE", "LTU", "LUX", "MDG", "MWI", "MYS",
        "MDV", "MLI", "MLT", "MHL", "MRT", "MUS", "MEX", "FSM", "MCO", "MNG", "MNE", "MAR", "MOZ",
        "MMR", "NAM", "NRU", "NPL", "NLD", "NZL", "NIC", "NER", "NGA", "MKD", "NOR", "OMN", "PAK",
        "PLW", "PAN", "PNG", "PRY", "PER", "PHL", "POL", "PRT", "QAT", "KOR", "MDA", "ROU", "RUS",
        "RWA", "KNA", "LCA", "VCT", "WSM", "SMR", "STP", "SAU", "SEN", "SRB", "SYC", "SLE", "SGP",
        "SVK", "SVN", "SLB", "SOM", "ZAF", "SSD", "ESP", "LKA", "SDN", "SUR", "SWE", "CHE", "SYR",
        "TJK", "THA", "TLS", "TGO", "TON", "TTO", "TUN", "TUR", "TKM", "TUV", "UGA", "UKR", "ARE",
        "GBR", "TZA", "USA", "URY", "UZB", "VUT", "VEN", "VNM", "YEM", "ZMB", "ZWE",
    }
)  # fmt: skip
OBSERVERS_AND_OTHERS = frozenset({"VAT", "PSE", "KOS", "TWN", "ESH", "HKG"})
SAHEL = {"NER", "MLI", "BFA", "TCD", "MRT", "SEN", "SDN"}
ECOWAS_MEMBERS = {
    "BEN", "CPV", "CIV", "GMB", "GHA", "GIN", "GNB", "LBR", "NGA", "SEN", "SLE", "TGO",
}  # fmt: skip
G20_AND_P5 = {
    "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX",
    "RUS", "SAU", "ZAF", "TUR", "GBR", "USA",
}  # fmt: skip

# Each data file and the key its entries are sorted by.
SORT_KEYS = {
    "countries_extra.json": "code",
    "countries.json": "code",
    "organizations.json": "id",
    "groups.json": "id",
    "people.json": "id",
    "sectors.json": "noun",
    "sector_names.json": "sector",
    "non_actors.json": "phrase",
}


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.load()


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _matched_id(actors: ActorDictionary, phrase: str) -> str | None:
    entry = actors.match(phrase)
    return None if entry is None else entry.id


# --- data files -------------------------------------------------------------------------


def test_build_countries_matches_the_committed_file() -> None:
    assert build.build_text(DATA) == (DATA / "countries.json").read_text(encoding="utf-8")


def test_build_main_check_reports_an_up_to_date_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert build.main(["--check"]) == 0
    assert "is up to date" in capsys.readouterr().out


@pytest.mark.parametrize("file_name", sorted(SORT_KEYS))
def test_data_file_is_sorted_and_canonically_formatted(file_name: str) -> None:
    text = (DATA / file_name).read_text(encoding="utf-8")
    rows = json.loads(text)
    keys = [row[SORT_KEYS[file_name]] for row in rows]
    assert keys == sorted(keys)
    assert len(keys) == len(set(keys))
    assert text == build.render(rows)


def test_countries_extra_covers_un_members_observers_and_contested_states() -> None:
    extra = json.loads((DATA / "countries_extra.json").read_text(encoding="utf-8"))
    codes = {row["code"] for row in extra}
    assert codes >= UN_MEMBERS | OBSERVERS_AND_OTHERS
    hand_written = [row for row in extra if row["code"] in UN_MEMBERS | OBSERVERS_AND_OTHERS]
    assert all(row["aliases"] for row in hand_written)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([{"code": "NER", "drop": ["Nigeria"]}], "drops ['Nigeria']"),
        ([{"code": "XKX", "aliases": ["Somewhere"]}], "needs a 'name'"),
        ([{"code": "NER", "capital": ["Niamey"]}], "unknown: ['capital']"),
        ([{"code": "NER"}, {"code": "NER"}], "NER appears twice"),
    ],
)
def test_build_countries_rejects_broken_extra(extra: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(ActorDataError, match=message.replace("[", r"\[").replace("]", r"\]")):
        build.build_countries(extra)


def test_build_countries_keeps_usable_iso_names_and_adds_ours() -> None:
    rows = {row["code"]: row for row in build.build_countries([])}
    assert rows["KOR"]["aliases"] == ["South Korea"]
    assert rows["ERI"]["aliases"] == ["Eritrea", "State of Eritrea"]
    extra = [{"code": "KOS", "name": "Kosovo", "aliases": ["Kosovo"], "capitals": ["Pristina"]}]
    kosovo = {row["code"]: row for row in build.build_countries(extra)}["KOS"]
    assert kosovo == {
        "code": "KOS",
        "name": "Kosovo",
        "aliases": ["Kosovo"],
        "demonyms": [],
        "capitals": ["Pristina"],
    }


# --- dated roles --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor_id", "day", "country", "sector"),
    [
        ("mohamed-bazoum", "2023-07-25", "NER", "GOV"),
        ("mohamed-bazoum", "2023-07-26", "NER", "ELI"),
        ("mohamed-bazoum", "2023-11-07", "NER", "ELI"),
        ("abdourahamane-tchiani", "2023-07-01", "NER", "MIL"),
        ("abdourahamane-tchiani", "2023-08-01", "NER", "MIL"),
        ("ali-lamine-zeine", "2023-08-07", "NER", "GOV"),
        ("rsf-sudan", "2023-04-14", "SDN", "PRM"),
        ("rsf-sudan", "2023-04-15", "SDN", "REB"),
        ("taliban", "2021-08-14", "AFG", "REB"),
        ("taliban", "2021-08-15", "AFG", "GOV"),
        ("bola-tinubu", "2023-08-01", "NGA", "GOV"),
        ("bola-tinubu", "2022-01-01", "NGA", "PTY"),
        ("mahamat-idriss-deby", "2023-01-01", "TCD", "MIL"),
        ("mahamat-idriss-deby", "2024-06-01", "TCD", "GOV"),
        ("yevgeny-prigozhin", "2023-08-01", "IMG", None),
        ("yevgeny-prigozhin", "2023-09-01", "RUS", "ELI"),
        ("antonio-guterres", "2016-06-01", "PRT", "ELI"),
        ("antonio-guterres", "2023-11-07", "UNO", None),
        ("donald-trump", "2016-06-01", "USA", None),
        ("donald-trump", "2022-06-01", "USA", "ELI"),
        ("donald-trump", "2025-06-01", "USA", "GOV"),
        ("omar-touray", "2023-11-07", "IGO", None),
        ("ner", "2023-11-07", "NER", None),
    ],
)
def test_actor_at_codes_the_role_of_the_day(
    actors: ActorDictionary, actor_id: str, day: str, country: str, sector: str | None
) -> None:
    entry = actors.entry(actor_id)
    assert entry.actor_at(_day(day)) == Actor(actor_id, entry.name, country, sector)


def test_actor_entry_role_at_returns_the_dated_title(actors: ActorDictionary) -> None:
    role = actors.entry("bola-tinubu").role_at(_day("2023-11-07"))
    assert role is not None
    assert role.title is not None
    assert "ECOWAS" in role.title
    assert (role.start, role.end) == (_day("2023-07-09"), _day("2025-06-22"))


@pytest.mark.parametrize("day", ["2015-06-01", "2019-06-01", "2023-11-07", "2026-06-01"])
def test_people_name_a_leader_of_every_required_country_on_any_day(
    actors: ActorDictionary, day: str
) -> None:
    led = {
        role.country
        for entry in actors
        if entry.kind == ActorKind.PERSON
        for role in entry.roles
        if role.sector in {"GOV", "MIL"} and role.covers(_day(day))
    }
    assert led >= SAHEL | ECOWAS_MEMBERS | G20_AND_P5


# --- matching -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "actor_id", "country"),
    [
        ("Niger", "ner", "NER"),
        ("ECOWAS", "ecowas", "IGO"),
        ("Mohamed Bazoum", "mohamed-bazoum", "NER"),
        ("Wagner", "wagner-group", "IMG"),
        ("Russia", "rus", "RUS"),
        ("Russian", "rus", "RUS"),
        ("Mali", "mli", "MLI"),
        ("France", "fra", "FRA"),
        ("French", "fra", "FRA"),
        ("The United States", "usa", "USA"),
        ("the US", "usa", "USA"),
    ],
)
def test_match_resolves_the_seed_entities(
    actors: ActorDictionary, phrase: str, actor_id: str, country: str
) -> None:
    entry = actors.match(phrase)
    assert entry is not None
    assert (entry.id, entry.country) == (actor_id, country)


def test_match_agrees_with_the_seed_gold_entities(actors: ActorDictionary) -> None:
    if not GOLD.exists():
        pytest.fail(f"the seed gold file is missing at {GOLD}; the checkout needs ../shared")
    entities = json.loads(GOLD.read_text(encoding="utf-8"))["entities"]
    found = {e["text"]: getattr(actors.match(e["text"]), "country", None) for e in entities}
    assert found == {e["text"]: e["code"] for e in entities}


@pytest.mark.parametrize(
    ("phrase", "actor_id"),
    [
        ("Malians", "mli"),
        ("Nigeriens", "ner"),
        ("Nigerians", "nga"),
        ("Americans", "usa"),
        ("Chadians", "tcd"),
        ("Burkinabe", "bfa"),
        ("Burkinabè", "bfa"),
        ("South Africans", "zaf"),
        ("the French", "fra"),
        ("Swiss", "che"),
        ("Frenchs", None),
    ],
)
def test_match_finds_demonyms_and_their_plurals(
    actors: ActorDictionary, phrase: str, actor_id: str | None
) -> None:
    assert _matched_id(actors, phrase) == actor_id


@pytest.mark.parametrize(
    ("phrase", "actor_id"),
    [
        ("US", "usa"),
        ("us", None),
        ("Us", None),
        ("U.S.", "usa"),
        ("u.s.", None),
        ("UN", "united-nations"),
        ("un", None),
        ("AU", "african-union"),
        ("au", None),
        ("EU", "european-union"),
        ("eu", None),
        ("AES", "aes"),
        ("aes", None),
        ("WHO", "who"),
        ("who", None),
        ("Ecowas", "ecowas"),
        ("Nato", "nato"),
        ("united states", "usa"),
    ],
)
def test_match_short_acronyms_only_in_capitals(
    actors: ActorDictionary, phrase: str, actor_id: str | None
) -> None:
    assert _matched_id(actors, phrase) == actor_id


@pytest.mark.parametrize(
    ("phrase", "actor_id"),
    [("Nigerien", "ner"), ("Nigerian", "nga"), ("Niger", "ner"), ("Nigeria", "nga")],
)
def test_match_tells_niger_from_nigeria(
    actors: ActorDictionary, phrase: str, actor_id: str
) -> None:
    assert _matched_id(actors, phrase) == actor_id


@pytest.mark.parametrize(
    ("phrase", "actor_id"),
    [
        ("Paris", "fra"),
        ("Washington", "usa"),
        ("Moscow", "rus"),
        ("Niamey", "ner"),
        ("Bamako", "mli"),
        ("Ouagadougou", "bfa"),
        ("Abuja", "nga"),
        ("Beijing", "chn"),
        ("Kyiv", "ukr"),
        ("Kiev", "ukr"),
        ("N’Djamena", "tcd"),
        ("Lome", "tgo"),
    ],
)
def test_match_treats_capitals_as_metonyms(
    actors: ActorDictionary, phrase: str, actor_id: str
) -> None:
    assert _matched_id(actors, phrase) == actor_id


@pytest.mark.parametrize(
    ("phrase", "actor_id"),
    [
        ("Niger’s", "ner"),
        ("Niger's", "ner"),
        ("ECOWAS’s", "ecowas"),
        ("  the   Kremlin ", "kremlin"),
        ("NIGER", "ner"),
        ("Côte d’Ivoire", "civ"),
        ("Cote d'Ivoire", "civ"),
        ("Guinea Bissau", "gnb"),
        ("al Qaeda", "al-qaeda"),
        ("Malians'", "mli"),
    ],
)
def test_match_normalizes_apostrophes_articles_possessives_and_accents(
    actors: ActorDictionary, phrase: str, actor_id: str
) -> None:
    assert _matched_id(actors, phrase) == actor_id


@pytest.mark.parametrize("phrase", ["West African", "Congo", "Lake Chad", "", "the", "junta"])
def test_match_returns_none_for_regions_ambiguous_and_unknown_names(
    actors: ActorDictionary, phrase: str
) -> None:
    assert actors.match(phrase) is None


def test_country_looks_up_by_code_in_either_case(actors: ActorDictionary) -> None:
    assert actors.country("NER").id == "ner"
    assert actors.country("kos").name == "Kosovo"
    with pytest.raises(UnknownActorError, match="no country with code 'XYZ'"):
        actors.country("XYZ")


def test_entry_raises_a_clear_error_for_unknown_ids(actors: ActorDictionary) -> None:
    with pytest.raises(UnknownActorError, match="no actor with id 'NER'") as raised:
        actors.entry("NER")
    assert str(raised.value).startswith("no actor with id 'NER'")
    assert isinstance(raised.value, KeyError)


# --- sector nouns -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lemma", "sector", "country"),
    [
        ("junta", "MIL", None),
        ("military junta", "MIL", None),
        ("troops", "MIL", None),
        ("gendarmerie", "COP", None),
        ("authorities", "GOV", None),
        ("prime minister", "GOV", None),
        ("lawmakers", "LEG", None),
        ("prosecutor", "JUD", None),
        ("rebels", "REB", None),
        ("jihadist", "REB", None),
        ("gunmen", "UAF", None),
        ("militia", "PRM", None),
        ("civilians", "CVL", None),
        ("refugees", "REF", None),
        ("human rights organization", "SOC", "NGO"),
        ("Human rights organizations", "SOC", "NGO"),
        ("aid agencies", "SOC", "NGO"),
        ("activist", "SOC", None),
    ],
)
def test_sector_noun_maps_generic_nouns_to_sectors(
    actors: ActorDictionary, lemma: str, sector: str, country: str | None
) -> None:
    noun = actors.sector_noun(lemma)
    assert noun is not None
    assert (noun.sector, noun.country) == (sector, country)


@pytest.mark.parametrize("lemma", ["leader", "weather", ""])
def test_sector_noun_returns_none_for_nouns_without_a_sector(
    actors: ActorDictionary, lemma: str
) -> None:
    assert actors.sector_noun(lemma) is None


# --- validation ---------------------------------------------------------------------------


def _edit(file_name: str, change: Callable[[list[dict[str, Any]]], None]) -> Callable[[Path], None]:
    def apply(directory: Path) -> None:
        path = directory / file_name
        rows = json.loads(path.read_text(encoding="utf-8"))
        change(rows)
        path.write_text(json.dumps(rows), encoding="utf-8")

    return apply


def _row(rows: list[dict[str, Any]], row_id: str) -> dict[str, Any]:
    return next(row for row in rows if row["id"] == row_id)


def _write(file_name: str, text: str) -> Callable[[Path], None]:
    def apply(directory: Path) -> None:
        (directory / file_name).write_text(text, encoding="utf-8")

    return apply


def _delete(file_name: str) -> Callable[[Path], None]:
    def apply(directory: Path) -> None:
        (directory / file_name).unlink()

    return apply


BROKEN_DATA: dict[str, tuple[Callable[[Path], None], str]] = {
    "duplicate-id": (
        _edit("groups.json", lambda rows: rows.append(dict(rows[0]))),
        "duplicate id 'adf'",
    ),
    "unknown-country": (
        _edit("groups.json", lambda rows: rows[0].update(country="XXX")),
        "group 'adf': unknown country code 'XXX'",
    ),
    "unknown-sector": (
        _edit("organizations.json", lambda rows: rows[0].update(sector="ARMY")),
        "unknown sector 'ARMY'",
    ),
    "overlapping-roles": (
        _edit(
            "people.json",
            lambda rows: _row(rows, "mohamed-bazoum")["roles"].append(
                {
                    "country": "NER",
                    "sector": "ELI",
                    "start": "2023-01-01",
                    "end": None,
                    "title": None,
                }
            ),
        ),
        "person 'mohamed-bazoum': role 2021-04-02..2023-07-26 overlaps role 2023-01-01..None",
    ),
    "two-roles-open-at-the-start": (
        _edit(
            "groups.json",
            lambda rows: _row(rows, "rsf-sudan")["roles"][1].update(start=None),
        ),
        "group 'rsf-sudan': role None..2023-04-15 overlaps role None..None",
    ),
    "role-ends-before-start": (
        _edit(
            "people.json",
            lambda rows: _row(rows, "mohamed-bazoum")["roles"][0].update(end="2020-01-01"),
        ),
        "role 2021-04-02..2020-01-01 ends before it starts",
    ),
    "bad-date": (
        _edit(
            "people.json",
            lambda rows: _row(rows, "mohamed-bazoum")["roles"][0].update(start="2 April 2021"),
        ),
        "'mohamed-bazoum' has a role date '2 April 2021' that is not YYYY-MM-DD",
    ),
    "shared-alias": (
        _edit("groups.json", lambda rows: rows[0]["aliases"].append("Mali")),
        "the name 'Mali' of 'adf' is already a name of 'mli'",
    ),
    "unknown-key": (
        _edit("groups.json", lambda rows: rows[0].update(alias=["x"])),
        "groups.json: entry 'adf' has unknown keys ['alias']",
    ),
    "sector-noun-country": (
        _edit("sectors.json", lambda rows: rows[0].update(country_override="NGOS")),
        "has unknown country 'NGOS'",
    ),
    "invalid-json": (_write("people.json", "[{"), "people.json is not valid JSON"),
    "not-a-list": (_write("sectors.json", "{}"), "sectors.json must hold a JSON list of objects"),
    "missing-file": (_delete("groups.json"), "groups.json is missing"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_DATA))
def test_from_directory_rejects_broken_data_with_a_clear_message(tmp_path: Path, case: str) -> None:
    directory = tmp_path / "data"
    shutil.copytree(DATA, directory)
    breaks, message = BROKEN_DATA[case]
    breaks(directory)
    with pytest.raises(ActorDataError) as raised:
        ActorDictionary.from_directory(directory)
    assert message in str(raised.value)


def test_from_directory_loads_a_copy_of_the_shipped_data(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    copy = ActorDictionary.from_directory(tmp_path / "data")
    assert {entry.id for entry in copy} == {entry.id for entry in ActorDictionary.load()}


def test_dictionary_rejects_entries_built_in_code_with_bad_ids() -> None:
    entry = ActorEntry("Bad Id", "Bad", ActorKind.GROUP, "IMG", None, ("Bad",))
    with pytest.raises(ActorDataError, match="the id must be lower-case words joined by '-'"):
        ActorDictionary([entry])


# --- spaCy patterns -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def ruler_nlp(actors: ActorDictionary) -> Any:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    assert isinstance(ruler, EntityRuler)
    ruler.add_patterns(actors.ruler_patterns())
    return nlp


def _ents(nlp: Any, text: str) -> list[tuple[str, str, str]]:
    return [(ent.text, ent.label_, ent.ent_id_) for ent in nlp(text).ents]


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        (
            "ECOWAS and Mali warned Niger's junta",
            [("ECOWAS", "ORG", "ecowas"), ("Mali", "GPE", "mli"), ("Niger", "GPE", "ner")],
        ),
        (
            "Malians and Nigeriens protested in Niamey",
            [("Malians", "NORP", "mli"), ("Nigeriens", "NORP", "ner"), ("Niamey", "GPE", "ner")],
        ),
        (
            "Abdourahamane Tchiani met Mahamat Idriss Déby in N’Djamena",
            [
                ("Abdourahamane Tchiani", "PERSON", "abdourahamane-tchiani"),
                ("Mahamat Idriss Déby", "PERSON", "mahamat-idriss-deby"),
                ("N’Djamena", "GPE", "tcd"),
            ],
        ),
        ("let us see what the US does", [("US", "GPE", "usa")]),
        (
            "Boko Haram fighters crossed Lake Chad",
            [("Boko Haram", "ORG", "boko-haram"), ("Lake Chad", "LOC", "")],
        ),
    ],
)
def test_ruler_patterns_tag_names_with_their_actor_ids(
    ruler_nlp: Any, text: str, ents: list[tuple[str, str, str]]
) -> None:
    assert _ents(ruler_nlp, text) == ents


def test_ruler_patterns_match_acronyms_by_orth_and_names_by_lower(actors: ActorDictionary) -> None:
    patterns = actors.ruler_patterns(str.split)
    usa = [(p["label"], p["pattern"]) for p in patterns if p.get("id") == "usa"]
    mali = [(p["label"], p["pattern"]) for p in patterns if p.get("id") == "mli"]
    assert ("GPE", [{"ORTH": "US"}]) in usa
    assert ("GPE", [{"LOWER": "us"}]) not in usa
    assert ("NORP", [{"LOWER": "americans"}]) in usa
    assert ("GPE", [{"LOWER": "mali"}]) in mali
    assert ("GPE", [{"LOWER": "bamako"}]) in mali
