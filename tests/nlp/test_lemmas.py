"""The memoized lemmatizer sets exactly the lemmas spaCy's lemmatizer sets, except for
the forms `nlp/data/lemma_exceptions.json` corrects."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from harmattan.cli import sample_corpus
from harmattan.errors import ModelError
from harmattan.ingest import ReadOptions, read_sources
from harmattan.nlp.lemmas import MemoLemmatizer
from harmattan.pipeline import Resources
from harmattan.records import Article

# Forms whose lemma depends on the part of speech or the morphology, and contractions.
UNUSUAL = (
    "The leaders met; the meeting's leaders meet again. She's been saying they'd left, "
    "but better troops fought better. Saw the saw? I ain't gonna go.  \n\nRunning, ran, runs."
)


@pytest.fixture(scope="module")
def parsed(resources: Resources) -> list[Doc]:
    """The sample articles and UNUSUAL, tagged and parsed but not yet lemmatized."""
    items = read_sources([str(sample_corpus())], ReadOptions())
    texts = [item.text for item in items if isinstance(item, Article)] + [UNUSUAL, ""]
    with resources.nlp.select_pipes(disable=["lemmatizer", "ner"]):
        return list(resources.nlp.pipe(texts))


def test_memo_lemmatizer_sets_the_same_lemmas_as_spacys(
    resources: Resources, parsed: list[Doc]
) -> None:
    component = resources.nlp.get_pipe("lemmatizer")
    assert isinstance(component, MemoLemmatizer)
    tokens = 0
    for doc in parsed:
        theirs = component.lemmatizer(doc.copy())
        # Twice: the second pass answers every token from the memo.
        for _ in range(2):
            ours = component(doc.copy())
            assert (ours.to_array([LEMMA]) == theirs.to_array([LEMMA])).all(), doc.text[:80]
        tokens += len(doc)
    assert tokens > 5000


def test_memo_lemmatizer_stays_within_its_cap_with_the_same_lemmas(
    resources: Resources, parsed: list[Doc]
) -> None:
    component = resources.nlp.get_pipe("lemmatizer")
    assert isinstance(component, MemoLemmatizer)
    lemmatizer = component.lemmatizer
    theirs = [lemmatizer(doc.copy()).to_array([LEMMA]) for doc in parsed]
    cap = 64
    keys = {tuple(row) for doc in parsed for row in doc.to_array([ORTH, POS, MORPH]).tolist()}
    assert len(keys) > 10 * cap
    memo = MemoLemmatizer(lemmatizer, memo_cap=cap)
    # Twice: the second pass asks again for keys the memo has forgotten.
    for _ in range(2):
        for doc, lemmas in zip(parsed, theirs, strict=True):
            ours = memo(doc.copy())
            assert (ours.to_array([LEMMA]) == lemmas).all(), doc.text[:80]
            assert len(memo._lemmas) <= cap
    # spaCy's own memo of the same keys is kept empty.
    assert not lemmatizer.cache


def test_memo_lemmatizer_lemmatizes_by_part_of_speech(resources: Resources) -> None:
    doc = resources.nlp("The troops saw the saw and were meeting at the meeting.")
    assert [(t.text, t.lemma_) for t in doc if t.text in ("saw", "were", "meeting")] == [
        ("saw", "see"),
        ("saw", "saw"),
        ("were", "be"),
        ("meeting", "meet"),
        ("meeting", "meeting"),
    ]


def test_memo_lemmatizer_corrects_forms_the_models_rules_get_wrong(
    resources: Resources,
) -> None:
    text = "Gunmen raped two women and staged an attack."
    component = resources.nlp.get_pipe("lemmatizer")
    assert isinstance(component, MemoLemmatizer)
    with resources.nlp.select_pipes(disable=["lemmatizer", "ner"]):
        parsed = resources.nlp(text)
    theirs = component.lemmatizer(parsed.copy())
    assert [t.lemma_ for t in theirs if t.text in ("raped", "staged")] == ["rap", "stag"]
    # Twice: the second answer comes from the memo.
    for _ in range(2):
        ours = component(parsed.copy())
        assert [t.lemma_ for t in ours if t.text in ("raped", "staged")] == ["rape", "stage"]


def test_memo_lemmatizer_refuses_a_lookup_lemmatizer() -> None:
    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert isinstance(lemmatizer, Lemmatizer)
    with pytest.raises(ModelError, match="'lookup' mode"):
        MemoLemmatizer(lemmatizer)
