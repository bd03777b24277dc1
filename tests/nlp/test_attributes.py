"""The fast attribute rules find exactly what spaCy's AttributeRuler finds, and annotate alike."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from harmattan.cli import sample_corpus
from harmattan.errors import ModelError
from harmattan.ingest import ReadOptions, read_sources
from harmattan.nlp import MODEL_PACKAGE
from harmattan.nlp.attributes import FACTORY, AttributeRules
from harmattan.nlp.components import replace_component
from harmattan.records import Article

# Text that exercises the rules a news corpus rarely reaches: contractions, the
# two-token rules, regular-expression rules, dependency-based rules, spaces.
UNUSUAL = (
    "I ain't gonna sign it, y'all. Let's go!  It is what it is.\n\n"
    "You gotta see it: nothin' changed. C'mon, there are troops, aren't there? "
    "Did they? They did, and they have. Whether or not that holds, which one?"
)


@pytest.fixture(scope="module")
def model() -> Language:
    """The model as shipped, with spaCy's own AttributeRuler."""
    return spacy.load(MODEL_PACKAGE)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """Every article of the bundled sample corpus, and the unusual text."""
    items = read_sources([str(sample_corpus())], ReadOptions())
    return [item.text for item in items if isinstance(item, Article)] + [UNUSUAL]


def _ruler(model: Language) -> AttributeRuler:
    ruler = model.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    return ruler


def test_fast_rules_match_exactly_what_the_ruler_matches(model: Language, texts: list[str]) -> None:
    ruler = _ruler(model)
    fast = AttributeRules.from_ruler(ruler)
    with model.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(model.pipe(texts))
    matched = 0
    for doc in docs:
        expected = ruler.match(doc)
        assert fast.match(doc) == expected, doc.text[:80]
        matched += len(expected)
    assert matched > 5000
    # The unusual text reaches the two-token and regular-expression rules.
    unusual_rules = {number for number, _, start, end in fast.match(docs[-1]) if end - start == 2}
    assert unusual_rules


def test_pipeline_with_fast_rules_annotates_like_the_model(
    model: Language, texts: list[str]
) -> None:
    fast = spacy.load(MODEL_PACKAGE)
    replace_component(fast, "attribute_ruler", FACTORY)
    assert isinstance(fast.get_pipe("attribute_ruler"), AttributeRules)
    assert fast.pipe_names == model.pipe_names
    for ours, theirs in zip(fast.pipe(texts), model.pipe(texts), strict=True):
        columns = [TAG, POS, MORPH, LEMMA]
        assert (ours.to_array(columns) == theirs.to_array(columns)).all()
    doc = fast("They aren't gonna leave.")
    assert [(t.text, t.pos_, t.lemma_) for t in doc][1:4] == [
        ("are", "AUX", "be"),
        ("n't", "PART", "not"),
        ("gon", "VERB", "go"),
    ]


def test_a_rule_the_fast_matcher_cannot_read_is_refused() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"LOWER": "troops", "OP": "+"}]], {"POS": "NOUN"})
    with pytest.raises(ModelError, match="tests 'OP'"):
        AttributeRules.from_ruler(ruler)
