"""The batched entity decoder finds exactly the entities spaCy's recognizer finds."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc

from harmattan.cli import sample_corpus
from harmattan.errors import ModelError
from harmattan.ingest import ReadOptions, read_sources
from harmattan.nlp import MODEL_PACKAGE
from harmattan.nlp.components import replace_component
from harmattan.nlp.recognizer import (
    FACTORY,
    BatchedEntityRecognizer,
    Move,
    Situation,
    is_valid,
)
from harmattan.pipeline import Resources
from harmattan.records import Article
from tests.conftest import SHARED

GSR_DEV = SHARED / "eval" / "plover" / "gsr-dev.json"
# Edge cases: nothing, only spaces, a dictionary name as the last token, names
# next to each other and across a sentence start, spaces inside a sentence.
EDGES = (
    "",
    "   ",
    "\n\n",
    "Niger",
    "ECOWAS ECOWAS Niger Bazoum.  Wagner\n\nMali. Burkina Faso",
    "The junta in Niamey met ECOWAS envoys on 7 November 2023 and again on Tuesday.",
)


def _texts(seed_path: Path) -> list[str]:
    items = read_sources([str(sample_corpus())], ReadOptions())
    gsr = json.loads(GSR_DEV.read_text(encoding="utf-8"))
    return [
        *(item.text for item in items if isinstance(item, Article)),
        seed_path.read_text(encoding="utf-8"),
        *(str(record["text"]) for record in gsr),
        *EDGES,
    ]


def _without_ner(nlp: Language, texts: list[str]) -> list[Doc]:
    with nlp.select_pipes(disable=["ner"]):
        return list(nlp.pipe(texts, batch_size=64))


def _entities(doc: Doc) -> list[tuple[int, int, str, str]]:
    return [(e.start, e.end, e.label_, e.kb_id_) for e in doc.ents]


def test_batched_decoder_sets_the_same_entities_as_spacys_recognizer(
    resources: Resources, seed_path: Path
) -> None:
    # The rulers run first, so the decoder must also keep their entities as spaCy does.
    component = resources.nlp.get_pipe("ner")
    assert isinstance(component, BatchedEntityRecognizer)
    parsed = _without_ner(resources.nlp, _texts(seed_path))
    theirs = list(component.recognizer.pipe([doc.copy() for doc in parsed], batch_size=64))
    ours = list(component.pipe([doc.copy() for doc in parsed], batch_size=64))
    columns = [ENT_IOB, ENT_TYPE, ENT_KB_ID]
    entities = 0
    for mine, expected in zip(ours, theirs, strict=True):
        assert _entities(mine) == _entities(expected), mine.text[:80]
        assert (mine.to_array(columns) == expected.to_array(columns)).all(), mine.text[:80]
        entities += len(mine.ents)
    assert len(ours) > 200
    assert entities > 1500


def test_batched_decoder_sets_whole_documents_one_at_a_time(resources: Resources) -> None:
    doc = resources.nlp("ECOWAS gave Niger's junta until 6 August to free Mohamed Bazoum.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("ECOWAS", "ORG"),
        ("Niger", "GPE"),
        ("6 August", "DATE"),
        ("Mohamed Bazoum", "PERSON"),
    ]
    assert all(token.ent_iob_ in ("B", "I", "O") for token in doc)


def test_batched_decoder_adds_a_rulers_new_label_as_spacy_does() -> None:
    # A ruler label the model has never seen makes spaCy add its moves and widen the
    # model; both recognizers must then keep the ruler's entity.
    texts = ["The Wagner Group sent fighters to Mali in 2021.", "Wagner left Bamako."]
    found = []
    for batched in (False, True):
        nlp = spacy.load(MODEL_PACKAGE)
        if batched:
            replace_component(nlp, "ner", FACTORY)
        ruler = nlp.add_pipe("entity_ruler", before="ner")
        ruler.add_patterns([{"label": "ARMED_GROUP", "pattern": "Wagner"}])  # type: ignore[attr-defined]
        found.append([[(e.text, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)])
    assert found[0] == found[1]
    assert ("Wagner", "ARMED_GROUP") in found[1][1]


def test_batched_decoder_refuses_a_beam_search_recognizer() -> None:
    nlp = spacy.load(MODEL_PACKAGE)
    recognizer = nlp.get_pipe("ner")
    assert isinstance(recognizer, EntityRecognizer)
    recognizer.cfg["beam_width"] = 4
    with pytest.raises(ModelError, match="beam"):
        BatchedEntityRecognizer(recognizer)


PLAIN = Situation(
    entity_open=False,
    here=0,
    after=0,
    sentence_starts_after=False,
    here_is_space=False,
    here_is_last=False,
)


def _plain(**changes: Any) -> Situation:
    return replace(PLAIN, **changes)


def test_is_valid_keeps_a_rulers_entity_whole() -> None:
    # The next token starts a ruler's two-token entity: only B with its label is allowed.
    situation = _plain(here=3, after=1)
    assert is_valid(Move.BEGIN, situation, no_label=False, preset_label=True, open_label=False)
    assert not is_valid(Move.BEGIN, situation, False, preset_label=False, open_label=False)
    assert not is_valid(Move.UNIT, situation, False, preset_label=True, open_label=False)
    assert not is_valid(Move.OUT, situation, True, preset_label=False, open_label=False)


def test_is_valid_stops_entities_at_sentence_starts_and_spaces() -> None:
    assert not is_valid(Move.BEGIN, _plain(sentence_starts_after=True), False, False, False)
    assert not is_valid(Move.BEGIN, _plain(here_is_space=True), False, False, False)
    assert not is_valid(Move.UNIT, _plain(here_is_space=True), False, False, False)
    inside = _plain(entity_open=True, sentence_starts_after=True)
    assert not is_valid(Move.IN, inside, False, False, open_label=True)
    assert is_valid(Move.LAST, inside, False, False, open_label=True)
    assert not is_valid(Move.LAST, inside, False, False, open_label=False)


def test_is_valid_ends_every_entity_on_the_last_token() -> None:
    last = _plain(entity_open=True, here_is_last=True)
    assert not is_valid(Move.IN, last, False, False, open_label=True)
    assert is_valid(Move.LAST, last, False, False, open_label=True)
    assert not is_valid(Move.BEGIN, _plain(here_is_last=True), False, False, False)
    assert is_valid(Move.OUT, _plain(here_is_last=True), True, False, False)


def test_is_valid_allows_an_unlabelled_unit_only_on_a_blocked_token() -> None:
    assert is_valid(Move.UNIT, _plain(here=3), no_label=True, preset_label=True, open_label=False)
    assert not is_valid(Move.UNIT, _plain(), no_label=True, preset_label=True, open_label=False)
    assert not is_valid(Move.MISSING, _plain(), False, False, False)
