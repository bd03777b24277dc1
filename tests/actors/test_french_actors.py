"""French names, demonyms and sector nouns resolve to the actors English names do."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from harmattan.actors.dictionary import ActorDictionary
from harmattan.actors.resolve import DocumentActors
from harmattan.nlp import load_pipeline
from harmattan.records import Article


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return ActorDictionary.load("fr")


@pytest.fixture(scope="module")
def nlp(dictionary: ActorDictionary) -> Language:
    return load_pipeline(entity_patterns=dictionary.ruler_patterns(), language="fr")


def _resolved(
    dictionary: ActorDictionary, nlp: Language, text: str
) -> dict[str, tuple[str, str | None, str | None]]:
    doc = nlp(text)
    actors = DocumentActors.build(dictionary, Article("a", dt.date(2023, 8, 1), text), doc)
    found = {}
    for token in doc:
        for participant in actors.resolve(token):
            actor = participant.actor
            found[participant.text] = (actor.id, actor.country, actor.sector)
    return found


def test_french_names_are_the_same_actors_as_english_ones(dictionary: ActorDictionary) -> None:
    english = ActorDictionary.load()
    for french, name in [
        ("CEDEAO", "ECOWAS"),
        ("États-Unis", "United States"),
        ("Russie", "Russia"),
        ("Tchad", "Chad"),
        ("groupe Wagner", "Wagner Group"),
        ("Union africaine", "African Union"),
    ]:
        found, expected = dictionary.match(french), english.match(name)
        assert found is not None
        assert expected is not None
        assert found.id == expected.id, french


def test_pycountry_supplies_french_country_names_the_data_does_not(
    dictionary: ActorDictionary,
) -> None:
    entry = dictionary.match("Allemagne")
    assert entry is not None
    assert entry.country == "DEU"


def test_french_phrases_resolve_to_countries_and_sectors(
    dictionary: ActorDictionary, nlp: Language
) -> None:
    found = _resolved(
        dictionary,
        nlp,
        "La junte nigérienne a expulsé l'armée française. Les soldats du Niger ont défilé. "
        "Les organisations de défense des droits humains ont réagi.",
    )
    assert found["junte nigérienne"] == ("ner-mil", "NER", "MIL")
    assert found["armée française"] == ("fra-mil", "FRA", "MIL")
    assert found["soldats du Niger"] == ("ner-mil", "NER", "MIL")
    assert found["organisations de défense des droits humains"][1] == "NGO"


def test_the_bloc_refers_back_to_the_last_organization(
    dictionary: ActorDictionary, nlp: Language
) -> None:
    text = "La CEDEAO s'est réunie dimanche à Abuja. Le bloc a fixé un ultimatum."
    doc = nlp(text)
    actors = DocumentActors.build(dictionary, Article("a", dt.date(2023, 8, 1), text), doc)
    (bloc,) = [t for t in doc if t.text == "bloc"]
    assert [p.actor.id for p in actors.resolve(bloc)] == ["ecowas"]


def test_english_resolution_is_unchanged_by_french_data() -> None:
    english = ActorDictionary.load()
    assert english.language == "en"
    assert english.match("CEDEAO") is not None  # an alias of ECOWAS in the English data
    assert english.match("Allemagne") is None
