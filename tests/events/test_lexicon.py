"""The trigger lexicon data file: it loads, every type and mode it names exists, bad files fail."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harmattan.events.codebook import Codebook
from harmattan.events.lexicon import Lexicon, LexiconError
from tests.events.helpers import changed_triggers


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


def test_lexicon_roles_name_only_codebook_types_and_sectors() -> None:
    roles = Lexicon.load().roles
    codebook = Codebook.load()
    named = {roles.demand} | roles.focus_recipient | roles.of_is_actor | roles.place_is_recipient
    named |= roles.own_forces | roles.place_left.types
    assert named <= set(codebook.types)
    assert roles.place_left.sectors.codes <= set(codebook.sectors)


def test_lexicon_demand_entry_has_the_demand_role_type() -> None:
    lexicon = Lexicon.load()
    assert lexicon.demand_entry().type == lexicon.roles.demand
    assert lexicon.demand_entry().frame


def test_lexicon_load_checks_against_the_given_codebook() -> None:
    assert Lexicon.load(Codebook.load()) == Lexicon.load()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'focus_recipient = ["REQUEST", "THREATEN", "SANCTION", "ASSAULT"]',
            'focus_recipient = ["REQUEST", "THREATEN", "SANCTION", "FIGHT"]',
            "triggers.toml roles.focus_recipient[3]: 'FIGHT' is not a PLOVER event type"
            " in the codebook; use one of AGREE",
        ),
        (
            'demand = "REQUEST"',
            'demand = "DEMAND"',
            "triggers.toml roles.demand: 'DEMAND' is not a PLOVER event type",
        ),
        (
            'of_is_actor = ["RETREAT", "PROTEST", "MOBILIZE"]',
            "of_is_actor = []",
            "triggers.toml roles.of_is_actor: expected a non-empty list of event types",
        ),
        (
            'own_forces = ["RETREAT", "MOBILIZE"]',
            'own_forces = ["RETREAT", "DEPLOY"]',
            "triggers.toml roles.own_forces[1]: 'DEPLOY' is not a PLOVER event type",
        ),
        (
            'place_left = { types = ["RETREAT"], sectors = ["GOV"]',
            'place_left = { types = ["WITHDRAW"], sectors = ["GOV"]',
            "triggers.toml roles.place_left.types[0]: 'WITHDRAW' is not a PLOVER event type",
        ),
        (
            'sectors = ["GOV"], sectorless = true',
            'sectors = ["GVT"], sectorless = true',
            "triggers.toml roles.place_left.sectors[0]: 'GVT' is not a sector in the codebook",
        ),
        (
            'place_is_recipient = ["COERCE"',
            'place_is_recipient = ["COERCE"]\nplace_stands_for = ["COERCE"',
            "triggers.toml roles: unknown keys ['place_stands_for']",
        ),
        (
            "[roles]",
            "[role]",
            "triggers.toml roles: the [roles] table is missing",
        ),
        (
            'type = "AGREE"\nframe = true\nweight = 0.8',
            'type = "PLEDGE"\nframe = true\nweight = 0.8',
            "triggers.toml trigger 2: 'PLEDGE' is not a PLOVER event type in the codebook",
        ),
        (
            'mode = "multilateral"\nweight = 0.75',
            'mode = "summit"\nweight = 0.75',
            "'summit' is not a mode of CONSULT; its modes: visit, third-party",
        ),
        (
            'suicide-attack = ["suicide"]',
            'suicide-bombing = ["suicide"]',
            "triggers.toml modes.ASSAULT: 'suicide-bombing' is not a mode of ASSAULT",
        ),
    ],
)
def test_lexicon_rejects_types_modes_and_sectors_the_codebook_lacks(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = changed_triggers(tmp_path, old, new)
    with pytest.raises(LexiconError, match=re.escape(message)) as caught:
        Lexicon.from_path(path)
    assert "fix the trigger lexicon" in str(caught.value)


def test_lexicon_reads_an_unchanged_copy(tmp_path: Path) -> None:
    assert Lexicon.from_path(changed_triggers(tmp_path, "[roles]", "[roles]")) == Lexicon.load()
