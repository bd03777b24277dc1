"""Places in French articles: French names, articles before names, type nouns, non-places.

The sentences are ours. They run through the real French pipeline and the built gazetteer.
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from harmattan.geo import find_places
from harmattan.geo.gazetteer import Gazetteer
from harmattan.nlp import load_pipeline
from harmattan.records import Article, Place, Precision

NIGER_COUNTRY = 2440476


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The French pipeline, loaded once for this module."""
    return load_pipeline(language="fr")


def french_places(text: str, nlp: Language, gazetteer: Gazetteer) -> tuple[Place, ...]:
    article = Article("fr-test", dt.date(2023, 8, 10), text, language="fr")
    places = find_places(article, nlp(text), gazetteer)
    for place in places:
        assert text[place.start : place.end] == place.text
    return places


def summary(places: tuple[Place, ...]) -> list[tuple[str, int, str | None, str]]:
    return [(p.text, p.start, p.country, p.feature) for p in places]


def test_french_places_region_of_tillaberi_in_western_niger(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = (
        "Des hommes armés ont attaqué un village de la région de Tillabéri, dans l'ouest du Niger."
    )
    places = french_places(text, nlp, gazetteer)
    assert summary(places) == [
        ("Tillabéri", text.index("Tillabéri"), "NER", "admin1"),
        ("Niger", text.index("Niger"), "NER", "country"),
    ]
    assert places[0].precision is Precision.ADMIN1
    assert places[1].geonameid == NIGER_COUNTRY


def test_french_places_ecowas_meeting_names_abuja_mali_burkina(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = (
        "La CEDEAO s'est réunie à Abuja ; le Mali et le Burkina Faso ont mis en garde "
        "contre une intervention."
    )
    places = french_places(text, nlp, gazetteer)
    assert summary(places) == [
        ("Abuja", text.index("Abuja"), "NGA", "city"),
        ("Mali", text.index("Mali"), "MLI", "country"),
        ("Burkina Faso", text.index("Burkina"), "BFA", "country"),
    ]


@pytest.mark.parametrize(
    ("text", "name", "country", "feature"),
    [
        ("Les réfugiés sont arrivés en Algérie la semaine dernière.", "Algérie", "DZA", "country"),
        ("Le Tchad a fermé sa frontière dimanche.", "Tchad", "TCD", "country"),
        ("Des soldats ont quitté la Côte d'Ivoire hier.", "Côte d'Ivoire", "CIV", "country"),
        ("Le ministre est rentré au Sénégal lundi.", "Sénégal", "SEN", "country"),
        ("Les échanges avec le Nigeria ont repris.", "Nigeria", "NGA", "country"),
        ("Le Bénin a rappelé son ambassadeur.", "Bénin", "BEN", "country"),
        ("Une délégation s'est rendue au Togo.", "Togo", "TGO", "country"),
        ("La Guinée a soutenu les militaires.", "Guinée", "GIN", "country"),
        ("Des éleveurs ont traversé la Mauritanie.", "Mauritanie", "MRT", "country"),
        ("Les migrants ont rejoint la Libye en camion.", "Libye", "LBY", "country"),
        ("La guerre au Soudan a fait fuir des milliers de civils.", "Soudan", "SDN", "country"),
        ("Le Maroc a proposé une médiation.", "Maroc", "MAR", "country"),
        ("La Russie a salué le changement de pouvoir.", "Russie", "RUS", "country"),
        ("La France a rappelé ses diplomates.", "France", "FRA", "country"),
        ("Le porte-parole des États-Unis a répondu.", "États-Unis", "USA", "country"),
        ("Le Royaume-Uni a réduit son personnel.", "Royaume-Uni", "GBR", "country"),
        ("L'Allemagne a suspendu sa coopération.", "Allemagne", "DEU", "country"),
        ("La Chine a appelé au calme.", "Chine", "CHN", "country"),
        ("Les céréales venues d'Ukraine se font rares.", "Ukraine", "UKR", "country"),
        ("Le Niger a fermé son espace aérien.", "Niger", "NER", "country"),
        ("Le Mali a accueilli les délégués.", "Mali", "MLI", "country"),
        ("Des manifestants se sont rassemblés à Niamey.", "Niamey", "NER", None),
        ("Le convoi est arrivé à Ouagadougou dans la nuit.", "Ouagadougou", "BFA", "city"),
        ("Les chefs d'état-major se sont retrouvés à Bamako.", "Bamako", "MLI", None),
        ("Le sommet s'est tenu à N'Djamena.", "N'Djamena", "TCD", None),
        ("Les délégués ont atterri à Abuja.", "Abuja", "NGA", "city"),
        ("Des patrouilles ont quitté Agadez à l'aube.", "Agadez", "NER", None),
        ("Le marché de Zinder a rouvert.", "Zinder", "NER", None),
        ("Des déplacés sont arrivés à Diffa.", "Diffa", "NER", None),
        ("Les écoles de Tahoua sont fermées.", "Tahoua", "NER", None),
        ("Un camp militaire a été visé à Gao.", "Gao", "MLI", None),
        ("Des combats ont repris à Tombouctou.", "Tombouctou", "MLI", None),
        ("Des combats ont éclaté près de Kidal.", "Kidal", "MLI", None),
        ("La ville de Ménaka est sous blocus.", "Ménaka", "MLI", None),
    ],
)
def test_french_places_name_resolves_to_the_place(
    text: str,
    name: str,
    country: str,
    feature: str | None,
    nlp: Language,
    gazetteer: Gazetteer,
) -> None:
    places = french_places(text, nlp, gazetteer)
    place = next(p for p in places if p.text == name)
    assert (place.start, place.end) == (text.index(name), text.index(name) + len(name))
    assert place.country == country
    if feature is not None:
        assert place.feature == feature


def test_french_places_articles_and_contractions_stay_outside_the_span(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = (
        "En Algérie comme au Mali, aux États-Unis, du Niger à l'Algérie et des États-Unis "
        "à la Côte d'Ivoire, les réactions ont divergé."
    )
    places = french_places(text, nlp, gazetteer)
    assert [p.text for p in places] == [
        "Algérie", "Mali", "États-Unis", "Niger", "Algérie", "États-Unis", "Côte d'Ivoire",
    ]  # fmt: skip
    assert [p.country for p in places] == ["DZA", "MLI", "USA", "NER", "DZA", "USA", "CIV"]


def test_french_places_niger_river_is_the_river_not_the_country(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = "Des pirogues ont chaviré sur le fleuve Niger, près de Niamey."
    places = french_places(text, nlp, gazetteer)
    river = places[0]
    # As English "the Niger River": the river (its name with its type word), not Niger.
    assert (river.text, river.name, river.feature) == ("fleuve Niger", "Niger River", "water")
    assert river.start == text.index("fleuve Niger")
    assert river.geonameid != NIGER_COUNTRY
    assert (places[1].text, places[1].country) == ("Niamey", "NER")


def test_french_places_river_the_gazetteer_lacks_is_not_the_country(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = "Les crues du fleuve Sénégal ont inondé des villages."
    assert french_places(text, nlp, gazetteer) == ()


def test_french_places_lake_and_sea_by_french_names(nlp: Language, gazetteer: Gazetteer) -> None:
    # Two sentences: the medium model tags "mer Rouge" only where a verb governs it.
    text = "Les pêcheurs du lac Tchad sont touchés. Les navires qui traversent la mer Rouge aussi."
    places = french_places(text, nlp, gazetteer)
    assert [(p.text, p.name, p.feature) for p in places] == [
        ("lac Tchad", "Lake Chad", "water"),
        ("mer Rouge", "Red Sea", "water"),
    ]


def test_french_places_demonyms_are_not_places(nlp: Language, gazetteer: Gazetteer) -> None:
    text = (
        "Les soldats nigériens, maliens et burkinabè ont reçu des diplomates français, "
        "américains et russes. Les Nigériens et les Maliens ont manifesté."
    )
    assert french_places(text, nlp, gazetteer) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Rien ne prouve que les mercenaires soient arrivés.",
        "L'Etat a promis des élections, a déclaré le Président.",
        "En Mai, le Président a parlé. Mardi, l'Etat a répondu.",
        "Les pluies reviennent en Juillet dans le Nord du pays.",
        "Le Centre et l'Est du pays sont touchés, selon le Premier ministre.",
    ],
)
def test_french_places_capitalized_common_words_are_not_places(
    text: str, nlp: Language, gazetteer: Gazetteer
) -> None:
    assert french_places(text, nlp, gazetteer) == ()


def test_french_places_region_type_noun_makes_a_direction_a_region(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = "Des attaques ont visé la région du Centre-Nord et la région de l'Est au Burkina Faso."
    places = french_places(text, nlp, gazetteer)
    assert [(p.text, p.country, p.feature) for p in places] == [
        ("Centre-Nord", "BFA", "admin1"),
        ("Est", "BFA", "admin1"),
        ("Burkina Faso", "BFA", "country"),
    ]


def test_french_places_town_in_brackets_or_after_au_is_inside_the_country(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = "Des renforts sont arrivés à Agadez (Niger) puis à Gao, au Mali."
    places = french_places(text, nlp, gazetteer)
    assert [(p.text, p.country) for p in places] == [
        ("Agadez", "NER"), ("Niger", "NER"), ("Gao", "MLI"), ("Mali", "MLI"),
    ]  # fmt: skip


def test_french_places_name_with_its_article_after_a_contraction(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = "Le ministre s'est rendu au Caire puis à Alger et à La Haye."
    places = french_places(text, nlp, gazetteer)
    assert [(p.text, p.country) for p in places] == [
        ("Caire", "EGY"), ("Alger", "DZA"), ("La Haye", "NLD"),
    ]  # fmt: skip


def test_french_places_chosen_by_article_language_too(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Les ambassadeurs ont quitté l'Algérie."
    article = Article("fr-test", dt.date(2023, 8, 10), text, language="fr")
    doc = nlp(text)
    assert doc.lang_ == "fr"
    assert [p.country for p in find_places(article, doc, gazetteer)] == ["DZA"]
