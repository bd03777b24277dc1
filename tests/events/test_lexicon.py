"""The trigger lexicon data file: it loads, every type and mode it names exists, bad files fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from harmattan.events.codebook import Codebook
from harmattan.events.lexicon import Lexicon, LexiconError


def test_lexicon_names_only_codebook_types_modes_and_contexts() -> None:
    lexicon = Lexicon.load()
    codebook = Codebook.load()
    entries = {e for group in lexicon.by_lemma.values() for e in group}
    assert len(entries) > 90
    for entry in entries:
        event_type = codebook.event_type(entry.type)
        assert entry.mode is None or entry.mode in event_type.modes, (entry.type, entry.mode)
        assert set(entry.contexts) <= set(codebook.contexts), entry.contexts
    for type_name, modes in lexicon.mode_keywords.items():
        assert {mode for mode, _ in modes} <= set(codebook.event_type(type_name).modes)


def test_lexicon_covers_every_plover_type() -> None:
    lexicon = Lexicon.load()
    types = {e.type for group in lexicon.by_lemma.values() for e in group}
    assert types == set(Codebook.load().types)


@pytest.mark.parametrize(
    ("lemma", "pos", "expected"),
    [
        ("sanction", "NOUN", "SANCTION"),
        ("threaten", "VERB", "THREATEN"),
        ("meet", "VERB", "CONSULT"),
    ],
)
def test_lexicon_entries_by_lemma_and_part_of_speech(lemma: str, pos: str, expected: str) -> None:
    assert expected in {e.type for e in Lexicon.load().entries(lemma, pos)}


def test_lexicon_mode_from_words_takes_the_first_matching_mode() -> None:
    lexicon = Lexicon.load()
    assert lexicon.mode_from_words("ASSAULT", {"suicide", "bomb"}) == "suicide-attack"
    assert lexicon.mode_from_words("REQUEST", {"release", "hostage"}) == "yield"
    assert lexicon.mode_from_words("REQUEST", {"weather"}) is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[trigger]]\nlemmas = ["x"]\ntype = "AID"\ncolour = "red"\n', "unknown fields"),
        ('[[trigger]]\ntype = "AID"\n', "'lemmas' and 'type' are required"),
        ('[[trigger]]\nlemmas = ["x"]\ntype = "AID"\nweight = 1.5\n', "outside"),
        ("[[trigger]\n", "cannot read trigger lexicon"),
    ],
)
def test_lexicon_rejects_a_broken_file(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "triggers.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        Lexicon.from_path(path)


def test_lexicon_may_trigger_only_lexicon_lemmas_and_demand_modals() -> None:
    lexicon = Lexicon.load()
    assert lexicon.may_trigger("sanction", "sanctions")
    assert lexicon.may_trigger("must", "must")
    assert not lexicon.may_trigger("table", "tables")
    assert not lexicon.may_trigger("Sanction", "Sanction")  # callers lower-case the lemma
