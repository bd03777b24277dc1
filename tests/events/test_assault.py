"""The perpetrator test: harm words are ASSAULT only when someone did the harm."""

from __future__ import annotations

from pathlib import Path

import pytest

from harmattan.events.lexicon import Lexicon, LexiconError
from harmattan.pipeline import Resources, extract
from harmattan.records import Event
from tests.events.helpers import changed_triggers
from tests.factories import article


def _assaults(text: str, resources: Resources) -> list[Event]:
    types = resources.coder.lexicon.perpetrator.types
    return [e for e in extract(article(text, "2023-08-01"), resources).events if e.type in types]


@pytest.mark.parametrize(
    "text",
    [
        "A powerful earthquake in southern Turkey killed more than forty people on Tuesday.",
        "Heavy flooding in the north of Ghana has killed eleven people this week.",
        "Nine patients were killed in a fire at a hospital in Baghdad.",
        "Fourteen passengers were killed when their minibus overturned near Kano.",
        "A gas explosion at an apartment block in Lagos injured twenty residents.",
        "A cyclone struck the coast of Mozambique, killing at least thirty people.",
        "Three workers were injured when a boiler exploded at a textile factory near Dhaka.",
        "A ferry capsized on Lake Victoria. Twenty passengers were killed.",
        "A television crew captured footage of the landslide above the village.",
    ],
)
def test_assault_harm_with_an_accidental_cause_is_no_assault(
    text: str, resources: Resources
) -> None:
    assert _assaults(text, resources) == []


@pytest.mark.parametrize(
    ("text", "actor_sector"),
    [
        ("Gunmen killed seven farmers in central Nigeria on Sunday.", "UAF"),
        ("Militants killed four soldiers in an ambush near the border.", "REB"),
        ("Two students were killed by soldiers in Khartoum.", "MIL"),
        ("An airstrike killed twelve civilians in the Tigray region.", None),
        ("A car bomb exploded outside a police station in Mogadishu, killing six people.", None),
        ("Eight villagers were killed in an attack on a market in Gao.", None),
        ("Protesters were wounded when police opened fire in Nairobi.", None),
        ("Seven soldiers were killed in northern Mali on Tuesday.", None),
        ("The army captured the town of Kidal on Monday.", "MIL"),
    ],
)
def test_assault_harm_with_a_perpetrator_or_attack_frame_stays(
    text: str, actor_sector: str | None, resources: Resources
) -> None:
    events = _assaults(text, resources)
    assert events, text
    if actor_sector is not None:
        assert events[0].actors[0].actor.sector == actor_sector


def test_assault_a_hazard_in_a_name_is_no_cause(resources: Resources) -> None:
    text = "An officer of the Hurricane Regiment was killed near the border on Monday."
    assert _assaults(text, resources)


def test_assault_perpetrator_table_loads() -> None:
    test = Lexicon.load().perpetrator
    assert test.types == frozenset({"ASSAULT", "COERCE"})
    assert {"kill", "injure", "explosion"} <= test.harm_words
    assert {"gunman", "airstrike", "bomb"} <= test.attack_frames
    assert {"earthquake", "flood", "landslide"} <= test.accidental_causes
    assert "fire" in test.stated_accidental_causes


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("[perpetrator]\n", "[perpetrators]\n", r"the \[perpetrator\] table is missing"),
        (
            'types = ["ASSAULT", "COERCE"]\nharm_words',
            'types = ["FIGHT", "COERCE"]\nharm_words',
            r"perpetrator.types\[0\]: 'FIGHT' is not a PLOVER event type",
        ),
        ('harm_words = ["kill",', 'harm_words = [7, "kill",', r"harm_words\[0\]: 7 is not"),
        ('harm_words = ["kill",', 'harm_words = ["Kill",', "is not a lower-case lemma"),
        (
            'harm_words = ["kill",',
            'harm_words = ["quake", "kill",',
            "'quake' is not a trigger lemma of",
        ),
        ('stated_accidental_causes = ["fire"]', "stated_accidental_causes = []", "non-empty"),
        (
            'stated_accidental_causes = ["fire"]',
            'stated_accidental_causes = ["bomb"]',
            r"\['bomb'\] are in both attack_frames and stated_accidental_causes",
        ),
        ("cause_preps = [", 'colour = "red"\ncause_preps = [', r"unknown keys \['colour'\]"),
    ],
)
def test_assault_perpetrator_table_is_validated(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    with pytest.raises(LexiconError, match=message):
        Lexicon.from_path(changed_triggers(tmp_path, old, new))


def test_lexicon_except_objects_veto_a_sense(resources: Resources) -> None:
    # An entry that lists its objects ("captured weapons") cannot take footage anyway.
    entries = [e for e in resources.coder.lexicon.entries("capture", "VERB") if e.objects is None]
    assert entries
    assert all("footage" in e.except_objects for e in entries)
