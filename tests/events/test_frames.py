"""Whole frames: arms seized, positions set up, property destroyed, crowds in the street.

Property destruction is COERCE/seize, as harmattan's older arson entry codes it and as
PLOVER's own gold codes arson on offices, not ASSAULT/destroy."""

from __future__ import annotations

import pytest

from harmattan.pipeline import Resources, extract
from harmattan.records import Event
from tests.factories import article


def _events(text: str, resources: Resources) -> list[Event]:
    return list(extract(article(text, "2023-08-01"), resources).events)


@pytest.mark.parametrize(
    ("text", "type_name", "mode", "actor"),
    [
        (
            "Soldiers seized a large cache of weapons and ammunition in a raid near Gao.",
            "COERCE",
            "seize",
            "Soldiers",
        ),
        (
            "Police found several rifles and two grenades hidden in a house in Kano.",
            "COERCE",
            "seize",
            "Police",
        ),
        ("Soldiers defused a bomb planted on the road to Bamako.", "COERCE", "seize", "Soldiers"),
        (
            "Jihadists set up a checkpoint on the road between Mopti and Gao.",
            "MOBILIZE",
            "troops",
            "Jihadists",
        ),
        (
            "The army established a new military base near the border with Niger.",
            "MOBILIZE",
            "troops",
            "army",
        ),
        (
            "Gunmen torched dozens of houses in the village on Sunday.",
            "COERCE",
            "seize",
            "Gunmen",
        ),
        ("Militants burned the school and razed the market.", "COERCE", "seize", "Militants"),
        (
            "Protesters looted shops and set fire to cars in the city centre.",
            "COERCE",
            "seize",
            "Protesters",
        ),
        (
            "Thousands of people took to the streets of Khartoum demanding civilian rule.",
            "PROTEST",
            "demo",
            "people",
        ),
        ("Protesters chanted slogans against the junta.", "PROTEST", "demo", "Protesters"),
        (
            "Hundreds of students gathered outside the ministry on Monday.",
            "PROTEST",
            "demo",
            "students",
        ),
        (
            "Militants detonated a bomb near a police station in Kabul.",
            "ASSAULT",
            "explosives",
            "Militants",
        ),
        (
            "Soldiers destroyed a stockpile of landmines near the border.",
            "COERCE",
            "seize",
            "Soldiers",
        ),
    ],
)
def test_frame_is_coded_with_its_type_mode_and_actor(
    text: str, type_name: str, mode: str, actor: str, resources: Resources
) -> None:
    events = [e for e in _events(text, resources) if e.type == type_name]
    assert events, text
    assert events[0].mode == mode
    assert actor in [p.text for p in events[0].actors]


@pytest.mark.parametrize(
    ("text", "type_name"),
    [
        # Finding a body or a solution, recovering victims: no arms are taken.
        ("Police found the body of a missing trader near the river.", "COERCE"),
        ("The minister said the government had found a solution to the crisis.", "COERCE"),
        ("The troops recovered the bodies of the victims.", "COERCE"),
        # A firm's office or headquarters is no military position.
        ("The company set up an office in Nairobi.", "MOBILIZE"),
        ("The company set up its headquarters in Lagos.", "MOBILIZE"),
        # Graft is not looting, and a disaster destroys without an attacker.
        ("The former governor looted public funds.", "COERCE"),
        ("The earthquake destroyed hundreds of homes in Turkey.", "COERCE"),
        ("A fire destroyed the market in Onitsha.", "COERCE"),
        ("Heavy floods razed hundreds of houses across Niger.", "COERCE"),
        # Militants detonating a bomb attack with it; they do not dispose of it.
        ("Militants detonated a bomb near a police station in Kabul.", "COERCE"),
        # Meeting for a summit is no street protest.
        ("Leaders gathered in Abuja for the summit.", "PROTEST"),
    ],
)
def test_near_miss_is_not_coded(text: str, type_name: str, resources: Resources) -> None:
    assert [e for e in _events(text, resources) if e.type == type_name] == [], text
