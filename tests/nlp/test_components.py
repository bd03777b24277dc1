"""harmattan's faster components take the place of the model's, and refuse anything else."""

from __future__ import annotations

import pytest
import spacy

from harmattan.errors import ModelError
from harmattan.nlp import MODEL_PACKAGE, attributes, lemmas, recognizer
from harmattan.nlp.components import replace_component


@pytest.mark.parametrize(
    ("name", "factory", "kind"),
    [
        ("attribute_ruler", attributes.FACTORY, "AttributeRuler"),
        ("lemmatizer", lemmas.FACTORY, "Lemmatizer"),
        ("ner", recognizer.FACTORY, "EntityRecognizer"),
    ],
)
def test_replace_component_refuses_a_component_of_another_kind(
    name: str, factory: str, kind: str
) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", name=name)
    with pytest.raises(ModelError, match=f"{name!r} should be {kind}, but it is Sentencizer"):
        replace_component(nlp, name, factory)
    assert nlp.pipe_names == [name]


def test_replace_component_keeps_the_name_and_the_place() -> None:
    text = "Niger's junta met ECOWAS envoys in Abuja on Tuesday, officials said."
    plain = spacy.load(MODEL_PACKAGE)
    nlp = spacy.load(MODEL_PACKAGE)
    names = nlp.pipe_names
    replace_component(nlp, "lemmatizer", lemmas.FACTORY)
    replace_component(nlp, "ner", recognizer.FACTORY)
    assert nlp.pipe_names == names
    assert isinstance(nlp.get_pipe("lemmatizer"), lemmas.MemoLemmatizer)
    assert isinstance(nlp.get_pipe("ner"), recognizer.BatchedEntityRecognizer)
    with nlp.select_pipes(disable=["ner"]):
        assert not nlp(text).ents
    found = [(e.text, e.label_) for e in nlp(text).ents]
    assert found == [(e.text, e.label_) for e in plain(text).ents]
    assert ("Abuja", "GPE") in found
    assert [t.lemma_ for t in nlp(text)] == [t.lemma_ for t in plain(text)]
